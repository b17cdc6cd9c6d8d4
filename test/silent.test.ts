/**
 * The last silent paths (issue 28, point 4): each of these once did something with the register without a word.
 * On test/fixtures/small: 张三 (0013), 李四 (002X) in 宝山区/高境镇/高境一村居委, 王五 (0033) in 逸仙路居委, 赵六
 * (0044) in 罗店镇/天平村; K1 runs 2023-07-10 to 2023-07-17; its 10 July morning has 张三, 李四, 赵六 present.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportResultJson as ImportResult } from '../src/cli/print.js';
import { run as runAttend } from '../src/cli/commands/attend.js';
import { inquirerPrompter, type Prompter } from '../src/cli/prompts.js';
import {
  commandContext,
  dumpDatabase,
  inProcess,
  inProcessSmall,
  KEYS,
  saveWorkbook,
  scriptedTerminal,
} from './helpers.js';

describe('the last silent paths', () => {
  it('所属居委, 所在区, 所在镇, 所属社区, 居民区 and the like are the district, town and community columns', async () => {
    // Headers of rosters as offices write them; before, 所在区 and 所属社区 were refused as unplaceable levels.
    const peixun = inProcess();
    const community = ['所属居委', '所在居委', '居委名称', '村居名称', '社区名称', '居（村）委'];
    for (const [district, town, village] of [
      ...community.map((header) => ['区', '街镇', header]),
      ['所在区', '所在镇', '所属社区'],
      ['区名称', '乡镇', '居民区'],
      ['区', '街道（镇）', '村委会'],
    ]) {
      const file = peixun.file(
        `${district}-${town}-${village}.csv`,
        `姓名,${district},${town},${village}\n张三,宝山区,高境镇,高境一村居委\n`,
      );
      const result = await peixun.json<ImportResult>('import', 'trainees', file, '--json', '--dry-run');
      expect(result.files[0]?.unknownColumns, village).toEqual([]);
      expect(
        result.created.units.map((unit) => unit.name),
        village,
      ).toContain('宝山区/高境镇/高境一村居委');
    }
  });

  it('a column headed like a level of units peixun cannot place is refused, never dropped, and asked about on a terminal', async () => {
    const peixun = inProcess(undefined, { fresh: true });
    const file = peixun.file('pian.csv', '姓名,身份证号,所属片区\n王芳,310113198001010013,高境镇\n');
    const refused = await peixun.run('import', 'trainees', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file}:1 所属片区: column "所属片区" names a level of units`);
    // 区县 too (it was only named as unused, its districts dropped).
    const county = peixun.file('county.csv', '姓名,身份证号,区县\n王芳,310113198001010013,宝山区\n');
    const countyRefused = await peixun.run('import', 'trainees', county);
    expect(countyRefused.code).toBe(1);
    expect(countyRefused.stderr).toContain(`${county}:1 区县: column "区县" names a level of units`);
    // At a terminal: the person says it is the 街镇; the import goes on with it.
    const terminal = scriptedTerminal([
      { question: 'Which level of units does the column "所属片区"', keys: `${KEYS.down}${KEYS.enter}` },
    ]);
    const { context, out } = commandContext(peixun.db, await inquirerPrompter(terminal.streams));
    const { importAsking } = await import('../src/cli/importing.js');
    const result = await importAsking(context, {
      kind: 'trainees',
      files: [file],
      dryRun: false,
      addUnknown: false,
    });
    // Said: the register it made (the refused import made none); nothing else.
    expect(out.stderr).toBe(`new register made: ${peixun.db}\n`);
    expect(result.created.units.map((unit) => unit.name)).toEqual(['高境镇']);
  });

  it('a title naming a weekday that is not its date’s is refused, as in a 日期 cell', async () => {
    const peixun = await inProcessSmall();
    const before = dumpDatabase(peixun.db);
    // 10 July 2023 was a Monday.
    const file = peixun.file(
      'titled.csv',
      'K1 签到表 2023年7月10日（周三） 上午\n身份证号,签到\n310113199005050033,√\n',
    );
    const result = await peixun.run('import', 'attendance', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}, its title:`);
    expect(result.stderr).toContain('2023-07-10 is a Monday');
    expect(dumpDatabase(peixun.db)).toEqual(before);
    const right = peixun.file(
      'right.csv',
      'K1 签到表 2023年7月10日（周一） 上午\n身份证号,签到\n310113199005050033,√\n',
    );
    // 王五 was recorded absent that morning: now present.
    const counts = (await peixun.json<ImportResult>('import', 'attendance', right, '--json')).counts;
    expect(counts).toMatchObject({ updated: 1 });
  });

  it('a 星期 column beside the date is checked against it, in a sign-in sheet and a timetable', async () => {
    const peixun = await inProcessSmall();
    const before = dumpDatabase(peixun.db);
    // 2023-07-10 was a Monday; the sheet says 周三 (the date typed wrong, or the weekday): refused, nothing written.
    const sheet = peixun.file(
      'week.csv',
      '班级编号,日期,星期,时段,身份证号,签到\nK1,2023-07-10,周三,上午,310113199005050033,√\n',
    );
    const refused = await peixun.run('import', 'attendance', sheet);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${sheet}:2 星期:`);
    expect(refused.stderr).toContain('2023-07-10 is a Monday');
    const timetable = peixun.file(
      'tt.csv',
      '班级编号,日期,星期,上课时间\nK1,2023-07-10,星期三,08:30-11:30\n',
    );
    expect((await peixun.run('import', 'timetable', timetable)).code).toBe(1);
    expect(dumpDatabase(peixun.db)).toEqual(before);
    // Written right, or left blank, it passes: 王五, absent that morning, now present.
    const right = peixun.file(
      'right.csv',
      '班级编号,日期,星期,时段,身份证号,签到\nK1,2023-07-10,一,上午,310113199005050033,√\n',
    );
    expect((await peixun.json<ImportResult>('import', 'attendance', right, '--json')).counts).toMatchObject({
      updated: 1,
    });
  });

  it('a workbook with a sheet a session names the sheets it did not read', async () => {
    // 7月10日 and 7月17日, one sheet each, as offices keep a class's sign-ins: the first is read (formats.md), and
    // the second, which holds a sign-in sheet's header too, is named with how to read it; a roster sheet is not.
    // 王五 signs in on each: present on the 10th (as recorded) and on the 17th (recorded absent: an update).
    const peixun = await inProcessSmall();
    const workbook = new ExcelJS.Workbook();
    for (const day of ['10', '17']) {
      const page = workbook.addWorksheet(`7月${day}日`);
      page.addRow([`K1 签到表 2023年7月${day}日 上午`]);
      page.addRow(['身份证号', '签到']);
      page.addRow(['310113199005050033', '√']);
    }
    workbook.addWorksheet('名单').addRow(['姓名', '身份证号']);
    const file = join(peixun.folder, 'sheets.xlsx');
    await saveWorkbook(workbook, file);
    const result = await peixun.json<ImportResult>('import', 'attendance', file, '--json');
    expect(result.files[0]).toMatchObject({ sheet: '7月10日' });
    expect(result.warnings.map((warning) => warning.message)).toContainEqual(
      `${file}: only sheet "7月10日" was read; 7月17日 hold the same kind of header and were not read (read them all with --all-sheets, or each with --sheet NAME)`,
    );
    const named = await peixun.json<ImportResult>(
      'import',
      'attendance',
      file,
      '--sheet',
      '7月17日',
      '--json',
    );
    expect(named.counts).toMatchObject({ read: 1, updated: 1 });
    expect(named.warnings.map((warning) => warning.message).join('\n')).not.toContain('not read');
    // --all-sheets reads both session sheets (the roster sheet, no sign-in sheet, is left), each named with its
    // sheet: 王五 now as recorded on both days. A wrong line on the second is said of that sheet.
    const all = await peixun.json<ImportResult>('import', 'attendance', file, '--all-sheets', '--json');
    expect(all.files.map((read) => [read.file, read.sheet])).toEqual([
      [`${file}[7月10日]`, '7月10日'],
      [`${file}[7月17日]`, '7月17日'],
    ]);
    expect(all.counts).toMatchObject({ read: 2, unchanged: 2, rejected: 0 });
    workbook.getWorksheet('7月17日')?.addRow(['31011319900505003X', '√']);
    await saveWorkbook(workbook, file);
    const wrong = await peixun.run('import', 'attendance', file, '--all-sheets');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`${file}[7月17日]:4 身份证号:`);
    const conflicting = await peixun.run(
      '--lang',
      'zh',
      'import',
      'attendance',
      file,
      '--all-sheets',
      '--sheet',
      'x',
    );
    expect(conflicting.code).toBe(2);
    expect(conflicting.stderr).toContain('--sheet 与 --all-sheets 不能同时使用');
  });

  it('the checklist refuses to write over a sheet imported while it was open, and says what changed', async () => {
    const peixun = await inProcessSmall();
    // While the list is on the screen, a colleague imports a 补签 sheet: 李四 late, 王五 excused.
    const terminal = scriptedTerminal([
      { question: 'tick who came', keys: KEYS.enter },
      { question: 'Not ticked: 1.', keys: KEYS.enter },
    ]);
    const asking = await inquirerPrompter(terminal.streams);
    const meanwhile: Prompter = {
      ...asking,
      checkbox: async (...args) => {
        if (args[0].includes('tick who came')) {
          const sheet = peixun.file(
            'buqian.csv',
            '班级编号,日期,时段,身份证号,签到状态\n' +
              'K1,2023-07-10,上午,31011319851212002X,迟到\n' +
              'K1,2023-07-10,上午,310113199005050033,请假\n',
          );
          await peixun.ok('import', 'attendance', sheet);
        }
        return asking.checkbox(...args);
      },
    };
    const { context } = commandContext(peixun.db, meanwhile);
    const attempt = runAttend(context, { date: '2023-07-10', slot: '上午' }, 'K1');
    await expect(attempt).rejects.toMatchObject({
      problem: { code: 'attendChangedMeanwhile', params: { count: 2 } },
    });
    // Nothing of the checklist was written: the colleague's sheet stands (李四 late, 王五 excused).
    const db = new Database(peixun.db, { readonly: true });
    const morning = db
      .prepare(
        `SELECT t.name, a.status FROM attendance a JOIN sessions s ON s.id = a.session_id
         JOIN enrolments e ON e.id = a.enrolment_id JOIN trainees t ON t.id = e.trainee_id
         WHERE s.date = '2023-07-10' AND s.slot = '上午' ORDER BY t.id`,
      )
      .raw()
      .all();
    db.close();
    expect(morning).toEqual([
      ['张三', 'present'],
      ['李四', 'late'],
      ['王五', 'excused'],
      ['赵六', 'present'],
    ]);
  });
});
