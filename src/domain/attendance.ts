/**
 * Sign-ins and completion as statistics.md defines them: the statuses, which of them count as attended, the
 * sessions' slots, and the one-seventh rule of completion. Every count of attendance and completion takes them
 * from here, so that a rule is written once.
 */

export const SLOTS = ['上午', '下午', '晚上'] as const;

/** formats.md: the hours one session may credit; an enrolment earns at most this for each attended record. */
export const MAX_SESSION_HOURS = 24;
/** formats.md: the hours of a class; a course of the programme or on a platform is no longer than a class. */
export const MAX_CLASS_HOURS = 2000;
export type Slot = (typeof SLOTS)[number] | '';

export const ATTENDANCE_STATUSES = ['present', 'late', 'left_early', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
/** statistics.md: an attended record is present, late or left early (早退 still sat the session). */
export const ATTENDED_STATUSES: ReadonlySet<string> = new Set<AttendanceStatus>([
  'present',
  'late',
  'left_early',
]);
export const isAttended = (status: string | null | undefined) => ATTENDED_STATUSES.has(status ?? '');
/**
 * The same set in a query: 1 when the column's status is attended, else 0 (constants of this module, never user
 * text). A CASE, not `IN (…)`: SQLite looks `IN` with three or more values up in a temporary index, row by row,
 * which took a sixth of a quarterly report's query.
 */
export const attendedSql = (column: string): string =>
  `(CASE ${column} ${[...ATTENDED_STATUSES].map((status) => `WHEN '${status}' THEN 1`).join(' ')} ELSE 0 END)`;

/** Six of seven sessions: the one-seventh leave rule of the 2023 cadre-training regulation. */
export const DEFAULT_COMPLETION_THRESHOLD = 6 / 7;

/** attended ÷ sessions ≥ threshold, without the rounding error of 6/7 in floating point. */
export function isComplete(attended: number, sessions: number, threshold: number): boolean {
  return sessions > 0 && attended >= threshold * sessions - 1e-9;
}

/**
 * What a 备注 (remarks) column says of a sign-in: 迟到 late, 早退 (中途离开, 提前离场) left early, 请假 (事假, 病假,
 * 公假, 休假, 调休, 年假) excused; `both` where it says 迟到 and 早退 at once (one status cannot hold both), undefined
 * where it says none of them.
 */
export function statusInNote(note: string): 'late' | 'left_early' | 'excused' | 'both' | undefined {
  const late = note.includes('迟到');
  const early = /早退|中途离[开场]|提前离[开场]/.test(note);
  if (late && early) return 'both';
  if (late) return 'late';
  if (early) return 'left_early';
  return /[请事病公休年]假|调休/.test(note) ? 'excused' : undefined;
}

/** formats.md: a sign-in this many minutes after its session's start is still on time (config `late-grace-minutes`). */
export const DEFAULT_LATE_GRACE_MINUTES = 0;
