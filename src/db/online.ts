/** Hours learnt on an online platform (网络学习), credited to a trainee outside any class. */
import type { Db } from './handle.js';
import type { RowWriter } from './rows.js';

export interface OnlineLearningRow {
  id: number;
  trainee_id: number;
  course: string;
  hours: number;
  completed_on: string;
  batch_id: number;
}

/** One record per trainee, course and day: a platform's export read twice changes nothing. */
export class OnlineLearningStore {
  private readonly find;
  constructor(db: Db) {
    this.find = db.prepare(
      `SELECT * FROM online_learning WHERE trainee_id = ? AND course = ? AND completed_on = ?`,
    );
  }

  existing(traineeId: number, course: string, completedOn: string): OnlineLearningRow | undefined {
    return this.find.get(traineeId, course, completedOn) as OnlineLearningRow | undefined;
  }

  insert(writer: RowWriter, values: Omit<OnlineLearningRow, 'id' | 'batch_id'>): number {
    return writer.insert('online_learning', { ...values });
  }

  update(writer: RowWriter, row: OnlineLearningRow, hours: number): void {
    writer.update('online_learning', row, { hours });
  }
}

/** A trainee's online learning, for their record. */
export function onlineLearningOf(db: Db, traineeId: number): OnlineLearningRow[] {
  return db
    .prepare(`SELECT * FROM online_learning WHERE trainee_id = ? ORDER BY completed_on, course`)
    .all(traineeId) as OnlineLearningRow[];
}

/** Every record with its trainee, for export. */
export function onlineLearningRecords(db: Db) {
  return db
    .prepare(
      `SELECT t.name, t.id_number AS idNumber, t.unit_id AS unitId, o.course, o.hours, o.completed_on AS completedOn
       FROM online_learning o JOIN trainees t ON t.id = o.trainee_id ORDER BY o.completed_on, o.id`,
    )
    .all() as {
    name: string;
    idNumber: string | null;
    unitId: number | null;
    course: string;
    hours: number;
    completedOn: string;
  }[];
}

/** Records completed in a period, with the trainee, for the summaries. */
export function onlineLearningDuring(db: Db, from: string, to: string) {
  return db
    .prepare(
      `SELECT id, trainee_id AS traineeId, hours, completed_on AS completedOn FROM online_learning
       WHERE completed_on BETWEEN ? AND ? ORDER BY id`,
    )
    .all(from, to) as { id: number; traineeId: number; hours: number; completedOn: string }[];
}
