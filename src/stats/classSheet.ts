/**
 * A class's attendance sheet: the roster down, the sessions across, with hours and completion per trainee,
 * and those flagged whose absences (excused or not) exceed one seventh of the sessions.
 */
import { classDetails, classNamed, classNotFound, type ClassDetails } from '../db/classes.js';
import { rosterWithoutRecords } from '../db/attendance.js';
import type { Db } from '../db/handle.js';
import { UnitStore } from '../db/units.js';
import { isAttended, isComplete } from '../domain/attendance.js';
import { byUnitThenName } from '../order.js';
import { bySessionOrder } from '../db/sessions.js';

export interface SheetSession {
  date: string;
  slot: string;
}

/**
 * How a session was held: who taught it (its sheet's 授课教师, else its course's), where, and whether online. A
 * description, not a figure: filed reports leave it out of what they compare.
 */
export interface SessionHeld {
  teacher: string | null;
  venue: string | null;
  online: boolean;
}

export interface SheetTrainee {
  name: string;
  unit: string;
  /** One status per session, in session order; null where the trainee has no record for it. */
  statuses: (string | null)[];
  attended: number;
  /** Sessions not attended: excused, absent, or missing from the sheet. */
  absences: number;
  hours: number;
  completed: boolean;
  /** Absences exceed what the completion rule allows (one seventh of the sessions by default). */
  flagged: boolean;
  /**
   * Of each online session a meeting list signed in to: the minutes the trainee was in its window (null for the
   * others). Only where the class has such a session, so a sheet filed before meeting lists keeps its hash.
   */
  minutes?: (number | null)[];
  /**
   * Sessions left early (早退): attended, yet worth a word with the trainee. Only where there are some, so a
   * sheet filed before 早退 existed keeps its figures' hash.
   */
  leftEarly?: number;
}

/** On the roster (`import enrolments`, or a sign-in's enrolment) without a single record in the class. */
export interface SheetAbsentee {
  name: string;
  unit: string;
}

export interface ClassSheet {
  report: 'class';
  class: ClassDetails;
  completionThreshold: number;
  sessions: SheetSession[];
  trainees: SheetTrainee[];
  /** Enrolled, never came (none: omitted). Not enrolments by statistics.md, so in no figure. */
  enrolledNeverCame?: SheetAbsentee[];
  /** Each session's teacher, venue and mode, in the order of `sessions`; omitted where no sheet said any. */
  held?: SessionHeld[];
  /** The timetable's sessions nobody has signed in to yet: in no figure (omitted where there are none). */
  planned?: PlannedSession[];
}

/** A session of the timetable not held yet. A description, not a figure. */
export interface PlannedSession extends SessionHeld {
  date: string;
  slot: string;
  start: string | null;
  end: string | null;
  hours: number | null;
  course: string | null;
}

export function classSheet(db: Db, code: string, completionThreshold: number): ClassSheet {
  const klass = classNamed(db, code.normalize('NFKC').trim());
  if (!klass) throw classNotFound(db, code);
  const units = new UnitStore(db);
  // Every session of the class, planned ones too: the sheet lists them, the figures count the held ones.
  const timetable = timetableOf(db, klass.id);
  const heldSessions = timetable.filter((session) => session.held);
  const sessions: SheetSession[] = heldSessions.map(({ date, slot }) => ({ date, slot }));
  const held: SessionHeld[] = heldSessions.map((session) => ({
    teacher: session.teacher,
    venue: session.venue,
    online: Boolean(session.online),
  }));
  const planned: PlannedSession[] = timetable
    .filter((session) => !session.held)
    .map((session) => ({
      date: session.date,
      slot: session.slot,
      start: session.start,
      end: session.end,
      hours: session.hours,
      course: session.course,
      teacher: session.teacher,
      venue: session.venue,
      online: Boolean(session.online),
    }));
  const share =
    klass.planned_hours !== null && sessions.length > 0 ? klass.planned_hours / sessions.length : 0;
  const trainees = sheetTrainees(db, klass.id, units, heldSessions, share);
  for (const row of trainees) {
    row.absences = sessions.length - row.attended;
    row.completed = isComplete(row.attended, sessions.length, completionThreshold);
    // Missed more than the completion rule allows (one seventh by default): under --completion-threshold 0.8,
    // more than a fifth.
    row.flagged = sessions.length > 0 && !row.completed;
  }
  const enrolledNeverCame = rosterWithoutRecords(db, klass.id)
    .map((entry) => ({ name: entry.name, unit: units.path(entry.unitId) }))
    .sort(byUnitThenName);
  return {
    report: 'class',
    class: classDetails(klass, units.path(klass.organiser_unit_id)),
    completionThreshold,
    sessions,
    trainees,
    ...(enrolledNeverCame.length > 0 ? { enrolledNeverCame } : {}),
    ...(held.some((session) => session.teacher || session.venue || session.online) ? { held } : {}),
    ...(planned.length > 0 ? { planned } : {}),
  };
}

/** A session as the register holds it: a planned one's description, its record number, and whether it was held. */
interface TimetableSession extends Omit<PlannedSession, 'online'> {
  id: number;
  held: number;
  online: number;
}

/** The class's sessions in their order, each marked held where anyone has a sign-in of it. */
function timetableOf(db: Db, classId: number): TimetableSession[] {
  const timetable = db
    .prepare(
      `SELECT s.id, s.date, s.slot, s.start_time AS start, s.end_time AS end, s.hours,
              COALESCE(NULLIF(s.teacher, ''), co.teacher) AS teacher, NULLIF(s.venue, '') AS venue, s.online,
              co.code AS course,
              EXISTS (SELECT 1 FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
                      WHERE e.class_id = s.class_id AND a.session_id = s.id) AS held
       FROM sessions s LEFT JOIN courses co ON co.id = s.course_id
       WHERE s.class_id = ?`,
    )
    .all(classId) as TimetableSession[];
  return timetable.sort(bySessionOrder);
}

/**
 * A line a person with a sign-in of the class: their status of each held session, sessions attended and hours
 * (a sign-in's own, else its session's, else the class's planned hours shared among its sessions).
 */
function sheetTrainees(
  db: Db,
  classId: number,
  units: UnitStore,
  heldSessions: readonly TimetableSession[],
  share: number,
): SheetTrainee[] {
  const records = db
    .prepare(
      `SELECT t.id AS traineeId, t.name, e.unit_id AS unitId, a.session_id AS sessionId, a.status, a.hours,
              a.minutes
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id JOIN attendance a ON a.enrolment_id = e.id
       WHERE e.class_id = ?`,
    )
    .all(classId) as {
    traineeId: number;
    name: string;
    unitId: number | null;
    sessionId: number;
    status: string;
    hours: number | null;
    minutes: number | null;
  }[];
  const withMinutes = records.some((record) => record.minutes !== null);
  const sessionIndex = new Map(heldSessions.map((session, index) => [session.id, index]));
  const sessionHours = new Map(heldSessions.map((session) => [session.id, session.hours]));
  const byTrainee = new Map<number, SheetTrainee>();
  for (const record of records) {
    let row = byTrainee.get(record.traineeId);
    if (!row) {
      row = {
        name: record.name,
        unit: units.path(record.unitId),
        statuses: heldSessions.map(() => null),
        attended: 0,
        absences: 0,
        hours: 0,
        completed: false,
        flagged: false,
        ...(withMinutes ? { minutes: heldSessions.map(() => null) } : {}),
      };
      byTrainee.set(record.traineeId, row);
    }
    if (row.minutes && record.minutes !== null)
      row.minutes[sessionIndex.get(record.sessionId) ?? 0] = record.minutes;
    row.statuses[sessionIndex.get(record.sessionId) ?? 0] = record.status;
    if (record.status === 'left_early') row.leftEarly = (row.leftEarly ?? 0) + 1;
    if (isAttended(record.status)) {
      row.attended++;
      const credited = record.hours ?? sessionHours.get(record.sessionId) ?? share;
      row.hours = Math.round((row.hours + credited) * 1e6) / 1e6;
    }
  }
  return [...byTrainee.values()].sort(byUnitThenName);
}
