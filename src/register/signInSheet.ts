/**
 * A blank sign-in sheet (签到表) for a session, to print and hand round: the class and session in its title,
 * the roster below. Filled in and imported with `import attendance`, it lands on that session with no option,
 * by the rules of formats.md (class, date and slot from the title; each person by name within their unit).
 */
import type { Db } from '../db/open.js';
import { classHasRecords } from '../db/attendance.js';
import { classRoster, doorSession, findClass } from './classes.js';
import { PeixunError, problem } from '../errors.js';
import type { Slot } from '../import/normalise.js';
import { UnitStore } from '../db/units.js';

export interface SignInSheet {
  code: string;
  className: string;
  date: string;
  slot: Slot;
  venue: string | null;
  organiser: string;
  /** The roster, in unit order: who is expected. */
  entries: { name: string; unit: string }[];
}

/**
 * The sheet for a session. Without a date: a one-day class's day; today, when today is within the class's dates;
 * else the class's start date while it has no session yet (the first session); otherwise the date must be given.
 */
export function signInSheet(
  db: Db,
  code: string,
  given: { date?: string; slot?: Slot; today: string },
): SignInSheet {
  const klass = findClass(db, code);
  if (klass.status === 'cancelled') throw new PeixunError(problem('sheetCancelled', { code: klass.code }));
  const end = klass.end_date ?? klass.start_date;
  let date = given.date;
  if (date === undefined) {
    if (end === klass.start_date) date = klass.start_date;
    else if (given.today >= klass.start_date && given.today <= end) date = given.today;
    else if (!classHasRecords(db, klass.id)) date = klass.start_date;
    else throw new PeixunError(problem('sheetNeedsDate', { code: klass.code, start: klass.start_date, end }));
  }
  const session = doorSession(db, klass, date, given.slot);
  const roster = classRoster(db, klass.id, session.date, session.slot);
  return {
    code: klass.code,
    className: klass.name,
    date: session.date,
    slot: session.slot,
    venue: klass.venue,
    organiser: new UnitStore(db).path(klass.organiser_unit_id),
    entries: roster.map((entry) => ({ name: entry.name, unit: entry.unit })),
  };
}
