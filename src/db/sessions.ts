/**
 * Sessions (课次): a class's (date, slot), with its course, teacher, venue, mode, times and hours, once. A timetable
 * makes them before anyone signs in (planned); a sign-in sheet makes the ones it is the first to name. A session
 * counts in figures once it is held: once it has a sign-in record (statistics.md).
 */
import type { Db } from './handle.js';
import type { RowWriter } from './rows.js';

export interface SessionRow {
  id: number;
  class_id: number;
  date: string;
  slot: string;
  /** HH:MM, from a timetable. */
  start_time: string | null;
  end_time: string | null;
  /** The session's hours; null: the class's planned hours shared among its held sessions. */
  hours: number | null;
  course_id: number | null;
  /** As written; null: the course's teacher. */
  teacher: string | null;
  /** As written; null: the class's venue. */
  venue: string | null;
  /** 1: held online (线上); 0: in a room (线下). */
  online: number;
  batch_id: number;
}

/** What a timetable, a sign-in sheet or a correction may say of a session. */
export type SessionValues = Partial<
  Pick<SessionRow, 'start_time' | 'end_time' | 'hours' | 'course_id' | 'teacher' | 'venue' | 'online'>
>;

export const SESSION_VALUE_COLUMNS = [
  'course_id',
  'teacher',
  'venue',
  'online',
  'start_time',
  'end_time',
  'hours',
] as const satisfies readonly (keyof SessionValues)[];

/** Sign-in sheets come a class at a time: the sessions of the classes last touched stay in memory. */
const CLASSES_CACHED = 256;

const sessionKey = (date: string, slot: string) => `${date}\u0000${slot}`;

export class SessionStore {
  private readonly ofClassStatement;
  private readonly cache = new Map<number, Map<string, SessionRow>>();

  constructor(private readonly db: Db) {
    this.ofClassStatement = db.prepare(`SELECT * FROM sessions WHERE class_id = ? ORDER BY date, slot`);
  }

  /** The class's sessions, planned and held, by (date, slot). */
  private ofClass(classId: number): Map<string, SessionRow> {
    let sessions = this.cache.get(classId);
    if (sessions) return sessions;
    sessions = new Map(
      (this.ofClassStatement.all(classId) as SessionRow[]).map((row) => [
        sessionKey(row.date, row.slot),
        row,
      ]),
    );
    if (this.cache.size >= CLASSES_CACHED) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(classId, sessions);
    return sessions;
  }

  /** The session last found: a sign-in sheet is one session, so nearly every row asks for the same. */
  private last: SessionRow | undefined;

  find(classId: number, date: string, slot: string): SessionRow | undefined {
    const last = this.last;
    if (last && last.class_id === classId && last.date === date && last.slot === slot) return last;
    const found = this.ofClass(classId).get(sessionKey(date, slot));
    if (found) this.last = found;
    return found;
  }

  /** The last (class, date) whose slots were asked for, with them; a new session of that class forgets it. */
  private lastSlots: { classId: number; date: string; slots: ReadonlySet<string> } | undefined;

  /** The slots of the class's sessions on a date, planned ones included. */
  slotsOn(classId: number, date: string): ReadonlySet<string> {
    const last = this.lastSlots;
    if (last && last.classId === classId && last.date === date) return last.slots;
    const slots = new Set<string>();
    for (const session of this.ofClass(classId).values()) if (session.date === date) slots.add(session.slot);
    this.lastSlots = { classId, date, slots };
    return slots;
  }

  /** The class's sessions in date and slot order. */
  all(classId: number): SessionRow[] {
    return [...this.ofClass(classId).values()].sort(bySessionOrder);
  }

  insert(
    writer: RowWriter,
    values: Pick<SessionRow, 'class_id' | 'date' | 'slot'> & SessionValues,
  ): SessionRow {
    const row: Omit<SessionRow, 'id' | 'batch_id'> = {
      class_id: values.class_id,
      date: values.date,
      slot: values.slot,
      start_time: values.start_time ?? null,
      end_time: values.end_time ?? null,
      hours: values.hours ?? null,
      course_id: values.course_id ?? null,
      teacher: values.teacher ?? null,
      venue: values.venue ?? null,
      online: values.online ?? 0,
    };
    const id = writer.insert('sessions', row);
    const session: SessionRow = { ...row, id, batch_id: writer.batchId };
    this.ofClass(values.class_id).set(sessionKey(session.date, session.slot), session);
    if (this.lastSlots?.classId === values.class_id) this.lastSlots = undefined;
    return session;
  }

  /** The given values that differ from the session's, written (kept for undo); returns them. */
  update(writer: RowWriter, session: SessionRow, values: SessionValues): SessionValues {
    const changes: SessionValues = {};
    for (const column of SESSION_VALUE_COLUMNS) {
      const value = values[column];
      if (value !== undefined && session[column] !== value) Object.assign(changes, { [column]: value });
    }
    if (Object.keys(changes).length > 0) writer.update('sessions', session, changes);
    return changes;
  }
}

/** Every class's sessions on a day: a meeting list names its day and time, and maybe not its class. */
export function sessionsOn(db: Db, date: string): SessionRow[] {
  return db
    .prepare(`SELECT * FROM sessions WHERE date = ? ORDER BY class_id, slot`)
    .all(date) as SessionRow[];
}

/** Slots in the order of the day: 上午, 下午, 晚上 (a session without a slot first). */
const SLOT_ORDER: Readonly<Record<string, number>> = { '': 0, 上午: 1, 下午: 2, 晚上: 3 };

export function bySessionOrder(a: { date: string; slot: string }, b: { date: string; slot: string }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : (SLOT_ORDER[a.slot] ?? 9) - (SLOT_ORDER[b.slot] ?? 9);
}

/** A class's sessions with how many sign-ins each holds (0: planned, not held yet). */
export interface SessionListing extends SessionRow {
  code: string;
  className: string;
  classVenue: string | null;
  courseCode: string | null;
  courseName: string | null;
  courseTeacher: string | null;
  records: number;
  attended: number;
}

export function sessionListing(
  db: Db,
  filter: { classId?: number; from?: string; to?: string },
): SessionListing[] {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.classId !== undefined) {
    conditions.push('s.class_id = ?');
    params.push(filter.classId);
  }
  if (filter.from !== undefined) {
    conditions.push('s.date >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    conditions.push('s.date <= ?');
    params.push(filter.to);
  }
  const rows = db
    .prepare(
      `SELECT s.*, c.code, c.name AS className, c.venue AS classVenue, co.code AS courseCode, co.name AS courseName,
              co.teacher AS courseTeacher,
              (SELECT COUNT(*) FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
                 WHERE e.class_id = s.class_id AND a.session_id = s.id) AS records,
              (SELECT COUNT(*) FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
                 WHERE e.class_id = s.class_id AND a.session_id = s.id
                   AND a.status IN ('present', 'late', 'left_early')) AS attended
       FROM sessions s JOIN classes c ON c.id = s.class_id LEFT JOIN courses co ON co.id = s.course_id
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}`,
    )
    .all(...params) as SessionListing[];
  return rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || bySessionOrder(a, b));
}

export function sessionById(db: Db, id: number): SessionRow | undefined {
  return db.prepare(`SELECT * FROM sessions WHERE id = ?`).get(id) as SessionRow | undefined;
}

/** Whether anyone has signed in to the session: then it is held and counts (statistics.md). */
export function sessionIsHeld(db: Db, session: Pick<SessionRow, 'id' | 'class_id'>): boolean {
  return (
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
                        WHERE e.class_id = ? AND a.session_id = ?)`,
      )
      .pluck()
      .get(session.class_id, session.id) === 1
  );
}
