/**
 * Sessions are records of their own (issue 28): a session's course, teacher, venue and mode are the session's,
 * whichever line of which file stated them; a timetable makes sessions before anyone signs in; a sign-in time after
 * the start is late. On test/fixtures/small (trainees 张三 0013, 李四 002X, 王五 0033, 赵六 0044; teachers 张老师,
 * 李老师, 王教授; venues 宝山区社区治理学院 (40 seats), 高境镇社区治理会客厅 (2 seats)), plus class S1:
 *
 *   S1 社区议事实务班, 2023-09-04 to 2023-09-05, 6 planned hours, class venue 宝山区社区治理学院.
 *
 * The main sheet writes teacher, venue and mode on each session's first line only:
 *   09-04 上午: 张三 (张老师, 高境镇社区治理会客厅, 线上), 李四 (blank cells)
 *   09-04 下午: 张三 (李老师, no venue, 线下), 李四 (blank cells)
 * The 补签 (supplementary) sheet for the morning has no such columns: 王五 迟到.
 *
 * By hand: two held sessions, 6 ÷ 2 = 3 hours each. Morning: 张三, 李四, 王五 attended → 3 × 3 = 9 hours, online.
 * Afternoon: 张三, 李四 → 6 hours, offline. Total 15 hours: online 9, offline 6.
 *   Teachers: 张老师 1 session, 3 teaching hours, 3 participant-times, 3 people; 李老师 1 session, 3 h, 2, 2.
 *   Venues: 会客厅 1 session, 3 attendances, over its 2 seats (a warning); 学院 (the class's) 1 session, 2.
 * Before sessions were records, the 补签 line made 王五's morning offline, teacher-less and at the class's venue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportResultJson as ImportResult } from '../src/cli/print.js';
import { classSheetOf, loadedSmall, olderRegister, saveWorkbook, SMALL } from './helpers.js';

const ZHANG = '310113198001010013';
const LI = '31011319851212002X';
const WANG = '310113199005050033';
const ZHAO = '310113197511110044';

/** A sign-in sheet written into the test's folder and imported, with the result `--json` gives. */
function signInSheet(peixun: Awaited<ReturnType<typeof loadedSmall>>, name: string, text: string) {
  return peixun.json<ImportResult>('import', 'attendance', peixun.file(name, text), '--json');
}

/** A file already in the test's folder imported again with --skip-invalid, with the result `--json` gives. */
function skippingInvalid(peixun: Awaited<ReturnType<typeof loadedSmall>>, name: string) {
  return peixun.json<ImportResult>(
    'import',
    'attendance',
    join(peixun.folder, name),
    '--skip-invalid',
    '--json',
  );
}

async function withS1() {
  const peixun = await loadedSmall();
  await peixun.ok('import', 'teachers', join(SMALL, 'teachers.csv'));
  await peixun.ok('import', 'venues', join(SMALL, 'venues.csv'));
  const { file } = peixun;
  await peixun.ok(
    'import',
    'classes',
    file(
      's1.csv',
      '班级编号,班级名称,班级类型,主办单位,开始日期,结束日期,计划学时,地点\n' +
        'S1,社区议事实务班,专题培训,宝山区,2023-09-04,2023-09-05,6,宝山区社区治理学院\n',
    ),
  );
  return { ...peixun, file };
}

const MAIN_SHEET =
  '班级编号,日期,时段,身份证号,签到状态,授课教师,地点,线上线下\n' +
  `S1,2023-09-04,上午,${ZHANG},出勤,张老师,高境镇社区治理会客厅,线上\n` +
  `S1,2023-09-04,上午,${LI},出勤,,,\n` +
  `S1,2023-09-04,下午,${ZHANG},出勤,李老师,,线下\n` +
  `S1,2023-09-04,下午,${LI},出勤,,,\n`;
const SUPPLEMENTARY = `班级编号,日期,时段,身份证号,签到状态\nS1,2023-09-04,上午,${WANG},迟到\n`;

interface Total {
  classes: number;
  participantTimes: number;
  hours: number;
  onlineHours?: number;
  offlineHours?: number;
}

async function s1Figures(peixun: Awaited<ReturnType<typeof withS1>>) {
  const quarter = await peixun.json<{ rows: Total[]; total: Total }>(
    'report',
    'quarterly',
    '2023Q3',
    '--by',
    'class-type',
    '--format',
    'json',
  );
  const teachers = await peixun.json<{
    teachers: {
      name: string;
      sessions: number;
      teachingHours: number;
      participantTimes: number;
      participants: number;
    }[];
  }>('report', 'teachers', '2023Q3', '--format', 'json');
  const venues = await peixun.json<{
    venues: { name: string | null; sessions: number; attendances: number }[];
    warnings: { message: string }[];
  }>('report', 'venues', '2023Q3', '--format', 'json');
  const row = quarter.rows.find((candidate) => (candidate as { group?: string }).group === '专题培训');
  return {
    s1: row,
    teachers: Object.fromEntries(
      teachers.teachers
        .filter((line) => line.sessions > 0 && ['张老师', '李老师', '王教授'].includes(line.name))
        .map((line) => [
          line.name,
          [line.sessions, line.teachingHours, line.participantTimes, line.participants],
        ]),
    ),
    venues: Object.fromEntries(
      venues.venues
        .filter((line) => line.sessions > 0)
        .map((line) => [line.name ?? '-', [line.sessions, line.attendances]]),
    ),
    warnings: venues.warnings.map((warning) => warning.message),
  };
}

describe('sessions: what a sheet states of its session is the session’s', () => {
  it('a 补签 sheet without those columns, and a sheet writing them on first lines only, count under the session', async () => {
    const peixun = await withS1();
    await peixun.ok('import', 'attendance', peixun.file('main.csv', MAIN_SHEET));
    const late = await signInSheet(peixun, 'buqian.csv', SUPPLEMENTARY);
    // The 补签 sheet states nothing of the session: no session changed.
    expect(late.sessionChanges).toEqual([]);
    const figures = await s1Figures(peixun);
    // The 专题培训 row holds K2 too, which has nothing online: its online hours are S1's morning, 9.
    expect(figures.s1).toMatchObject({ onlineHours: 9 });
    const s1 = await peixun.json<{
      trainees: { name: string; hours: number }[];
      held: { teacher: string | null; venue: string | null; online: boolean }[];
    }>('report', 'class', 'S1', '--format', 'json');
    expect(s1.trainees.map((trainee) => [trainee.name, trainee.hours])).toEqual([
      ['李四', 6],
      ['张三', 6],
      ['王五', 3],
    ]);
    expect(s1.held).toEqual([
      { teacher: '张老师', venue: '高境镇社区治理会客厅', online: true },
      { teacher: '李老师', venue: null, online: false },
    ]);
    expect(figures.teachers).toMatchObject({ 张老师: [1, 3, 3, 3], 李老师: [1, 3, 2, 2] });
    expect(figures.venues).toMatchObject({ 高境镇社区治理会客厅: [1, 3], 宝山区社区治理学院: [1, 2] });
    expect(figures.warnings.join('\n')).toContain('S1 2023-09-04 上午 @高境镇社区治理会客厅 3/2');
  });

  it('a later sheet naming another teacher changes the session, says so, and its undo puts it back', async () => {
    const peixun = await withS1();
    await peixun.ok('import', 'attendance', peixun.file('main.csv', MAIN_SHEET));
    // 赵六 signs the afternoon on a sheet naming 王教授: the session was 李老师's, now 王教授's, for all three.
    const retaught = await signInSheet(
      peixun,
      'zhao.csv',
      `班级编号,日期,时段,身份证号,签到状态,授课教师\nS1,2023-09-04,下午,${ZHAO},出勤,王教授\n`,
    );
    expect(retaught.sessionChanges).toEqual([
      expect.objectContaining({
        session: 'S1 2023-09-04 下午',
        field: 'teacher',
        from: '李老师',
        to: '王教授',
      }),
    ]);
    const said = await peixun.run(
      'import',
      'attendance',
      peixun.file(
        'zhao2.csv',
        `班级编号,日期,时段,身份证号,签到状态,授课教师\nS1,2023-09-04,下午,${ZHAO},出勤,李老师\n`,
      ),
      '--dry-run',
    );
    expect(said.stdout).toContain('session S1 2023-09-04 下午, teacher: 王教授 → 李老师');
    // 王教授: 1 session, 3 h, 张三, 李四, 赵六; 李老师 no longer teaches any.
    expect((await s1Figures(peixun)).teachers).toEqual({ 张老师: [1, 3, 2, 2], 王教授: [1, 3, 3, 3] });
    await peixun.ok('imports', 'undo', String(retaught.batchId));
    expect((await s1Figures(peixun)).teachers).toEqual({ 张老师: [1, 3, 2, 2], 李老师: [1, 3, 2, 2] });
  });

  it('two lines of one session in one file that disagree are both refused, each naming the other', async () => {
    const peixun = await withS1();
    const file = peixun.file(
      'two.csv',
      '班级编号,日期,时段,身份证号,签到状态,线上线下\n' +
        `S1,2023-09-04,上午,${ZHANG},出勤,线上\n` +
        `S1,2023-09-04,上午,${LI},出勤,\n` +
        `S1,2023-09-04,上午,${WANG},出勤,线下\n`,
    );
    const result = await peixun.run('import', 'attendance', file, '--json');
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as ImportResult;
    expect(parsed.problems.map((problem) => problem.message)).toEqual([
      `${file}:2 线上线下: disagrees with row 4: this row says 线上, row 4 线下 (one file gives a session one value)`,
      `${file}:4 线上线下: disagrees with row 2: this row says 线下, row 2 线上 (one file gives a session one value)`,
    ]);
    // A title stating the teacher speaks for every line; a line naming another is refused.
    const titled = peixun.file(
      'titled.csv',
      `S1 签到表 授课教师：张老师\n班级编号,日期,时段,身份证号,签到状态,授课教师\nS1,2023-09-04,上午,${ZHANG},出勤,李老师\n`,
    );
    const refused = await peixun.run('import', 'attendance', titled);
    expect(refused.stderr).toContain('disagrees with the title: this row says 李老师, the title 张老师');
  });

  it('a signature column under a name of its own (本人签字（请工整）, 签到栏) holds the sign-ins, an empty one absent', async () => {
    // Such a column was left out as unused and both lines counted present, 李四's unsigned one too. Read as the
    // signatures: 张三 signed his name → present; 李四 blank → absent.
    const peixun = await withS1();
    for (const header of ['本人签字（请工整）', '签到栏']) {
      const sheet = peixun.file(
        `signed-${header}.csv`,
        `班级编号,日期,时段,身份证号,姓名,${header}\nS1,2023-09-05,上午,${ZHANG},张三,张三\nS1,2023-09-05,上午,${LI},李四,\n`,
      );
      const dry = await peixun.ok('import', 'attendance', sheet, '--dry-run');
      expect(dry.stdout).not.toContain('no sign-in column');
      expect(dry.stderr).not.toContain(header);
    }
    await peixun.ok('import', 'attendance', join(peixun.folder, 'signed-签到栏.csv'));
    const signed = await classSheetOf(peixun, 'S1');
    expect(Object.fromEntries(signed.trainees.map((row) => [row.name, row.statuses]))).toEqual({
      张三: ['present'],
      李四: ['absent'],
    });
  });

  it('a sheet of a roster without any sign-in column says that every row was counted present', async () => {
    const peixun = await withS1();
    const roster = peixun.file(
      'roster.csv',
      `班级编号,日期,时段,身份证号,姓名\nS1,2023-09-05,上午,${ZHANG},张三\nS1,2023-09-05,上午,${LI},李四\n`,
    );
    const dry = await peixun.ok('import', 'attendance', roster, '--dry-run');
    expect(dry.stdout).toContain('no sign-in column: all 2 rows counted present');
    const json = await peixun.json<ImportResult>('import', 'attendance', roster, '--json');
    expect(json.files[0]).toMatchObject({ allPresent: 2 });
  });
});

describe('the timetable (课表)', () => {
  const TIMETABLE =
    '班级编号,日期,上课时间,学时,课程,授课教师,地点,线上线下\n' +
    'S1,2023-09-04,08:30-11:30,3,,张老师,高境镇社区治理会客厅,线下\n' +
    'S1,2023-09-04,14:00-16:00,2,,李老师,,线上\n' +
    'S1,2023-09-05,09:00-12:00,1,,王教授,,线下\n';

  it('makes planned sessions that count in no figure until someone signs in; sheet and list start from them', async () => {
    const peixun = await withS1();
    const made = await peixun.json<ImportResult>(
      'import',
      'timetable',
      peixun.file('tt.csv', TIMETABLE),
      '--json',
    );
    expect(made.counts).toMatchObject({ read: 3, inserted: 3 });
    expect(made.created.sessions.map((session) => session.name)).toEqual([
      'S1 2023-09-04 上午',
      'S1 2023-09-04 下午',
      'S1 2023-09-05 上午',
    ]);
    const listed = await peixun.json<
      { date: string; slot: string | null; start: string; held: boolean; teacher: string }[]
    >('session', 'list', 'S1', '--format', 'json');
    expect(
      listed.map((session) => [session.date, session.slot, session.start, session.teacher, session.held]),
    ).toEqual([
      ['2023-09-04', '上午', '08:30', '张老师', false],
      ['2023-09-04', '下午', '14:00', '李老师', false],
      ['2023-09-05', '上午', '09:00', '王教授', false],
    ]);
    // Nobody has signed in: S1 holds no session, no hours.
    const before = await peixun.json<{ total: Total }>('report', 'quarterly', '2023Q3', '--format', 'json');
    const plan = await peixun.json<{ planned?: unknown[]; sessions: unknown[] }>(
      'report',
      'class',
      'S1',
      '--format',
      'json',
    );
    expect(plan.sessions).toEqual([]);
    expect(plan.planned).toHaveLength(3);
    // The printed sheet of the next planned session carries its time, venue and teacher in its title.
    const sheet = join(peixun.folder, 'sheet.html');
    await peixun.ok('sheet', 'S1', '--date', '2023-09-04', '--slot', '上午', '--out', sheet);
    // 张三 signs in the morning at 08:20, 李四 at 08:41: late, after 08:30. The afternoon, 张三 only. By hand: the
    // morning's 3 timetable hours for each of two, the afternoon's 2 online hours for one: 8 hours, 2 online.
    const signed = await signInSheet(
      peixun,
      'in.csv',
      '班级编号,日期,时段,身份证号,签到时间\n' +
        `S1,2023-09-04,上午,${ZHANG},08:20\n` +
        `S1,2023-09-04,上午,${LI},08:41\n` +
        `S1,2023-09-04,下午,${ZHANG},13:58\n`,
    );
    expect(signed.counts).toMatchObject({ inserted: 3, madeLate: 1 });
    const after = await peixun.json<{ total: Total }>('report', 'quarterly', '2023Q3', '--format', 'json');
    expect(after.total.classes - before.total.classes).toBe(0);
    expect(after.total.hours - before.total.hours).toBe(8);
    expect((after.total.onlineHours ?? 0) - (before.total.onlineHours ?? 0)).toBe(2);
    const db = new Database(peixun.db, { readonly: true });
    const statuses = db
      .prepare(
        `SELECT t.name, s.slot, a.status FROM attendance a JOIN sessions s ON s.id = a.session_id
         JOIN enrolments e ON e.id = a.enrolment_id JOIN trainees t ON t.id = e.trainee_id
         JOIN classes c ON c.id = s.class_id WHERE c.code = 'S1' ORDER BY s.slot, t.name`,
      )
      .raw()
      .all();
    db.close();
    expect(statuses).toEqual([
      ['张三', '上午', 'present'],
      ['李四', '上午', 'late'],
      ['张三', '下午', 'present'],
    ]);
    // The printed class sheet lists every session, held and planned, in date order: the 9-04 two held, 9-05 not.
    const shown = await peixun.ok('class', 'show', 'S1', '--lang', 'zh');
    const rows = shown.stdout.split('\n').filter((line) => /│ 2023-09-0\d/.test(line));
    expect(
      rows.map((line) =>
        line
          .split('│')
          .map((cell) => cell.trim())
          .filter(Boolean),
      ),
    ).toEqual([
      ['2023-09-04', '上午', '张老师', '高境镇社区治理会客厅', '线下', '已举行'],
      ['2023-09-04', '下午', '李老师', expect.any(String), '线上', '已举行'],
      ['2023-09-05', '上午', '王教授', expect.any(String), '线下', '计划'],
    ]);
  });

  it('a sign-in time written 下午2:05 (Excel’s Chinese date-time) is 14:05, late for a session at 14:00', async () => {
    const peixun = await withS1();
    await peixun.ok('import', 'timetable', peixun.file('tt.csv', TIMETABLE));
    const signed = await signInSheet(
      peixun,
      'in.csv',
      '班级编号,日期,时段,身份证号,签到时间\n' +
        `S1,2023-09-04,下午,${ZHANG},2023/9/4 下午1:58:10\n` +
        `S1,2023-09-04,下午,${LI},2023/9/4 下午2:05:33\n`,
    );
    // The afternoon session starts at 14:00: 13:58 is on time, 14:05 is late. Read as 02:05, it was on time.
    expect(signed.counts).toMatchObject({ inserted: 2, madeLate: 1 });
  });

  it('a timetable’s 1:30-4:30 is refused, naming 13:30; 下午1:30-4:30 is the afternoon', async () => {
    const peixun = await withS1();
    const refused = await peixun.run(
      'import',
      'timetable',
      peixun.file('early.csv', '班级编号,日期,上课时间\nS1,2023-09-04,1:30-4:30\n'),
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('13:30');
    await peixun.ok(
      'import',
      'timetable',
      peixun.file('afternoon.csv', '班级编号,日期,上课时间\nS1,2023-09-04,下午1:30-4:30\n'),
    );
    const listed = await peixun.json<{ slot: string; start: string; end: string }[]>(
      'session',
      'list',
      'S1',
      '--format',
      'json',
    );
    expect(listed.map((session) => [session.slot, session.start, session.end])).toEqual([
      ['下午', '13:30', '16:30'],
    ]);
  });

  it('the printed sheet of a timetable session, signed and imported, leaves its teacher and venue as they were', async () => {
    // The sheet's title writes 地点：… 授课教师：… 班级编号：… with ideographic spaces, which reading takes out
    // between Chinese characters: the teacher read as 张老师班级编号:S1 and the venue with the teacher after it,
    // each a change of the session.
    const peixun = await withS1();
    await peixun.ok('import', 'timetable', peixun.file('tt.csv', TIMETABLE));
    await peixun.ok(
      'import',
      'enrolments',
      peixun.file('roster.csv', `班级编号,身份证号\nS1,${ZHANG}\nS1,${LI}\n`),
    );
    const file = join(peixun.folder, 's1.xlsx');
    await peixun.ok('sheet', 'S1', '--date', '2023-09-04', '--slot', '上午', '--out', file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const page = workbook.worksheets[0];
    if (!page) throw new Error('no sheet');
    expect(page.getRow(2).getCell(1).text).toContain('地点：高境镇社区治理会客厅　授课教师：张老师');
    page.getRow(5).getCell(4).value = '√';
    await saveWorkbook(workbook, file);
    const imported = await peixun.json<ImportResult>('import', 'attendance', file, '--json');
    expect(imported.counts).toMatchObject({ inserted: 2, rejected: 0, blankStatus: 1 });
    expect(imported.sessionChanges).toEqual([]);
    const listed = await peixun.json<{ date: string; slot: string; teacher: string; venue: string }[]>(
      'session',
      'list',
      'S1',
      '--format',
      'json',
    );
    expect(listed.find((session) => session.slot === '上午')).toMatchObject({
      teacher: '张老师',
      venue: '高境镇社区治理会客厅',
    });
  });

  it('a day’s sheet with a sign-in column a session (上午签到, 下午签到) is a sign-in of each session a line', async () => {
    // 张三 signed both, 李四 the morning only, 王五 wrote 请假 for the afternoon and left the morning blank. By hand:
    // 上午 张三, 李四 present, 王五 absent; 下午 张三 present, 李四 absent (blank), 王五 excused. Attended records
    // 3 of 6; hours by the timetable: 上午 3 h × 2, 下午 2 h × 1 = 8.
    const peixun = await withS1();
    await peixun.ok('import', 'timetable', peixun.file('tt.csv', TIMETABLE));
    const before = await peixun.json<{ total: Total }>('report', 'quarterly', '2023Q3', '--format', 'json');
    const day =
      'S1 签到表 2023年9月4日\n身份证号,姓名,上午签到,签到（下午）\n' +
      `${ZHANG},张三,√,张三\n${LI},李四,√,\n${WANG},王五,,请假\n`;
    // Without a kind, its contents say it is a sign-in sheet (it was taken for a roster: 身份证号 and 姓名 fit one).
    const recognised = await peixun.ok('import', peixun.file('day.csv', day), '--dry-run');
    expect(recognised.stdout).toContain('day.csv → attendance');
    const signed = await signInSheet(peixun, 'day.csv', day);
    expect(signed.counts).toMatchObject({ read: 6, inserted: 6, rejected: 0, blankStatus: 2 });
    expect(signed.files[0]).toMatchObject({
      sessionColumns: [
        { header: '上午签到', slot: '上午' },
        { header: '签到（下午）', slot: '下午' },
      ],
    });
    expect(signed.files[0]?.unknownColumns).toEqual([]);
    expect(signed.files[0]?.allPresent).toBeUndefined();
    const sheet = await classSheetOf(peixun, 'S1');
    expect(sheet.sessions).toEqual([
      { date: '2023-09-04', slot: '上午' },
      { date: '2023-09-04', slot: '下午' },
    ]);
    expect(Object.fromEntries(sheet.trainees.map((row) => [row.name, row.statuses]))).toEqual({
      张三: ['present', 'present'],
      李四: ['present', 'absent'],
      王五: ['absent', 'excused'],
    });
    const after = await peixun.json<{ total: Total }>('report', 'quarterly', '2023Q3', '--format', 'json');
    expect(after.total.hours - before.total.hours).toBe(8);
    // A value no status reads is said of its own column.
    const odd = await peixun.run(
      'import',
      'attendance',
      peixun.file('odd.csv', `班级编号,日期,身份证号,上午签到,下午签到\nS1,2023-09-04,${ZHANG},√,？\n`),
    );
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain('odd.csv:2 下午签到:');
    // --skip-invalid sets aside the afternoon's sign-in, not the line: the morning's is written.
    const skipping = await skippingInvalid(peixun, 'odd.csv');
    expect(skipping.counts).toMatchObject({ read: 2, unchanged: 1, rejected: 1 });
    // A 签到 column as well: which is the line's sign-in is not certain, so the file is refused.
    const both = await peixun.run(
      'import',
      'attendance',
      peixun.file('both.csv', `班级编号,日期,身份证号,签到,上午签到\nS1,2023-09-05,${ZHANG},√,√\n`),
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(
      'both.csv:1 上午签到: sign-in columns by session (上午签到) and a "签到" column',
    );
  });

  it('a header of two rows (签到情况 over 上午 | 下午, the rest merged down) is one header, in .xlsx and CSV', async () => {
    // The same day as above, drawn as offices draw it in Excel: row 2 序号 | 身份证号 | 姓名 | 签到情况 (merged across
    // two columns), row 3 上午 | 下午 under it, the other headers merged down both rows. Read as one header, the
    // sheet is the by-session sheet above: +8 hours (上午 3 h × 2, 下午 2 h × 1). Before, row 3 was the first data
    // row (refused: no such person) and 签到情况 was named unused, every line counted present once.
    const peixun = await withS1();
    await peixun.ok('import', 'timetable', peixun.file('tt.csv', TIMETABLE));
    const before = await peixun.json<{ total: Total }>('report', 'quarterly', '2023Q3', '--format', 'json');
    const workbook = new ExcelJS.Workbook();
    const page = workbook.addWorksheet('签到表');
    page.addRow(['S1 签到表 2023年9月4日']);
    page.addRow(['序号', '身份证号', '姓名', '签到情况', null]);
    page.addRow([null, null, null, '上午', '下午']);
    for (const column of ['A', 'B', 'C']) page.mergeCells(`${column}2:${column}3`);
    page.mergeCells('D2:E2');
    page.addRow([1, ZHANG, '张三', '√', '张三']);
    page.addRow([2, LI, '李四', '√', null]);
    page.addRow([3, WANG, '王五', null, '请假']);
    const file = join(peixun.folder, 'day.xlsx');
    await saveWorkbook(workbook, file);
    const shown = await peixun.ok('import', 'attendance', file, '--dry-run', '--lang', 'zh');
    expect(shown.stdout).toContain('表头在第 2–3 行');
    const signed = await peixun.json<ImportResult>('import', 'attendance', file, '--json');
    expect(signed.counts).toMatchObject({ read: 6, inserted: 6, rejected: 0, blankStatus: 2 });
    expect(signed.files[0]).toMatchObject({
      headerRow: 2,
      headerLastRow: 3,
      sessionColumns: [
        { header: '上午', slot: '上午' },
        { header: '下午', slot: '下午' },
      ],
    });
    expect(signed.files[0]?.unknownColumns).toEqual(['序号']);
    const after = await peixun.json<{ total: Total }>('report', 'quarterly', '2023Q3', '--format', 'json');
    expect(after.total.hours - before.total.hours).toBe(8);
    // Saved as CSV, the merged cells are blank below and beside their text: the same header, the same records;
    // without a kind, a sign-in sheet by its columns (it was taken for a roster).
    const dayCsv =
      'S1 签到表 2023年9月4日\n序号,身份证号,姓名,签到情况,\n,,,上午,下午\n' +
      `1,${ZHANG},张三,√,张三\n2,${LI},李四,√,\n3,${WANG},王五,,请假\n`;
    const recognised = await peixun.ok('import', peixun.file('day.csv', dayCsv), '--dry-run');
    expect(recognised.stdout).toContain('day.csv → attendance');
    const csv = await signInSheet(peixun, 'day.csv', dayCsv);
    expect(csv.counts).toMatchObject({ read: 6, unchanged: 6, rejected: 0 });
    // A first line of data right under a header with a blank column is data, not a second header row; 签到情况 on
    // its own is the sign-in column (it was named unused, and every line counted present): 王五 请假 as recorded.
    const oneRow = await signInSheet(
      peixun,
      'one.csv',
      `班级编号,日期,时段,身份证号,签到情况,\nS1,2023-09-04,下午,${WANG},请假,\n`,
    );
    expect(oneRow.counts).toMatchObject({ read: 1, unchanged: 1, rejected: 0 });
    expect(oneRow.files[0]?.allPresent).toBeUndefined();
  });

  it('a sheet printed two to a line (序号 姓名 签名 | 序号 姓名 签名) reads each block as a line', async () => {
    // Paper sign-in sheets print two people a line to save paper. The morning of 09-04: 张三 and 李四 signed on the
    // first line, 王五 alone on the second left his signature blank (absent). By hand: 3 records, 2 attended, the
    // morning's 3 timetabled hours each: +6. Before, the repeated 姓名 columns refused the sheet as a clash.
    const peixun = await withS1();
    await peixun.ok('import', 'timetable', peixun.file('tt.csv', TIMETABLE));
    const before = await peixun.json<{ total: Total }>('report', 'quarterly', '2023Q3', '--format', 'json');
    const header = 'S1 签到表 2023年9月4日 上午\n序号,姓名,身份证号,签名,,序号,姓名,身份证号,签名\n';
    const signed = await signInSheet(
      peixun,
      'two-up.csv',
      `${header}1,张三,${ZHANG},张三,,2,李四,${LI},李四\n3,王五,${WANG},,,,,,\n`,
    );
    expect(signed.counts).toMatchObject({ read: 3, inserted: 3, rejected: 0, blankStatus: 1 });
    expect(signed.files[0]).toMatchObject({ headerRow: 2, blocksPerLine: 2 });
    const after = await peixun.json<{ total: Total }>('report', 'quarterly', '2023Q3', '--format', 'json');
    expect(after.total.hours - before.total.hours).toBe(6);
    // A problem in the second block names its block: the row alone would not say whose.
    const wrong = await peixun.run(
      '--lang',
      'zh',
      'import',
      'attendance',
      peixun.file('wrong.csv', `${header}1,张三,${ZHANG},张三,,2,李四,310113198512120021,李四\n`),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('wrong.csv:3 身份证号（第 2 栏）：');
    expect(wrong.stdout).toContain('每行并排 2 栏');
    // --skip-invalid sets aside the block, not the line: 张三's morning is written (unchanged), and the rejects
    // file holds 李四's block alone under the block's header.
    const kept = await skippingInvalid(peixun, 'wrong.csv');
    expect(kept.counts).toMatchObject({ read: 2, unchanged: 1, rejected: 1 });
    const rejects = readFileSync(join(peixun.folder, 'wrong.csv.rejected.csv'), 'utf8').split(/\r?\n/);
    expect(rejects[0]).toMatch(/^\uFEFF?序号,姓名,身份证号,签名,班级编号,日期,时段,/);
    expect(rejects[1]).toMatch(/^2,李四,310113198512120021,李四,S1,2023-09-04,上午,/);
  });

  it('a 日期 cell may leave out the year (the class’s) and name the slot after the day: 9月5日上午', async () => {
    // S1 runs 4 to 5 September 2023 (a Monday and a Tuesday). The timetable writes 9月5日（周二）上午, the sheet
    // 9月5日上午 and 2023.9.5上午: one session, 2023-09-05 上午, with 张三 and 李四 signed in. Before, each cell was
    // refused as no date.
    const peixun = await withS1();
    await peixun.ok(
      'import',
      'timetable',
      peixun.file('tt.csv', '班级编号,日期,上课时间\nS1,9月5日（周二）上午,08:30-11:30\n'),
    );
    const signed = await signInSheet(
      peixun,
      'day.csv',
      `班级编号,日期,身份证号,签到\nS1,9月5日上午,${ZHANG},√\nS1,2023.9.5 上午,${LI},√\n`,
    );
    expect(signed.counts).toMatchObject({ read: 2, inserted: 2, rejected: 0 });
    const listed = await peixun.json<{ date: string; slot: string; start: string; attended: number }[]>(
      'session',
      'list',
      'S1',
      '--format',
      'json',
    );
    expect(listed.map((session) => [session.date, session.slot, session.start])).toEqual([
      ['2023-09-05', '上午', '08:30'],
    ]);
    // A 时段 saying otherwise, a wrong weekday, a day outside the class: refused, each naming its cell.
    const refused = await peixun.run(
      'import',
      'attendance',
      peixun.file(
        'bad.csv',
        `班级编号,日期,时段,身份证号,签到\nS1,9月5日上午,下午,${WANG},√\nS1,9月5日（周三）,,${WANG},√\nS1,9月6日,,${WANG},√\n`,
      ),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'bad.csv:2 时段: slot "下午" disagrees with the one the date "9月5日上午" names',
    );
    expect(refused.stderr).toContain('bad.csv:3 日期:');
    expect(refused.stderr).toContain('2023-09-05 is a Tuesday');
    expect(refused.stderr).toContain('bad.csv:4 日期:');
  });

  it('a time written in the 签到 column itself is the sign-in time: late after the session’s start', async () => {
    // The timetable's 09-04 上午 starts 08:30. 张三 wrote 08:20, 李四 8:41 (late), 王五 a tick (present, no time),
    // 赵六 a tick and the time beside it, `√ 8:35` (late; the cell was refused as no status).
    const peixun = await withS1();
    await peixun.ok('import', 'timetable', peixun.file('tt.csv', TIMETABLE));
    const signed = await signInSheet(
      peixun,
      'times.csv',
      `班级编号,日期,时段,身份证号,签到\nS1,2023-09-04,上午,${ZHANG},08:20\nS1,2023-09-04,上午,${LI},8:41\n` +
        `S1,2023-09-04,上午,${WANG},√\nS1,2023-09-04,上午,${ZHAO},√ 8:35\n`,
    );
    expect(signed.counts).toMatchObject({ inserted: 4, madeLate: 2 });
    const sheet = await classSheetOf(peixun, 'S1');
    expect(Object.fromEntries(sheet.trainees.map((row) => [row.name, row.statuses[0]]))).toEqual({
      张三: 'present',
      李四: 'late',
      王五: 'present',
      赵六: 'late',
    });
  });

  it('a sheet numbering its lines 编号 1, 2 takes its class from the title, not from those numbers', async () => {
    // 编号 is also a class code's header; here it holds 1 and 2, which name no class: the lines were refused as
    // of classes 1 and 2. The title names S1 (社区议事实务班), 2023-09-04 上午: 张三 and 李四 present there.
    const peixun = await withS1();
    const signed = await signInSheet(
      peixun,
      'numbered.csv',
      `社区议事实务班签到表 2023年9月4日 上午\n编号,身份证号,签到\n1,${ZHANG},√\n2,${LI},√\n`,
    );
    expect(signed.counts).toMatchObject({ inserted: 2, rejected: 0 });
    const sheet = await classSheetOf(peixun, 'S1');
    expect(sheet.sessions).toEqual([expect.objectContaining({ date: '2023-09-04', slot: '上午' })]);
    expect(Object.fromEntries(sheet.trainees.map((row) => [row.name, row.statuses]))).toEqual({
      张三: ['present'],
      李四: ['present'],
    });
  });

  it('late-grace-minutes gives a few minutes before a sign-in counts late', async () => {
    const peixun = await withS1();
    await peixun.ok('import', 'timetable', peixun.file('tt.csv', TIMETABLE));
    await peixun.ok('config', 'set', 'late-grace-minutes', '15');
    const signed = await signInSheet(
      peixun,
      'in.csv',
      `班级编号,日期,时段,身份证号,签到时间\nS1,2023-09-04,上午,${ZHANG},08:45\nS1,2023-09-04,上午,${LI},08:46\n`,
    );
    // 08:45 is 15 minutes after 08:30: on time; 08:46 is late.
    expect(signed.counts).toMatchObject({ inserted: 2, madeLate: 1 });
  });

  it('config list says what each setting is for and, while one is unset, the value in force', async () => {
    const peixun = await withS1();
    const before = await peixun.ok('config', 'list', '--lang', 'zh');
    // Unset, the grace is 0 minutes and the online ratio 2/3 (formats.md); required-hours 90 (statistics.md).
    expect(before.stdout).toMatch(
      /late-grace-minutes +│ （未设置，按 0） +│ 签到晚于开始时间超过这么多分钟记为迟到/,
    );
    expect(before.stdout).toMatch(/online-present-ratio +│ （未设置，按 2\/3）/);
    expect(before.stdout).toMatch(/required-hours +│ （未设置，按 90）/);
    // Nothing applies to an unset district or online requirement: no value shown as in force.
    expect(before.stdout).toMatch(/required-online-hours +│ （未设置） +│/);
    await peixun.ok('config', 'set', 'late-grace-minutes', '15');
    expect((await peixun.ok('config', 'get', 'late-grace-minutes')).stdout).toBe('15\n');
    // No catalogue key shows through for a setting: each has its words in both languages.
    for (const lang of ['zh', 'en'])
      expect((await peixun.ok('config', 'list', '--lang', lang)).stdout).not.toContain('configAbout');
  });

  it('session edit corrects a teacher, venue, mode, times or hours, as one batch that undo takes back', async () => {
    const peixun = await withS1();
    await peixun.ok('import', 'timetable', peixun.file('tt.csv', TIMETABLE));
    await peixun.ok('import', 'attendance', peixun.file('main.csv', MAIN_SHEET));
    const edited = await peixun.ok(
      'session',
      'edit',
      'S1',
      '--date',
      '2023-09-04',
      '--slot',
      '下午',
      '--teacher',
      '王教授',
      '--hours',
      '4',
      '--mode',
      '线上',
    );
    expect(edited.stdout).toMatch(
      /corrected session S1 2023-09-04 下午: teacher, mode, hours \(batch #\d+\)/,
    );
    const listed = await peixun.json<{ slot: string | null; teacher: string; hours: number; mode: string }[]>(
      'session',
      'list',
      'S1',
      '--format',
      'json',
    );
    // The timetable said 线上, the main sheet 线下 since; now 线上 again.
    expect(listed[1]).toMatchObject({ slot: '下午', teacher: '王教授', hours: 4, mode: 'online' });
    const batch = /batch #(\d+)/.exec(edited.stdout)?.[1] ?? '';
    await peixun.ok('imports', 'undo', batch);
    expect(
      (
        await peixun.json<{ teacher: string; hours: number }[]>('session', 'list', 'S1', '--format', 'json')
      )[1],
    ).toMatchObject({ teacher: '李老师', hours: 2 });
    // A date with two sessions needs its slot; a session that does not exist is said so.
    expect(
      (await peixun.run('session', 'edit', 'S1', '--date', '2023-09-04', '--teacher', 'x')).stderr,
    ).toContain('which session? the class has');
    expect(
      (await peixun.run('session', 'edit', 'S1', '--date', '2023-09-05', '--slot', '下午', '--teacher', 'x'))
        .code,
    ).toBe(1);
  });
  it('a sheet with a slot for a day whose session has none is refused saying how; session edit --to-slot gives it one', async () => {
    // S1 09-05: a first sheet without a slot, 张三 出勤 with 学时 2.5. The afternoon's 补签 sheet then names 下午
    // (李四 迟到, 张三 出勤 again without 学时): refused, since 下午 would split the day's one session in two.
    // `--to-slot 下午` says the recorded session was the afternoon's (undo takes it back); then the 补签 joins it.
    // By hand: one held session of S1 (6 planned hours, so 6 a session): 张三's line restated without hours earns
    // the session's 6 (a later statement stands, as everywhere), 李四 late earns 6.
    const peixun = await withS1();
    await peixun.ok(
      'import',
      'attendance',
      peixun.file('first.csv', `班级编号,日期,身份证号,签到状态,学时\nS1,2023-09-05,${ZHANG},出勤,2.5\n`),
    );
    const late = peixun.file(
      'late.csv',
      `班级编号,日期,时段,身份证号,签到状态\nS1,2023-09-05,下午,${LI},迟到\nS1,2023-09-05,下午,${ZHANG},出勤\n`,
    );
    const refused = await peixun.run('--lang', 'en', 'import', 'attendance', late);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('peixun session edit S1 --date 2023-09-05 --to-slot 下午');
    const slotOf = async () =>
      (await peixun.json<{ slot: string | null }[]>('session', 'list', 'S1', '--format', 'json')).map(
        (session) => session.slot,
      );
    const given = await peixun.ok(
      '--lang',
      'en',
      'session',
      'edit',
      'S1',
      '--date',
      '2023-09-05',
      '--to-slot',
      '下午',
    );
    expect(given.stdout).toMatch(/corrected session S1 2023-09-05: slot \(batch #(\d+)\)/);
    expect(await slotOf()).toEqual(['下午']);
    await peixun.ok('imports', 'undo', /batch #(\d+)/.exec(given.stdout)?.[1] ?? '');
    expect(await slotOf()).toEqual([null]);
    await peixun.ok('session', 'edit', 'S1', '--date', '2023-09-05', '--to-slot', '下午');
    await peixun.ok('import', 'attendance', late);
    expect(await slotOf()).toEqual(['下午']);
    const sheet = await classSheetOf<{ trainees: { name: string; statuses: string[]; hours: number }[] }>(
      peixun,
      'S1',
    );
    expect(sheet.trainees.map((row) => [row.name, row.statuses, row.hours]).sort()).toEqual([
      ['张三', ['present'], 6],
      ['李四', ['late'], 6],
    ]);
    // A slot the day has already is refused: two sessions are not made one this way.
    await peixun.ok(
      'import',
      'attendance',
      peixun.file('am.csv', `班级编号,日期,时段,身份证号,签到状态\nS1,2023-09-05,上午,${WANG},出勤\n`),
    );
    const taken = await peixun.run(
      '--lang',
      'en',
      'session',
      'edit',
      'S1',
      '--date',
      '2023-09-05',
      '--slot',
      '上午',
      '--to-slot',
      '下午',
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('the class already has a 下午 session on 2023-09-05');
  });
});

describe('migration 18: sign-in lines become sessions', () => {
  it('keeps every figure; where a session’s lines disagreed, keeps the most lines’ value and says so', async () => {
    const peixun = await withS1();
    await peixun.ok('import', 'attendance', peixun.file('main.csv', MAIN_SHEET));
    await peixun.ok('import', 'attendance', peixun.file('buqian.csv', SUPPLEMENTARY));
    const figures = await s1Figures(peixun);
    // Back to version 17, where each line carried its session's values: the morning's lines say 线上 (张三), and
    // nothing (李四, 王五) as the old import stored blanks: 线下 twice, 线上 once, and the teacher on one line.
    await olderRegister(peixun.db, 17);
    const db = new Database(peixun.db);
    db.exec(`UPDATE attendance SET online = 0, teacher = NULL, venue = NULL WHERE id IN (
      SELECT a.id FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id JOIN trainees t ON t.id = e.trainee_id
      WHERE t.name <> '张三')`);
    db.close();
    const upgraded = await peixun.run('report', 'class', 'S1');
    expect(upgraded.code).toBe(0);
    expect(upgraded.stderr).toContain(
      "upgrade: the lines of session S1 2023-09-04 上午 gave different modes; kept the most lines' 线下 (2) (besides 线上 (1))",
    );
    // The teacher was on one line only: no disagreement, it is the session's.
    const after = await s1Figures(peixun);
    expect(after.teachers).toEqual(figures.teachers);
    expect((await peixun.ok('db', 'check')).code).toBe(0);
  });
});

describe('venues quarter by quarter', () => {
  it('the quarters’ columns and the sessions after the year add up to 场次', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('import', 'venues', join(SMALL, 'venues.csv'));
    const { file } = peixun;
    // K10 starts on 28 December (a class of 2023) and meets again on 3 January 2024, at the district's 学院.
    await peixun.ok(
      'import',
      'classes',
      file(
        'k10.csv',
        '班级编号,班级名称,开始日期,结束日期,地点\nK10,跨年班,2023-12-28,2024-01-03,宝山区社区治理学院\n',
      ),
    );
    await peixun.ok(
      'import',
      'attendance',
      file(
        'k10a.csv',
        `班级编号,日期,身份证号,签到状态\nK10,2023-12-28,${ZHANG},出勤\nK10,2024-01-03,${ZHANG},出勤\n`,
      ),
    );
    const report = await peixun.json<{
      quarters: string[];
      venues: { name: string | null; sessions: number; byQuarter: number[]; afterPeriod: number }[];
    }>('report', 'venues', '--year', '2023', '--format', 'json');
    const academy = report.venues.find((line) => line.name === '宝山区社区治理学院');
    // Its sessions of 2023: K10's first (Q4); its session of 2024 counts with its class, after the year.
    expect(academy).toMatchObject({ sessions: 2, byQuarter: [0, 0, 0, 1], afterPeriod: 1 });
    for (const line of report.venues)
      expect(line.byQuarter.reduce((sum, count) => sum + count, 0) + line.afterPeriod).toBe(line.sessions);
    const table = (await peixun.ok('--lang', 'zh', 'report', 'venues', '--year', '2023')).stdout;
    expect(table).toContain('2023-12-31 之后的场次');
  });
});
