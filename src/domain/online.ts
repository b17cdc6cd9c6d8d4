/**
 * Attendance of an online session from a meeting app's participant list (formats.md, "Meeting exports"): a
 * person's joins merged (an overlap counted once) and clipped to the session's window; the share of the window
 * they were in decides their status. Times are minutes on one clock (a day's wall clock, or minutes since any
 * fixed moment): the rule only compares and subtracts them.
 */
import type { AttendanceStatus } from './attendance.js';

/** In the window for at least two thirds of it: present (config `online-present-ratio`). */
export const DEFAULT_ONLINE_PRESENT_RATIO = 2 / 3;

export interface Interval {
  from: number;
  to: number;
}

/** Minutes of the joins inside the window, an overlap of two joins (two devices, a rejoin) counted once. */
export function minutesInWindow(joins: readonly Interval[], window: Interval): number {
  const clipped = joins
    .map((join) => ({ from: Math.max(join.from, window.from), to: Math.min(join.to, window.to) }))
    .filter((join) => join.to > join.from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let end = -Infinity;
  for (const join of clipped) {
    const from = Math.max(join.from, end);
    if (join.to > from) total += join.to - from;
    end = Math.max(end, join.to);
  }
  return total;
}

export interface OnlinePresence {
  status: AttendanceStatus;
  /** Minutes in the window, to one decimal. */
  minutes: number;
  /** Hours credited: null for present and late (the session's hours, as on sign-in sheets); a share for 早退. */
  hours: number | null;
}

/**
 * A person's status in an online session: at least `ratio` of the window → present, or late when their first
 * join is later than the start by more than `graceMinutes`; less, but some → 早退 (left early), credited the
 * session's hours times their share of the window, to one decimal; none → absent.
 */
export function onlinePresence(
  joins: readonly Interval[],
  window: Interval,
  rule: { ratio: number; graceMinutes: number; sessionHours: number },
): OnlinePresence {
  const length = window.to - window.from;
  const exact = minutesInWindow(joins, window);
  const minutes = Math.round(exact * 10) / 10;
  if (exact <= 0 || length <= 0) return { status: 'absent', minutes: 0, hours: null };
  if (exact >= rule.ratio * length - 1e-9) {
    const firstJoin = Math.min(...joins.map((join) => join.from));
    const late = firstJoin > window.from + rule.graceMinutes;
    return { status: late ? 'late' : 'present', minutes, hours: null };
  }
  return {
    status: 'left_early',
    minutes,
    hours: Math.round(rule.sessionHours * (exact / length) * 10) / 10,
  };
}
