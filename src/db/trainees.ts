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

/** What matching needs of a trainee; the whole row is read only for the few an import changes. */
export interface TraineeKey {
  id: number;
  id_number: string | null;
  name: string;
  unit_id: number | null;
  category: string;
}

/**
 * All trainees in memory while an import runs, as small keys: matching by ID number and by name is a map
 * lookup, and 200,000 of them fit in a few tens of megabytes.
 */
export class TraineeStore {
  private readonly byIdNumber = new Map<string, TraineeKey>();
  private readonly byName = new Map<string, TraineeKey | TraineeKey[]>();
  private readonly whole;

  constructor(db: Db) {
    this.whole = db.prepare(`SELECT * FROM trainees WHERE id = ?`);
    const keys = db.prepare(`SELECT id, id_number, name, unit_id, category FROM trainees ORDER BY id`);
    for (const row of keys.iterate() as Iterable<TraineeKey>) this.remember(row);
  }

  private remember(key: TraineeKey): void {
    if (key.id_number) this.byIdNumber.set(key.id_number, key);
    const named = this.byName.get(key.name);
    if (named === undefined) this.byName.set(key.name, key);
    else if (Array.isArray(named)) named.push(key);
    else this.byName.set(key.name, [named, key]);
  }

  withIdNumber(idNumber: string): TraineeKey | undefined {
    return this.byIdNumber.get(idNumber);
  }

  named(name: string): TraineeKey[] {
    const named = this.byName.get(name);
    if (named === undefined) return [];
    return Array.isArray(named) ? named : [named];
  }

  /** The whole row, for comparing and updating. */
  row(key: TraineeKey): TraineeRow {
    return this.whole.get(key.id) as TraineeRow;
  }

  insert(writer: RowWriter, values: TraineeValues): TraineeKey {
    const id = writer.insert('trainees', { ...values });
    const key: TraineeKey = {
      id,
      id_number: values.id_number,
      name: values.name,
      unit_id: values.unit_id,
      category: values.category,
    };
    this.remember(key);
    return key;
  }

  update(writer: RowWriter, key: TraineeKey, changes: Partial<TraineeValues>): void {
    const row = this.row(key);
    if (changes.id_number && !key.id_number) this.byIdNumber.set(changes.id_number, key);
    writer.update('trainees', row, changes);
    // Matching later rows of the same import sees the change.
    Object.assign(key, {
      id_number: row.id_number,
      unit_id: row.unit_id,
      category: row.category,
    });
  }
}
