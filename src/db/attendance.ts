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

export class AttendanceStore {
  private readonly findEnrolment;
  private readonly findRecord;

  constructor(db: Db) {
    this.findEnrolment = db.prepare(`SELECT * FROM enrolments WHERE class_id = ? AND trainee_id = ?`);
    this.findRecord = db.prepare(`SELECT * FROM attendance WHERE enrolment_id = ? AND date = ? AND slot = ?`);
  }

  enrolment(classId: number, traineeId: number): EnrolmentRow | undefined {
    return this.findEnrolment.get(classId, traineeId) as EnrolmentRow | undefined;
  }

  /** The enrolment holds the trainee's unit and category as they are now, when the class is first recorded. */
  enrol(writer: RowWriter, values: Omit<EnrolmentRow, 'id' | 'batch_id'>): EnrolmentRow {
    const id = writer.insert('enrolments', { ...values });
    return { ...values, id, batch_id: writer.batchId };
  }

  record(enrolmentId: number, date: string, slot: string): AttendanceRow | undefined {
    return this.findRecord.get(enrolmentId, date, slot) as AttendanceRow | undefined;
  }

  insertRecord(writer: RowWriter, values: Omit<AttendanceRow, 'id' | 'batch_id'>): number {
    return writer.insert('attendance', { ...values });
  }

  updateRecord(writer: RowWriter, row: AttendanceRow, changes: Partial<AttendanceRow>): void {
    writer.update('attendance', row, changes);
  }
}
