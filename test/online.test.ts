/**
 * Online and offline (issue 15): a sign-in sheet's 线上线下 column marks a session online; the summaries split 学时
 * into offline and online and show hours learnt on the online platform (`import online`), which count for the
 * trainee's year but in no class figure. Worked by hand on test/fixtures/small, 2023Q3 (33.0 hours in all):
 *
 *   K2's session of 1 August is held online. K2 records no hours: its 4 planned hours over 2 sessions give 2 an
 *   attended session; on 1 August 张三, 赵六 and 孙八 (late) attended: 6 online hours, so 33 − 6 = 27 offline.
 *   Platform: 张三 (社区工作者, 高境镇) 3 h on 10 September, 李四 (居村党组织书记, 高境镇) 2.5 h on 20 August, 王五 4 h on
 *   2 October (Q4): 5.5 platform hours in Q3, by category 3 and 2.5.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadedSmall, quarterTotal } from './helpers.js';

const ZHANG = '310113198001010013';
const LI = '31011319851212002X';
const WANG = '310113199005050033';
const ZHAO = '310113197511110044';
const SUN = '310113197003030064';

/** A file in the register's folder. */
function file(peixun: { folder: string }, name: string, text: string): string {
  const path = join(peixun.folder, name);
  writeFileSync(path, text);
  return path;
}

interface Figures {
  group?: string;
  hours: number;
  offlineHours?: number;
  onlineHours?: number;
  platformHours?: number | null;
  participants: number;
  classes: number;
}

describe('online and offline', () => {
  let peixun: Awaited<ReturnType<typeof loadedSmall>>;
  let platformFile: string;
  beforeEach(async () => {
    peixun = await loadedSmall();
    const online = file(
      peixun,
      'k2-online.csv',
      [
        '班级编号,日期,身份证号,签到状态,线上线下',
        `K2,2023-08-01,${ZHANG},出勤,线上`,
        `K2,2023-08-01,${ZHAO},出勤,线上`,
        `K2,2023-08-01,${SUN},迟到,线上`,
      ].join('\n'),
    );
    await peixun.ok('import', 'attendance', online);
    platformFile = file(
      peixun,
      '平台学时.csv',
      [
        '姓名,身份证号,课程名称,学时,完成日期',
        `张三,${ZHANG},习近平新时代中国特色社会主义思想,3,2023-09-10`,
        `李四,${LI},基层治理数字化,2.5,2023/8/20`,
        `王五,${WANG},民法典与社区治理,4,2023-10-02`,
      ].join('\n'),
    );
    await peixun.ok('import', 'online', platformFile);
  });

  it('splits hours by how sessions were held, and adds platform hours beside them', async () => {
    const total = await quarterTotal<Figures>(peixun);
    expect(total).toMatchObject({ hours: 33, offlineHours: 27, onlineHours: 6, platformHours: 5.5 });
    // No class figure moves: 4 classes, 5 participants, as without the platform.
    expect(total).toMatchObject({ classes: 4, participants: 5 });
    const byCategory = await peixun.json<{ rows: Figures[] }>(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'category',
      '--format',
      'json',
    );
    const platform = Object.fromEntries(byCategory.rows.map((row) => [row.group, row.platformHours]));
    expect(platform).toMatchObject({ 社区工作者: 3, 居村党组织书记: 2.5, 社区志愿者: 0 });
    const byType = await peixun.json<{ rows: Figures[] }>(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'class-type',
      '--format',
      'json',
    );
    // 专题培训 (K2, K3): K2's online 6 of its 10 hours; rows of classes carry no platform hours.
    expect(byType.rows.find((row) => row.group === '专题培训')).toMatchObject({
      hours: 19,
      onlineHours: 6,
      offlineHours: 13,
      platformHours: null,
    });
    expect((await quarterTotal<Figures>(peixun, '2023Q4')).platformHours).toBe(4);
  });

  it('counts platform hours in the trainee’s year, and reads the same export twice as no change', async () => {
    const record = await peixun.json<{ years: { year: string; hours: number }[]; onlineLearning: unknown[] }>(
      'report',
      'trainee',
      '张三',
      '--format',
      'json',
    );
    // 18 hours of classes in 2023 (docs/statistics.md) and 3 online.
    expect(record.years).toEqual([expect.objectContaining({ year: '2023', hours: 21 })]);
    expect(record.onlineLearning).toHaveLength(1);
    const again = await peixun.json<{ counts: Record<string, number> }>(
      'import',
      'online',
      platformFile,
      '--json',
    );
    expect(again.counts).toMatchObject({ inserted: 0, unchanged: 3 });
  });

  it('refuses a row it cannot place, and a bad 线上线下 value, naming file, row and column', async () => {
    const bad = file(peixun, 'bad.csv', '姓名,课程名称,学时,完成日期\n无此人,课程,2,2023-09-01\n');
    const result = await peixun.run('--lang', 'en', 'import', 'online', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}:2`);
    const mode = file(
      peixun,
      'mode.csv',
      `班级编号,日期,身份证号,签到状态,线上线下\nK2,2023-08-02,${ZHANG},出勤,直播\n`,
    );
    const refused = await peixun.run('--lang', 'en', 'import', 'attendance', mode);
    expect(refused.stderr).toContain(`${mode}:2 线上线下: "直播" should be 线上 (online) or 线下 (offline)`);
  });

  it('a register with nothing online shows no split', async () => {
    const fresh = await loadedSmall();
    const total = await quarterTotal<Figures>(fresh);
    expect(total).not.toHaveProperty('onlineHours');
    expect(total).not.toHaveProperty('platformHours');
  });
});
