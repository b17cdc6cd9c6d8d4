/**
 * Every figure of statistics.md, recounted by hand from test/fixtures/small, through the CLI's JSON.
 *
 * The fixture (trainees.csv, classes.csv, attendance.csv):
 *   trainees  A 张三 高境镇/高境一村 社区工作者   B 李四 高境镇/高境一村 居村党组织书记
 *             C 王五 高境镇/逸仙路   社区工作者   D 赵六 罗店镇/天平村   社区志愿者
 *             E 钱七 罗店镇/天平村   社区工作者 (never attends)   F 孙八 no unit, no category (→ 其他)
 *   classes   K1 轮训 by 宝山区, 2023-07-10, 3 sessions, hours in the sheet (2 each)
 *             K2 专题培训 by 宝山区/高境镇, 2023-08-01, 2 sessions, no hours in the sheet, 4 planned → 2 a session
 *             K3 专题培训 by 宝山区/罗店镇, 2023-09-20, 2 sessions (the second on 2023-10-08), 3 hours each
 *             K4 示范培训 2023-08-15, no attendance        K5 cancelled (one record)   K6 in Q2 (one record)
 *   records   K1: A ✓✓✓  B ✓ late excused  C ✗✗✗  D ✓✓✗
 *             K2: A ✓✓   D ✓ excused       F late ✓
 *             K3: B ✓✓   C ✓✗
 *
 * 2023Q3 total:
 *   classes           K1 K2 K3 K4 = 4 (K5 cancelled, K6 starts in Q2)
 *   enrolments        K1 A B C D, K2 A D F, K3 B C = 9; with an attended record: all but K1·C = 8 participantTimes
 *   participants      {A B D} ∪ {A D F} ∪ {B C} = {A B C D F} = 5
 *   hours             K1: A 6 + B 4 + D 4 = 14; K2: A 4 + D 2 + F 4 = 10; K3: B 6 + C 3 = 9; total 33
 *   hoursPerParticipant 33 / 5 = 6.6
 *   attendanceRate    attended records K1 3+2+0+2, K2 2+1+2, K3 2+1 = 15 of 12 + 6 + 4 = 22
 *   completionRate    at 6/7: K1 (3 sessions, need 3) A; K2 (2, need 2) A F; K3 (2, need 2) B → 4 of 9
 *                     at 0.6: K1 (need 2) A B D; K2 (need 2) A F; K3 (need 2) B → 6 of 9
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figures, Summary } from '../src/stats/summary.js';
import type { ProblemJson } from '../src/i18n/index.js';
import { loadedSmall, register, SMALL } from './helpers.js';

type Report = Omit<Summary, 'completionThreshold' | 'warnings'> & { warnings: ProblemJson[] };

const figures = (
  group: string | null,
  classes: number,
  participantTimes: number,
  participants: number,
  hours: number,
  attended: [number, number] | null,
  completed: [number, number] | null,
  coverage: number | null,
  // The small fixture names no courses and holds no projects: 0 where counted, null where not (trainee categories).
  { courses = 0, projects = 0 as number | null } = {},
): Figures => ({
  group,
  classes,
  participantTimes,
  participants,
  hours,
  hoursPerParticipant: participants > 0 ? hours / participants : null,
  attendanceRate: attended ? attended[0] / attended[1] : null,
  completionRate: completed ? completed[0] / completed[1] : null,
  coverage,
  courses,
  projects,
});

describe('quarterly figures on the small fixture', () => {
  let peixun: ReturnType<typeof register>;
  const report = async (...args: string[]) =>
    await peixun.json<Report>('report', 'quarterly', ...args, '--format', 'json');
  beforeAll(async () => {
    peixun = await loadedSmall();
  });

  it('total', async () => {
    const result = await report('2023Q3');
    expect(result.period).toEqual({ label: '2023Q3', from: '2023-07-01', to: '2023-09-30' });
    expect(result.rows).toEqual([]);
    expect(result.total).toEqual(figures(null, 4, 8, 5, 33, [15, 22], [4, 9], null));
    expect(result.total.hoursPerParticipant).toBe(6.6);
  });

  it('--year/--quarter is the same as 2023Q3', async () => {
    expect(await report('--year', '2023', '--quarter', '3')).toEqual(await report('2023Q3'));
  });

  it('completion threshold', async () => {
    expect((await report('2023Q3', '--completion-threshold', '0.6')).total.completionRate).toBe(6 / 9);
  });

  it('warnings: a class without attendance, a class with sessions after the period', async () => {
    const { warnings } = await report('2023Q3');
    expect(warnings).toHaveLength(2);
    // As JSON: code, parameters, and the sentence in the report's language.
    expect(warnings[0]).toMatchObject({ code: 'warnNoAttendance', params: { codes: 'K4' } });
    expect(warnings[0]?.message).toContain('K4');
    expect(warnings[1]).toMatchObject({ code: 'warnLaterSessions', params: { codes: 'K3' } });
  });

  it('Q2 holds only K6: one record of 8 hours', async () => {
    // K6: A present with 8 hours, one session → completion 1 of 1.
    expect((await report('2023Q2')).total).toEqual(figures(null, 1, 1, 1, 8, [1, 1], [1, 1], null));
  });

  it('by class type (in pinyin order): rows add up to the total; a class with no records has null rates', async () => {
    // 专题培训 = K2 + K3: participantTimes 3 + 2, participants {A D F B C}, hours 10 + 9,
    //   attended 5 + 3 of 6 + 4 records, completed A F + B of 3 + 2 enrolments.
    // 轮训 = K1: participantTimes 3, participants {A B D}, hours 14, attended 7 of 12, completed A of 4.
    // 示范培训 = K4: one class, nothing else; rates are null, not 0.
    const result = await report('2023Q3', '--by', 'class-type');
    expect(result.rows).toEqual([
      figures('轮训', 1, 3, 3, 14, [7, 12], [1, 4], null),
      figures('示范培训', 1, 0, 0, 0, null, null, null),
      figures('专题培训', 2, 5, 5, 19, [8, 10], [3, 5], null),
    ]);
    expect(result.total).toEqual(figures(null, 4, 8, 5, 33, [15, 22], [4, 9], null));
  });

  it('by organiser, the unit itself and by street/town with a (none) row', async () => {
    // Organisers: 宝山区 K1 K4, 高境镇 K2, 罗店镇 K3.
    expect((await report('2023Q3', '--by', 'organiser')).rows).toEqual([
      figures('宝山区', 2, 3, 3, 14, [7, 12], [1, 4], null),
      figures('高境镇', 1, 3, 3, 10, [5, 6], [2, 3], null),
      figures('罗店镇', 1, 2, 2, 9, [3, 4], [1, 2], null),
    ]);
    // At street/town level the district's own classes K1 and K4 have a row of their own (statistics.md), first:
    // K1 enrolments A B C D attended by A B D (3), K4 none attended → 2 classes, 3 participant-times.
    const bySubdistrict = await report('2023Q3', '--by', 'organiser', '--level', 'subdistrict');
    expect(bySubdistrict.level).toBe('subdistrict');
    expect(bySubdistrict.rows.map((row) => [row.group, row.classes, row.participantTimes])).toEqual([
      ['(district level)', 2, 3],
      ['高境镇', 1, 3],
      ['罗店镇', 1, 2],
    ]);
  });

  it('by category: classes counted per group, coverage against active trainees', async () => {
    // 社区工作者 A C (E registered, never attends): enrolments K1·A K1·C K2·A K3·C, attended all but K1·C → 3;
    //   participants A C; classes K1 K2 K3; hours 6 + 4 + 3 = 13; attended 3+0+2+1 = 6 of 3+3+2+2 = 10;
    //   completed K1·A K2·A = 2 of 4; coverage 2 of A C E.
    // 居村党组织书记 B: K1 (2 of 3, 4 h) K3 (2 of 2, 6 h); completed K3 → 1 of 2; coverage 1 of 1.
    // 社区志愿者 D: K1 (2 of 3, 4 h) K2 (1 of 2, 2 h); completed none; coverage 1 of 1.
    // 其他 F: K2 (2 of 2, 4 h); completed; coverage 1 of 1.
    const result = await report('2023Q3', '--by', 'category');
    expect(result.rows).toEqual([
      figures('居村党组织书记', 2, 2, 1, 10, [4, 5], [1, 2], 1, { projects: null }),
      figures('其他', 1, 1, 1, 4, [2, 2], [1, 1], 1, { projects: null }),
      figures('社区工作者', 3, 3, 2, 13, [6, 10], [2, 4], 2 / 3, { projects: null }),
      figures('社区志愿者', 2, 2, 1, 6, [3, 5], [0, 2], 1, { projects: null }),
    ]);
    // Total coverage: 5 participants of 6 active trainees.
    expect(result.total).toEqual(figures(null, 4, 8, 5, 33, [15, 22], [4, 9], 5 / 6));
  });

  it('by unit at street/town level, trainees without a unit in (none)', async () => {
    // 高境镇 A B C: enrolments K1·A K1·B K1·C K2·A K3·B K3·C, attended all but K1·C → 5; participants 3;
    //   hours A 10 + B 10 + C 3 = 23; attended 3+2+0+2+2+1 = 10 of 15; completed K1·A K2·A K3·B = 3 of 6;
    //   coverage 3 of A B C.
    // 罗店镇 D (E never attends): K1·D K2·D → 2; hours 6; attended 3 of 5; completed 0 of 2; coverage 1 of D E.
    // (none) F: K2·F; hours 4; attended 2 of 2; completed 1 of 1; coverage 1 of 1.
    const result = await report('2023Q3', '--by', 'unit', '--level', 'subdistrict');
    expect(result.rows).toEqual([
      figures('高境镇', 3, 5, 3, 23, [10, 15], [3, 6], 1),
      figures('罗店镇', 2, 2, 1, 6, [3, 5], [0, 2], 1 / 2),
      figures('(none)', 1, 1, 1, 4, [2, 2], [1, 1], 1),
    ]);
  });

  it('by unit at community level', async () => {
    // 高境一村居委 A B; 逸仙路居委 C (K3 only attended); 天平村 D.
    const rows = (await report('2023Q3', '--by', 'unit', '--level', 'community')).rows;
    expect(rows.map((row) => [row.group, row.participantTimes, row.participants, row.hours])).toEqual([
      ['高境一村居委', 4, 2, 20],
      ['逸仙路居委', 1, 1, 3],
      ['天平村', 2, 1, 6],
      ['(none)', 1, 1, 4],
    ]);
  });
});

describe('早退 (left early)', () => {
  it('is attended: counted in 人次, 学时 and 出勤率, and flagged on the class sheet', async () => {
    const peixun = await loadedSmall();
    // 王五 (C) left K1's first session early instead of being absent, credited 2 hours:
    //   participantTimes 8 + K1·C = 9; participants still {A B C D F} = 5; hours 33 + 2 = 35;
    //   attended records 15 + 1 = 16 of 22; completion at 6/7: C has 1 of K1's 3 sessions → still 4 of 9.
    const file = join(peixun.folder, 'left-early.csv');
    writeFileSync(
      file,
      '班级编号,日期,时段,身份证号,姓名,签到状态,学时\nK1,2023-07-10,上午,310113199005050033,王五,早退,2\n',
    );
    await peixun.ok('import', 'attendance', file);
    const result = await peixun.json<Report>('report', 'quarterly', '2023Q3', '--format', 'json');
    expect(result.total).toEqual(figures(null, 4, 9, 5, 35, [16, 22], [4, 9], null));
    // K1's sheet: 王五 attended 1 of 3 (absent 2 > 3/7), and the early leave is said beside it.
    const sheet = await peixun.json<{ trainees: { name: string; attended: number; leftEarly?: number }[] }>(
      'report',
      'class',
      'K1',
      '--format',
      'json',
    );
    expect(sheet.trainees.find((row) => row.name === '王五')).toMatchObject({ attended: 1, leftEarly: 1 });
    expect(sheet.trainees.find((row) => row.name === '张三')?.leftEarly).toBeUndefined();
    const table = (await peixun.ok('report', 'class', 'K1', '--format', 'csv')).stdout;
    expect(table).toMatch(
      /王五,[^,]*,left early,absent,absent,1,2,2.0,no,"⚠ absent over 1\/7, left early 1 time"/,
    );
  });
});

describe('history stays put', () => {
  it('moving a trainee after a class leaves that quarter’s figures unchanged', async () => {
    const peixun = register();
    await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'), '--as-of', '2023-01-01');
    await peixun.ok('import', 'classes', join(SMALL, 'classes.csv'));
    await peixun.ok('import', 'attendance', join(SMALL, 'attendance.csv'));
    const byUnit = async () =>
      await peixun.json<Report>(
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
    const byCategory = async () =>
      await peixun.json<Report>('report', 'quarterly', '2023Q3', '--by', 'category', '--format', 'json');
    const withoutCoverage = (report: Report) => report.rows.map((row) => ({ ...row, coverage: undefined }));
    const unitBefore = await byUnit();
    const categoryBefore = await byCategory();
    // 张三 moves to 罗店镇/天平村 and becomes a party secretary, from 2024 on (each roster dated by --as-of).
    const moved = await peixun.json<{ counts: { updated: number } }>(
      'import',
      'trainees',
      join(SMALL, 'trainees-moved.csv'),
      '--as-of',
      '2024-01-01',
      '--json',
    );
    expect(moved.counts.updated).toBe(1);
    expect(withoutCoverage(await byUnit())).toEqual(withoutCoverage(unitBefore));
    expect(withoutCoverage(await byCategory())).toEqual(withoutCoverage(categoryBefore));
    // Coverage denominators are today's: 高境镇 now registers B C (3 participants of 2 → A counted where
    // he trained), 罗店镇 registers A D E.
    expect((await byUnit()).rows.map((row) => row.coverage)).toEqual([3 / 2, 1 / 3, 1]);
  });
});
