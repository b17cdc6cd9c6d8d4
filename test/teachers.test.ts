/**
 * Teachers (issue 15): `import teachers`, a session's teacher from its sign-in sheet (授课教师) or its course, `report
 * teachers` and `--by teacher`. On test/fixtures/small with its courses (C1 张老师, C2 李老师, C3 王老师) and the
 * sign-ins that name them (attendance-courses.csv), 2023Q3; test/fixtures/small/teachers.csv lists 张老师 (专职),
 * 李老师 (兼职) and 王教授 (外聘), not 王老师. A sheet names 王教授 for K2's session of 2 August.
 *
 *   张老师: K1 10 July am (C1): 张三, 李四, 赵六 attended, 2 h each → 1 session, 2 h, 3 participant-times, 3 people
 *   李老师: K1 10 July pm and 17 July am (C2): 张三, 李四 (late), 赵六; then 张三 → 2 sessions, 4 h, 3, 3
 *   王老师: K2 1 August (C3): 张三, 赵六, 孙八; no hours recorded, 4 planned over 2 sessions → 1 session, 2 h, 3, 3
 *   王教授: K2 2 August: 张三, 孙八 (赵六 excused) → 1 session, 2 h, 2, 2
 *   In all: 4 teachers, 5 sessions, 10 h; K1's 张三, 李四, 赵六 and K2's 张三, 赵六, 孙八: 6 participant-times, 4 people.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadedSmall, SMALL } from './helpers.js';

interface Figures {
  sessions: number;
  teachingHours: number;
  participantTimes: number;
  participants: number;
}
interface TeachersJson {
  teachers: ({ name: string; type: string | null; registered: boolean } & Figures)[];
  types: ({ type: string | null; teachers: number } & Figures)[];
  total: { teachers: number } & Figures;
}

const figures = (line: Figures) => [
  line.sessions,
  line.teachingHours,
  line.participantTimes,
  line.participants,
];

describe('teachers', () => {
  let peixun: Awaited<ReturnType<typeof loadedSmall>>;
  beforeEach(async () => {
    peixun = await loadedSmall();
    await peixun.ok('import', 'courses', join(SMALL, 'courses.csv'));
    await peixun.ok('import', 'attendance', join(SMALL, 'attendance-courses.csv'));
    await peixun.ok('import', 'teachers', join(SMALL, 'teachers.csv'));
    const sheet = join(peixun.folder, 'k2-0802.csv');
    writeFileSync(
      sheet,
      [
        '班级编号,日期,身份证号,签到状态,授课教师',
        'K2,2023-08-02,310113198001010013,出勤,王教授',
        'K2,2023-08-02,310113197511110044,请假,王教授',
        'K2,2023-08-02,310113197003030064,出勤,王教授',
      ].join('\n'),
    );
    await peixun.ok('import', 'attendance', sheet);
  });

  it('sessions, teaching hours and trainees reached, by teacher and by type', async () => {
    const report = await peixun.json<TeachersJson>('report', 'teachers', '2023Q3', '--format', 'json');
    const byName = Object.fromEntries(report.teachers.map((line) => [line.name, figures(line)]));
    expect(byName).toEqual({
      张老师: [1, 2, 3, 3],
      李老师: [2, 4, 3, 3],
      王老师: [1, 2, 3, 3],
      王教授: [1, 2, 2, 2],
    });
    expect(report.teachers.find((line) => line.name === '王老师')?.registered).toBe(false);
    expect(report.types.map((line) => [line.type, line.teachers, ...figures(line)])).toEqual([
      ['专职', 1, 1, 2, 3, 3],
      ['兼职', 1, 2, 4, 3, 3],
      ['外聘', 1, 1, 2, 2, 2],
      [null, 1, 1, 2, 3, 3],
    ]);
    expect([report.total.teachers, ...figures(report.total)]).toEqual([4, 5, 10, 6, 4]);
    const printed = await peixun.ok('--lang', 'zh', 'report', 'teachers', '--year', '2023', '--quarter', '3');
    expect(printed.stdout).toContain('王老师 （未入师资库）');
  });

  it('--by teacher splits the records of the summary by their session’s teacher', async () => {
    const summary = await peixun.json<{ rows: { group: string; participantTimes: number; hours: number }[] }>(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'teacher',
      '--format',
      'json',
    );
    const rows = Object.fromEntries(
      summary.rows.map((row) => [row.group, [row.participantTimes, row.hours]]),
    );
    // 李老师's records: 张三 2 + 2, 李四 2, 赵六 2 = 8 hours over 3 enrolments.
    expect(rows).toMatchObject({ 张老师: [3, 6], 李老师: [3, 8], 王老师: [3, 6], 王教授: [2, 4] });
  });

  it('the class sheet says who taught each session; a filed sheet does not count that as a changed figure', async () => {
    const sheet = await peixun.json<{ held: { teacher: string | null; online: boolean }[] }>(
      'report',
      'class',
      'K1',
      '--file',
      '--format',
      'json',
    );
    expect(sheet.held.map((session) => session.teacher)).toEqual(['张老师', '李老师', '李老师']);
    const retaught = join(peixun.folder, 'k1-retaught.csv');
    writeFileSync(
      retaught,
      '班级编号,日期,时段,身份证号,签到状态,学时,授课教师\nK1,2023-07-10,上午,310113198001010013,出勤,2,王教授\n',
    );
    await peixun.ok('import', 'attendance', retaught);
    const filed = await peixun.json<{ changed: boolean }[]>('filed', 'list', '--format', 'json');
    expect(filed[0]?.changed).toBe(false);
  });

  it('keeps teachers by name, refuses an unknown type, drops phones from an anonymised export', async () => {
    const again = await peixun.json<{ counts: Record<string, number> }>(
      'import',
      'teachers',
      join(SMALL, 'teachers.csv'),
      '--json',
    );
    expect(again.counts).toMatchObject({ unchanged: 3 });
    const bad = join(peixun.folder, 'bad.csv');
    writeFileSync(bad, '姓名,类型\n赵老师,临时\n');
    const refused = await peixun.run('--lang', 'en', 'import', 'teachers', bad);
    expect(refused.stderr).toContain(`${bad}:2 类型: teacher type "临时" should be one of 专职、兼职、外聘`);
    const anonymised = await peixun.ok('export', 'teachers', '--anonymise');
    expect(anonymised.stdout).not.toContain('13700000001');
  });
});
