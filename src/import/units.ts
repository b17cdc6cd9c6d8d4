/**
 * Finding the unit a row names (formats.md, Trainees): three columns (区, 街镇, 居村), a path
 * `宝山区/高境镇/XX居委` from any level, or one text as people write it on a sign-in sheet (`高境镇高境一村居委`).
 * Names are matched on their NFKC form; a unit created from a row keeps its name as the row wrote it.
 */
import { unitKey, type Level, type Unit, type UnitStore } from '../db/units.js';
import { withoutCityName } from '../domain/units.js';
import type { Parsed, Problem } from './normalise.js';

export interface UnitCells {
  district: string;
  subdistrict: string;
  community: string;
  unit: string;
}

/** The column a unit problem belongs to: the one holding the value it names, else the given one. */
export function unitProblemField(cells: UnitCells, problem: Problem, otherwise: string): string {
  const value = problem.params?.value;
  const field = (['unit', 'district', 'subdistrict', 'community'] as const).find(
    (name) => cells[name] === value,
  );
  return field ?? otherwise;
}

/** Where a row may create the units it names (rosters, organisers), the batch that creates them. */
export type UnitCreation = { batchId: number } | undefined;

/** The level a name's ending gives away: 宝山区, 高境镇 / 友谊路街道, 天平村 / 高境一村居委. */
export function levelFromName(name: string): Level | undefined {
  const key = unitKey(name);
  if (/(区|县)$/.test(key)) return 1;
  if (/(街道|镇|乡)$/.test(key)) return 2;
  if (/(居委会|居委|居民区|村委会|村|社区)$/.test(key)) return 3;
  return undefined;
}

const splitPath = (text: string) =>
  text
    .split(/[/／]/)
    .map((part) => part.trim())
    .filter(Boolean);

export class UnitResolver {
  private readonly textCache = new Map<string, Parsed<Unit>>();
  /**
   * Units found (or made) from a district down, by the names as written: a roster names the same few thousand
   * 居村 in each of its rows. From a district down, each level under the one above, every step is one exact
   * lookup, so the answer cannot change while the import adds units. Cells without their district, or a 居村
   * without its 街镇, are matched by name each time: a unit added later could make them ambiguous.
   */
  private readonly fromDistrict = new Map<string, Parsed<Unit | null>>();
  constructor(private readonly units: UnitStore) {}

  describe(unit: Unit): string {
    return this.units.path(unit.id);
  }

  /** The most specific unit the cells name, null when they name none. */
  resolve(written: UnitCells, creation: UnitCreation): Parsed<Unit | null> {
    const cells = {
      ...written,
      district: withoutCityName(written.district),
      unit: withoutCityName(written.unit),
    };
    const levelled = [cells.district, cells.subdistrict, cells.community];
    if (levelled.some((name) => name !== '')) return this.resolveLevels(levelled, creation);
    if (cells.unit === '') return { ok: true, value: null };
    const parts = splitPath(cells.unit);
    if (parts.length > 1) return this.resolvePath(parts, cells.unit, creation);
    const match = this.matchText(cells.unit);
    // A name alone cannot be placed: what would make it is its path (formats.md, Units), said with the refusal.
    if (!match.ok && creation && match.problem.code === 'unitUnknown')
      return { ok: false, problem: { code: 'unitUnknownNeedsPath', params: { value: cells.unit } } };
    return match;
  }

  /**
   * An organising unit (主办单位): a known unit by any of the text rules, else a new one from its path (`普陀区`,
   * `长宁区/长宁第3街道`, `罗店镇/新建村` under the known 罗店镇).
   */
  resolveOrganiser(written: string, creation: { batchId: number }): Parsed<Unit | null> {
    const text = withoutCityName(written);
    if (text === '') return { ok: true, value: null };
    const parts = splitPath(text);
    if (parts.length === 1) {
      const match = this.matchText(text);
      if (match.ok || match.problem.code !== 'unitUnknown') return match;
    }
    return this.resolvePath(parts, text, creation);
  }

  /**
   * A path: known as a whole (from any level), else below its longest known beginning, else from the district
   * down. What is created takes the level after its parent's; a path that cannot be placed is refused.
   */
  private resolvePath(parts: readonly string[], text: string, creation: UnitCreation): Parsed<Unit | null> {
    const known = this.matchPath(parts);
    if (known.length > 0 || !creation) return this.single(known, text);
    for (let length = parts.length - 1; length >= 1; length--) {
      const anchors = this.matchPath(parts.slice(0, length));
      if (anchors.length > 1) return this.ambiguous(parts.slice(0, length).join('/'), anchors);
      const anchor = anchors[0];
      if (!anchor) continue;
      const rest = parts.slice(length);
      // A 居村 written straight under its district lacks its 街镇: found where unique, never created there.
      if (anchor.level === 1 && rest.length === 1 && levelFromName(rest[0] ?? '') === 3) {
        return this.resolveLevels([anchor.name, '', rest[0] ?? ''], creation);
      }
      if (anchor.level + rest.length > 3) return this.single([], text);
      const names: string[] = ['', '', ''];
      for (const unit of this.units.lineage(anchor.id)) names[unit.level - 1] = unit.name;
      rest.forEach((name, index) => (names[anchor.level + index] = name));
      return this.resolveLevels(names, creation);
    }
    // Nothing of it is known: a new district only where the path starts with one.
    if (parts.length > 3 || levelFromName(parts[0] ?? '') !== 1) {
      return { ok: false, problem: { code: 'unitPlaceUnknown', params: { value: text } } };
    }
    return this.resolveLevels(
      parts.length === 2 && levelFromName(parts[1] ?? '') === 3
        ? [parts[0] ?? '', '', parts[1] ?? '']
        : parts,
      creation,
    );
  }

  private resolveLevels(names: readonly string[], creation: UnitCreation): Parsed<Unit | null> {
    const [district, subdistrict, community] = names;
    if (!district || (community && !subdistrict)) return this.resolveLevelsUncached(names, creation);
    const key = names.join('\u0000');
    const known = this.fromDistrict.get(key);
    if (known) return known;
    const result = this.resolveLevelsUncached(names, creation);
    if (result.ok) this.fromDistrict.set(key, result);
    return result;
  }

  private resolveLevelsUncached(names: readonly string[], creation: UnitCreation): Parsed<Unit | null> {
    // `/` separates the levels of a path: inside one unit's name it would make two units' figures one.
    const slashed = names.find((name) => /[/／]/.test(name));
    if (slashed) return { ok: false, problem: { code: 'unitSlash', params: { value: slashed } } };
    let parent: Unit | undefined;
    const [district, subdistrict, community] = names;
    if (community && !subdistrict) return this.communityWithoutSubdistrict(district ?? '', community);
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
            problem: { code: 'unitUnknown', params: { value: names.filter(Boolean).join('/') } },
          };
        unit = this.units.create(parent?.id ?? null, level, name, creation.batchId);
      }
      parent = unit;
    }
    return { ok: true, value: parent ?? null };
  }

  /** formats.md: a 居村 without its 街镇 is matched only where its name is unique in the district. */
  private communityWithoutSubdistrict(district: string, community: string): Parsed<Unit | null> {
    const districtKey = district ? unitKey(district) : undefined;
    const candidates = this.units
      .named(community, 3)
      .filter(
        (unit) =>
          districtKey === undefined || unitKey(this.units.lineage(unit.id)[0]?.name ?? '') === districtKey,
      );
    if (candidates.length === 1) return { ok: true, value: candidates[0] ?? null };
    if (candidates.length > 1) return this.ambiguous(community, candidates);
    const value = [district, community].filter(Boolean).join('/');
    return { ok: false, problem: { code: 'unitNeedsSubdistrict', params: { value } } };
  }

  /**
   * Known units whose path ends with these parts; where one path is these parts whole (from its top), that one:
   * `高境镇/高境一村居委` names the top-level 高境镇's unit, not also 宝山区/高境镇's, as the candidates list it.
   */
  private matchPath(parts: readonly string[]): Unit[] {
    const last = parts[parts.length - 1];
    if (!last) return [];
    const keys = parts.map(unitKey);
    const lineageKeys = (unit: Unit) => this.units.lineage(unit.id).map((ancestor) => unitKey(ancestor.name));
    const ending = this.units.named(last).filter((unit) => {
      const names = lineageKeys(unit);
      return keys.every((part, index) => names[names.length - keys.length + index] === part);
    });
    const whole = ending.filter((unit) => lineageKeys(unit).length === keys.length);
    return ending.length > 1 && whole.length === 1 ? whole : ending;
  }

  /** A known unit as a person names it: a path from any level (`宝山区/高境镇`), else as {@link matchText}. */
  findKnown(written: string): Parsed<Unit> {
    const text = withoutCityName(written);
    const parts = splitPath(text);
    return parts.length > 1 ? this.single(this.matchPath(parts), text) : this.matchText(text);
  }

  /** Full path, then a name at any level, then a name preceded by its own ancestors' names; remembered per text. */
  matchText(text: string): Parsed<Unit> {
    const cached = this.textCache.get(text);
    if (cached) return cached;
    const result = this.matchTextUncached(text);
    this.textCache.set(text, result);
    return result;
  }

  private matchTextUncached(text: string): Parsed<Unit> {
    const key = unitKey(text);
    const byName = this.units.named(text);
    // A name that is one unit's whole path (a unit without a parent) names that one, as the candidates list it.
    const whole = byName.filter((unit) => unit.parentId === null);
    if (byName.length > 1 && whole.length === 1) return this.single(whole, text);
    if (byName.length > 0) return this.single(byName, text);
    // `高境镇高境一村居委`, `宝山区高境镇高境一村居委`: the name, preceded by the whole names of the units above it
    // (`新天平村` is not `天平村`: 新 is no unit's name).
    const fitting = this.units.all().filter((unit) => {
      const name = unitKey(unit.name);
      if (!key.endsWith(name) || key === name) return false;
      const before = key.slice(0, key.length - name.length);
      const above = this.units.lineage(unit.parentId).map((ancestor) => unitKey(ancestor.name));
      for (let from = 0; from < above.length; from++) if (above.slice(from).join('') === before) return true;
      return false;
    });
    return this.single(fitting, text);
  }

  private single(units: readonly Unit[], text: string): Parsed<Unit> {
    if (units.length === 1 && units[0]) return { ok: true, value: units[0] };
    if (units.length === 0) return { ok: false, problem: { code: 'unitUnknown', params: { value: text } } };
    return this.ambiguous(text, units);
  }

  private ambiguous(text: string, units: readonly Unit[]): Parsed<never> {
    const candidates = units.map((unit) => this.describe(unit)).join('; ');
    return { ok: false, problem: { code: 'unitAmbiguous', params: { value: text, candidates } } };
  }
}
