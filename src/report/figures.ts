/** The standard figures as report columns, and the sections of the group reports built from them. */
import type { MessageKey, Translator } from '../i18n/index.js';
import { LEVEL_LABELS, NONE_LABEL, type Figures, type Grouping } from '../stats/summary.js';
import type { CellKind, Column } from './model.js';

export const FIGURE_KINDS = {
  classes: 'count',
  participantTimes: 'count',
  participants: 'count',
  hours: 'hours',
  hoursPerParticipant: 'hours',
  attendanceRate: 'rate',
  completionRate: 'rate',
  coverage: 'rate',
  courses: 'count',
  projects: 'count',
  mentoringPairs: 'count',
  offlineHours: 'hours',
  onlineHours: 'hours',
  platformHours: 'hours',
} as const satisfies Partial<Record<keyof Figures, CellKind>>;
export type FigureKey = keyof typeof FIGURE_KINDS;
export const FIGURE_KEYS = Object.keys(FIGURE_KINDS) as FigureKey[];

/**
 * The figures a summary shows: coverage only where rows are groups of trainees; courses and projects only
 * where the register has some, so that a register without them is not padded with zeros.
 */
export function figureKeysFor(by: Grouping | null, total?: Figures): FigureKey[] {
  const trainees = by === 'category' || by === 'unit';
  return FIGURE_KEYS.filter((key) => {
    if (key === 'coverage') return trainees;
    // Shown where the period has anything online: the summary then holds these keys.
    if (key === 'offlineHours' || key === 'onlineHours' || key === 'platformHours')
      return !total || total[key] !== undefined;
    // A figure not available (null: a roll-up with bundles of the older format) is shown as —, never left out.
    if (key === 'mentoringPairs') return !total || total[key] === null || (total[key] ?? 0) > 0;
    if (key === 'courses' || key === 'projects') return !total || (total[key] ?? 0) > 0;
    return true;
  });
}

export function figureColumn(t: Translator, key: FigureKey): Column {
  return {
    label: t(`figure.${key}`),
    short: t(`figureShort.${key}`),
    kind: FIGURE_KINDS[key],
  };
}

export function groupLabel(t: Translator, group: string | null): string {
  if (group === null) return t('groupTotal');
  if (group === LEVEL_LABELS[1]) return t('districtLevelGroup');
  if (group === LEVEL_LABELS[2]) return t('subdistrictLevelGroup');
  return group === NONE_LABEL ? t('noneGroup') : group;
}

export function groupHeading(t: Translator, by: Grouping | null): string {
  return by ? t(`by.${by}`) : t('groupColumn');
}

/** 统计口径: every definition the figures follow, with the completion threshold in force. */
export function definitions(t: Translator, completionThreshold: number): string[] {
  const threshold = `${Math.round(completionThreshold * 1000) / 10}%`;
  return [
    t('defPeriod'),
    t('defSession'),
    ...FIGURE_KEYS.map(
      (key) => `${t(`figure.${key}`)}: ${t.dynamic(`def.${key}` as MessageKey, { threshold })}`,
    ),
    t('defNone'),
    t('defHistory'),
  ];
}
