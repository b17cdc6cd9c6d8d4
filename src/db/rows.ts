/** Writing one row of a register table, with its previous values kept for undo. */
import type { ChangeRecorder, ChangeTable } from './batches.js';
import type { Db } from './open.js';

export interface StoredRow {
  id: number;
  batch_id: number;
}

export class RowWriter {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();
  constructor(
    private readonly db: Db,
    private readonly recorder: ChangeRecorder,
    readonly batchId: number,
  ) {}

  private statement(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  insert(table: ChangeTable, values: Record<string, unknown>): number {
    const columns = Object.keys(values);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}, batch_id) VALUES (${columns.map(() => '?').join(', ')}, ?)`;
    return Number(this.statement(sql).run([...Object.values(values), this.batchId]).lastInsertRowid);
  }

  /** Changes the given columns of `row` in place and in the table. */
  update<T extends StoredRow>(
    table: ChangeTable,
    row: T,
    changes: Partial<Omit<T, 'id' | 'batch_id'>>,
  ): void {
    this.recorder.recordBefore(table, row);
    const columns = Object.keys(changes);
    const sql = `UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`;
    this.statement(sql).run({ ...changes, id: row.id });
    Object.assign(row, changes);
  }

  /** Deletes a row, keeping it whole for undo. */
  delete(table: ChangeTable, row: StoredRow): void {
    this.recorder.recordDelete(table, row);
    this.statement(`DELETE FROM ${table} WHERE id = ?`).run(row.id);
  }
}

/** The columns of `wanted` whose values differ from `row`'s. */
export function changedColumns<T extends object>(row: T, wanted: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const [column, value] of Object.entries(wanted) as [keyof T, T[keyof T]][]) {
    if (value !== undefined && row[column] !== value) changes[column] = value;
  }
  return changes;
}
