/** The city's roll-up as a report: the quarterly table's figures, with what the bundles were and were not. */
import type { Translator } from '../i18n/index.js';
import type { RollupSummary } from '../bundle/rollup.js';
import type { ReportTable } from './model.js';
import { crossTable } from './cross.js';
import { quarterlyTable, type ReportHeading } from './summaries.js';

export function rollupTable(summary: RollupSummary, t: Translator, heading: ReportHeading): ReportTable {
  const table = summary.cross
    ? crossTable(summary.cross, t, heading, 'rollupTitle')
    : quarterlyTable(summary, t, heading, 'rollupTitle');
  const districts = summary.districts.map((district) => district.district);
  const notes = [
    t('rollupDistricts', { count: districts.length, names: districts.join(t('listSeparator')) }),
    // Said only when it happened: "0 people … counted once" reads as a rule broken, not a rule kept.
    ...(summary.multiDistrictParticipants > 0
      ? [t('rollupMultiDistrict', { count: summary.multiDistrictParticipants })]
      : []),
    ...(summary.localParticipants > 0 ? [t('rollupLocal', { count: summary.localParticipants })] : []),
    ...([summary.by, summary.cross?.then].some((by) => by === 'category' || by === 'unit')
      ? [t('rollupCoverageNote')]
      : []),
  ];
  const { missing } = summary;
  const warnings = [
    ...(missing.names && missing.count > 0
      ? [t('rollupMissingNames', { count: missing.count, names: missing.names.join(t('listSeparator')) })]
      : []),
    ...(!missing.names && missing.count > 0
      ? [t('rollupMissingCount', { count: missing.count, expected: missing.count + districts.length })]
      : []),
    ...(summary.unexpected.length > 0
      ? [t('rollupUnexpected', { names: summary.unexpected.join(t('listSeparator')) })]
      : []),
    ...(summary.olderFormat.length > 0
      ? [t('rollupOlderFormat', { names: summary.olderFormat.join(t('listSeparator')) })]
      : []),
    ...summary.replaced.map((bundle) =>
      t('rollupReplaced', { district: bundle.district, file: bundle.file }),
    ),
  ];
  return {
    ...table,
    notes: [...notes, ...table.notes],
    warnings: [...warnings, ...table.warnings],
  };
}
