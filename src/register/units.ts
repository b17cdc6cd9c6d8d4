/**
 * The unit tree at the terminal (`peixun unit list|show|rename|move|merge|remove`). A unit made from a typo, a
 * 街镇 made without its 区, the same 街镇 made twice: each is corrected here, one batch at a time, undone like an
 * import. Every command says what it moved.
 */
import { TraineeHistory } from '../db/history.js';
import type { Db } from '../db/handle.js';
import type { RowWriter } from '../db/rows.js';
import {
  LEVELS,
  repointDerivedUnit,
  rowsNamingUnit,
  unitCounts,
  unitKey,
  unitRow,
  UnitStore,
  unitUses,
  UNIT_USES,
  type Level,
  type LevelName,
  type Unit,
  type UnitUseTable,
} from '../db/units.js';
import { dynamicProblem, PeixunError, problem } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import { cleanText } from '../import/normalise.js';
import { UnitResolver } from '../import/units.js';
import { inEditBatch, type EditEnvironment } from './batch.js';

/** How many rows of each table name the unit (its sub-units as `units`). */
export type UnitUses = Record<UnitUseTable, number>;

export interface UnitListing {
  id: number;
  path: string;
  name: string;
  level: Level;
  parent: string | null;
  /** Trainees registered in it now (not below it). */
  trainees: number;
  /** Trainees in it or in a unit below it. */
  traineesWithin: number;
  subUnits: number;
  classes: number;
}

/** The tree, in register order under each parent; below a unit, or at one level, if asked. */
export function listUnits(db: Db, filter: { under?: string; level?: LevelName }): UnitListing[] {
  const units = new UnitStore(db);
  const under = filter.under === undefined ? undefined : findUnit(db, filter.under, units);
  const { trainees, classes } = unitCounts(db);
  const children = new Map<number | null, Unit[]>();
  for (const unit of units.all()) {
    const siblings = children.get(unit.parentId) ?? [];
    siblings.push(unit);
    children.set(unit.parentId, siblings);
  }
  const within = (unit: Unit): number =>
    (trainees.get(unit.id) ?? 0) +
    (children.get(unit.id) ?? []).reduce((sum, child) => sum + within(child), 0);
  const listed: UnitListing[] = [];
  const walk = (unit: Unit) => {
    if (filter.level === undefined || unit.level === LEVELS[filter.level]) {
      listed.push({
        id: unit.id,
        path: units.path(unit.id),
        name: unit.name,
        level: unit.level,
        parent: unit.parentId === null ? null : units.path(unit.parentId),
        trainees: trainees.get(unit.id) ?? 0,
        traineesWithin: within(unit),
        subUnits: (children.get(unit.id) ?? []).length,
        classes: classes.get(unit.id) ?? 0,
      });
    }
    for (const child of children.get(unit.id) ?? []) walk(child);
  };
  for (const root of under ? [under] : (children.get(null) ?? [])) walk(root);
  return listed;
}

export interface UnitDetail extends UnitListing {
  children: string[];
  uses: UnitUses;
  /** The batch that made it. */
  batchId: number;
}

export function showUnit(db: Db, text: string): UnitDetail {
  const units = new UnitStore(db);
  const unit = findUnit(db, text, units);
  const [listing] = listUnits(db, { under: units.path(unit.id) });
  return {
    ...(listing as UnitListing),
    children: units
      .all()
      .filter((child) => child.parentId === unit.id)
      .map((child) => child.name),
    uses: unitUses(db, unit.id),
    batchId: unitRow(db, unit.id).batch_id,
  };
}

/**
 * A unit as a person names it: its path from any level (`宝山区/高境镇`, `高境镇/高境一村居委`), its name where no
 * other unit has it, or its name after its own ancestors' (`高境镇高境一村居委`). A path written out in full from its
 * district names that unit even where a shorter path would name two.
 */
export function findUnit(db: Db, text: string, units = new UnitStore(db)): Unit {
  const cleaned = cleanText(text);
  if (cleaned === '') throw new PeixunError(problem('unitUnknown', { value: text }));
  const found = new UnitResolver(units).findKnown(cleaned);
  if (found.ok) return found.value;
  throw new PeixunError(dynamicProblem(found.problem.code, found.problem.params));
}

/** What a unit command moved: rows of each table now naming another unit, units merged on the way. */
export interface UnitChange {
  unit: string;
  to?: string;
  moved: Partial<UnitUses>;
  /** Sub-units of the same name merged into the target's (a duplicate 街镇's 居村). */
  merged: string[];
}

function sameLevelSibling(
  units: UnitStore,
  parentId: number | null,
  level: Level,
  name: string,
  except: number,
) {
  return units
    .all()
    .find(
      (other) =>
        other.id !== except &&
        other.parentId === parentId &&
        other.level === level &&
        unitKey(other.name) === unitKey(name),
    );
}

export async function renameUnit(env: EditEnvironment, text: string, newName: string) {
  const { db } = env;
  const units = new UnitStore(db);
  const unit = findUnit(db, text, units);
  const name = cleanText(newName);
  if (name === '' || /[/／]/.test(name)) throw new PeixunError(problem('unitSlash', { value: newName }));
  const clash = sameLevelSibling(units, unit.parentId, unit.level, name, unit.id);
  if (clash) {
    throw new PeixunError(
      problem('unitRenameClash', { path: units.path(clash.id), from: units.path(unit.id) }),
    );
  }
  const path = units.path(unit.id);
  return inEditBatch(env, 'unit rename', `${path} → ${name}`, (writer) => {
    if (unit.name === name) return { value: { unit: path, to: name, moved: {}, merged: [] }, changed: 0 };
    writer.update('units', unitRow(db, unit.id), { name });
    return { value: { unit: path, to: name, moved: {}, merged: [] } satisfies UnitChange, changed: 1 };
  });
}

/** A unit under another parent: one level above its own (a 街镇 under a 区, a 居村 under a 街镇). */
export async function moveUnit(env: EditEnvironment, text: string, parentText: string) {
  const { db } = env;
  const units = new UnitStore(db);
  const unit = findUnit(db, text, units);
  const parent = findUnit(db, parentText, units);
  const path = units.path(unit.id);
  if (parent.level !== unit.level - 1) {
    throw new PeixunError(
      problem('unitMoveLevel', {
        unit: path,
        level: dynamicProblem(`level.${unit.level}` as MessageKey),
        parent: units.path(parent.id),
        parentLevel: dynamicProblem(`level.${parent.level}` as MessageKey),
      }),
    );
  }
  const clash = sameLevelSibling(units, parent.id, unit.level, unit.name, unit.id);
  if (clash) {
    throw new PeixunError(problem('unitMoveClash', { unit: path, existing: units.path(clash.id) }));
  }
  const to = `${units.path(parent.id)}/${unit.name}`;
  return inEditBatch(env, 'unit move', `${path} → ${to}`, (writer) => {
    if (unit.parentId === parent.id) return { value: { unit: path, to, moved: {}, merged: [] }, changed: 0 };
    writer.update('units', unitRow(db, unit.id), { parent_id: parent.id });
    // A 居村 now within another 街镇 may make a roster's 街镇-level statement coarser or not: derived, worked out again.
    new TraineeHistory(db).refreshAll();
    return { value: { unit: path, to, moved: {}, merged: [] } satisfies UnitChange, changed: 1 };
  });
}

/**
 * A unit into another of its level: every trainee, history statement, class, venue, plan, project and sub-unit
 * that names it names the other; sub-units of the same name are merged in turn; the unit goes.
 */
export async function mergeUnits(env: EditEnvironment, fromText: string, intoText: string) {
  const { db } = env;
  const units = new UnitStore(db);
  const from = findUnit(db, fromText, units);
  const into = findUnit(db, intoText, units);
  if (from.id === into.id) throw new PeixunError(problem('unitMergeSelf', { unit: units.path(from.id) }));
  if (from.level !== into.level) {
    throw new PeixunError(
      problem('unitMergeLevel', {
        from: units.path(from.id),
        into: units.path(into.id),
        level: dynamicProblem(`level.${from.level}` as MessageKey),
        intoLevel: dynamicProblem(`level.${into.level}` as MessageKey),
      }),
    );
  }
  const path = units.path(from.id);
  const target = units.path(into.id);
  return inEditBatch(env, 'unit merge', `${path} → ${target}`, (writer) => {
    const change: UnitChange = { unit: path, to: target, moved: {}, merged: [] };
    mergeInto(db, writer, units, from, into, change);
    new TraineeHistory(db).refreshAll();
    return { value: change, changed: 1 };
  });
}

function mergeInto(
  db: Db,
  writer: RowWriter,
  units: UnitStore,
  from: Unit,
  into: Unit,
  change: UnitChange,
): void {
  for (const child of units.all().filter((unit) => unit.parentId === from.id)) {
    const twin = sameLevelSibling(units, into.id, child.level, child.name, child.id);
    if (twin) {
      change.merged.push(`${units.path(child.id)} → ${units.path(twin.id)}`);
      mergeInto(db, writer, units, child, twin, change);
    }
  }
  for (const use of UNIT_USES) {
    // Enrolments take their unit from the history, worked out again below; effective units likewise.
    if (use.table === 'enrolments') continue;
    const rows = rowsNamingUnit(db, use, from.id);
    for (const row of rows) writer.update(use.table, row, { [use.column]: into.id });
    if (rows.length > 0) change.moved[use.table] = (change.moved[use.table] ?? 0) + rows.length;
  }
  // Derived: set to the kept unit now, so that nothing points at the unit about to go; refreshAll settles them.
  const enrolments = repointDerivedUnit(db, from.id, into.id);
  if (enrolments > 0) change.moved.enrolments = (change.moved.enrolments ?? 0) + enrolments;
  writer.delete('units', unitRow(db, from.id));
}

/** A unit nothing names (a typo nobody was registered in): removed. Anything naming it: refused, saying what. */
export async function removeUnit(env: EditEnvironment, text: string) {
  const { db } = env;
  const units = new UnitStore(db);
  const unit = findUnit(db, text, units);
  const path = units.path(unit.id);
  const uses = unitUses(db, unit.id);
  const used = Object.entries(uses).filter(([, count]) => count > 0);
  if (used.length > 0) {
    throw new PeixunError(
      problem('unitInUse', { unit: path }),
      used.map(([table, count]) =>
        table === 'units'
          ? problem('unitUseChildren', { count })
          : problem('unitUse', { table: dynamicProblem(`table.${table}` as MessageKey), count }),
      ),
    );
  }
  return inEditBatch(env, 'unit remove', path, (writer) => {
    writer.delete('units', unitRow(db, unit.id));
    return { value: { unit: path, moved: {}, merged: [] } satisfies UnitChange, changed: 1 };
  });
}
