/**
 * Same files, same figures (issue 10): every way an ordinary file or correction once moved a figure silently,
 * each now either certain by formats.md or refused with its reason. The CLI runs in this process.
 *
 * The register is test/fixtures/small (see docs/statistics.md for its worked figures):
 *   K1 居村书记轮训班 2023-07-10 … 07-17, 6 planned hours; sessions 07-10 上午, 07-10 下午, 07-17 上午 (2 h each).
 *   K2 2023-08-01 … 08-02 (4 h; sessions 08-01 上午, 08-02 上午); K3 2023-09-20 … 10-08, no planned hours,
 *   sessions without a slot; K4 2023-08-15, one day, 2 h, no sign-ins.
 *   张三 高境一村居委 社区工作者; 李四 高境一村居委 书记; 王五 逸仙路居委; 赵六, 钱七 罗店镇/天平村; 孙八 no unit.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportResultJson as ImportResult } from '../src/cli/print.js';
import { run as runAttend } from '../src/cli/commands/attend.js';
import { inquirerPrompter } from '../src/cli/prompts.js';
import {
  commandContext,
  dumpDatabase,
  inProcess,
  KEYS,
  olderRegister,
  saveWorkbook,
  scriptedTerminal,
  SMALL,
} from './helpers.js';

interface Figures {
  group: string | null;
  classes: number;
  participantTimes: number;
  participants: number;
  hours: number;
  coverage: number | null;
}
interface Report {
  rows: Figures[];
  total: Figures;
}
interface ClassSheet {
  sessions: { date: string; slot: string | null }[];
  trainees: { name: string; statuses: (string | null)[] }[];
}

const QIAN = '310113198808080055';
const ZHANG = '310113198001010013';

/** A register's quarterly report as JSON, for any period (`report`) or 2023Q3 (`quarter`). */
function reports(peixun: ReturnType<typeof inProcess>) {
  const report = async (period: string, ...args: string[]) =>
    await peixun.json<Report>('report', 'quarterly', period, ...args, '--format', 'json');
  return { report, quarter: async (...args: string[]) => await report('2023Q3', ...args) };
}

async function small(asOf?: string) {
  const peixun = inProcess();
  await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'), ...(asOf ? ['--as-of', asOf] : []));
  await peixun.ok('import', 'classes', join(SMALL, 'classes.csv'));
  await peixun.ok('import', 'attendance', join(SMALL, 'attendance.csv'));
  const { report, quarter } = reports(peixun);
  const sheet = async (code: string) =>
    await peixun.json<ClassSheet>('report', 'class', code, '--format', 'json');
  const importJson = async (kind: string, ...args: string[]) =>
    await peixun.json<ImportResult>('import', kind, ...args, '--json');
  return { ...peixun, report, quarter, sheet, importJson };
}

const sessionsOf = (sheet: ClassSheet) =>
  // JSON says a session without a slot has slot null.
  sheet.sessions.map((session) => `${session.date} ${session.slot ?? ''}`.trim());

describe('sessions: a sign-in lands on the session it belongs to, or is refused', () => {
  it('a blank date cell takes the title’s date, a year-less title date takes the class’s year', async () => {
    const peixun = await small();
    const before = (await peixun.quarter()).total.hours;
    // 钱七 signs in on the K1 sheet of 7月17日 上午; the 日期 column is there but left blank.
    const file = peixun.file(
      'k1-0717.csv',
      '居村书记轮训班签到表 7月17日 上午\n班级编号,日期,身份证号,姓名,签到状态\nK1,,310113198808080055,钱七,出勤\n',
    );
    const result = await peixun.importJson('attendance', file);
    expect(result.files[0]?.fromTitle).toMatchObject({ date: '2023-07-17', slot: '上午' });
    expect(result.counts.inserted).toBe(1);
    // Still K1's three sessions; 钱七 present at the third. Hours +2: 6 planned ÷ 3 sessions, no hours given.
    const sheet = await peixun.sheet('K1');
    expect(sessionsOf(sheet)).toEqual(['2023-07-10 上午', '2023-07-10 下午', '2023-07-17 上午']);
    expect(sheet.trainees.find((row) => row.name === '钱七')?.statuses).toEqual([null, null, 'present']);
    expect((await peixun.quarter()).total.hours).toBe(before + 2);
  });

  it('a slot-less sign-in joins the date’s one session; with several it asks which', async () => {
    const peixun = await small();
    const hours = (await peixun.quarter()).total.hours;
    // 07-17 has one session (上午): 钱七 joins it. Once this split a session in two (学时 180 → 259.6).
    const one = peixun.file('one.csv', `班级编号,日期,身份证号,签到状态\nK1,2023-07-17,${QIAN},出勤\n`);
    await peixun.ok('import', 'attendance', one);
    expect(sessionsOf(await peixun.sheet('K1'))).toHaveLength(3);
    expect((await peixun.quarter()).total.hours).toBe(hours + 2);
    // 07-10 has two (上午, 下午): which one?
    const two = peixun.file('two.csv', `班级编号,日期,身份证号,签到状态\nK1,2023-07-10,${QIAN},出勤\n`);
    const refused = await peixun.run('import', 'attendance', two);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${two}:2 slot: which session? the class has several on 2023-07-10`);
    // A slot where the date's session has none would split it: refused too (K3's 09-20 has no slot).
    const slotted = peixun.file(
      'slotted.csv',
      `班级编号,日期,时段,身份证号,签到状态\nK3,2023-09-20,上午,${QIAN},出勤\n`,
    );
    const split = await peixun.run('import', 'attendance', slotted);
    expect(split.code).toBe(1);
    expect(split.stderr).toContain('already has a session on 2023-09-20 without a time slot');
  });

  it('a date outside the class is refused; a class of several days never defaults to its first', async () => {
    const peixun = await small();
    const late = peixun.file('late.csv', `班级编号,日期,身份证号,签到状态\nK1,2025-07-10,${QIAN},出勤\n`);
    const outside = await peixun.run('import', 'attendance', late);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('date 2025-07-10 is outside class K1 (2023-07-10 to 2023-07-17)');
    const undated = peixun.file('undated.csv', `班级编号,身份证号,签到状态\nK1,${QIAN},出勤\n`);
    const which = await peixun.run('import', 'attendance', undated);
    expect(which.code).toBe(1);
    expect(which.stderr).toContain('which day? class K1 runs from 2023-07-10 to 2023-07-17');
    // K4 runs on one day: a row without a date is that day's.
    const oneDay = peixun.file('k4.csv', `班级编号,身份证号,签到状态\nK4,${QIAN},出勤\n`);
    // The session it opens is said in the result.
    expect((await peixun.importJson('attendance', oneDay)).created.sessions).toEqual([
      { name: 'K4 2023-08-15' },
    ]);
    expect(sessionsOf(await peixun.sheet('K4'))).toEqual(['2023-08-15']);
  });

  it('a class missing from the register is said once per file, its rows all rejected', async () => {
    const peixun = await small();
    const sheet = peixun.file(
      'k9.csv',
      `班级编号,日期,身份证号,签到\nK9,2023-07-10,${QIAN},√\nK9,2023-07-10,${ZHANG},√\nK9,2023-07-11,${ZHANG},√\n`,
    );
    const result = await peixun.run('import', 'attendance', sheet, '--json');
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as ImportResult;
    expect(parsed.problems.map((problem) => problem.message)).toEqual([
      `${sheet}:2 班级编号: no class with code K9 (import the classes first)`,
    ]);
    expect(parsed.counts.rejected).toBe(3);
  });

  it('attend follows the same rules', async () => {
    const peixun = await small();
    const joined = await peixun.ok('attend', 'K1', '--date', '2023-07-17', '--present', QIAN);
    expect(joined.stdout).toContain('K1 2023-07-17 上午: present 1');
    expect(sessionsOf(await peixun.sheet('K1'))).toHaveLength(3);
    const outside = await peixun.run('attend', 'K1', '--date', '2025-07-17', '--present', QIAN);
    expect([outside.code, outside.stderr]).toEqual([
      1,
      expect.stringContaining('outside class K1') as string,
    ]);
    const which = await peixun.run('attend', 'K1', '--date', '2023-07-10', '--present', QIAN);
    expect([which.code, which.stderr]).toEqual([1, expect.stringContaining('which session?') as string]);
  });

  it('on a terminal, attend asks which session of a day that has several', async () => {
    const peixun = await small();
    const terminal = scriptedTerminal([
      { question: 'which session of 2023-07-10?', keys: `${KEYS.down}${KEYS.enter}` },
      { question: 'tick who came', keys: KEYS.enter },
      { question: 'Not ticked: 1.', keys: KEYS.enter },
    ]);
    const { context, out } = commandContext(peixun.db, await inquirerPrompter(terminal.streams));
    await runAttend(context, { date: '2023-07-10' }, 'K1');
    // The afternoon's sheet as recorded comes up ticked (张三 赵六 present, 李四 late); 王五 stays absent. The
    // morning would have said present 3 (李四 was on time then).
    expect(out.stdout).toContain('K1 2023-07-10 下午: present 2, late 1, left early 0, excused 0, absent 1');
  });

  it('Ctrl-C at that question stops the command with nothing written', async () => {
    const peixun = await small();
    const before = dumpDatabase(peixun.db);
    const terminal = scriptedTerminal([{ question: 'which session of 2023-07-10?', keys: '\u0003' }]);
    const { context } = commandContext(peixun.db, await inquirerPrompter(terminal.streams));
    // main() turns this error into 已取消/cancelled and exit 130 (seen in tmux; the prompt needs a terminal).
    await expect(runAttend(context, { date: '2023-07-10' }, 'K1')).rejects.toMatchObject({
      name: 'ExitPromptError',
    });
    expect(dumpDatabase(peixun.db)).toEqual(before);
  });

  it('every cell of a merged date reads the date (an .xlsx sign-in sheet)', async () => {
    const peixun = await small();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('签到');
    sheet.addRow(['居村书记轮训班签到表']);
    sheet.mergeCells('A1:C1');
    sheet.addRow(['日期', '身份证号', '签到']);
    sheet.addRow([new Date(Date.UTC(2023, 6, 17)), QIAN, '√']);
    sheet.addRow([null, '310113197003030064', '√']);
    sheet.mergeCells('A3:A4');
    const file = join(peixun.folder, 'merged.xlsx');
    await saveWorkbook(workbook, file);
    // Both rows are 07-17 上午 (K1's one session that day), not a repeat of the first.
    const result = await peixun.importJson('attendance', file, '--class', 'K1');
    expect(result.counts).toMatchObject({ inserted: 2, duplicate: 0, rejected: 0 });
    expect(sessionsOf(await peixun.sheet('K1'))).toHaveLength(3);
  });
});

describe('identity: who a row is, by the rules of formats.md', () => {
  it('a new ID number without a unit completes nobody; with the very unit it completes the ID-less record', async () => {
    const peixun = inProcess();
    // 周九 exists without an ID number in 高境一村居委 (a name-only sign-in sheet made her).
    await peixun.ok('trainee', 'add', '--name', '周九', '--unit', '宝山区/高境镇/高境一村居委');
    const noUnit = peixun.file('no-unit.csv', '姓名,身份证号\n周九,310113199001010026\n');
    expect((await peixun.json<ImportResult>('import', 'trainees', noUnit, '--json')).counts.inserted).toBe(1);
    const other = peixun.file(
      'other.csv',
      '姓名,身份证号,所属单位\n周九,310113199202020028,宝山区/高境镇/高境一村居委\n',
    );
    const completed = await peixun.json<ImportResult>('import', 'trainees', other, '--json');
    expect(completed.counts).toMatchObject({ inserted: 0, updated: 1 });
    expect(completed.warnings.map((warning) => warning.message).join('\n')).toContain(
      'which had no ID number, takes this ID number',
    );
    // Two people called 周九 now, both with ID numbers: one unit-less, one in 高境一村居委.
    const list = await peixun.json<{ name: string; idNumber: string }[]>(
      'trainee',
      'list',
      '--format',
      'json',
    );
    expect(list.map((person) => person.idNumber).sort()).toEqual([
      '310113********0026',
      '310113********0028',
    ]);
  });

  it('a 街镇-level row never lifts a 居村 member up; a rename leaves no old name behind', async () => {
    const peixun = await small();
    const coarse = peixun.file('coarse.csv', `姓名,身份证号,区,街镇\n张三,${ZHANG},宝山区,高境镇\n`);
    await peixun.ok('import', 'trainees', coarse);
    const shown = await peixun.json<{ unit: string }[]>(
      'trainee',
      'list',
      '--search',
      ZHANG,
      '--format',
      'json',
    );
    expect(shown[0]?.unit).toBe('宝山区/高境镇/高境一村居委');
    // Dated rosters in either order: the 街镇-level row of 2024 keeps the 居村 of 2023 (not the 2024 roster's
    // arrival order): the rule is worked out over the statements in date order.
    for (const order of [
      ['2023-01-01', '2024-01-01'],
      ['2024-01-01', '2023-01-01'],
    ]) {
      const other = inProcess();
      const village = other.file(
        'village.csv',
        `姓名,身份证号,区,街镇,居村\n张三,${ZHANG},宝山区,高境镇,高境一村居委\n`,
      );
      const street = other.file('street.csv', `姓名,身份证号,区,街镇\n张三,${ZHANG},宝山区,高境镇\n`);
      const dated = { '2023-01-01': village, '2024-01-01': street } as Record<string, string>;
      for (const date of order) await other.ok('import', 'trainees', dated[date] ?? '', '--as-of', date);
      const listed = await other.json<{ unit: string }[]>('trainee', 'list', '--format', 'json');
      expect(listed[0]?.unit).toBe('宝山区/高境镇/高境一村居委');
    }
    // 张三 is renamed 张叁 by his ID number; a name-only row for 张叁 is then him, not a second person.
    await peixun.ok('import', 'trainees', peixun.file('rename.csv', `姓名,身份证号\n张叁,${ZHANG}\n`));
    const nameOnly = peixun.file('name-only.csv', '姓名,居村\n张叁,高境一村居委\n');
    const again = await peixun.json<ImportResult>('import', 'trainees', nameOnly, '--json');
    expect(again.counts).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('unit texts: 新天平村 is not 天平村; a 居村 without its 街镇; a path from the 街镇', async () => {
    const peixun = await small();
    const sheet = peixun.file(
      'new-village.csv',
      '班级编号,日期,时段,姓名,单位,签到\nK1,2023-07-17,上午,赵六,新天平村,√\n',
    );
    const refused = await peixun.run('import', 'attendance', sheet);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('unit "新天平村" not found');
    // 天平村 is unique in 宝山区: found without its 街镇; 新村 is nowhere and is not created under the district.
    const roster = peixun.file('villages.csv', '姓名,区,居村\n吴十,宝山区,天平村\n郑一,宝山区,新村\n');
    const result = await peixun.run('import', 'trainees', roster);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('居村 "宝山区/新村" is given without its 街镇');
    const fixed = peixun.file(
      'villages-fixed.csv',
      '姓名,所属单位\n吴十,宝山区/天平村\n郑一,罗店镇/新建村\n',
    );
    const created = await peixun.json<ImportResult>('import', 'trainees', fixed, '--json');
    // 罗店镇/新建村 starts at the known 街镇: a 居村 under it, not a district called 罗店镇.
    expect(created.created.units).toEqual([{ name: '宝山区/罗店镇/新建村' }]);
  });

  it('what an import creates is said, with the nearest existing name', async () => {
    const peixun = await small();
    const typo = peixun.file('typo.csv', '姓名,区,街镇,居村,人员类别\n冯二,宝山区,高镜镇,一村,社区工做者\n');
    const dry = await peixun.json<ImportResult>('import', 'trainees', typo, '--dry-run', '--json');
    expect(dry.created.units).toEqual([
      { name: '宝山区/高镜镇', nearest: '高境镇' },
      { name: '宝山区/高镜镇/一村' },
    ]);
    expect(dry.created.categories).toEqual([{ name: '社区工做者', nearest: '社区工作者' }]);
    const text = await peixun.ok('import', 'trainees', typo);
    expect(text.stdout).toContain('new unit: 宝山区/高镜镇 (did you mean 高境镇?)');
  });

  it('a phone on a sign-in sheet tells namesakes apart; --add-unknown keeps ID, phone and position', async () => {
    const peixun = await small();
    await peixun.ok(
      'trainee',
      'add',
      '--name',
      '张三',
      '--unit',
      '宝山区/罗店镇/天平村',
      '--phone',
      '13900000009',
    );
    const sheet = peixun.file(
      'phones.csv',
      '班级编号,日期,时段,姓名,手机号,签到\nK1,2023-07-17,上午,张三,13900000009,√\n',
    );
    const result = await peixun.json<ImportResult>('import', 'attendance', sheet, '--json');
    expect(result.counts.inserted).toBe(1);
    const k1 = await peixun.sheet('K1');
    expect(k1.trainees.filter((row) => row.name === '张三').map((row) => row.statuses)).toEqual([
      ['present', 'present', 'present'],
      [null, null, 'present'],
    ]);
    const walkIn = peixun.file(
      'walk-in.csv',
      '班级编号,日期,时段,姓名,身份证号,手机号,职务,签到\nK1,2023-07-17,上午,陈五,310113199303030030,13700000007,社工,√\n',
    );
    const refused = await peixun.run('import', 'attendance', walkIn);
    expect(refused.stderr).toContain('no trainee with ID number 310113********0030');
    expect(refused.stderr).not.toContain('310113199303030030');
    await peixun.ok('import', 'attendance', walkIn, '--add-unknown');
    const added = await peixun.json<{ idNumber: string; phone: string; position: string }[]>(
      'trainee',
      'list',
      '--search',
      '陈五',
      '--format',
      'json',
      '--reveal',
    );
    expect(added).toMatchObject([{ idNumber: '310113199303030030', phone: '13700000007', position: '社工' }]);
  });

  it('a record without an ID number has a number every command takes (#N)', async () => {
    const peixun = await small();
    await peixun.ok('trainee', 'add', '--name', '张三', '--unit', '宝山区/罗店镇/天平村');
    const table = (await peixun.ok('trainee', 'list', '--search', 'noid')).stdout;
    const record = /#(\d+)/.exec(table)?.[0] ?? '';
    expect(record).toBe('#7');
    const ambiguous = await peixun.run('trainee', 'show', '张三');
    expect(ambiguous.stderr).toContain('张三 (宝山区/罗店镇/天平村, #7)');
    expect((await peixun.ok('trainee', 'show', '#7')).stdout).toContain('宝山区/罗店镇/天平村');
    expect((await peixun.ok('report', 'trainee', '张三 天平村')).stdout).toContain('张三');
    await peixun.ok('trainee', 'edit', '#7', '--position', '社工');
  });
});

describe('history: a trainee’s unit and category on the class’s start date', () => {
  // 张三 moves to 罗店镇/天平村 as a 居村党组织书记 from 2024 on (trainees-moved.csv, --as-of 2024-01-01).
  // 2023Q3 by street: 高境镇 A B C (张三 李四 王五) trained; 罗店镇 赵六 — whatever the order of the files.
  const moved = join(SMALL, 'trainees-moved.csv');

  it('the same files in another order give the same figures', async () => {
    const inOrder = await small('2023-01-01');
    await inOrder.ok('import', 'trainees', moved, '--as-of', '2024-01-01');
    const first = await inOrder.quarter('--by', 'unit', '--level', 'subdistrict');

    const reversed = inProcess();
    await reversed.ok('import', 'trainees', join(SMALL, 'trainees.csv'), '--as-of', '2023-01-01');
    // The move arrives before the old sign-in sheet: the old classes still count 张三 in 高境镇.
    await reversed.ok('import', 'trainees', moved, '--as-of', '2024-01-01');
    await reversed.ok('import', 'classes', join(SMALL, 'classes.csv'));
    await reversed.ok('import', 'attendance', join(SMALL, 'attendance.csv'));
    const second = await reports(reversed).quarter('--by', 'unit', '--level', 'subdistrict');
    expect(second).toEqual(first);
    // 高境镇: K1 (张三 李四; 王五 absent throughout) and K2 (张三) and K3 (李四 王五) → 5 participant-times.
    expect(first.rows.map((row) => [row.group, row.participantTimes])).toEqual([
      ['高境镇', 5],
      ['罗店镇', 2],
      ['(none)', 1],
    ]);
  });

  it('undoing a move, or editing with --from, leaves the old classes where they were', async () => {
    const peixun = await small('2023-01-01');
    // Coverage's denominators are today's registered trainees, so a move changes them: compared without it.
    const byCategory = async () =>
      (await peixun.quarter('--by', 'category')).rows.map((row) => ({ ...row, coverage: undefined }));
    const before = await byCategory();
    const move = await peixun.json<ImportResult>(
      'import',
      'trainees',
      moved,
      '--as-of',
      '2024-01-01',
      '--json',
    );
    expect(await byCategory()).toEqual(before);
    await peixun.ok('imports', 'undo', String(move.batchId));
    expect(await byCategory()).toEqual(before);
    // An edit dated before the classes does move them: 张三 a 居村党组织书记 from 2023-01-01.
    await peixun.ok('trainee', 'edit', ZHANG, '--category', '居村党组织书记', '--from', '2023-01-01');
    const after = await byCategory();
    // 社区工作者 loses 张三's K1 K2 enrolments (both attended): 3 → 1 participant-time (王五's K3).
    expect(after.find((row) => row.group === '社区工作者')?.participantTimes).toBe(1);
    expect((await peixun.ok('db', 'check')).code).toBe(0);
  });

  it('an edit that states what is already so is kept, so that a later statement cannot cover it', async () => {
    // Imported as of today (2026-11-27): 张三 社区工作者 from today only. Stated 社区工作者 from 2023-01-01 (no
    // change today), then 居村党组织书记 from 2023-08-01: K1 (starts 2023-07-10) stays 社区工作者, K2 (2023-08-01)
    // moves. Q3 participant-times: 社区工作者 K1·A + K3·C = 2 (K1·C never attended); 居村党组织书记 K1·B + K3·B
    // + K2·A = 3. Had the first statement been dropped, K1 would take the earliest statement left (居村…): 1 and 4.
    const peixun = await small();
    const stated = await peixun.ok(
      'trainee',
      'edit',
      ZHANG,
      '--category',
      '社区工作者',
      '--from',
      '2023-01-01',
    );
    expect(stated.stdout).toContain('changed 张三: Category (batch #4)');
    await peixun.ok('trainee', 'edit', ZHANG, '--category', '居村党组织书记', '--from', '2023-08-01');
    const rows = (await peixun.quarter('--by', 'category')).rows;
    const times = (group: string) => rows.find((row) => row.group === group)?.participantTimes;
    expect([times('社区工作者'), times('居村党组织书记')]).toEqual([2, 3]);
    expect((await peixun.ok('db', 'check')).code).toBe(0);
  });
});

describe('migration 7: a register made before the history keeps its figures', () => {
  it('each enrolment’s recorded unit and category become its trainee’s history', async () => {
    const peixun = await small();
    const byStreet = () => peixun.quarter('--by', 'unit', '--level', 'subdistrict');
    const before = await byStreet();
    // As version 6 left it: no history; 张三 has since moved to 罗店镇/天平村, his old enrolments still say 高境镇.
    // (Version 8's tables, less the history, are version 6's: migration 8 only widened a rule.)
    await olderRegister(peixun.db, 8);
    const db = new Database(peixun.db);
    const tianping = db.prepare(`SELECT id FROM units WHERE name = '天平村'`).pluck().get() as number;
    db.exec(`DROP TABLE trainee_history`);
    db.prepare(`UPDATE trainees SET unit_id = ? WHERE id_number = ?`).run(tianping, ZHANG);
    db.pragma('user_version = 6');
    db.close();
    // Opening migrates: 张三's 2023 classes still count under 高境镇, today he is registered in 罗店镇.
    const after = await byStreet();
    expect(after.rows.map((row) => [row.group, row.participantTimes, row.participants])).toEqual(
      before.rows.map((row) => [row.group, row.participantTimes, row.participants]),
    );
    expect((await peixun.ok('db', 'check')).code).toBe(0);
  });
});

describe('undo, corrections, groups, names, filed reports', () => {
  it('an undo refuses while a later merge builds on its rows, naming the merge; db check stays clean', async () => {
    const peixun = await small();
    const walkIn = peixun.file(
      'walk-in.csv',
      '班级编号,日期,时段,姓名,单位,签到\nK1,2023-07-17,上午,钱七,天平村,√\n',
    );
    // 钱七 at 天平村 exists: this signs her in. A second, ID-less 钱七 comes from another sheet with --add-unknown.
    await peixun.ok('import', 'attendance', walkIn);
    const other = peixun.file(
      'other.csv',
      '班级编号,日期,时段,姓名,单位,签到\nK2,2023-08-01,上午,钱七,高境一村居委,√\n',
    );
    const added = await peixun.json<ImportResult>('import', 'attendance', other, '--add-unknown', '--json');
    await peixun.ok('trainee', 'merge', QIAN, '#7', '--yes');
    const refused = await peixun.run('imports', 'undo', String(added.batchId));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/later batch #\d+ changed/);
    expect((await peixun.ok('db', 'check')).code).toBe(0);
  });

  it('a sign-in corrected to present earns the planned share, not the 0 of its absence', async () => {
    const peixun = await small();
    // 王五 was 缺勤 with 0 hours at K1 07-10 上午; corrected at the door he earns 6 ÷ 3 = 2 hours.
    const before = (await peixun.quarter()).total.hours;
    await peixun.ok(
      'attend',
      'K1',
      '--date',
      '2023-07-10',
      '--slot',
      '上午',
      '--present',
      '王五',
      '--present',
      ZHANG,
      '--present',
      '李四',
      '--present',
      '赵六',
    );
    expect((await peixun.quarter()).total.hours).toBe(before + 2);
  });

  it('groups with nobody trained keep their rows; a leave date to come still counts the person', async () => {
    const peixun = await small();
    // 2023Q2 has only K6 (张三, 高境镇); 罗店镇 registers 赵六 钱七 and trained nobody: a row of zeros.
    const byStreet = () => peixun.report('2023Q2', '--by', 'unit', '--level', 'subdistrict');
    const q2 = await byStreet();
    expect(q2.rows.map((row) => [row.group, row.participantTimes, row.coverage])).toEqual([
      ['高境镇', 1, 1 / 3],
      ['罗店镇', 0, 0],
      ['(none)', 0, 0],
    ]);
    // 钱七 leaves at the end of 2030: until then she is registered (罗店镇 coverage 0 of 2, not 0 of 1).
    await peixun.ok('trainee', 'leave', QIAN, '--date', '2030-12-31', '--yes');
    const after = await byStreet();
    expect(after.total.coverage).toBe(q2.total.coverage);
  });

  it('names are stored as written and matched on their normalised form', async () => {
    const peixun = await small();
    const classes = peixun.file(
      'full-width.csv',
      '班级编号,班级名称,开始日期\nK9,轮训班（第一期）,2023-09-01\n',
    );
    await peixun.ok('import', 'classes', classes);
    const listed = await peixun.json<{ code: string; name: string }[]>('class', 'list', '--format', 'json');
    expect(listed.find((row) => row.code === 'K9')?.name).toBe('轮训班（第一期）');
    // A title typed with half-width brackets still names it.
    const sheet = peixun.file('k9.csv', `轮训班(第一期)签到表 2023年9月1日\n身份证号,签到\n${QIAN},√\n`);
    const result = await peixun.json<ImportResult>('import', 'attendance', sheet, '--json');
    expect(result.files[0]?.fromTitle?.classCode).toBe('K9');
  });

  it('an undo that brings a filed report back to its figures does not warn', async () => {
    const peixun = await small();
    await peixun.ok('report', 'quarterly', '2023Q3', '--file');
    const late = peixun.file(
      'late.csv',
      `班级编号,日期,时段,身份证号,签到状态\nK1,2023-07-17,上午,${QIAN},出勤\n`,
    );
    const imported = await peixun.json<ImportResult>('import', 'attendance', late, '--json');
    const undo = await peixun.ok('imports', 'undo', String(imported.batchId));
    expect(undo.stderr).not.toContain('filed report');
    expect((await peixun.ok('filed', 'list')).stdout).not.toMatch(/changed/i);
  });
});
