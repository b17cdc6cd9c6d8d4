/**
 * Cross tables (issue 15, "forms for handing in"): `--by A,B` or `--by A --then B`, one figure per pair of groups,
 * each row's and column's total counted over its own group. Expected numbers worked out by hand from
 * test/fixtures/small (docs/statistics.md's worked example), 2023Q3: classes K1–K4 (K5 cancelled, K6 in Q2).
 *
 * Attended enrolments (a participant-time each), with the trainee's 街镇 and category:
 *   K1 轮训:     张三 (高境镇, 社区工作者), 李四 (高境镇, 居村党组织书记), 赵六 (罗店镇, 社区志愿者); 王五 never attended
 *   K2 专题培训: 张三, 赵六, 孙八 (no unit, category 其他)
 *   K3 专题培训: 李四, 王五 (高境镇, 社区工作者)
 *   K4 示范培训: no sign-ins
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { localDate } from '../src/domain/dates.js';
import { loadedSmall } from './helpers.js';

interface Cross {
  columns: string[];
  rows: { group: string; cells: (number | null)[]; total: number | null }[];
  columnTotals: (number | null)[];
  total: number | null;
}

const table = (cross: Cross) =>
  Object.fromEntries(cross.rows.map((row) => [row.group, [...row.cells, row.total]]));

describe('cross tables', () => {
  it('participant-times by 街镇 and category: each cell, row and column by hand', async () => {
    const peixun = await loadedSmall();
    const cross = await peixun.json<Cross>(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'unit,category',
      '--level',
      'subdistrict',
      '--format',
      'json',
    );
    // Columns in pinyin order: 居村党组织书记, 其他, 社区工作者, 社区志愿者.
    expect(cross.columns).toEqual(['居村党组织书记', '其他', '社区工作者', '社区志愿者']);
    expect(table(cross)).toEqual({
      // 高境镇: 李四 K1, K3 (2 书记); 张三 K1, K2 and 王五 K3 (3 社区工作者): 5.
      高境镇: [2, 0, 3, 0, 5],
      // 罗店镇: 赵六 K1, K2: 2 社区志愿者.
      罗店镇: [0, 0, 0, 2, 2],
      // 孙八 has no unit: K2, 其他.
      '(none)': [0, 1, 0, 0, 1],
    });
    expect([...cross.columnTotals, cross.total]).toEqual([2, 1, 3, 2, 8]);
  });

  it('participants are counted over each row and column, not added up', async () => {
    const peixun = await loadedSmall();
    const cross = await peixun.json<Cross>(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'class-type',
      '--then',
      'category',
      '--figure',
      '人数',
      '--format',
      'json',
    );
    expect(table(cross)).toEqual({
      // K1: 李四, 张三, 赵六 (王五 never attended): 3 people.
      轮训: [1, 0, 1, 1, 3],
      // K4 has no sign-ins: its row is there, empty.
      示范培训: [0, 0, 0, 0, 0],
      // K2 and K3: 李四; 孙八; 张三 and 王五; 赵六: 5 people.
      专题培训: [1, 1, 2, 1, 5],
    });
    // 李四 is in two class types but one person of 居村党组织书记; 张三 likewise of 社区工作者: 1, 1, 2, 1 and 5 in
    // all (the six less 钱七, who trained nowhere).
    expect([...cross.columnTotals, cross.total]).toEqual([1, 1, 2, 1, 5]);
  });

  it('prints as a table with the grouping pair in the title, and refuses what cannot be crossed', async () => {
    const peixun = await loadedSmall();
    const printed = await peixun.ok('--lang', 'zh', 'report', 'quarterly', '2023Q3', '--by', '街镇,人员类别');
    expect(printed.stdout).toContain('所属单位（街镇） × 人员类别（人次）');
    expect(printed.stdout).toMatch(/│ 高境镇 +│ +2 │ +0 │ +3 │ +0 │ +5 │/);
    for (const args of [
      ['--by', 'unit', '--then', 'unit'],
      ['--then', 'category'],
      ['--by', 'unit,course-category'],
      ['--by', 'unit', '--figure', 'participants'],
      ['--by', 'unit,category,class-type'],
    ]) {
      const refused = await peixun.run('report', 'quarterly', '2023Q3', ...args);
      expect(refused.code, args.join(' ')).toBe(2);
    }
  });

  it('a filed cross table keeps its figures', async () => {
    const peixun = await loadedSmall();
    await peixun.ok(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'unit',
      '--then',
      'category',
      '--file',
      '--format',
      'json',
    );
    const filed = await peixun.json<{ changed: boolean }[]>('filed', 'list', '--format', 'json');
    expect(filed).toHaveLength(1);
    expect(filed[0]?.changed).toBe(false);
  });
});

describe('forms to hand in', () => {
  it('an .xlsx report ends with 填报单位, 填报人, 联系电话 and 填报日期, from the settings or the options', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('config', 'set', 'report.unit', '宝山区委组织部');
    await peixun.ok('config', 'set', 'report.person', '王芳');
    await peixun.ok('config', 'set', 'report.phone', '13912345678');
    const out = join(peixun.folder, 'form.xlsx');
    await peixun.ok('--lang', 'zh', 'report', 'quarterly', '2023Q3', '--by', 'unit,category', '--out', out);
    const block = async (file: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const sheet = workbook.worksheets[0];
      const rows: [unknown, unknown][] = [];
      sheet?.eachRow((row) => rows.push([row.getCell(1).value, row.getCell(2).value]));
      return rows.slice(-4);
    };
    // The day on this machine's clock, as peixun dates it.
    const today = localDate(new Date());
    // The organiser's own phone, on the form meant to be handed in: as configured (#29; before, `139****5678`).
    expect(await block(out)).toEqual([
      ['填报单位', '宝山区委组织部'],
      ['填报人', '王芳'],
      ['联系电话', '13912345678'],
      ['填报日期', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)],
    ]);
    expect((await block(out))[3]?.[1]).toBe(today);
    const whole = join(peixun.folder, 'form-whole.xlsx');
    await peixun.ok(
      '--lang',
      'zh',
      'report',
      'quarterly',
      '2023Q3',
      '--reporter',
      '李强',
      '--reporter-phone',
      '021-56781234',
      '--out',
      whole,
    );
    expect((await block(whole)).slice(1, 3)).toEqual([
      ['填报人', '李强'],
      ['联系电话', '021-56781234'],
    ]);
  });

  it('the yearly hours required follow the trainee category, with a default', async () => {
    const peixun = await loadedSmall();
    // 张三 (社区工作者) trained 18 hours in 2023 (docs/statistics.md): 90 required by default, 72 short.
    const hours = async () =>
      (
        await peixun.json<{ years: { required: number; short: number }[] }>(
          'report',
          'trainee',
          '张三',
          '--format',
          'json',
        )
      ).years[0];
    expect(await hours()).toMatchObject({ required: 90, short: 72 });
    await peixun.ok('config', 'set', 'required-hours', '40');
    expect(await hours()).toMatchObject({ required: 40, short: 22 });
    await peixun.ok('config', 'set', 'required-hours.社区工作者', '12');
    expect(await hours()).toMatchObject({ required: 12, short: 0 });
    // Another category's setting is not his.
    await peixun.ok('config', 'set', 'required-hours.社区志愿者', '0');
    expect(await hours()).toMatchObject({ required: 12 });
    const listed = await peixun.ok('--lang', 'en', 'config');
    expect(listed.stdout).toContain('required-hours.社区志愿者');
    expect((await peixun.run('config', 'set', 'required-hours.社区工作者', 'many')).code).toBe(1);
    expect((await peixun.run('config', 'set', 'colour', 'blue')).code).toBe(1);
    // Names every JavaScript object answers to are no settings either (they stopped with an internal error).
    for (const name of ['constructor', '__proto__', 'toString']) {
      for (const args of [
        ['set', name, '1'],
        ['get', name],
        ['unset', name],
      ]) {
        const refused = await peixun.run('--lang', 'en', 'config', ...args);
        expect(refused.code, `config ${args.join(' ')}`).toBe(1);
        expect(refused.stderr).toContain(`no setting named "${name}"`);
      }
    }
  });
});
