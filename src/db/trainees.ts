import type { Db } from './open.js';
import type { RowWriter } from './rows.js';

export interface TraineeRow {
  id: number;
  id_number: string | null;
  name: string;
  gender: string | null;
  birth_date: string | null;
  phone: string | null;
  unit_id: number | null;
  position: string | null;
  category: string;
  left_on: string | null;
  batch_id: number;
}

export type TraineeValues = Omit<TraineeRow, 'id' | 'batch_id'>;

/** All trainees in memory while an import runs: matching by ID number and by name is then a map lookup. */
export class TraineeStore {
  private readonly byIdNumber = new Map<string, TraineeRow>();
  private readonly byName = new Map<string, TraineeRow[]>();

  constructor(db: Db) {
    for (const row of db.prepare(`SELECT * FROM trainees ORDER BY id`).all() as TraineeRow[])
      this.remember(row);
  }

  private remember(row: TraineeRow): void {
    if (row.id_number) this.byIdNumber.set(row.id_number, row);
    this.byName.set(row.name, [...(this.byName.get(row.name) ?? []), row]);
  }

  withIdNumber(idNumber: string): TraineeRow | undefined {
    return this.byIdNumber.get(idNumber);
  }

  named(name: string): TraineeRow[] {
    return this.byName.get(name) ?? [];
  }

  insert(writer: RowWriter, values: TraineeValues): TraineeRow {
    const id = writer.insert('trainees', { ...values });
    const row: TraineeRow = { ...values, id, batch_id: writer.batchId };
    this.remember(row);
    return row;
  }

  update(writer: RowWriter, row: TraineeRow, changes: Partial<TraineeValues>): void {
    if (changes.id_number && !row.id_number) this.byIdNumber.set(changes.id_number, row);
    writer.update('trainees', row, changes);
  }
}
