/**
 * Units in three levels (区 → 街镇 → 居村), held in memory while a command runs (there are a few thousand): the
 * domain's tree, with finding units by name and creating them.
 */
import { LEVELS, UnitTree, unitKey, type Level, type LevelName, type Unit } from '../domain/units.js';
import type { Db } from './handle.js';

export { LEVELS, UnitTree, unitKey, type Level, type LevelName, type Unit };

export class UnitStore extends UnitTree {
  private readonly byKey = new Map<string, Unit>();
  private readonly byName = new Map<string, Unit[]>();
  private readonly insert;

  constructor(private readonly db: Db) {
    super();
    this.insert = db.prepare(`INSERT INTO units (parent_id, level, name, batch_id) VALUES (?, ?, ?, ?)`);
    const rows = db
      .prepare(`SELECT id, parent_id AS parentId, level, name FROM units ORDER BY id`)
      .all() as Unit[];
    for (const unit of rows) this.remember(unit);
  }

  protected override remember(unit: Unit): void {
    super.remember(unit);
    this.byKey.set(key(unit.parentId, unit.level, unit.name), unit);
    const name = unitKey(unit.name);
    this.byName.set(name, [...(this.byName.get(name) ?? []), unit]);
  }

  find(parentId: number | null, level: Level, name: string): Unit | undefined {
    return this.byKey.get(key(parentId, level, name));
  }

  /** Units of this name (compared on their NFKC form, so `（一）` finds `(一)`), at a level if given. */
  named(name: string, level?: Level): Unit[] {
    const units = this.byName.get(unitKey(name)) ?? [];
    return level === undefined ? units : units.filter((unit) => unit.level === level);
  }

  /** Units created through this store, in order: what an import or edit must say it created. */
  readonly created: Unit[] = [];

  create(parentId: number | null, level: Level, name: string, batchId: number): Unit {
    const result = this.insert.run(parentId, level, name, batchId);
    const unit: Unit = { id: Number(result.lastInsertRowid), parentId, level, name };
    this.remember(unit);
    this.created.push(unit);
    return unit;
  }
}

function key(parentId: number | null, level: Level, name: string): string {
  return `${parentId ?? 0}\u0000${level}\u0000${unitKey(name)}`;
}

/** The units one batch created, in the order it created them. */
export function unitIdsOfBatch(db: Db, batchId: number): number[] {
  return db.prepare(`SELECT id FROM units WHERE batch_id = ? ORDER BY id`).pluck().all(batchId) as number[];
}

/** The register's districts (区), in the order it learnt them: a report's heading needs no more of the units. */
export function districtNames(db: Db): string[] {
  return db
    .prepare(`SELECT name FROM units WHERE level = ? ORDER BY id`)
    .pluck()
    .all(LEVELS.district) as string[];
}

/** Every place a unit is named, by table and column. */
export const UNIT_USES = [
  { table: 'trainees', column: 'unit_id' },
  { table: 'trainee_history', column: 'unit_id' },
  { table: 'enrolments', column: 'unit_id' },
  { table: 'classes', column: 'organiser_unit_id' },
  { table: 'venues', column: 'unit_id' },
  { table: 'plans', column: 'organiser_unit_id' },
  { table: 'projects', column: 'unit_id' },
  { table: 'units', column: 'parent_id' },
] as const;

export type UnitUseTable = (typeof UNIT_USES)[number]['table'];

/** How many rows of each table name the unit (its sub-units as `units`). */
export function unitUses(db: Db, unitId: number): Record<UnitUseTable, number> {
  const uses = {} as Record<UnitUseTable, number>;
  for (const { table, column } of UNIT_USES) {
    uses[table] = db
      .prepare(`SELECT COUNT(*) FROM ${table} WHERE ${column} = ?`)
      .pluck()
      .get(unitId) as number;
  }
  return uses;
}

/** The rows of a table that name the unit in that column, whole (to be changed through a RowWriter). */
export function rowsNamingUnit(
  db: Db,
  use: (typeof UNIT_USES)[number],
  unitId: number,
): ({ id: number; batch_id: number } & Record<string, unknown>)[] {
  return db.prepare(`SELECT * FROM ${use.table} WHERE ${use.column} = ?`).all(unitId) as ({
    id: number;
    batch_id: number;
  } & Record<string, unknown>)[];
}

export interface UnitRow {
  id: number;
  parent_id: number | null;
  level: Level;
  name: string;
  batch_id: number;
}

export function unitRow(db: Db, id: number): UnitRow {
  return db.prepare(`SELECT * FROM units WHERE id = ?`).get(id) as UnitRow;
}

/**
 * Points the derived references (history's effective units, enrolments' units) from one unit to another, so that
 * nothing names the unit about to go; the history's rules then settle them. Returns the enrolments moved.
 */
export function repointDerivedUnit(db: Db, fromId: number, intoId: number): number {
  db.prepare(`UPDATE trainee_history SET effective_unit_id = ? WHERE effective_unit_id = ?`).run(
    intoId,
    fromId,
  );
  return db.prepare(`UPDATE enrolments SET unit_id = ? WHERE unit_id = ?`).run(intoId, fromId).changes;
}

/** Trainees registered in each unit now, and classes each unit organised, by unit id. */
export function unitCounts(db: Db): { trainees: Map<number, number>; classes: Map<number, number> } {
  const count = (sql: string) => new Map(db.prepare(sql).raw().all() as [number, number][]);
  return {
    trainees: count(`SELECT unit_id, COUNT(*) FROM trainees WHERE unit_id IS NOT NULL GROUP BY unit_id`),
    classes: count(
      `SELECT organiser_unit_id, COUNT(*) FROM classes WHERE organiser_unit_id IS NOT NULL GROUP BY organiser_unit_id`,
    ),
  };
}

/**
 * How many of one batch's rows name each unit (history statements, sub-units, classes, venues, plans): of two
 * units the batch made one slip apart, the one fewer rows name is the slip. One pass over the batch's rows.
 */
export function rowsNamingUnitsOfBatch(db: Db, batchId: number): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT unit, COUNT(*) FROM (
         SELECT unit_id AS unit FROM trainee_history WHERE batch_id = @batch
         UNION ALL SELECT parent_id FROM units WHERE batch_id = @batch
         UNION ALL SELECT organiser_unit_id FROM classes WHERE batch_id = @batch
         UNION ALL SELECT organiser_unit_id FROM plans WHERE batch_id = @batch
         UNION ALL SELECT unit_id FROM venues WHERE batch_id = @batch)
       WHERE unit IS NOT NULL GROUP BY unit`,
    )
    .raw()
    .all({ batch: batchId }) as [number, number][];
  return new Map(rows);
}
