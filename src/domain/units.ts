/**
 * The unit tree (区 → 街镇 → 居村) as figures read it: each unit, its path and its ancestors. Built from the units'
 * rows, whoever holds them (the register, a district's bundle); db/units.ts adds finding and creating units.
 */
import { nameKey } from './names.js';

export type Level = 1 | 2 | 3;
export const LEVELS = { district: 1, subdistrict: 2, community: 3 } as const;
export type LevelName = keyof typeof LEVELS;

export interface Unit {
  id: number;
  parentId: number | null;
  level: Level;
  name: string;
}

/** Unit names are stored as written and matched as every name is (names.ts). */
export function unitKey(name: string): string {
  return nameKey(name);
}

export class UnitTree {
  protected readonly byId = new Map<number, Unit>();

  constructor(units: Iterable<Unit> = []) {
    for (const unit of units) this.remember(unit);
  }

  protected remember(unit: Unit): void {
    this.byId.set(unit.id, unit);
  }

  get(id: number | null): Unit | undefined {
    return id === null ? undefined : this.byId.get(id);
  }

  all(): Unit[] {
    return [...this.byId.values()];
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

/** formats.md: Shanghai's sixteen districts are known; a 区 of another name is said as new. */
export const SHANGHAI_DISTRICTS = [
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '浦东新区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区',
] as const;

/**
 * A unit as written with the city's name before one of its districts (`上海市宝山区高境镇`, `上海市/宝山区`): the
 * same unit without it. Only before a district's own name: `上海市委组织部` is left as written.
 */
export function withoutCityName(text: string): string {
  const city = /^\s*上海市?\s*[/／]?\s*/u.exec(text);
  if (!city) return text;
  const rest = text.slice(city[0].length);
  return SHANGHAI_DISTRICTS.some((district) => rest.startsWith(district)) ? rest : text;
}
