/**
 * What a command created besides the records it was given: units, class types, trainee categories. Each is
 * said in the result with the nearest name already in the register, so that a typo (`高镜镇`) is seen before it
 * becomes a thirteenth street.
 */
import { COMMON_CATEGORIES } from '../domain/categories.js';
import { editDistance } from '../domain/text.js';
import { SHANGHAI_DISTRICTS } from '../domain/units.js';
import type { Db } from '../db/handle.js';
import { classTypes } from '../db/classes.js';
import { historyCategories } from '../db/history.js';
import { rowsNamingUnitsOfBatch, unitIdsOfBatch, unitKey, UnitStore, type Unit } from '../db/units.js';

export interface CreatedName {
  name: string;
  /** An existing name one or two keystrokes away, if any. */
  nearest?: string;
  /** A new 区 that is none of Shanghai's sixteen. */
  unknownDistrict?: true;
  /**
   * A new 街镇 under no 区, or 居村 under no 街镇 (a street's roster without a 区 column): the level it lacks. It
   * counts under no district until it is moved under one.
   */
  parentMissing?: 1 | 2;
}

const KNOWN_DISTRICTS = new Set<string>(SHANGHAI_DISTRICTS.map(unitKey));

/**
 * The units the command made, each with the name it may be a slip for: compared only with the units of its level
 * under its own parent, those there before and those the same command made (高境一材居委 beside 高境一村居委 in one
 * roster), never for a name the register already has at that level, and never for a sibling of another number
 * (高境一村 beside 高境二村). Of two new names one slip apart, the one fewer records name is the slip.
 */
function newUnitNames(
  units: UnitStore,
  ids: readonly number[],
  naming: ReadonlyMap<number, number>,
): CreatedName[] {
  const created = new Set(ids);
  const all = units.all();
  const siblingsOf = new Map<string, Unit[]>();
  const namesAtLevel = new Map<string, number>();
  for (const unit of all) {
    const place = `${unit.parentId ?? 0}|${unit.level}`;
    siblingsOf.set(place, [...(siblingsOf.get(place) ?? []), unit]);
    const named = `${unit.level}|${unitKey(unit.name)}`;
    namesAtLevel.set(named, (namesAtLevel.get(named) ?? 0) + 1);
  }
  const usesOf = (id: number) => naming.get(id) ?? 0;
  const districts = [
    ...SHANGHAI_DISTRICTS,
    ...all.filter((unit) => unit.level === 1).map((unit) => unit.name),
  ];
  return ids.map((id) => {
    const unit = units.get(id);
    const name = units.path(id);
    if (!unit) return { name };
    if (unit.level === 1) {
      if (KNOWN_DISTRICTS.has(unitKey(unit.name))) return { name };
      const near = withNearest(
        unit.name,
        districts.filter((other) => other !== unit.name),
      ).nearest;
      return { name, unknownDistrict: true, ...(near ? { nearest: near } : {}) };
    }
    const parentMissing = unit.parentId === null ? { parentMissing: (unit.level - 1) as 1 | 2 } : {};
    if ((namesAtLevel.get(`${unit.level}|${unitKey(unit.name)}`) ?? 0) > 1) return { name, ...parentMissing };
    const siblings = (siblingsOf.get(`${unit.parentId ?? 0}|${unit.level}`) ?? [])
      .filter((other) => other.id !== id && !differsOnlyInNumbers(unit.name, other.name))
      .filter((other) => !created.has(other.id) || usesOf(other.id) >= usesOf(id))
      .map((other) => other.name);
    const near = withNearest(unit.name, siblings).nearest;
    return near ? { name, nearest: near, ...parentMissing } : { name, ...parentMissing };
  });
}

/** 一村 and 二村, 1号 and 2号: a series of places, not a slip of the keyboard. */
function differsOnlyInNumbers(a: string, b: string): boolean {
  const numbers = /[0-9０-９一二三四五六七八九十百零〇两]+/gu;
  return a !== b && a.replace(numbers, '#') === b.replace(numbers, '#');
}

export interface Created {
  units: CreatedName[];
  classTypes: CreatedName[];
  categories: CreatedName[];
  /** Sessions a sign-in import opened: `K1 2023-07-17 上午`. */
  sessions: CreatedName[];
}

/** Class types and categories as they were before the command: what is new is told against these. */
export interface NamesBefore {
  classTypes: Set<string>;
  categories: Set<string>;
}

export function namesBefore(db: Db): NamesBefore {
  return {
    classTypes: new Set(classTypes(db)),
    // Every trainee's category is in their history (migration 7).
    categories: new Set(historyCategories(db)),
  };
}

export function createdSince(db: Db, before: NamesBefore, batchId: number): Created {
  const after = namesBefore(db);
  const fresh = (now: Set<string>, then: Set<string>) =>
    [...now]
      .filter((name) => !then.has(name))
      .sort()
      .map((name) => withNearest(name, [...then]));
  const units = new UnitStore(db);
  const ids = unitIdsOfBatch(db, batchId);
  const unitsCreated = ids.length === 0 ? [] : newUnitNames(units, ids, rowsNamingUnitsOfBatch(db, batchId));
  return {
    units: unitsCreated,
    classTypes: fresh(after.classTypes, before.classTypes),
    categories: fresh(after.categories, before.categories).map((category) =>
      COMMON_CATEGORIES.has(category.name) ? { name: category.name } : category,
    ),
    sessions: [],
  };
}

function withNearest(name: string, existing: readonly string[]): CreatedName {
  const key = unitKey(name);
  // One edit for short names, two from six characters on: close enough to be a slip, not another place.
  const allowed = key.length >= 6 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of existing) {
    const distance = editDistance(key, unitKey(candidate), allowed);
    if (distance > 0 && distance <= allowed && (!best || distance < best.distance))
      best = { name: candidate, distance };
  }
  return best ? { name, nearest: best.name } : { name };
}
