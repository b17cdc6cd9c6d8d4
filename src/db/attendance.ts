import type { Db } from './open.js';
import type { RowWriter } from './rows.js';

export interface EnrolmentRow {
  id: number;
  class_id: number;
  trainee_id: number;
  unit_id: number | null;
  category: string;
  batch_id: number;
}

export interface AttendanceRow {
  id: number;
  enrolment_id: number;
  date: string;
  slot: string;
  status: string;
  hours: number | null;
  course_id: number | null;
  batch_id: number;
}

/** Sign-in sheets come a class at a time: the enrolments of the classes last touched stay in memory. */
const CLASSES_CACHED = 256;

export class AttendanceStore {
  private readonly classEnrolments;
  private readonly findRecord;
  private readonly findSlots;
  private readonly cache = new Map<number, Map<number, number>>();
  /**
   * The sessions recorded so far for each enrolment this import created, while its class is cached: such an
   * enrolment has no record but these, so most rows of a new class need no lookup.
   */
  private readonly created = new Map<number, string[]>();
  /** The slots of each (class, date) met so far: a sheet is one session, so this stays small. */
  private readonly slots = new Map<string, Set<string>>();

  constructor(db: Db) {
    this.classEnrolments = db.prepare(`SELECT trainee_id, id FROM enrolments WHERE class_id = ?`).raw();
    this.findRecord = db.prepare(`SELECT * FROM attendance WHERE enrolment_id = ? AND date = ? AND slot = ?`);
    this.findSlots = db
      .prepare(
        `SELECT DISTINCT a.slot FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
         WHERE e.class_id = ? AND a.date = ?`,
      )
      .pluck();
  }

  /** The last (class, date) asked about: a sheet is one session, so nearly every row asks the same. */
  private lastSlots: { classId: number; date: string; slots: Set<string> } | undefined;

  /** The slots of the class's sessions on a date, as recorded so far (this import's rows included). */
  sessionSlots(classId: number, date: string): Set<string> {
    const last = this.lastSlots;
    if (last && last.classId === classId && last.date === date) return last.slots;
    const key = `${classId}|${date}`;
    let slots = this.slots.get(key);
    if (!slots) {
      slots = new Set(this.findSlots.all(classId, date) as string[]);
      if (this.slots.size >= CLASSES_CACHED * 8) this.slots.clear();
      this.slots.set(key, slots);
    }
    this.lastSlots = { classId, date, slots };
    return slots;
  }

  private enrolmentsOf(classId: number): Map<number, number> {
    let enrolments = this.cache.get(classId);
    if (enrolments) return enrolments;
    enrolments = new Map(this.classEnrolments.all(classId) as [number, number][]);
    if (this.cache.size >= CLASSES_CACHED) {
      const evicted = this.cache.keys().next().value as number;
      for (const enrolmentId of this.cache.get(evicted)?.values() ?? []) this.created.delete(enrolmentId);
      this.cache.delete(evicted);
    }
    this.cache.set(classId, enrolments);
    return enrolments;
  }

  /** The enrolment's id, if the trainee has one in the class. */
  enrolment(classId: number, traineeId: number): number | undefined {
    return this.enrolmentsOf(classId).get(traineeId);
  }

  /** The enrolment holds the trainee's unit and category as they are now, when the class is first recorded. */
  enrol(writer: RowWriter, values: Omit<EnrolmentRow, 'id' | 'batch_id'>): number {
    const enrolments = this.enrolmentsOf(values.class_id);
    const id = writer.insert('enrolments', { ...values });
    enrolments.set(values.trainee_id, id);
    this.created.set(id, []);
    return id;
  }

  record(enrolmentId: number, date: string, slot: string): AttendanceRow | undefined {
    const sessions = this.created.get(enrolmentId);
    if (sessions && !sessions.includes(`${date}|${slot}`)) return undefined;
    return this.findRecord.get(enrolmentId, date, slot) as AttendanceRow | undefined;
  }

  insertRecord(writer: RowWriter, classId: number, values: Omit<AttendanceRow, 'id' | 'batch_id'>): number {
    this.sessionSlots(classId, values.date).add(values.slot);
    this.created.get(values.enrolment_id)?.push(`${values.date}|${values.slot}`);
    return writer.insert('attendance', { ...values });
  }

  updateRecord(writer: RowWriter, row: AttendanceRow, changes: Partial<AttendanceRow>): void {
    writer.update('attendance', row, changes);
  }
}

/** A trainee's enrolments, one per class. */
export function enrolmentsOfTrainee(db: Db, traineeId: number): EnrolmentRow[] {
  return db.prepare(`SELECT * FROM enrolments WHERE trainee_id = ?`).all(traineeId) as EnrolmentRow[];
}

export function enrolmentIn(db: Db, classId: number, traineeId: number): EnrolmentRow | undefined {
  return db
    .prepare(`SELECT * FROM enrolments WHERE class_id = ? AND trainee_id = ?`)
    .get(classId, traineeId) as EnrolmentRow | undefined;
}

/** An enrolment's sign-in records, one per session. */
export function recordsOfEnrolment(db: Db, enrolmentId: number): AttendanceRow[] {
  return db.prepare(`SELECT * FROM attendance WHERE enrolment_id = ?`).all(enrolmentId) as AttendanceRow[];
}

export function recordAt(db: Db, enrolmentId: number, date: string, slot: string): AttendanceRow | undefined {
  return db
    .prepare(`SELECT * FROM attendance WHERE enrolment_id = ? AND date = ? AND slot = ?`)
    .get(enrolmentId, date, slot) as AttendanceRow | undefined;
}

/**
 * How many classes each trainee took part in, by trainee id: enrolments with a sign-in record (statistics.md), not
 * a roster's names of a class that has not met.
 */
export function classCountsByTrainee(db: Db): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT e.trainee_id AS id, COUNT(*) AS count FROM enrolments e
       WHERE EXISTS (SELECT 1 FROM attendance a WHERE a.enrolment_id = e.id) GROUP BY e.trainee_id`,
    )
    .all() as { id: number; count: number }[];
  return new Map(rows.map((row) => [row.id, row.count]));
}

export interface RosterRow {
  traineeId: number;
  name: string;
  idNumber: string | null;
  unitId: number | null;
  /** The status this session already holds for them, if any. */
  status: string | null;
}

/** Who is on a class's roster (anyone enrolled), with what one session already holds for each. */
export function rosterOf(db: Db, classId: number, date: string, slot: string): RosterRow[] {
  return db
    .prepare(
      `SELECT t.id AS traineeId, t.name, t.id_number AS idNumber, t.unit_id AS unitId,
              (SELECT a.status FROM attendance a WHERE a.enrolment_id = e.id AND a.date = ? AND a.slot = ?) AS status
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
       WHERE e.class_id = ? ORDER BY t.name`,
    )
    .all(date, slot, classId) as RosterRow[];
}

/** Enrolled in a class without a single sign-in record there: on the roster, never came. */
export function rosterWithoutRecords(db: Db, classId: number): { name: string; unitId: number | null }[] {
  return db
    .prepare(
      `SELECT t.name, e.unit_id AS unitId
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
       WHERE e.class_id = ? AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.enrolment_id = e.id)`,
    )
    .all(classId) as { name: string; unitId: number | null }[];
}

/** Whether any session of the class holds a record yet. */
export function classHasRecords(db: Db, classId: number): boolean {
  return (
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id WHERE e.class_id = ?)`,
      )
      .pluck()
      .get(classId) === 1
  );
}
