/**
 * Venues (issue 15): `import venues`, a session's venue from its sheet (地点) or its class, `report venues`, and a
 * warning for a session fuller than its venue. test/fixtures/small's classes give no 地点; here K1 is set at
 * 宝山区社区治理学院 (capacity 40) and K2 at 高境镇社区治理会客厅 (capacity 2), and K2's session of 2 August is moved
 * by its sheet to 天平村党群服务站. 2023Q3, by hand:
 *
 *   学院:   K1's 3 sessions; present 3 (张三, 李四, 赵六), 3 (张三, 李四 late, 赵六), 1 (张三): 7 attendances
 *   会客厅: K2 1 August: 张三, 赵六, 孙八 (late): 3 present, over its capacity of 2: a warning
 *   服务站: K2 2 August: 张三, 孙八 (赵六 excused): 2
 *   no venue: K3's 2 sessions: 李四 and 王五 on 20 September, 李四 on 8 October: 3
 *   In all 7 sessions, 15 attendances.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadedSmall, SMALL } from './helpers.js';

interface VenuesJson {
  venues: {
    name: string | null;
    sessions: number;
    attendances: number;
    busiest: number;
    registered: boolean;
  }[];
  types: { type: string | null; venues: number; sessions: number; attendances: number }[];
  total: { sessions: number; attendances: number; byQuarter: number[] };
  warnings: { code: string; message: string }[];
}

describe('venues', () => {
  let peixun: Awaited<ReturnType<typeof loadedSmall>>;
  beforeEach(async () => {
    peixun = await loadedSmall();
    await peixun.ok('import', 'venues', join(SMALL, 'venues.csv'));
    await peixun.ok('class', 'edit', 'K1', '--venue', '宝山区社区治理学院');
    await peixun.ok('class', 'edit', 'K2', '--venue', '高境镇社区治理会客厅');
    const sheet = join(peixun.folder, 'k2-0802.csv');
    writeFileSync(
      sheet,
      [
        '班级编号,日期,身份证号,签到状态,地点',
        'K2,2023-08-02,310113198001010013,出勤,天平村党群服务站',
        'K2,2023-08-02,310113197511110044,请假,天平村党群服务站',
        'K2,2023-08-02,310113197003030064,出勤,天平村党群服务站',
      ].join('\n'),
    );
    await peixun.ok('import', 'attendance', sheet);
  });

  it('sessions and attendances by venue and type, and a session over capacity', async () => {
    const report = await peixun.json<VenuesJson>('report', 'venues', '2023Q3', '--format', 'json');
    const byName = Object.fromEntries(
      report.venues.map((line) => [line.name ?? '-', [line.sessions, line.attendances]]),
    );
    expect(byName).toEqual({
      宝山区社区治理学院: [3, 7],
      高境镇社区治理会客厅: [1, 3],
      天平村党群服务站: [1, 2],
      '-': [2, 3],
    });
    expect(report.total).toMatchObject({ sessions: 7, attendances: 15 });
    expect(report.types.map((line) => [line.type, line.venues, line.sessions])).toEqual([
      ['党群服务站', 1, 1],
      ['会客厅', 1, 1],
      ['实训课堂', 1, 3],
      [null, 0, 2],
    ]);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'warnOverCapacity',
        message: expect.stringContaining('K2 2023-08-01'),
      }),
    ]);
  });

  it('a year shows each quarter’s sessions', async () => {
    const report = await peixun.json<VenuesJson>('report', 'venues', '--year', '2023', '--format', 'json');
    // K6 (30 June) has no venue: Q2 1 session; Q3 as above but K3's 8 October session, in Q4 by its date.
    expect(report.total.byQuarter).toEqual([0, 1, 6, 1]);
    const printed = await peixun.ok('--lang', 'zh', 'report', 'venues', '2023');
    expect(printed.stdout).toContain('2023Q3 场次');
    expect(printed.stderr).toContain('到场人数超过场地容量');
  });
});
