/**
 * What a batch changed, as undo needs it: the tables a batch writes, and each row as it was before the batch
 * changed or deleted it (batch_changes). Rows a batch inserts carry its id and need no record.
 */
import type { Db } from './handle.js';

export type ChangeTable =
  | 'units'
  | 'trainees'
  | 'trainee_history'
  | 'classes'
  | 'enrolments'
  | 'sessions'
  | 'attendance'
  | 'courses'
  | 'projects'
  | 'plans'
  | 'mentorships'
  | 'aliases'
  | 'certificates'
  | 'online_learning'
  | 'teachers'
  | 'venues';

/** Remembers a row as it was before this batch changed it, once per batch and row. */
export class ChangeRecorder {
  private readonly seen = new Set<string>();
  private readonly insert;
  constructor(
    private readonly db: Db,
    private readonly batchId: number,
  ) {
    this.insert = db.prepare(
      `INSERT INTO batch_changes (batch_id, table_name, row_id, before, action) VALUES (?, ?, ?, ?, ?)`,
    );
  }

  /** Rows this batch inserted need no record: undo deletes them by their batch_id. */
  recordBefore(table: ChangeTable, row: { id: number; batch_id: number }): void {
    if (row.batch_id === this.batchId) return;
    const key = `${table}:${row.id}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.insert.run(this.batchId, table, row.id, JSON.stringify(row), 'update');
  }

  /** A row about to be deleted, whole, so that undo can put it back as it was at that moment. */
  recordDelete(table: ChangeTable, row: { id: number; batch_id: number }): void {
    this.insert.run(this.batchId, table, row.id, JSON.stringify(row), 'delete');
  }
}
