/**
 * Finding the unit a row names: three columns (区, 街镇, 居村), a path `宝山区/高境镇/XX居委`, or one text
 * as people write it on a sign-in sheet (`高境镇高境一村居委`).
 */
import type { Level, Unit, UnitStore } from '../db/units.js';
import type { Parsed } from './normalise.js';

export interface UnitCells {
  district: string;
  subdistrict: string;
  community: string;
  unit: string;
}

/** Where a row may create the units it names (rosters, organisers), the batch that creates them. */
export type UnitCreation = { batchId: number } | undefined;

export class UnitResolver {
  private readonly textCache = new Map<string, Parsed<Unit>>();
  constructor(private readonly units: UnitStore) {}

  describe(unit: Unit): string {
    return this.units.path(unit.id);
  }

  /** The most specific unit the cells name, null when they name none. */
  resolve(cells: UnitCells, creation: UnitCreation): Parsed<Unit | null> {
    const levelled = [cells.district, cells.subdistrict, cells.community];
    if (levelled.some((name) => name !== '')) return this.resolveLevels(levelled, creation);
    if (cells.unit === '') return { ok: true, value: null };
    if (cells.unit.includes('/')) {
      const parts = cells.unit
        .split('/')
        .map((part) => part.trim())
        .filter(Boolean);
      const known = this.matchPath(parts);
      if (known.length === 1 || !creation) return this.single(known, cells.unit);
      return this.resolveLevels(parts.slice(0, 3), creation);
    }
    return this.matchText(cells.unit);
  }

  /**
   * An organising unit (主办单位): a known unit by any of the text rules, else a new one from its path, the
   * first part a district (`普陀区`, `长宁区/长宁第3街道`).
   */
  resolveOrganiser(text: string, creation: { batchId: number }): Parsed<Unit | null> {
    if (text === '') return { ok: true, value: null };
    const parts = text
      .split('/')
      .map((part) => part.trim())
      .filter(Boolean);
    const known = parts.length > 1 ? this.matchPath(parts) : [];
    if (known.length === 1) return this.single(known, text);
    if (parts.length === 1) {
      const match = this.matchText(text);
      if (match.ok || match.problem.key !== 'unitUnknown') return match;
    }
    return this.resolveLevels(parts.slice(0, 3), creation);
  }

  private resolveLevels(names: readonly string[], creation: UnitCreation): Parsed<Unit | null> {
    let parent: Unit | undefined;
    for (const [index, name] of names.entries()) {
      if (!name) continue;
      const level = (index + 1) as Level;
      let unit: Unit | undefined;
      if (parent || level === 1) {
        unit = this.units.find(parent?.id ?? null, level, name);
      } else {
        const candidates = this.units.named(name, level);
        if (candidates.length > 1) return this.ambiguous(name, candidates);
        unit = candidates[0];
      }
      if (!unit) {
        if (!creation)
          return {
            ok: false,
            problem: { key: 'unitUnknown', params: { value: names.filter(Boolean).join('/') } },
          };
        unit = this.units.create(parent?.id ?? null, level, name, creation.batchId);
      }
      parent = unit;
    }
    return { ok: true, value: parent ?? null };
  }

  /** Known units whose path ends with these parts. */
  private matchPath(parts: readonly string[]): Unit[] {
    const last = parts[parts.length - 1];
    if (!last) return [];
    return this.units.named(last).filter((unit) => {
      const names = this.units.lineage(unit.id).map((ancestor) => ancestor.name);
      return parts.every((part, index) => names[names.length - parts.length + index] === part);
    });
  }

  /** Full path, then a name at any level, then the end of the text; a result is remembered per text. */
  matchText(text: string): Parsed<Unit> {
    const cached = this.textCache.get(text);
    if (cached) return cached;
    const result = this.matchTextUncached(text);
    this.textCache.set(text, result);
    return result;
  }

  private matchTextUncached(text: string): Parsed<Unit> {
    const byPath = this.units.all().filter((unit) => {
      const names = this.units.lineage(unit.id).map((ancestor) => ancestor.name);
      return names.join('') === text || names.join('/') === text;
    });
    if (byPath.length > 0) return this.single(byPath, text);
    const byName = this.units.named(text);
    if (byName.length > 0) return this.single(byName, text);
    const byEnding = this.units.all().filter((unit) => text.endsWith(unit.name));
    if (byEnding.length === 0) return this.single([], text);
    // `高境镇高境一村居委`: what precedes the name should be the names above it.
    const fitting = byEnding.filter((unit) => {
      const before = text.slice(0, text.length - unit.name.length);
      const above = this.units
        .lineage(unit.parentId)
        .map((ancestor) => ancestor.name)
        .join('');
      return above.endsWith(before);
    });
    const longest = (units: Unit[]) => {
      const length = Math.max(...units.map((unit) => unit.name.length));
      return units.filter((unit) => unit.name.length === length);
    };
    return this.single(fitting.length > 0 ? longest(fitting) : longest(byEnding), text);
  }

  private single(units: readonly Unit[], text: string): Parsed<Unit> {
    if (units.length === 1 && units[0]) return { ok: true, value: units[0] };
    if (units.length === 0) return { ok: false, problem: { key: 'unitUnknown', params: { value: text } } };
    return this.ambiguous(text, units);
  }

  private ambiguous(text: string, units: readonly Unit[]): Parsed<never> {
    const candidates = units.map((unit) => this.describe(unit)).join('; ');
    return { ok: false, problem: { key: 'unitAmbiguous', params: { value: text, candidates } } };
  }
}
