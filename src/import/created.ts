/**
 * What a command created besides the records it was given: units, class types, trainee categories. Each is
 * said in the result with the nearest name already in the register, so that a typo (`高镜镇`) is seen before it
 * becomes a thirteenth street.
 */
import type { Db } from '../db/open.js';
import { classTypes } from '../db/classes.js';
import { historyCategories } from '../db/history.js';
import { unitIdsOfBatch, unitKey, UnitStore } from '../db/units.js';

export interface CreatedName {
  name: string;
  /** An existing name one or two keystrokes away, if any. */
  nearest?: string;
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
  const createdIds = new Set(ids);
  // The names a new unit is compared with: those of its level that existed before the command.
  const existing = new Map<number, string[]>();
  for (const unit of units.all()) {
    if (createdIds.has(unit.id)) continue;
    const names = existing.get(unit.level) ?? [];
    names.push(unit.name);
    existing.set(unit.level, names);
  }
  const unitsCreated = ids.map((id) => {
    const unit = units.get(id);
    const found = withNearest(unit?.name ?? '', existing.get(unit?.level ?? 0) ?? []);
    return { name: units.path(id), ...(found.nearest ? { nearest: found.nearest } : {}) };
  });
  return {
    units: unitsCreated,
    classTypes: fresh(after.classTypes, before.classTypes),
    categories: fresh(after.categories, before.categories),
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

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed the limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
