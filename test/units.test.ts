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

  it('an organiser path is created top-down; a known name is reused', () => {
    const { path, resolver, batchId } = setUp();
    expect(path(resolver.resolveOrganiser('宝山区', { batchId }))).toBe('宝山区');
    expect(path(resolver.resolveOrganiser('罗店镇', { batchId }))).toBe('宝山区/罗店镇');
    expect(path(resolver.resolveOrganiser('普陀区/长征镇', { batchId }))).toBe('普陀区/长征镇');
  });
});
