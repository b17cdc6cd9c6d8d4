/** Coverage, and the list of those not yet trained, as a report table. */
import type { Translator } from '../i18n/index.js';
import type { CoverageReport, CoverageRow } from '../stats/coverage.js';
import { definitions, groupHeading, groupLabel } from './figures.js';
import type { ReportTable, Section } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../domain/attendance.js';

export function coverageTable(report: CoverageReport, t: Translator, heading: ReportHeading): ReportTable {
  const line = (row: CoverageRow) => [
    groupLabel(t, row.group),
    row.registered,
    row.trained,
    row.untrained,
    row.coverage,
  ];
  const groupHead = groupHeading(t, report.by);
  const levelText = report.level ? t(`level.${report.level}`) : '';
  const sections: Section[] = [
    {
      columns: [
        { label: groupHead, kind: 'text' },
        { label: t('column.registered'), kind: 'count' },
        { label: t('column.trained'), kind: 'count' },
        { label: t('column.untrained'), kind: 'count' },
        { label: t('figure.coverage'), kind: 'rate' },
      ],
      rows: [...report.rows.map(line), line(report.total)],
      totals: 1,
      chart: report.by ? 'every' : undefined,
    },
  ];
  if (report.untrained) {
    sections.push({
      heading: t('untrainedHeading', { count: report.untrained.length }),
      columns: [
        { label: t('column.name'), kind: 'text' },
        { label: t('column.idNumber'), kind: 'text' },
        { label: t('column.unit'), kind: 'text' },
        { label: t('column.category'), kind: 'text' },
        { label: t('column.position'), kind: 'text' },
      ],
      rows: report.untrained.map((person) => [
        person.name,
        person.idNumber,
        person.unit,
        person.category,
        person.position ?? '',
      ]),
      totals: 0,
    });
  }
  return {
    title: t('coverageTitle', {
      label: report.period.label,
      by: report.by ? ` · ${levelText ? t('byLevel', { by: groupHead, level: levelText }) : groupHead}` : '',
    }),
    subtitle: subtitle(t, heading, report.period.from, report.period.to),
    sections,
    notes: [t('noteCoverageReport')],
    definitions: definitions(t, DEFAULT_COMPLETION_THRESHOLD),
    warnings: [],
  };
}
