import type { Db } from './open.js';
import type { RowWriter } from './rows.js';

export interface ClassRow {
  id: number;
  code: string;
  name: string;
  type: string;
  organiser_unit_id: number | null;
  start_date: string;
  end_date: string | null;
  planned_hours: number | null;
  venue: string | null;
  status: string | null;
  batch_id: number;
}

export type ClassValues = Omit<ClassRow, 'id' | 'batch_id'>;

export class ClassStore {
  private readonly byCode = new Map<string, ClassRow>();

  constructor(db: Db) {
    for (const row of db.prepare(`SELECT * FROM classes ORDER BY id`).all() as ClassRow[])
      this.byCode.set(row.code, row);
  }

  withCode(code: string): ClassRow | undefined {
    return this.byCode.get(code);
  }

  all(): ClassRow[] {
    return [...this.byCode.values()];
  }

  insert(writer: RowWriter, values: ClassValues): ClassRow {
    const id = writer.insert('classes', { ...values });
    const row: ClassRow = { ...values, id, batch_id: writer.batchId };
    this.byCode.set(row.code, row);
    return row;
  }

  update(writer: RowWriter, row: ClassRow, changes: Partial<ClassValues>): void {
    writer.update('classes', row, changes);
  }
}
