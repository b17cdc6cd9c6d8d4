import type { Db } from './handle.js';
import { QueuedRows } from './queued.js';
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
  session_id: number;
  status: string;
  /** As the sheet gave them; null: the session's credited hours (statistics.md). */
  hours: number | null;
  /** Of an online session from a meeting list: the minutes the person was in its window; else null. */
  minutes: number | null;
  batch_id: number;
}

/** Sign-in sheets come a class at a time: the enrolments of the classes last touched stay in memory. */
const CLASSES_CACHED = 256;

const ENROLMENT_COLUMNS = ['class_id', 'trainee_id', 'unit_id', 'category', 'batch_id'] as const;
const CLASS_COLUMN = ENROLMENT_COLUMNS.indexOf('class_id');
const RECORD_COLUMNS = ['enrolment_id', 'session_id', 'status', 'hours', 'minutes', 'batch_id'] as const;

export class AttendanceStore {
  private readonly classEnrolments;
  private readonly findRecord;
  private readonly cache = new Map<number, Map<number, number>>();
  /**
   * The sessions recorded so far for each enrolment this import created, while its class is cached: such an
   * enrolment has no record but these, so most rows of a new class need no lookup.
   */
  private readonly created = new Map<number, number[]>();
  private readonly queuedEnrolments;
  private readonly queuedRecords;

  constructor(db: Db) {
    this.queuedEnrolments = new QueuedRows(db, 'enrolments', ENROLMENT_COLUMNS);
    this.queuedRecords = new QueuedRows(db, 'attendance', RECORD_COLUMNS);
    this.classEnrolments = db.prepare(`SELECT trainee_id, id FROM enrolments WHERE class_id = ?`).raw();
    this.findRecord = db.prepare(`SELECT * FROM attendance WHERE enrolment_id = ? AND session_id = ?`);
  }

  private enrolmentsOf(classId: number): Map<number, number> {
    let enrolments = this.cache.get(classId);
    if (enrolments) return enrolments;
    // The class's queued enrolments first, so the query finds them; a class not queued leaves the queue to fill.
    if (this.queuedEnrolments.holds(CLASS_COLUMN, classId)) this.queuedEnrolments.write();
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

  /** Everyone enrolled in the class: the roster a meeting list's or form's absentees come from. */
  enrolledIn(classId: number): number[] {
    return [...this.enrolmentsOf(classId).keys()];
  }

  /** The enrolment holds the trainee's unit and category as they are now, when the class is first recorded. */
  enrol(writer: RowWriter, values: Omit<EnrolmentRow, 'id' | 'batch_id'>): number {
    const enrolments = this.enrolmentsOf(values.class_id);
    const id = this.queuedEnrolments.add([
      values.class_id,
      values.trainee_id,
      values.unit_id,
      values.category,
      writer.batchId,
    ]);
    if (this.queuedEnrolments.full) this.queuedEnrolments.write();
    enrolments.set(values.trainee_id, id);
    this.created.set(id, []);
    return id;
  }

  record(enrolmentId: number, sessionId: number): AttendanceRow | undefined {
    const sessions = this.created.get(enrolmentId);
    if (sessions && !sessions.includes(sessionId)) return undefined;
    return (
      this.queuedRecord(enrolmentId, sessionId) ??
      (this.findRecord.get(enrolmentId, sessionId) as AttendanceRow | undefined)
    );
  }

  /** A record queued and not yet written (a row repeated within fifty rows of its first). */
  private queuedRecord(enrolmentId: number, sessionId: number): AttendanceRow | undefined {
    const queue = this.queuedRecords;
    for (let index = 0; index < queue.size; index++) {
      if (queue.value(index, 0) !== enrolmentId || queue.value(index, 1) !== sessionId) continue;
      const row = Object.fromEntries(RECORD_COLUMNS.map((column, at) => [column, queue.value(index, at)]));
      return { ...row, id: queue.idOf(index) } as AttendanceRow;
    }
    return undefined;
  }

  insertRecord(
    writer: RowWriter,
    values: Omit<AttendanceRow, 'id' | 'batch_id' | 'minutes'> & { minutes?: number | null },
  ): number {
    this.created.get(values.enrolment_id)?.push(values.session_id);
    const id = this.queuedRecords.add([
      values.enrolment_id,
      values.session_id,
      values.status,
      values.hours,
      values.minutes ?? null,
      writer.batchId,
    ]);
    if (this.queuedRecords.full) this.write();
    return id;
  }

  updateRecord(writer: RowWriter, row: AttendanceRow, changes: Partial<AttendanceRow>): void {
    // A record still queued is this import's own: written first, so that the update finds it.
    this.write();
    writer.update('attendance', row, changes);
  }

  /** Writes what is queued (enrolments first: records point at them). Before anything reads these tables. */
  write(): void {
    this.queuedEnrolments.write();
    this.queuedRecords.write();
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

export function recordAt(db: Db, enrolmentId: number, sessionId: number): AttendanceRow | undefined {
  return db
    .prepare(`SELECT * FROM attendance WHERE enrolment_id = ? AND session_id = ?`)
    .get(enrolmentId, sessionId) as AttendanceRow | undefined;
}

/**
 * How many classes each trainee took part in, by trainee id: enrolments with a sign-in record (statistics.md), not
 * a roster's names of a class that has not met.
 */
export function classCountsByTrainee(db: Db, traineeIds?: readonly number[]): Map<number, number> {
  // Those a search found, through the enrolments' trainee index: counting everyone's took a city's search 0.9 s.
  const some = traineeIds === undefined ? '' : `AND e.trainee_id IN (SELECT value FROM json_each(?))`;
  const rows = db
    .prepare(
      `SELECT e.trainee_id AS id, COUNT(*) AS count FROM enrolments e
       WHERE EXISTS (SELECT 1 FROM attendance a WHERE a.enrolment_id = e.id) ${some} GROUP BY e.trainee_id`,
    )
    .all(...(traineeIds === undefined ? [] : [JSON.stringify(traineeIds)])) as {
    id: number;
    count: number;
  }[];
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

/**
 * Who is on a class's roster (anyone enrolled), with what one session already holds for each (none: the session
 * is not recorded yet).
 */
/** A class's roster in the order its people were enrolled: the roster file's own order. */
export function rosterOf(db: Db, classId: number, sessionId: number | undefined): RosterRow[] {
  return db
    .prepare(
      `SELECT t.id AS traineeId, t.name, t.id_number AS idNumber, t.unit_id AS unitId,
              (SELECT a.status FROM attendance a WHERE a.enrolment_id = e.id AND a.session_id = ?) AS status
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
       WHERE e.class_id = ? ORDER BY e.id`,
    )
    .all(sessionId ?? -1, classId) as RosterRow[];
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
