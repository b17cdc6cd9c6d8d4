/**
 * A blank sign-in sheet (签到表) for a session, to print and hand round: the class and session in its title,
 * the roster below. Filled in and imported with `import attendance`, it lands on that session with no option,
 * by the rules of formats.md (class, date and slot from the title; each person by name within their unit).
 */
import type { Db } from '../db/handle.js';
import type { RosterOrder } from './classes.js';
import { classHasRecords } from '../db/attendance.js';
import { CourseStore } from '../db/classes.js';
import { SessionStore, sessionIsHeld } from '../db/sessions.js';
import { classRoster, doorSession, findClass } from './classes.js';
import { PeixunError, problem } from '../errors.js';
import { type Slot } from '../domain/attendance.js';
import { UnitStore } from '../db/units.js';

export interface SignInSheet {
  code: string;
  className: string;
  date: string;
  slot: Slot;
  venue: string | null;
  /** From the timetable, where it says them. */
  teacher?: string;
  time?: string;
  organiser: string;
  /** The roster, in the order asked for (by unit, unless said): who is expected. */
  entries: { name: string; unit: string }[];
}

/**
 * The sheet for a session. Without a date: a one-day class's day; today, when today is within the class's dates;
 * else the timetable's next session not held yet; else the class's start date while it has no session yet (the
 * first session); otherwise the date must be given.
 */
export function signInSheet(
  db: Db,
  code: string,
  given: { date?: string; slot?: Slot; today: string; order?: RosterOrder },
): SignInSheet {
  const klass = findClass(db, code);
  if (klass.status === 'cancelled') throw new PeixunError(problem('sheetCancelled', { code: klass.code }));
  const end = klass.end_date ?? klass.start_date;
  let date = given.date;
  if (date === undefined) {
    if (end === klass.start_date) date = klass.start_date;
    else if (given.today >= klass.start_date && given.today <= end) date = given.today;
    else date = nextPlanned(db, klass.id, given.today);
    if (date === undefined && !classHasRecords(db, klass.id)) date = klass.start_date;
    if (date === undefined)
      throw new PeixunError(problem('sheetNeedsDate', { code: klass.code, start: klass.start_date, end }));
  }
  const session = doorSession(db, klass, date, given.slot);
  const roster = classRoster(db, klass.id, session.date, session.slot, given.order);
  // The timetable's session, where there is one: its own venue, teacher and times go on the sheet.
  const planned = new SessionStore(db).find(klass.id, session.date, session.slot);
  const course = planned?.course_id ? new CourseStore(db).byId(planned.course_id) : undefined;
  const teacher = planned?.teacher ?? course?.teacher ?? undefined;
  return {
    code: klass.code,
    className: klass.name,
    date: session.date,
    slot: session.slot,
    venue: planned?.venue ?? klass.venue,
    ...(teacher ? { teacher } : {}),
    ...(planned?.start_time
      ? { time: [planned.start_time, planned.end_time].filter(Boolean).join('-') }
      : {}),
    organiser: new UnitStore(db).path(klass.organiser_unit_id),
    entries: roster.map((entry) => ({ name: entry.name, unit: entry.unit })),
  };
}

/** The first session of the timetable on or after today that nobody has signed in to yet, else the first one. */
function nextPlanned(db: Db, classId: number, today: string): string | undefined {
  const planned = new SessionStore(db)
    .all(classId)
    .filter((session) => !sessionIsHeld(db, session))
    .map((session) => session.date);
  return planned.find((date) => date >= today) ?? planned[0];
}
