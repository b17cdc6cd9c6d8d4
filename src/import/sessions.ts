/**
 * Which session a sign-in belongs to (formats.md, Attendance): a session is a (class, date, slot). The rules
 * are shared by imports and by `attend`, so that a sheet and the checklist can never disagree.
 */
import type { Problem } from './normalise.js';
import type { Parsed } from './normalise.js';
import { textDateIso, type TextDate } from './normalise.js';
import { type Slot } from '../domain/attendance.js';

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
  klass: { code: string },
  date: string,
  given: Slot | undefined,
): Parsed<Slot> {
  if (given) {
    if (existing.has('') && !existing.has(given)) {
      return {
        ok: false,
        problem: { code: 'slotlessSessionExists', params: { code: klass.code, date, slot: given } },
      };
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

/** What a sign-in line or title may say of its session (formats.md, Sessions and the timetable). */
export interface StatedSession {
  course_id?: number;
  teacher?: string;
  venue?: string;
  online?: 0 | 1;
}

export type StatedField = keyof StatedSession;
export const STATED_FIELDS: readonly StatedField[] = ['course_id', 'teacher', 'venue', 'online'];

/** Where a stated value came from: the row (or 0 for the title) and how it reads to a person. */
interface Statement {
  value: string | number;
  row: number;
  shown: string;
}

/**
 * The session values one file has stated so far, by session: the first line (or the title) that states one sets
 * it for the file; a later line that states another is a disagreement, refused naming both lines.
 */
export class FileSessionStatements {
  private readonly bySession = new Map<string, Map<StatedField, Statement>>();

  /** The first field this row states otherwise than an earlier line of the file did. */
  disagreement(
    session: string,
    stated: StatedSession,
    shown: (field: StatedField, value: string | number) => string,
  ): { field: StatedField; earlier: Statement; value: string } | undefined {
    const known = this.bySession.get(session);
    if (!known) return undefined;
    for (const field of STATED_FIELDS) {
      const value = stated[field];
      const earlier = known.get(field);
      if (value !== undefined && earlier && earlier.value !== value)
        return { field, earlier, value: shown(field, value) };
    }
    return undefined;
  }

  remember(
    session: string,
    stated: StatedSession,
    row: number,
    shown: (field: StatedField, value: string | number) => string,
  ): void {
    let known = this.bySession.get(session);
    if (!known) this.bySession.set(session, (known = new Map()));
    for (const field of STATED_FIELDS) {
      const value = stated[field];
      if (value !== undefined && !known.has(field))
        known.set(field, { value, row, shown: shown(field, value) });
    }
  }
}
