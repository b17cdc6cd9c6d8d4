/**
 * Mentoring (带教, issue 15): `mentor add/end/list`, the pairs on a trainee's record, and the summaries' count of
 * active pairs. On test/fixtures/small (all of 宝山区):
 *
 *   李四 (高境镇) mentors 张三 (高境镇)  from 2023-07-01, ongoing
 *   李四 mentors 王五 (高境镇)           from 2023-10-15, ongoing
 *   钱七 (罗店镇) mentors 赵六 (罗店镇)  2023-01-01 to 2023-06-30
 *
 * Active on some day of: Q1 and Q2 钱七→赵六 (1 each); Q3 李四→张三 (1); Q4 李四→张三 and 李四→王五 (2); the year, all
 * three (a pair active in several quarters is one pair of the year). By 街镇 in Q3: 高境镇 1, 罗店镇 0.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadedSmall, quarterTotal } from './helpers.js';

interface Row {
  group: string;
  mentoringPairs?: number | null;
}

describe('mentoring', () => {
  let peixun: Awaited<ReturnType<typeof loadedSmall>>;
  beforeEach(async () => {
    peixun = await loadedSmall();
    await peixun.ok('mentor', 'add', '李四', '张三', '--from', '2023-07-01');
    await peixun.ok('mentor', 'add', '李四', '王五', '--from', '2023-10-15');
    await peixun.ok('mentor', 'add', '钱七', '赵六', '--from', '2023-01-01', '--to', '2023-06-30');
  });

  it('counts the pairs active in a period, under the mentee’s group', async () => {
    const byUnit = await peixun.json<{ rows: Row[]; total: Row }>(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'unit',
      '--level',
      'subdistrict',
      '--format',
      'json',
    );
    expect(Object.fromEntries(byUnit.rows.map((row) => [row.group, row.mentoringPairs]))).toEqual({
      高境镇: 1,
      罗店镇: 0,
      '(none)': 0,
    });
    expect(byUnit.total.mentoringPairs).toBe(1);
    // Rows of classes have no mentees: null, the total still counts.
    const byType = await peixun.json<{ rows: Row[]; total: Row }>(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'class-type',
      '--format',
      'json',
    );
    expect(byType.rows.every((row) => row.mentoringPairs === null)).toBe(true);
    expect(byType.total.mentoringPairs).toBe(1);
    const annual = await peixun.json<{ total: Row; quarters: { total: Row }[] }>(
      'report',
      'annual',
      '--year',
      '2023',
      '--format',
      'json',
    );
    expect(annual.quarters.map((quarter) => quarter.total.mentoringPairs)).toEqual([1, 1, 1, 2]);
    expect(annual.total.mentoringPairs).toBe(3);
    const printed = await peixun.ok('--lang', 'zh', 'report', 'quarterly', '2023Q3', '--by', '街镇');
    expect(printed.stdout).toMatch(/带教对数 │\n/);
  });

  it('a register without pairs has no such figure (reports filed before keep their figures)', async () => {
    const fresh = await loadedSmall();
    const total = await quarterTotal(fresh);
    expect(total).not.toHaveProperty('mentoringPairs');
    const printed = await fresh.ok('--lang', 'zh', 'report', 'quarterly', '2023Q3');
    expect(printed.stdout).not.toContain('带教');
  });

  it('lists pairs, shows them on the record, ends one, refuses a second overlapping pair', async () => {
    const active = await peixun.json<{ mentor: string; mentee: string }[]>(
      'mentor',
      'list',
      '--active-on',
      '2023-08-01',
      '--json',
    );
    expect(active.map((pair) => `${pair.mentor}→${pair.mentee}`)).toEqual(['李四→张三']);
    const record = await peixun.json<{ mentoring: { role: string; other: string }[] }>(
      'report',
      'trainee',
      '张三',
      '--format',
      'json',
    );
    expect(record.mentoring).toEqual([expect.objectContaining({ role: 'mentee', other: '李四' })]);
    const again = await peixun.run('--lang', 'en', 'mentor', 'add', '李四', '张三', '--from', '2023-09-01');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('李四 and 张三 are already paired over those days (2023-07-01 to …)');
    expect((await peixun.run('mentor', 'add', '李四', '李四')).code).toBe(1);
    await peixun.ok('mentor', 'end', '李四', '张三', '--to', '2023-09-15');
    // Ended in Q3: not active in Q4, which keeps 李四→王五 alone.
    expect((await quarterTotal(peixun, '2023Q4')).mentoringPairs).toBe(1);
    // After the end, the two can be paired again.
    await peixun.ok('mentor', 'add', '李四', '张三', '--from', '2023-11-01');
  });

  it('a merge moves a record’s pairs to the kept one; undo takes a pair away', async () => {
    // A second record of 张三, made at the door without an ID number, was paired in February.
    await peixun.ok(
      'trainee',
      'add',
      '--name',
      '张小三',
      '--unit',
      '宝山区/高境镇/高境一村居委',
      '--category',
      '社区工作者',
    );
    await peixun.ok('mentor', 'add', '李四', '张小三', '--from', '2023-02-01', '--to', '2023-03-01');
    await peixun.ok('trainee', 'merge', '张三', '张小三', '--yes');
    const pairs = await peixun.json<{ mentee: string; from: string }[]>('mentor', 'list', '--json');
    expect(pairs.map((pair) => `${pair.from} ${pair.mentee}`)).toEqual([
      '2023-01-01 赵六',
      '2023-02-01 张三',
      '2023-07-01 张三',
      '2023-10-15 王五',
    ]);
    // The merge rewrote the February pair: it is undone first, then the pair.
    const batches = await peixun.json<{ id: number }[]>('imports', '--json');
    const [pairBatch, mergeBatch] = batches.slice(-2);
    await peixun.ok('imports', 'undo', String(mergeBatch?.id));
    await peixun.ok('imports', 'undo', String(pairBatch?.id));
    expect(await peixun.json<unknown[]>('mentor', 'list', '--json')).toHaveLength(3);
    expect((await peixun.ok('db', 'check')).code).toBe(0);
  });
});
