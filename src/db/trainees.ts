import { firstStatement, TraineeHistory, type Group } from './history.js';
import { IdNumberIndex } from './idNumberIndex.js';
import type { Db } from './handle.js';
import { QueuedRows } from './queued.js';
import { changedColumns, type RowWriter } from './rows.js';
import { nameKey, NOT_PLAIN_NAME_GLOB } from '../domain/names.js';

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
 * The trainees an import matches rows against. A small import (a sheet of thirty, a meeting list of five hundred)
 * asks the register's indexes row by row; past {@link LOOKUPS_BEFORE_HOLDING} lookups the store holds everyone with
 * an ID number compactly instead (ID numbers in an {@link IdNumberIndex}, names and groups in arrays by position;
 * about 70 bytes a person, where objects in maps took ~350 and were most of a 1,000,000-row import's heap): reading
 * a city's 200,000 people took 0.4 s of every small import. Names are looked up in the register's name index,
 * inside the import's transaction, so they see its own writes; the few it cannot find by their match form (names
 * stored with a space or in full width) and the people without an ID number are read by queries of their own, so a
 * sheet by names reads nobody else in either. Whom the import adds or changes is kept as keys.
 */
export class TraineeStore {
  /** Everyone with an ID number as the register held them when first needed; undefined until then. */
  private held: HeldTrainees | undefined;
  /** The few whom the name index cannot find by name form, read when a name is first looked up. */
  private names: NameExtras | undefined;
  private lookups = 0;
  private readonly lookupsBeforeHolding: number;
  private readonly holdingPage: number;
  /** Trainees this import changed, by record: the arrays held and keys read earlier no longer tell. */
  private readonly changed = new Map<number, TraineeKey>();
  /** ID numbers the arrays do not hold: trainees added, or given their number, by this import. */
  private readonly newIdNumbers = new Map<string, TraineeKey>();
  private readonly whole;
  private readonly keysByName;
  private readonly keyById;
  private readonly keyByIdNumber;
  readonly history: TraineeHistory;
  /**
   * A roster's new trainees and their first history statements, written fifty to a statement (with their
   * references deferred, migration 17: a fifth to a quarter off a 200,000-row roster). Everything here that reads
   * these tables writes them first.
   */
  private readonly queued: { trainees: QueuedRows; history: QueuedRows } | undefined;

  /**
   * `asOf`: the date from which the units and categories this store writes hold (a roster's --as-of).
   * `queueInserts`: new trainees are written in statements of many, by {@link write} at the latest.
   * `lookupsBeforeHolding`: how many lookups are answered from the register's indexes before everyone is read in.
   * `holdingPage`: how many trainees a statement reads while everyone is read in.
   */
  constructor(
    private readonly db: Db,
    readonly asOf: string,
    {
      queueInserts = false,
      lookupsBeforeHolding = LOOKUPS_BEFORE_HOLDING,
      holdingPage = HOLDING_PAGE,
    }: { queueInserts?: boolean; lookupsBeforeHolding?: number; holdingPage?: number } = {},
  ) {
    this.lookupsBeforeHolding = lookupsBeforeHolding;
    this.holdingPage = holdingPage;
    this.history = new TraineeHistory(db);
    this.queued = queueInserts
      ? {
          trainees: new QueuedRows(db, 'trainees', TRAINEE_COLUMNS),
          history: new QueuedRows(db, 'trainee_history', FIRST_STATEMENT_COLUMNS),
        }
      : undefined;
    this.whole = db.prepare(`SELECT * FROM trainees WHERE id = ?`);
    this.keysByName = db.prepare(`${TRAINEE_KEY} WHERE name = ? ORDER BY id`);
    this.keyById = db.prepare(`${TRAINEE_KEY} WHERE id = ?`);
    this.keyByIdNumber = db.prepare(`${TRAINEE_KEY} WHERE id_number = ?`);
  }

  /** Everyone, read once (the queue written first, so that the reading sees this import's own trainees). */
  private everyone(): HeldTrainees {
    if (!this.held) {
      this.write();
      this.held = holdTrainees(this.db, this.holdingPage);
    }
    return this.held;
  }

  /** As {@link withIdNumber} once everyone is read in (no query, no lookup counted); undefined before. */
  heldWithIdNumber(idNumber: string): TraineeKey | undefined {
    return this.held ? this.withIdNumber(idNumber) : undefined;
  }

  withIdNumber(idNumber: string): TraineeKey | undefined {
    // Most imports add nobody: no hashing a million numbers to find that out.
    const added = this.newIdNumbers.size > 0 ? this.newIdNumbers.get(idNumber) : undefined;
    if (added) return this.changed.get(added.id) ?? added;
    if (!this.held && ++this.lookups <= this.lookupsBeforeHolding) {
      this.write();
      const key = this.keyByIdNumber.get(idNumber) as TraineeKey | undefined;
      return key && (this.changed.get(key.id) ?? key);
    }
    const held = this.everyone();
    const position = held.idNumbers.find(idNumber);
    if (position < 0) return undefined;
    const id = held.ids[position] ?? 0;
    const changed = this.changed.size > 0 ? this.changed.get(id) : undefined;
    if (changed) return changed.id_number === idNumber ? changed : undefined;
    const unitId = held.unitIds[position] ?? -1;
    return {
      id,
      id_number: idNumber,
      name: held.names[position] ?? '',
      unit_id: unitId < 0 ? null : unitId,
      category: held.categories[position] ?? '',
    };
  }

  /** Everyone whose name matches this one (its NFKC form without spaces), in record order. */
  named(name: string): TraineeKey[] {
    this.write();
    const form = nameKey(name);
    const named = this.keysByName.all(form) as TraineeKey[];
    const unusual = this.nameExtras().unusualNames.get(form);
    if (unusual) {
      named.push(...unusual.map((id) => this.keyById.get(id) as TraineeKey));
      named.sort((one, other) => one.id - other.id);
    }
    // The same key as the import holds for someone it changed earlier.
    return named.map((key) => this.changed.get(key.id) ?? key);
  }

  /** The trainee of a record number (an alias's, an enrolment's), as the import holds them. */
  byId(id: number): TraineeKey | undefined {
    this.write();
    const key = this.keyById.get(id) as TraineeKey | undefined;
    return key && (this.changed.get(key.id) ?? key);
  }

  /** Those of {@link named} without an ID number. */
  namedWithoutIdNumber(name: string): TraineeKey[] {
    return this.nameExtras().withoutIdNumber.get(nameKey(name)) ?? [];
  }

  /**
   * People without an ID number, and names stored otherwise than their match form: a few, found by two queries
   * (the queue written first), so that a sheet naming thirty people reads thirty, not the city's 200,000.
   */
  private nameExtras(): NameExtras {
    if (!this.names) {
      this.write();
      this.names = holdNameExtras(this.db);
    }
    return this.names;
  }

  /** Keeps the held names up to date with a trainee this import added or renamed (nothing held yet: nothing to do). */
  private noteName(id: number, name: string): void {
    if (this.names) noteName(this.names, id, name);
  }

  private forgetName(id: number, name: string): void {
    if (!this.names) return;
    const { unusualNames } = this.names;
    const form = nameKey(name);
    const rest = (unusualNames.get(form) ?? []).filter((other) => other !== id);
    if (rest.length > 0) unusualNames.set(form, rest);
    else unusualNames.delete(form);
  }

  private noteWithoutIdNumber(key: TraineeKey): void {
    if (this.names) noteWithoutIdNumber(this.names, key);
  }

  private forgetWithoutIdNumber(key: TraineeKey): void {
    if (!this.names) return;
    const { withoutIdNumber } = this.names;
    const form = nameKey(key.name);
    const rest = (withoutIdNumber.get(form) ?? []).filter((other) => other.id !== key.id);
    if (rest.length > 0) withoutIdNumber.set(form, rest);
    else withoutIdNumber.delete(form);
  }

  /** Trainees whose unit or category changed over time; the others' group is the same on every date. */
  private moved: Set<number> | undefined;
  private groupLookups = 0;

  /**
   * The group an enrolment in a class starting on `date` counts under (statistics.md: history stays put). Most
   * people never moved: their group is the one they have, without asking the history (a query per enrolment,
   * a fifth of a large sign-in import's time).
   */
  groupAt(key: TraineeKey, date: string): Group {
    this.write();
    // A small import asks the history each time; past as many lookups, who ever moved is read once.
    if (!this.moved && ++this.groupLookups <= this.lookupsBeforeHolding)
      return this.history.groupAt(key.id, date);
    this.moved ??= this.history.movedTrainees();
    if (!this.moved.has(key.id)) return { unit_id: key.unit_id, category: key.category };
    return this.history.groupAt(key.id, date);
  }

  /** The whole row, for comparing and updating. */
  row(key: TraineeKey): TraineeRow {
    this.write();
    const row = this.whole.get(key.id) as TraineeRow | undefined;
    // Keys come from this store, inside the import's own transaction: a missing row is a defect.
    if (!row) throw new Error(`trainee #${key.id} is in the import's keys but not in the register`);
    return row;
  }

  /** A new trainee, whose unit and category start their history on the store's date. */
  insert(writer: RowWriter, values: TraineeValues): TraineeKey {
    let id: number;
    if (this.queued) {
      id = this.queued.trainees.add([...TRAINEE_VALUES.map((column) => values[column]), writer.batchId]);
      this.queued.history.add([...Object.values(firstStatement(id, this.asOf, values)), writer.batchId]);
      if (this.queued.trainees.full) this.write();
    } else {
      id = writer.insert('trainees', { ...values });
      this.history.begin(writer, id, this.asOf, values);
    }
    const key: TraineeKey = {
      id,
      id_number: values.id_number,
      name: values.name,
      unit_id: values.unit_id,
      category: values.category,
    };
    if (key.id_number) this.newIdNumbers.set(key.id_number, key);
    else this.noteWithoutIdNumber(key);
    this.noteName(id, key.name);
    return key;
  }

  /**
   * Changes a trainee. A unit or category goes into the history from the store's date on (the row follows the
   * latest entries); the other columns change in place.
   */
  update(writer: RowWriter, key: TraineeKey, wanted: Partial<TraineeValues>): boolean {
    // Read once; `row` writes the queue first, which the history below reads too.
    const stored = this.row(key);
    const { unit_id, category, ...others } = wanted;
    const rest = changedColumns(stored, others);
    if (Object.keys(rest).length > 0) writer.update('trainees', stored, rest);
    const group: Partial<Group> = {};
    if (unit_id !== undefined) group.unit_id = unit_id;
    if (category !== undefined) group.category = category;
    const latest = this.history.state(writer, key.id, this.asOf, group);
    // Later rows of the same import match the trainee as changed: by the new name, the new number, the new group.
    if (!key.id_number) this.forgetWithoutIdNumber(key);
    if (rest.name !== undefined && rest.name !== key.name) {
      this.forgetName(key.id, key.name);
      this.noteName(key.id, rest.name);
      key.name = rest.name;
    }
    if (rest.id_number && rest.id_number !== key.id_number) {
      key.id_number = rest.id_number;
      this.newIdNumbers.set(rest.id_number, key);
    }
    if (!key.id_number) this.noteWithoutIdNumber(key);
    if (latest) {
      Object.assign(key, latest);
      this.moved?.add(key.id);
    }
    const changed = Object.keys(rest).length > 0 || latest !== undefined;
    if (changed) this.changed.set(key.id, key);
    return changed;
  }

  /** Writes the queued trainees, then their statements (which point at them). */
  write(): void {
    this.queued?.trainees.write();
    this.queued?.history.write();
  }
}

/** Lookups by ID number a store answers from the register's index before it reads everyone in. */
const LOOKUPS_BEFORE_HOLDING = 1000;

const TRAINEE_KEY = `SELECT id, id_number, name, unit_id, category FROM trainees`;

/** Everyone with an ID number, compactly. */
interface HeldTrainees {
  idNumbers: IdNumberIndex;
  /** By position in `idNumbers`: each one's record, name, unit (-1: none) and category. */
  ids: Int32Array;
  names: string[];
  unitIds: Int32Array;
  categories: string[];
}

/** The few whom the name index cannot find by their match form. */
interface NameExtras {
  /** Trainees without an ID number, by name form: whom a roster row with a number may complete. */
  withoutIdNumber: Map<string, TraineeKey[]>;
  /** Trainees whose name is not its own match form (spaces, full-width letters), by that form. */
  unusualNames: Map<string, number[]>;
}

/** Trainees read in a statement while everyone is read in. */
const HOLDING_PAGE = 2000;

/** A trainee with an ID number as `holdTrainees` reads them. */
type HeldRow = [id: number, idNumber: string, name: string, unitId: number | null, category: string];

function holdTrainees(db: Db, pageSize: number): HeldTrainees {
  const count = db
    .prepare(`SELECT COUNT(*) FROM trainees WHERE id_number IS NOT NULL`)
    .pluck()
    .get() as number;
  const held: Omit<HeldTrainees, 'idNumbers'> = {
    ids: new Int32Array(count),
    unitIds: new Int32Array(count),
    names: new Array<string>(count),
    categories: new Array<string>(count),
  };
  const idNumbers = new Array<string>(count);
  // One string per category, shared: the register has a handful.
  const category = new Map<string, string>();
  let position = 0;
  // In record order, a page at a time (a third faster than a row at a time through `iterate`, and a page's
  // arrays are all that is read ahead); the ID-number index sorts them itself.
  const page = db.prepare(`${TRAINEE_KEY} WHERE id > ? AND id_number IS NOT NULL ORDER BY id LIMIT ?`).raw();
  const first = Number.MIN_SAFE_INTEGER;
  for (
    let rows = page.all(first, pageSize) as HeldRow[];
    rows.length > 0;
    rows = page.all(rows.at(-1)?.[0], pageSize) as HeldRow[]
  )
    for (const [id, idNumber, name, unitId, categoryName] of rows) {
      if (!category.has(categoryName)) category.set(categoryName, categoryName);
      held.ids[position] = id;
      held.unitIds[position] = unitId ?? -1;
      held.names[position] = name;
      held.categories[position] = category.get(categoryName) ?? categoryName;
      idNumbers[position] = idNumber;
      position++;
    }
  return { ...held, idNumbers: new IdNumberIndex(idNumbers) };
}

function holdNameExtras(db: Db): NameExtras {
  const extras: NameExtras = { withoutIdNumber: new Map(), unusualNames: new Map() };
  for (const key of db.prepare(`${TRAINEE_KEY} WHERE id_number IS NULL ORDER BY id`).all() as TraineeKey[])
    noteWithoutIdNumber(extras, key);
  const unusual = db
    .prepare(`SELECT id, name FROM trainees WHERE name GLOB ? ORDER BY id`)
    .all(NOT_PLAIN_NAME_GLOB) as { id: number; name: string }[];
  for (const { id, name } of unusual) noteName(extras, id, name);
  return extras;
}

/**
 * A name stored otherwise than its match form cannot be found by the name index with that form: the few there
 * are, kept by form.
 */
function noteName(held: Pick<NameExtras, 'unusualNames'>, id: number, name: string): void {
  const form = nameKey(name);
  if (form === name) return;
  const ids = held.unusualNames.get(form);
  if (ids) ids.push(id);
  else held.unusualNames.set(form, [id]);
}

function noteWithoutIdNumber(held: Pick<NameExtras, 'withoutIdNumber'>, key: TraineeKey): void {
  const form = nameKey(key.name);
  held.withoutIdNumber.set(form, [...(held.withoutIdNumber.get(form) ?? []), key]);
}

/** A trainee row's columns as queued: the trainee's values, then the batch that writes them. */
const TRAINEE_VALUES = [
  'id_number',
  'name',
  'gender',
  'birth_date',
  'phone',
  'unit_id',
  'position',
  'category',
  'left_on',
] as const satisfies readonly (keyof TraineeValues)[];
// Every value of a trainee, or this does not compile: a column left out would be written as NULL.
const everyValue: Exclude<keyof TraineeValues, (typeof TRAINEE_VALUES)[number]> extends never ? true : never =
  true;
const TRAINEE_COLUMNS = everyValue && [...TRAINEE_VALUES, 'batch_id'];
const FIRST_STATEMENT_COLUMNS = [
  ...Object.keys(firstStatement(0, '', { unit_id: null, category: '' })),
  'batch_id',
];

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

/** What a search looks at of each trainee, `[id, name, id_number, phone, unit_id]`, in record order. */
export function traineeSearchFields(
  db: Db,
): Iterable<[number, string, string | null, string | null, number | null]> {
  return db
    .prepare(`SELECT id, name, id_number, phone, unit_id FROM trainees ORDER BY id`)
    .raw()
    .iterate() as Iterable<[number, string, string | null, string | null, number | null]>;
}

/** The trainees with these record numbers, in record order. */
export function traineesWithIds(db: Db, ids: readonly number[]): TraineeRow[] {
  return db
    .prepare(`SELECT * FROM trainees WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(JSON.stringify(ids)) as TraineeRow[];
}

/** Every trainee, in record order, one at a time. */
export function everyTrainee(db: Db): Iterable<TraineeRow> {
  return db.prepare(`SELECT * FROM trainees ORDER BY id`).iterate() as Iterable<TraineeRow>;
}
