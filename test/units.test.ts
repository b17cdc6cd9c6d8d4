/** Naming a unit as people write it: three columns, a path, or one text. */
import { describe, expect, it } from 'vitest';
import { createBatch } from '../src/db/batches.js';
import { openDatabase } from '../src/db/open.js';
import { UnitStore, type Unit } from '../src/db/units.js';
import type { Parsed } from '../src/import/normalise.js';
import { UnitResolver } from '../src/import/units.js';

function setUp() {
  const db = openDatabase(':memory:', { create: true });
  const batchId = createBatch(db, { kind: 'trainees', files: [], createdAt: '', osUser: '', host: '' });
  const store = new UnitStore(db);
  const resolver = new UnitResolver(store);
  const cells = (district: string, subdistrict: string, community: string) => ({
    district,
    subdistrict,
    community,
    unit: '',
  });
  for (const [d, s, c] of [
    ['宝山区', '高境镇', '高境一村居委'],
    ['宝山区', '高境镇', '逸仙路居委'],
    ['宝山区', '罗店镇', '天平村'],
    ['静安区', '静安7镇', '静安7镇第3居委'],
    // The same 居村 name under two streets.
    ['宝山区', '友谊路街道', '新村居委'],
    ['宝山区', '吴淞街道', '新村居委'],
  ] as const) {
    resolver.resolve(cells(d, s, c), { batchId });
  }
  const path = (parsed: Parsed<Unit | null>) =>
    parsed.ok ? store.path(parsed.value?.id ?? null) : parsed.problem.code;
  const text = (unit: string) => path(resolver.resolve({ ...cells('', '', ''), unit }, undefined));
  return { store, resolver, path, text, cells, batchId };
}

describe('units', () => {
  it('are created from the columns once; the same name under two parents is two units', () => {
    const { store } = setUp();
    expect(store.all()).toHaveLength(2 + 5 + 6);
    expect(store.named('新村居委').map((unit) => store.path(unit.id))).toEqual([
      '宝山区/友谊路街道/新村居委',
      '宝山区/吴淞街道/新村居委',
    ]);
  });

  it.each([
    ['宝山区/高境镇/高境一村居委', '宝山区/高境镇/高境一村居委'],
    ['宝山区高境镇高境一村居委', '宝山区/高境镇/高境一村居委'],
    ['高境一村居委', '宝山区/高境镇/高境一村居委'],
    ['罗店镇', '宝山区/罗店镇'],
    ['高境镇高境一村居委', '宝山区/高境镇/高境一村居委'],
    ['静安7镇静安7镇第3居委', '静安区/静安7镇/静安7镇第3居委'],
    ['吴淞街道新村居委', '宝山区/吴淞街道/新村居委'],
    ['高境/高境一村居委', 'unitUnknown'],
    ['新村居委', 'unitAmbiguous'],
    ['浦东新区', 'unitUnknown'],
  ])('the text %j is %j', (unit, expected) => {
    expect(setUp().text(unit)).toBe(expected);
  });

  it('a street without its district is found by name; unknown ones are made under no district', () => {
    const { path, resolver, cells, batchId } = setUp();
    expect(path(resolver.resolve(cells('', '罗店镇', '天平村'), undefined))).toBe('宝山区/罗店镇/天平村');
    expect(path(resolver.resolve(cells('', '月浦镇', ''), undefined))).toBe('unitUnknown');
    expect(path(resolver.resolve(cells('', '月浦镇', '盛桥居委'), { batchId }))).toBe('月浦镇/盛桥居委');
  });

  it('a path from its district is answered as before when asked again; one with a gap meets units added since', () => {
    const { path, resolver, cells, batchId } = setUp();
    const full = cells('宝山区', '罗店镇', '天平村');
    expect(path(resolver.resolve(full, undefined))).toBe('宝山区/罗店镇/天平村');
    expect(path(resolver.resolve(full, { batchId }))).toBe('宝山区/罗店镇/天平村');
    // Not found, then made by a roster row, then found: a refusal is never remembered.
    const later = cells('宝山区', '月浦镇', '盛桥居委');
    expect(path(resolver.resolve(later, undefined))).toBe('unitUnknown');
    expect(path(resolver.resolve(later, { batchId }))).toBe('宝山区/月浦镇/盛桥居委');
    expect(path(resolver.resolve(later, undefined))).toBe('宝山区/月浦镇/盛桥居委');
    // A 居村 without its 街镇 is unique in its district until a row adds another of its name there.
    const gap = cells('宝山区', '', '天平村');
    expect(path(resolver.resolve(gap, undefined))).toBe('宝山区/罗店镇/天平村');
    expect(path(resolver.resolve(cells('宝山区', '高境镇', '天平村'), { batchId }))).toBe(
      '宝山区/高境镇/天平村',
    );
    expect(path(resolver.resolve(gap, undefined))).toBe('unitAmbiguous');
    // Likewise a street without its district.
    const streetOnly = cells('', '罗店镇', '天平村');
    expect(path(resolver.resolve(streetOnly, undefined))).toBe('宝山区/罗店镇/天平村');
    expect(path(resolver.resolve(cells('嘉定区', '罗店镇', ''), { batchId }))).toBe('嘉定区/罗店镇');
    expect(path(resolver.resolve(streetOnly, undefined))).toBe('unitAmbiguous');
  });

  it('an organiser path is created top-down; a known name is reused', () => {
    const { path, resolver, batchId } = setUp();
    expect(path(resolver.resolveOrganiser('宝山区', { batchId }))).toBe('宝山区');
    expect(path(resolver.resolveOrganiser('罗店镇', { batchId }))).toBe('宝山区/罗店镇');
    expect(path(resolver.resolveOrganiser('普陀区/长征镇', { batchId }))).toBe('普陀区/长征镇');
  });
});
