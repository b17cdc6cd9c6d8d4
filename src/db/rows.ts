/** Writing one row of a register table, with its previous values kept for undo. */
import type { ChangeRecorder, ChangeTable } from './changes.js';
import type { Db } from './handle.js';

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

  /** Each table's last insert statement and its columns: an import inserts the same columns a million times. */
  private readonly lastInsert = new Map<
    string,
    { columns: string[]; statement: ReturnType<Db['prepare']> }
  >();

  insert(table: ChangeTable, values: Record<string, unknown>): number {
    const columns = Object.keys(values);
    let last = this.lastInsert.get(table);
    if (!last || !sameColumns(last.columns, columns)) {
      const sql = `INSERT INTO ${table} (${columns.join(', ')}, batch_id) VALUES (${columns.map(() => '?').join(', ')}, ?)`;
      last = { columns, statement: this.statement(sql) };
      this.lastInsert.set(table, last);
    }
    const bound = Object.values(values);
    bound.push(this.batchId);
    return Number(last.statement.run(bound).lastInsertRowid);
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

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** The columns of `wanted` whose values differ from `row`'s. */
export function changedColumns<T extends object>(row: T, wanted: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const [column, value] of Object.entries(wanted) as [keyof T, T[keyof T]][]) {
    if (value !== undefined && row[column] !== value) changes[column] = value;
  }
  return changes;
}
