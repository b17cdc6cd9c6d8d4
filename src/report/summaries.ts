/** The quarterly and annual summaries as report tables. */
import { say, type Translator } from '../i18n/index.js';
import type { AnnualSummary } from '../stats/annual.js';
import type { Figures, Summary } from '../stats/summary.js';
import {
  definitions,
  figureColumn,
  figureKeysFor,
  FIGURE_KINDS,
  groupHeading,
  groupLabel,
} from './figures.js';
import type { ReportTable, Section } from './model.js';

export interface ReportHeading {
  /** The organising unit named on a printed report. */
  organisation: string;
}

function title(t: Translator, summary: Summary, kind: 'reportTitle' | 'annualTitle' | 'rollupTitle'): string {
  const groupHead = groupHeading(t, summary.by);
  const levelText = summary.level ? t(`level.${summary.level}`) : '';
  return t(kind, {
    label: summary.period.label,
    from: summary.period.from,
    to: summary.period.to,
    by: summary.by ? ` · ${levelText ? t('byLevel', { by: groupHead, level: levelText }) : groupHead}` : '',
  });
}

export function subtitle(t: Translator, heading: ReportHeading, from: string, to: string): string {
  // No organisation known (a register of several districts and none set): the period alone, not "— · 统计期间".
  return heading.organisation
    ? t('reportSubtitle', { organisation: heading.organisation, from, to })
    : t('reportSubtitlePeriod', { from, to });
}

function notes(t: Translator, summary: Summary): string[] {
  return [
    t('noteThreshold', { threshold: `${Math.round(summary.completionThreshold * 1000) / 10}%` }),
    ...(summary.by === 'category' || summary.by === 'unit' ? [t('noteTraineeGroups')] : []),
  ];
}

export function quarterlyTable(
  summary: Summary,
  t: Translator,
  heading: ReportHeading,
  titled: 'reportTitle' | 'rollupTitle' = 'reportTitle',
): ReportTable {
  const keys = figureKeysFor(summary.by, summary.total);
  const line = (figures: Figures) => [
    groupLabel(t, figures.group),
    ...keys.map((key) => figures[key] ?? null),
  ];
  const section: Section = {
    columns: [
      { label: groupHeading(t, summary.by), kind: 'text' },
      ...keys.map((key) => figureColumn(t, key)),
    ],
    rows: [...summary.rows.map(line), line(summary.total)],
    totals: 1,
    chart: summary.by !== null ? 'every' : undefined,
  };
  return {
    title: title(t, summary, titled),
    subtitle: subtitle(t, heading, summary.period.from, summary.period.to),
    sections: [section],
    notes: notes(t, summary),
    definitions: definitions(t, summary.completionThreshold),
    warnings: summary.warnings.map((warning) => say(t, warning)),
  };
}

/** One section per figure: the groups down, the quarters and the whole period across. */
export function annualTable(annual: AnnualSummary, t: Translator, heading: ReportHeading): ReportTable {
  const keys = figureKeysFor(annual.by, annual.total);
  const groups = [...annual.rows.map((row) => row.group), null];
  const figuresOf = (summary: Summary, group: string | null) =>
    group === null ? summary.total : summary.rows.find((row) => row.group === group);
  const sections = keys.map((key): Section => {
    const empty = FIGURE_KINDS[key] === 'rate' || key === 'hoursPerParticipant' ? null : 0;
    const valueOf = (summary: Summary, group: string | null) => {
      const figures = figuresOf(summary, group);
      return figures && figures[key] !== undefined ? figures[key] : empty;
    };
    return {
      heading: t(`figure.${key}`),
      columns: [
        { label: groupHeading(t, annual.by), kind: 'text' },
        ...annual.quarters.map((quarter) => ({ label: quarter.period.label, kind: FIGURE_KINDS[key] })),
        {
          label: /^\d{4}$/.test(annual.period.label) ? t('wholeYear') : t('wholePeriod'),
          kind: FIGURE_KINDS[key],
        },
      ],
      rows: groups.map((group) => [
        groupLabel(t, group),
        ...annual.quarters.map((quarter) => valueOf(quarter, group)),
        valueOf(annual, group),
      ]),
      totals: 1,
      chart: annual.by !== null ? 'last' : undefined,
    };
  });
  return {
    title: title(t, annual, 'annualTitle'),
    subtitle: subtitle(t, heading, annual.period.from, annual.period.to),
    sections,
    notes: [t('noteAnnualParticipants'), ...notes(t, annual)],
    definitions: definitions(t, annual.completionThreshold),
    warnings: annual.warnings.map((warning) => say(t, warning)),
  };
}
