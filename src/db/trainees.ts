import { TraineeHistory, type Group } from './history.js';
import type { Db } from './open.js';
import { changedColumns, type RowWriter } from './rows.js';

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
  readonly history: TraineeHistory;

  /** `asOf`: the date from which the units and categories this store writes hold (a roster's --as-of). */
  constructor(
    db: Db,
    readonly asOf: string,
  ) {
    this.history = new TraineeHistory(db);
    this.whole = db.prepare(`SELECT * FROM trainees WHERE id = ?`);
    const keys = db.prepare(`SELECT id, id_number, name, unit_id, category FROM trainees ORDER BY id`);
    for (const row of keys.iterate() as Iterable<TraineeKey>) this.remember(row);
  }

  private remember(key: TraineeKey): void {
    if (key.id_number) this.byIdNumber.set(key.id_number, key);
    const name = nameKey(key.name);
    const named = this.byName.get(name);
    if (named === undefined) this.byName.set(name, key);
    else if (Array.isArray(named)) named.push(key);
    else this.byName.set(name, [named, key]);
  }

  private forget(key: TraineeKey): void {
    const name = nameKey(key.name);
    const named = this.byName.get(name);
    if (named === key) this.byName.delete(name);
    else if (Array.isArray(named)) {
      const rest = named.filter((other) => other !== key);
      this.byName.set(name, rest.length === 1 ? (rest[0] as TraineeKey) : rest);
    }
  }

  withIdNumber(idNumber: string): TraineeKey | undefined {
    return this.byIdNumber.get(idNumber);
  }

  named(name: string): TraineeKey[] {
    const named = this.byName.get(nameKey(name));
    if (named === undefined) return [];
    return Array.isArray(named) ? named : [named];
  }

  /** Trainees whose unit or category changed over time; the others' group is the same on every date. */
  private moved: Set<number> | undefined;

  /**
   * The group an enrolment in a class starting on `date` counts under (statistics.md: history stays put). Most
   * people never moved: their group is the one they have, without asking the history (a query per enrolment,
   * a fifth of a large sign-in import's time).
   */
  groupAt(key: TraineeKey, date: string): Group {
    this.moved ??= this.history.movedTrainees();
    if (!this.moved.has(key.id)) return { unit_id: key.unit_id, category: key.category };
    return this.history.groupAt(key.id, date);
  }

  /** The whole row, for comparing and updating. */
  row(key: TraineeKey): TraineeRow {
    const row = this.whole.get(key.id) as TraineeRow | undefined;
    // Keys come from this store, inside the import's own transaction: a missing row is a defect.
    if (!row) throw new Error(`trainee #${key.id} is in the import's keys but not in the register`);
    return row;
  }

  /** A new trainee, whose unit and category start their history on the store's date. */
  insert(writer: RowWriter, values: TraineeValues): TraineeKey {
    const id = writer.insert('trainees', { ...values });
    this.history.begin(writer, id, this.asOf, values);
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

  /**
   * Changes a trainee. A unit or category goes into the history from the store's date on (the row follows the
   * latest entries); the other columns change in place.
   */
  update(writer: RowWriter, key: TraineeKey, wanted: Partial<TraineeValues>): boolean {
    const { unit_id, category, ...others } = wanted;
    const rest = changedColumns(this.row(key), others);
    if (Object.keys(rest).length > 0) {
      const row = this.row(key);
      if (rest.id_number && !key.id_number) this.byIdNumber.set(rest.id_number, key);
      writer.update('trainees', row, rest);
    }
    const group: Partial<Group> = {};
    if (unit_id !== undefined) group.unit_id = unit_id;
    if (category !== undefined) group.category = category;
    const latest = this.history.state(writer, key.id, this.asOf, group);
    // Matching later rows of the same import sees the change; a new name is found by its new name.
    if (rest.name !== undefined && rest.name !== key.name) {
      this.forget(key);
      key.name = rest.name;
      this.remember(key);
    }
    if (rest.id_number) key.id_number = rest.id_number;
    if (latest) {
      Object.assign(key, latest);
      this.moved?.add(key.id);
    }
    return Object.keys(rest).length > 0 || latest !== undefined;
  }
}

/** Names are matched on their NFKC form without spaces; they are stored as written. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** The categories trainees have now, for choosing one. */
export function traineeCategories(db: Db): string[] {
  return db.prepare(`SELECT DISTINCT category FROM trainees ORDER BY category`).pluck().all() as string[];
}

export function traineeById(db: Db, id: number): TraineeRow | undefined {
  return db.prepare(`SELECT * FROM trainees WHERE id = ?`).get(id) as TraineeRow | undefined;
}

export function traineeByIdNumber(db: Db, idNumber: string): TraineeRow | undefined {
  return db.prepare(`SELECT * FROM trainees WHERE id_number = ?`).get(idNumber) as TraineeRow | undefined;
}

/** Trainees whose name is exactly this text. */
export function traineesNamed(db: Db, name: string): TraineeRow[] {
  return db.prepare(`SELECT * FROM trainees WHERE name = ?`).all(name) as TraineeRow[];
}

/** Every trainee, in record order, one at a time. */
export function everyTrainee(db: Db): Iterable<TraineeRow> {
  return db.prepare(`SELECT * FROM trainees ORDER BY id`).iterate() as Iterable<TraineeRow>;
}
