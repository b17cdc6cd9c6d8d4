/**
 * The reports organisers hand in, end to end, on test/fixtures/small (its register is described in
 * test/statistics.test.ts and docs/statistics.md). Every number below is counted by hand in the comments.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AnnualSummary } from '../src/stats/annual.js';
import type { ClassSheet } from '../src/stats/classSheet.js';
import type { CoverageReport } from '../src/stats/coverage.js';
import type { Summary } from '../src/stats/summary.js';
import type { TraineeRecord } from '../src/stats/trainee.js';
import { loadedSmall, runCli, SMALL } from './helpers.js';

const json = async <T>(peixun: Awaited<ReturnType<typeof loadedSmall>>, ...args: string[]) =>
  await peixun.json<T>('report', ...args, '--format', 'json');

describe('report annual', () => {
  it('the four quarters beside the year, the year counting each person once', async () => {
    const peixun = await loadedSmall();
    const annual = await json<AnnualSummary>(peixun, 'annual', '--year', '2023');
    expect(annual.period).toEqual({ label: '2023', from: '2023-01-01', to: '2023-12-31' });
    expect(annual.quarters.map((quarter) => quarter.period.label)).toEqual([
      '2023Q1',
      '2023Q2',
      '2023Q3',
      '2023Q4',
    ]);
    // Q2: K6 (A, 8 hours). Q3: 8 participant-times of A B C D F, 33 hours (docs/statistics.md).
    expect(annual.quarters.map((quarter) => quarter.total.participants)).toEqual([0, 1, 5, 0]);
    expect(annual.quarters.map((quarter) => quarter.total.participantTimes)).toEqual([0, 1, 8, 0]);
    // The year: classes K1-K4 and K6 = 5; participant-times 1 + 8 = 9; hours 8 + 33 = 41;
    // participants: A trained in Q2 and in Q3 but is one person → {A B C D F} = 5, not 1 + 5.
    expect(annual.total).toMatchObject({ classes: 5, participantTimes: 9, participants: 5, hours: 41 });
    // The year as quarterly takes its quarter: `report annual 2023`; given twice, or beside --from/--to, exit 2.
    expect(await json<AnnualSummary>(peixun, 'annual', '2023')).toEqual(annual);
    expect((await peixun.run('report', 'annual', '2023', '--year', '2023')).code).toBe(2);
    expect((await peixun.run('report', 'annual', '23')).code).toBe(2);
    const both = await peixun.run('report', 'annual', '2023', '--from', '2023-01-01', '--to', '2023-03-31');
    expect(both.code).toBe(2);
  });

  it('shows every figure by group, quarters across, and says the year is not a sum', async () => {
    const peixun = await loadedSmall();
    const { stdout } = await peixun.ok(
      '--lang',
      'en',
      'report',
      'annual',
      '--year',
      '2023',
      '--by',
      'class-type',
    );
    // 轮训 participants: Q2 K6·A (1), Q3 K1·A B D (3); the year {A, B, D} = 3.
    expect(stdout).toMatch(/Participants\n.*\n.*\n.*\n│ 轮训\s+│\s+0 │\s+1 │\s+3 │\s+0 │\s+3 │/);
    expect(stdout).toContain('Participants of the whole period count each person once');
  });

  it('--from/--to give any period, for the quarterly and the annual report', async () => {
    const peixun = await loadedSmall();
    // 2023-07-01 to 2023-07-31 holds K1 (07-10) and cancelled K5: 1 class, A B D attended, 14 hours.
    const july = await json<Summary>(peixun, 'quarterly', '--from', '2023-07-01', '--to', '2023-07-31');
    expect(july.period).toEqual({ label: '2023-07-01~2023-07-31', from: '2023-07-01', to: '2023-07-31' });
    expect(july.total).toMatchObject({ classes: 1, participantTimes: 3, participants: 3, hours: 14 });
    // June to August: Q2's part holds K6; Q3's part K1, K2, K4 (K3 starts in September).
    const span = await json<AnnualSummary>(peixun, 'annual', '--from', '2023-06-01', '--to', '2023-08-31');
    expect(
      span.quarters.map((quarter) => [quarter.period.from, quarter.period.to, quarter.total.classes]),
    ).toEqual([
      ['2023-06-01', '2023-06-30', 1],
      ['2023-07-01', '2023-08-31', 3],
    ]);
    expect((await peixun.run('report', 'quarterly', '--from', '2023-07-01')).code).toBe(2);
    expect(
      (await peixun.run('report', 'quarterly', '2023Q3', '--from', '2023-07-01', '--to', '2023-07-02')).code,
    ).toBe(2);
  });
});

describe('report trainee', () => {
  it("a trainee's record: classes, sessions, credited hours, completion, hours per year against the requirement", async () => {
    const peixun = await loadedSmall();
    // 张三 (A): K6 in Q2 (8 h, 1 of 1), K1 (3 of 3, 6 h), K2 (2 of 2, 2 + 2 h planned share), and cancelled K5.
    const record = await json<TraineeRecord>(peixun, 'trainee', '310113198001010013');
    expect(record.trainee).toMatchObject({
      name: '张三',
      idNumber: '310113********0013',
      unit: '宝山区/高境镇/高境一村居委',
    });
    expect(
      record.classes.map((entry) => [
        entry.code,
        entry.attendedSessions,
        entry.sessions,
        entry.hours,
        entry.completed,
      ]),
    ).toEqual([
      ['K6', 1, 1, 8, true],
      ['K1', 3, 3, 6, true],
      ['K5', 1, 1, 5, false],
      ['K2', 2, 2, 4, true],
    ]);
    // 2023: 8 + 6 + 4 = 18 hours (K5 was cancelled); required 90 → 72 short.
    expect(record.years).toEqual([{ year: '2023', hours: 18, required: 90, short: 72 }]);
    const lenient = await json<TraineeRecord>(peixun, 'trainee', '张三', '--required-hours', '12');
    expect(lenient.years[0]?.short).toBe(0);
  });

  it('shows the shortfall flagged in a table; an unknown trainee is exit 1', async () => {
    const peixun = await loadedSmall();
    const { stdout } = await peixun.ok('--lang', 'zh', 'report', 'trainee', '王五');
    // 王五 (C): K1 nothing attended, K3 1 of 2 (3 h) → 3 hours in 2023, 87 short.
    expect(stdout).toMatch(/│ 2023 │\s+3\.0 │\s+90\.0 │\s+87\.0 │ ⚠ 差 87 学时 │/);
    const missing = await peixun.run('report', 'trainee', '无名氏');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no trainee with the ID number or name "无名氏"');
  });
});

describe('report class', () => {
  it('the roster × sessions grid, with absences over one seventh flagged', async () => {
    const peixun = await loadedSmall();
    const sheet = await json<ClassSheet>(peixun, 'class', 'K1');
    // K1 has 3 sessions; one absence is already more than 3/7 of a session: anyone who missed one is flagged.
    expect(sheet.sessions).toEqual([
      { date: '2023-07-10', slot: '上午' },
      { date: '2023-07-10', slot: '下午' },
      { date: '2023-07-17', slot: '上午' },
    ]);
    expect(
      sheet.trainees.map((row) => [
        row.name,
        row.statuses.join(' '),
        row.attended,
        row.absences,
        row.hours,
        row.flagged,
      ]),
    ).toEqual([
      ['李四', 'present late excused', 2, 1, 4, true],
      ['张三', 'present present present', 3, 0, 6, false],
      ['王五', 'absent absent absent', 0, 3, 0, true],
      ['赵六', 'present present absent', 2, 1, 4, true],
    ]);
  });

  it('in a human format, and an unknown class is exit 1', async () => {
    const peixun = await loadedSmall();
    const { stdout } = await peixun.ok('--lang', 'zh', 'report', 'class', 'K2', '--format', 'md');
    // K2: 2 sessions. 赵六 excused once: 1 absence × 7 = 7 > 2 → flagged; 张三 and 孙八 attended both.
    expect(stdout).toContain(
      '| 赵六 | 宝山区/罗店镇/天平村 | 出勤 | 请假 | 1 | 1 | 2.0 | 否 | ⚠ 缺勤超过 1/7 |',
    );
    expect(stdout).toContain('| 张三 | 宝山区/高境镇/高境一村居委 | 出勤 | 出勤 | 2 | 0 | 4.0 | 是 |  |');
    expect((await peixun.run('report', 'class', 'K9')).code).toBe(1);
  });
});

describe('report coverage', () => {
  it('coverage per group today, and the list of those not trained', async () => {
    const peixun = await loadedSmall();
    // Active trainees: A B C D E F. Trained in 2023 (an attended record in a class that started in 2023, not
    // cancelled): A B C D F. E is the only one left.
    const report = await json<CoverageReport>(
      peixun,
      'coverage',
      '--year',
      '2023',
      '--by',
      'unit',
      '--level',
      'subdistrict',
      '--list',
    );
    expect(report.rows.map((row) => [row.group, row.registered, row.trained, row.coverage])).toEqual([
      ['宝山区/高境镇', 3, 3, 1],
      ['宝山区/罗店镇', 2, 1, 0.5],
      ['(none)', 1, 1, 1],
    ]);
    expect(report.total).toMatchObject({ registered: 6, trained: 5, untrained: 1, coverage: 5 / 6 });
    expect(report.untrained).toEqual([
      {
        name: '钱七',
        idNumber: '310113********0055',
        unit: '宝山区/罗店镇/天平村',
        category: '社区工作者',
        position: '社工',
      },
    ]);
  });

  it('takes a quarter as the quarterly report does, and agrees with its coverage', async () => {
    const peixun = await loadedSmall();
    // 2023Q3 by category (statistics.test.ts works these out): 居村党组织书记 B 1 of 1, 其他 F 1 of 1,
    // 社区工作者 A C of A C E 2 of 3, 社区志愿者 D 1 of 1; in all 5 of 6.
    const quarter = await json<CoverageReport>(peixun, 'coverage', '2023Q3', '--by', 'category');
    expect(quarter.period).toMatchObject({ from: '2023-07-01', to: '2023-09-30' });
    expect(quarter.rows.map((row) => [row.group, row.registered, row.trained])).toEqual([
      ['居村党组织书记', 1, 1],
      ['其他', 1, 1],
      ['社区工作者', 3, 2],
      ['社区志愿者', 1, 1],
    ]);
    expect(quarter.total).toMatchObject({ registered: 6, trained: 5, coverage: 5 / 6 });
    const summary = await json<{ rows: { coverage: number }[] }>(
      peixun,
      'quarterly',
      '2023Q3',
      '--by',
      'category',
    );
    expect(quarter.rows.map((row) => row.coverage)).toEqual(summary.rows.map((row) => row.coverage));
    expect(
      await json<CoverageReport>(peixun, 'coverage', '--year', '2023', '--quarter', '3', '--by', 'category'),
    ).toEqual(quarter);
    const both = await peixun.run(
      'report',
      'coverage',
      '2023Q3',
      '--from',
      '2023-07-01',
      '--to',
      '2023-09-30',
    );
    expect(both.code).toBe(2);
  });

  it('is exportable like any report', async () => {
    const peixun = await loadedSmall();
    const out = join(peixun.folder, 'untrained.csv');
    await peixun.ok(
      '--lang',
      'zh',
      'report',
      'coverage',
      '--year',
      '2023',
      '--by',
      'category',
      '--list',
      '--out',
      out,
    );
    const text = readFileSync(out, 'utf8');
    // 社区工作者: A C E registered, A C trained → 66.7%.
    expect(text).toContain('社区工作者,3,2,1,66.7%');
    expect(text).toContain('钱七,310113********0055,宝山区/罗店镇/天平村,社区工作者,社工');
  });
});

describe('courses and practice projects', () => {
  const withCourses = async () => {
    const peixun = await loadedSmall();
    await peixun.ok('import', 'courses', join(SMALL, 'courses.csv'));
    await peixun.ok('import', 'attendance', join(SMALL, 'attendance-courses.csv'));
    await peixun.ok('import', 'projects', join(SMALL, 'projects.csv'));
    return peixun;
  };

  it('hours by course category, courses delivered, projects per period', async () => {
    const peixun = await withCourses();
    const report = await json<Summary>(peixun, 'quarterly', '2023Q3', '--by', 'course-category');
    // 政治理论类 = C1, K1's 07-10 morning: A ✓ B ✓ C ✗ D ✓ → 4 records, 3 attended, 6 hours, A B D.
    // 实务实训类 = C2, K1's 07-10 afternoon and 07-17: A ✓✓ B L E C ✗✗ D ✓✗ → 8 records, 4 attended, 8 hours.
    // 政策法规类 = C3, K2's 08-01: A ✓ D ✓ F L → 3 of 3, 6 hours (4 planned over 2 sessions).
    // (none): K2's 08-02 (A ✓ D E F ✓) and K3 (B ✓✓ C ✓✗) → 7 records, 5 attended, 4 + 9 = 13 hours;
    //   attended enrolments K2·A K2·F K3·B K3·C.
    expect(
      report.rows.map((row) => [
        row.group,
        row.classes,
        row.participantTimes,
        row.participants,
        row.hours,
        row.attendanceRate,
        row.courses,
      ]),
    ).toEqual([
      ['实务实训类', 1, 3, 3, 8, 4 / 8, 1],
      ['政策法规类', 1, 3, 3, 6, 1, 1],
      ['政治理论类', 1, 3, 3, 6, 3 / 4, 1],
      ['(none)', 2, 4, 4, 13, 5 / 7, 0],
    ]);
    // Completion belongs to enrolments, not to course categories.
    expect(report.rows.every((row) => row.completionRate === null)).toBe(true);
    // The hours add up to the quarter's 33; three courses; projects approved in Q3: P1 P2 P4 (P3 is October).
    expect(report.total).toMatchObject({ hours: 33, courses: 3, projects: 3 });
  });

  it('projects by the unit they belong to and by the class they came from', async () => {
    const peixun = await withCourses();
    const byUnit = await json<Summary>(
      peixun,
      'quarterly',
      '2023Q3',
      '--by',
      'unit',
      '--level',
      'subdistrict',
    );
    // P1 高境一村 → 高境镇; P2 天平村 and P4 罗店镇 → 罗店镇.
    expect(byUnit.rows.map((row) => [row.group, row.projects])).toEqual([
      ['高境镇', 1],
      ['罗店镇', 2],
      ['(none)', 0],
    ]);
    const byType = await json<Summary>(peixun, 'quarterly', '2023Q3', '--by', 'class-type');
    // P2 came from K1 (轮训), P1 from K2 (专题培训); P4 names no class and counts in the total only.
    expect(byType.rows.map((row) => [row.group, row.projects])).toEqual([
      ['轮训', 1],
      ['示范培训', 0],
      ['专题培训', 1],
    ]);
    expect(byType.total.projects).toBe(3);
  });

  it('a course a sign-in names must exist', async () => {
    const peixun = await loadedSmall();
    const result = await peixun.run('import', 'attendance', join(SMALL, 'attendance-courses.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no course with the code or name "C1"');
  });
});

describe('the organising unit in a report heading', () => {
  it('is --organisation, else $PEIXUN_ORGANISATION, else config district, else the register’s one district', async () => {
    const peixun = await loadedSmall();
    const heading = async (env: Record<string, string>, ...options: string[]) => {
      const args = ['--db', peixun.db, '--lang', 'zh', 'report', 'quarterly', '2023Q3', '--format', 'html'];
      const result = await runCli([...args, ...options], env);
      expect(result.code).toBe(0);
      return /([^>]*) · 统计期间/.exec(result.stdout)?.[1];
    };
    // The small fixture's trainees are all of 宝山区.
    expect(await heading({})).toBe('宝山区');
    // A second district: the register's one district is no more; the form names none until one is set.
    const other = join(peixun.folder, 'pd.csv');
    writeFileSync(other, '姓名,区,街镇,居村\n陆浦东,浦东新区,花木街道,牡丹居委\n');
    await peixun.ok('import', 'trainees', other);
    expect(await heading({})).toBeUndefined();
    await peixun.ok('config', 'set', 'district', '浦东新区');
    expect(await heading({})).toBe('浦东新区');
    expect(await heading({ PEIXUN_ORGANISATION: '宝山区委组织部' })).toBe('宝山区委组织部');
    expect(await heading({ PEIXUN_ORGANISATION: '宝山区委组织部' }, '--organisation', '高境镇')).toBe(
      '高境镇',
    );
  });
});

describe('Excel for handing in', () => {
  it('a title with the period and organising unit, bold frozen header, totals, percentages, widths, 统计口径', async () => {
    const peixun = await loadedSmall();
    const out = join(peixun.folder, '2023Q3.xlsx');
    await peixun.ok(
      '--lang',
      'zh',
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'class-type',
      '--organisation',
      '宝山区社区治理学院',
      '--out',
      out,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const [sheet, definitions] = workbook.worksheets;
    if (!sheet || !definitions) throw new Error('two sheets expected');
    expect(definitions.name).toBe('统计口径');
    expect(sheet.getCell('A1').value).toBe('2023Q3 培训统计（2023-07-01 至 2023-09-30） · 班级类型');
    expect(sheet.getCell('A2').value).toBe('宝山区社区治理学院 · 统计期间 2023-07-01 至 2023-09-30');
    const header = sheet.getRow(4);
    expect(header.getCell(1).value).toBe('班级类型');
    expect(header.font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    // 轮训 (K1): attendance 7 of 12, stored as a number shown as a percentage.
    const lun = sheet.getRow(5);
    expect(lun.getCell(1).value).toBe('轮训');
    expect(lun.getCell(7).value).toBeCloseTo(7 / 12, 9);
    expect(lun.getCell(7).numFmt).toBe('0.0%');
    const total = sheet.getRow(8);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.font?.bold).toBe(true);
    expect(total.getCell(5).value).toBe(33);
    // A column fits its longest text: "班级类型" and "专题培训" are 8 columns wide in a CJK font.
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(10);
    const lines = (definitions.getColumn(1).values ?? []).filter(Boolean).map(String);
    expect(lines.some((line) => line.includes('结业率') && line.includes('85.7%'))).toBe(true);
  });
});

const CHROMIUM = '/usr/bin/chromium';

describe('a page to look at', () => {
  // .ci/run installs Debian's chromium; a developer machine without it skips this one test, saying why.
  it.skipIf(!existsSync(CHROMIUM))(
    'one self-contained HTML file with a chart per figure, checked in Chromium',
    async () => {
      const peixun = await loadedSmall();
      const out = join(peixun.folder, 'q3.html');
      await peixun.ok('--lang', 'zh', 'report', 'quarterly', '2023Q3', '--by', 'class-type', '--out', out);
      const html = readFileSync(out, 'utf8');
      expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/);
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`file://${out}`);
        const cells = await page.$$eval('tbody tr', (rows) =>
          rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)),
        );
        // 专题培训 (K2 + K3): 2 classes, 5 participant-times, 19 hours, attendance 8 of 10.
        expect(cells).toContainEqual(['专题培训', '2', '5', '5', '19.0', '3.8', '80.0%', '60.0%']);
        expect(cells[cells.length - 1]).toEqual(['合计', '4', '8', '5', '33.0', '6.6', '68.2%', '44.4%']);
        expect(await page.locator('figure svg').count()).toBe(7);
        expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
      } finally {
        await browser.close();
      }
    },
  );
});

describe('filed reports', () => {
  it('files a report, notices a late import, traces each changed figure to its batch', async () => {
    const peixun = await loadedSmall();
    const filed = await peixun.ok(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'class-type',
      '--format',
      'json',
      '--file',
    );
    expect(filed.stderr).toContain('filed as report #1');
    const late = join(peixun.folder, 'late.csv');
    // Batch 4: 钱七 (E) attends K4; 王五's K1 morning absence is corrected to present.
    writeFileSync(
      late,
      '班级编号,日期,时段,身份证号,签到状态,学时\nK4,2023-08-15,,310113198808080055,出勤,2\nK1,2023-07-10,上午,310113199005050033,出勤,2\n',
    );
    const imported = await peixun.ok('import', 'attendance', late);
    expect(imported.stderr).toContain('this changed the figures of filed report #1');
    const list = await peixun.json<{ id: number; changed: boolean }[]>('filed', '--format', 'json');
    expect(list).toEqual([expect.objectContaining({ id: 1, changed: true })]);
    const diff = await peixun.json<{
      changes: { path: string[]; filed: unknown; now: unknown; batches: number[] }[];
    }>('filed', 'diff', '1', '--json');
    const change = (...path: string[]) =>
      diff.changes.find((entry) => entry.path.join('/') === path.join('/'));
    // Total participant-times 8 → 10 (K1·C now attended, K4·E new), hours 33 → 37.
    expect(change('total', 'participantTimes')).toEqual({
      path: ['total', 'participantTimes'],
      filed: 8,
      now: 10,
      batches: [4],
    });
    expect(change('total', 'hours')).toMatchObject({ filed: 33, now: 37, batches: [4] });
    expect(change('rows', '示范培训', 'participants')).toMatchObject({ filed: 0, now: 1, batches: [4] });
    // Untouched figures are not listed: 专题培训 (K2, K3) did not change.
    expect(diff.changes.some((entry) => entry.path.includes('专题培训'))).toBe(false);
    // An undo puts the figures back: they are as filed again, which is no news (issue 10: warn only when a
    // filed figure differs from what was filed).
    const undone = await peixun.ok('imports', 'undo', '4');
    expect(undone.stderr).not.toContain('filed report #1');
    expect((await peixun.ok('filed', 'diff', '1')).stdout).toContain('every figure is as it was handed in');
  });
});

describe('a city-sized listing', () => {
  it('renders 200,000 rows in every text format without overflowing the stack', async () => {
    // A register of 200,000 trainees once failed `trainee list --format csv` with "Maximum call stack size
    // exceeded": the rows were spread into one push().
    const { renderers } = await import('../src/report/renderers.js');
    const rows = Array.from({ length: 200_000 }, (_, index) => [`学员${index}`, index]);
    const report = {
      table: {
        title: 'T',
        subtitle: '',
        sections: [
          {
            columns: [
              { label: '姓名', kind: 'text' as const },
              { label: 'n', kind: 'count' as const },
            ],
            rows,
            totals: 0,
          },
        ],
        notes: [],
        definitions: [],
        warnings: [],
      },
      data: {},
    };
    for (const format of ['csv', 'md', 'table'] as const) {
      const text = String(await renderers[format](report, { bom: false }));
      expect(text, format).toContain('学员199999');
    }
  });
});
