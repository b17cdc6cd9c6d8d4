/** How figures read in tables, CSV and Markdown: rates as percentages with one decimal, hours with up to one. */
import type { Translator, MessageKey } from '../i18n/index.js';
import { NONE_LABEL, type Figures, type Summary } from '../stats/summary.js';

export const FIGURE_KEYS = [
  'classes',
  'participantTimes',
  'participants',
  'hours',
  'hoursPerParticipant',
  'attendanceRate',
  'completionRate',
  'coverage',
] as const satisfies readonly (keyof Figures)[];
type FigureKey = (typeof FIGURE_KEYS)[number];

const RATES = new Set<FigureKey>(['attendanceRate', 'completionRate', 'coverage']);
const HOURS = new Set<FigureKey>(['hours', 'hoursPerParticipant']);

export function formatFigure(key: FigureKey, value: number | null): string {
  if (value === null) return '—';
  if (RATES.has(key)) return `${(value * 100).toFixed(1)}%`;
  if (HOURS.has(key)) return String(Math.round(value * 10) / 10);
  return String(value);
}

/** Coverage is a figure only where rows are groups of trainees. */
export function columnsOf(summary: Summary): FigureKey[] {
  const trainees = summary.by === 'category' || summary.by === 'unit';
  return FIGURE_KEYS.filter((key) => key !== 'coverage' || trainees);
}

export interface TextTable {
  title: string;
  head: string[];
  body: string[][];
  /** The last body row is the total. */
  notes: string[];
}

export function textTable(summary: Summary, t: Translator): TextTable {
  const columns = columnsOf(summary);
  const groupHead = summary.by ? t(`by.${summary.by}` as MessageKey) : t('groupColumn');
  const head = [groupHead, ...columns.map((key) => t(`figure.${key}` as MessageKey))];
  const line = (figures: Figures, label: string) => [
    label,
    ...columns.map((key) => formatFigure(key, figures[key])),
  ];
  const body = summary.rows.map((row) =>
    line(row, row.group === NONE_LABEL ? t('noneGroup') : (row.group ?? '')),
  );
  body.push(line(summary.total, t('groupTotal')));
  const levelText = summary.level ? t(`level.${summary.level}` as MessageKey) : '';
  const title = t('reportTitle', {
    label: summary.period.label,
    from: summary.period.from,
    to: summary.period.to,
    by: summary.by ? ` · ${levelText ? t('byLevel', { by: groupHead, level: levelText }) : groupHead}` : '',
  });
  const notes = [
    t('noteThreshold', { threshold: `${Math.round(summary.completionThreshold * 1000) / 10}%` }),
    ...(summary.by === 'category' || summary.by === 'unit' ? [t('noteTraineeGroups')] : []),
  ];
  return { title, head, body, notes };
}
