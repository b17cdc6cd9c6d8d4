/** Tables whose records people name by a code (classes, courses, projects, plans), held in memory while a command runs. */
import type { ChangeTable } from './batches.js';
import type { Db } from './open.js';
import type { RowWriter, StoredRow } from './rows.js';

export class CodedStore<Row extends StoredRow & { code: string; name: string }> {
  private readonly byCode = new Map<string, Row>();

  constructor(
    db: Db,
    private readonly table: ChangeTable & ('classes' | 'courses' | 'projects' | 'plans'),
  ) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Row[])
      this.byCode.set(row.code, row);
  }

  withCode(code: string): Row | undefined {
    return this.byCode.get(code);
  }

  /** By code, else by a name no other record has. */
  withCodeOrName(text: string): Row | undefined {
    const key = text.normalize('NFKC');
    return (
      this.byCode.get(text) ?? singleOrNone(this.all().filter((row) => row.name.normalize('NFKC') === key))
    );
  }

  all(): Row[] {
    return [...this.byCode.values()];
  }

  insert(writer: RowWriter, values: Omit<Row, 'id' | 'batch_id'>): Row {
    const id = writer.insert(this.table, { ...values });
    const row = { ...values, id, batch_id: writer.batchId } as Row;
    this.byCode.set(row.code, row);
    return row;
  }

  update(writer: RowWriter, row: Row, changes: Partial<Omit<Row, 'id' | 'batch_id'>>): void {
    writer.update(this.table, row, changes);
  }
}

function singleOrNone<T>(rows: T[]): T | undefined {
  return rows.length === 1 ? rows[0] : undefined;
}
