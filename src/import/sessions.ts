/**
 * Which session a sign-in belongs to (formats.md, Attendance): a session is a (class, date, slot). The rules
 * are shared by imports and by `attend`, so that a sheet and the checklist can never disagree.
 */
import type { Problem } from './normalise.js';
import type { Parsed } from './normalise.js';
import { textDateIso, type Slot, type TextDate } from './normalise.js';

export interface ClassDates {
  code: string;
  start_date: string;
  end_date: string | null;
}

/** The last day of a class: a class without an end date runs on its start date alone. */
export function lastDay(klass: ClassDates): string {
  return klass.end_date ?? klass.start_date;
}

export function runsOnOneDay(klass: ClassDates): boolean {
  return lastDay(klass) === klass.start_date;
}

/** A sign-in dated outside the class's dates belongs to no session of it. */
export function dateOutside(klass: ClassDates, date: string): Problem | undefined {
  if (date >= klass.start_date && date <= lastDay(klass)) return undefined;
  if (klass.end_date === null) {
    return { code: 'dateOutsideOneDayClass', params: { date, code: klass.code, start: klass.start_date } };
  }
  return {
    code: 'dateOutsideClass',
    params: { date, code: klass.code, start: klass.start_date, end: lastDay(klass) },
  };
}

/**
 * A title's date without a year (`7月12日`) takes the year of the class's dates: its start year, or its end
 * year for a class that runs over the new year and the date falls in the later part.
 */
export function titleDate(date: TextDate, klass: ClassDates): string {
  if (date.year !== undefined) return textDateIso(date, date.year);
  const startYear = Number(klass.start_date.slice(0, 4));
  const inStartYear = textDateIso(date, startYear);
  const endYear = Number(lastDay(klass).slice(0, 4));
  return inStartYear < klass.start_date && endYear !== startYear ? textDateIso(date, endYear) : inStartYear;
}

/**
 * The session's date: the row's own, else the command's or the title's, else the start date of a class that
 * runs on one day. A class of several days never defaults to its first: the row is refused (which day?).
 */
export function sessionDate(klass: ClassDates, given: string | undefined): Parsed<string> {
  const date = given ?? (runsOnOneDay(klass) ? klass.start_date : undefined);
  if (date === undefined) {
    return {
      ok: false,
      problem: {
        code: 'dateWhich',
        params: { code: klass.code, start: klass.start_date, end: lastDay(klass) },
      },
    };
  }
  const outside = dateOutside(klass, date);
  return outside ? { ok: false, problem: outside } : { ok: true, value: date };
}

/**
 * The session's slot. Given one, it is that one, unless the date already has a session without a slot (which
 * the sign-in would silently split in two). Given none, the date's one session; several → which slot?; none →
 * a session without a slot.
 */
export function sessionSlot(
  existing: ReadonlySet<string>,
  date: string,
  given: Slot | undefined,
): Parsed<Slot> {
  if (given) {
    if (existing.has('') && !existing.has(given)) {
      return { ok: false, problem: { code: 'slotlessSessionExists', params: { date, slot: given } } };
    }
    return { ok: true, value: given };
  }
  if (existing.size > 1) {
    const slots = [...existing].sort().join(', ');
    return { ok: false, problem: { code: 'slotWhich', params: { date, slots } } };
  }
  const [only] = existing;
  return { ok: true, value: (only ?? '') as Slot };
}
