/** A cross table as a report: the row groups down, the column groups across, each row's and column's total. */
import { say, type Translator } from '../i18n/index.js';
import type { CrossSummary } from '../stats/cross.js';
import { definitions, FIGURE_KINDS, groupHeading, groupLabel } from './figures.js';
import type { ReportTable } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';

export function crossTable(
  cross: CrossSummary,
  t: Translator,
  heading: ReportHeading,
  titled: 'reportTitle' | 'annualTitle' | 'rollupTitle',
): ReportTable {
  const kind = FIGURE_KINDS[cross.figure];
  const levelText = cross.level ? t(`level.${cross.level}`) : '';
  const side = (by: CrossSummary['by']) => {
    const text = groupHeading(t, by);
    return levelText && (by === 'unit' || by === 'organiser')
      ? t('byLevel', { by: text, level: levelText })
      : text;
  };
  const figure = t(`figure.${cross.figure}`);
  const trainees = [cross.by, cross.then].some((by) => by === 'unit' || by === 'category');
  return {
    title: t(titled, {
      label: cross.period.label,
      from: cross.period.from,
      to: cross.period.to,
      by: ` · ${t('crossBy', { rows: side(cross.by), columns: side(cross.then), figure })}`,
    }),
    subtitle: subtitle(t, heading, cross.period.from, cross.period.to),
    sections: [
      {
        columns: [
          { label: groupHeading(t, cross.by), kind: 'text' },
          ...cross.columns.map((column) => ({ label: groupLabel(t, column), kind })),
          { label: t('groupTotal'), kind },
        ],
        rows: [
          ...cross.rows.map((row) => [groupLabel(t, row.group), ...row.cells, row.total]),
          [t('groupTotal'), ...cross.columnTotals, cross.total],
        ],
        totals: 1,
      },
    ],
    notes: [
      // What a total is depends on the figure: hours and 人次 add up, 人数 and 班次 do not (one person, one class
      // can be in several cells), rates are counted afresh.
      cross.figure === 'hours' || cross.figure === 'participantTimes'
        ? t('noteCrossAdditive')
        : cross.figure === 'participants' || cross.figure === 'classes'
          ? t('noteCross')
          : t('noteCrossRecount'),
      t('noteThreshold', { threshold: `${Math.round(cross.completionThreshold * 1000) / 10}%` }),
      ...(trainees ? [t('noteTraineeGroups')] : []),
    ],
    definitions: definitions(t, cross.completionThreshold),
    warnings: cross.warnings.map((warning) => say(t, warning)),
  };
}
