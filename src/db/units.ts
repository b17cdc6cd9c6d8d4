/** Units in three levels (区 → 街镇 → 居村), held in memory while a command runs: there are a few thousand. */
import type { Db } from './open.js';

export type Level = 1 | 2 | 3;
export const LEVELS = { district: 1, subdistrict: 2, community: 3 } as const;
export type LevelName = keyof typeof LEVELS;

export interface Unit {
  id: number;
  parentId: number | null;
  level: Level;
  name: string;
}

export class UnitStore {
  private readonly byId = new Map<number, Unit>();
  private readonly byKey = new Map<string, Unit>();
  private readonly byName = new Map<string, Unit[]>();
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO units (parent_id, level, name, batch_id) VALUES (?, ?, ?, ?)`);
    const rows = db
      .prepare(`SELECT id, parent_id AS parentId, level, name FROM units ORDER BY id`)
      .all() as Unit[];
    for (const unit of rows) this.remember(unit);
  }

  private remember(unit: Unit): void {
    this.byId.set(unit.id, unit);
    this.byKey.set(key(unit.parentId, unit.level, unit.name), unit);
    const name = unitKey(unit.name);
    this.byName.set(name, [...(this.byName.get(name) ?? []), unit]);
  }

  get(id: number | null): Unit | undefined {
    return id === null ? undefined : this.byId.get(id);
  }

  find(parentId: number | null, level: Level, name: string): Unit | undefined {
    return this.byKey.get(key(parentId, level, name));
  }

  /** Units of this name (compared on their NFKC form, so `（一）` finds `(一)`), at a level if given. */
  named(name: string, level?: Level): Unit[] {
    const units = this.byName.get(unitKey(name)) ?? [];
    return level === undefined ? units : units.filter((unit) => unit.level === level);
  }

  all(): Unit[] {
    return [...this.byId.values()];
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

  /** From the top: [区, 街镇, 居村] as far as they are known. */
  lineage(id: number | null): Unit[] {
    const chain: Unit[] = [];
    for (let unit = this.get(id); unit; unit = this.get(unit.parentId)) chain.unshift(unit);
    return chain;
  }

  path(id: number | null): string {
    return this.lineage(id)
      .map((unit) => unit.name)
      .join('/');
  }

  ancestorAt(id: number | null, level: Level): Unit | undefined {
    return this.lineage(id).find((unit) => unit.level === level);
  }

  isWithin(id: number | null, ancestorId: number): boolean {
    return this.lineage(id).some((unit) => unit.id === ancestorId);
  }
}

function key(parentId: number | null, level: Level, name: string): string {
  return `${parentId ?? 0}\u0000${level}\u0000${unitKey(name)}`;
}

/** Unit names are stored as written and matched on their NFKC form without spaces. */
export function unitKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
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
