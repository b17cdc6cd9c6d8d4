/**
 * What a batch changed, as undo needs it: the tables a batch writes, and each row as it was before the batch
 * changed or deleted it (batch_changes). Rows a batch inserts carry its id and need no record.
 */
import type { Db } from './handle.js';

/**
 * The tables a batch writes, in the order `imports show` counts what it added. One list: a table written here
 * without its name in the catalogue (`table.*`) does not compile, where it stopped `imports show` with an internal
 * error.
 */
export const CHANGE_TABLES = [
  'units',
  'trainees',
  'trainee_history',
  'classes',
  'courses',
  'projects',
  'plans',
  'enrolments',
  'sessions',
  'attendance',
  'mentorships',
  'aliases',
  'certificates',
  'online_learning',
  'teachers',
  'venues',
] as const;

export type ChangeTable = (typeof CHANGE_TABLES)[number];

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
