/**
 * Everyday work at the terminal, on test/fixtures/small: A 张三 (0013), B 李四 (002X), C 王五 (0033), D 赵六
 * (0044), E 钱七 (0055), F 孙八 (0064, no unit); classes K1–K6 (see test/statistics.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runAttend } from '../src/cli/commands/attend.js';
import { run as runClassAdd } from '../src/cli/commands/class/add.js';
import { run as runAdd } from '../src/cli/commands/trainee/add.js';
import { run as runEdit } from '../src/cli/commands/trainee/edit.js';
import { run as runLeave } from '../src/cli/commands/trainee/leave.js';
import { run as runList } from '../src/cli/commands/trainee/list.js';
import { inquirerPrompter } from '../src/cli/prompts.js';
import { translator } from '../src/i18n/index.js';
import {
  BIN,
  classSheetOf,
  commandContext,
  dumpDatabase,
  inProcess,
  KEYS,
  loadedSmall,
  runCli,
  scriptedTerminal,
  SMALL,
  quarterTotal,
  register,
} from './helpers.js';
import { screen } from './transcript.js';

interface Person {
  name: string;
  idNumber: string;
  phone: string;
  unit: string;
  category: string;
  leftOn: string | null;
  classes: number;
}

const people = async (peixun: Awaited<ReturnType<typeof loadedSmall>>, ...args: string[]) =>
  await peixun.json<Person[]>('trainee', 'list', ...args, '--format', 'json');
const names = (list: Person[]) => list.map((person) => person.name).sort();

describe('trainee list and search', () => {
  it('filters by unit, category and status, and finds by pinyin, digits and unit', async () => {
    const peixun = await loadedSmall();
    expect(names(await people(peixun))).toEqual(['孙八', '张三', '李四', '王五', '赵六', '钱七'].sort());
    expect(names(await people(peixun, '--unit', '高境镇'))).toEqual(['张三', '李四', '王五'].sort());
    expect(names(await people(peixun, '--category', '社区工作者'))).toEqual(['张三', '王五', '钱七'].sort());
    expect(names(await people(peixun, '--search', 'zs'))).toEqual(['张三']);
    expect(names(await people(peixun, '--search', 'zhangsan'))).toEqual(['张三']);
    expect(names(await people(peixun, '--search', '0044'))).toEqual(['赵六']);
    // "that Zhao from Luodian": pinyin initial and a unit name.
    expect(names(await people(peixun, '--search', 'zl 罗店'))).toEqual(['赵六']);
    // A search's people have their classes counted as in the whole list, from the fixture's sign-ins:
    // 张三 K1 K2 K5 K6 (4), 李四 K1 K3 (2), 王五 K1 K3 (2).
    const found = await people(peixun, '--search', '高境');
    expect(found.map((person) => [person.name, person.classes]).sort()).toEqual(
      [
        ['张三', 4],
        ['李四', 2],
        ['王五', 2],
      ].sort(),
    );
  });

  it('masks ID numbers and phones unless --reveal', async () => {
    const peixun = await loadedSmall();
    const [masked] = await people(peixun, '--search', '0013');
    expect(masked).toMatchObject({ idNumber: '310113********0013', phone: '138****0001' });
    const [whole] = await people(peixun, '--search', '0013', '--reveal');
    expect(whole).toMatchObject({ idNumber: '310113198001010013', phone: '13800000001' });
    const table = (await peixun.ok('trainee', 'list')).stdout;
    expect(table).not.toContain('310113198001010013');
    expect(table).toContain('310113********0013');
  });

  it('an ambiguous search lists the candidates; exit 1', async () => {
    const peixun = await loadedSmall();
    const result = await peixun.run('trainee', 'show', '高境');
    expect(result.code).toBe(1);
    // A search matches more than names: the message says how to narrow it down, not that all are called 高境.
    expect(result.stderr).toContain('several trainees match "高境"; add their unit');
    expect(result.stderr).toContain('张三 (宝山区/高境镇/高境一村居委, 310113********0013)');
    expect(result.stderr).toContain('王五 (宝山区/高境镇/逸仙路居委, 310113********0033)');
  });

  it('namesakes are the candidates for their name, not every name that contains it', async () => {
    const peixun = await loadedSmall();
    // 张三 is in the small roster once; a second 张三 and a 张三丰 join them.
    await peixun.ok('trainee', 'add', '--name', '张三', '--unit', '宝山区/罗店镇/天平村');
    await peixun.ok('trainee', 'add', '--name', '张三丰', '--unit', '宝山区/罗店镇/天平村');
    const result = await peixun.run('trainee', 'show', '张三');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('张三 (宝山区/高境镇/高境一村居委, 310113********0013)');
    expect(result.stderr).toContain('张三 (宝山区/罗店镇/天平村, #');
    expect(result.stderr).not.toContain('张三丰');
    expect((await peixun.ok('trainee', 'show', '张三丰')).stdout).toContain('张三丰');
  });
});

describe('trainee add, edit, leave from a script', () => {
  it('adds with the import rules, records a batch, and undo takes it back', async () => {
    const peixun = await loadedSmall();
    const before = dumpDatabase(peixun.db);
    const added = await peixun.ok(
      'trainee',
      'add',
      '--name',
      '周九',
      '--unit',
      '宝山区/高境镇/逸仙路居委',
      '--phone',
      '13900000009',
    );
    expect(added.stdout).toContain('added trainee 周九 (batch #4');
    expect(await people(peixun, '--search', 'zj')).toMatchObject([
      { name: '周九', unit: '宝山区/高境镇/逸仙路居委', category: '其他' },
    ]);
    await peixun.ok('imports', 'undo', '4');
    expect({ ...dumpDatabase(peixun.db), batches: undefined }).toEqual({ ...before, batches: undefined });
  });

  it('refuses a wrong value naming the option, exit 1; a missing name without a terminal is exit 2', async () => {
    const peixun = await loadedSmall();
    const wrong = await peixun.run('trainee', 'add', '--name', '周九', '--id-number', '310113198001010014');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--id-number: ID number "310113********0014" has a wrong check digit');
    const missing = await peixun.run('trainee', 'add', '--phone', '13900000009');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --name');
  });

  it('edits only what is given; the change is undoable', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('trainee', 'edit', 'zs', '--phone', '13911112222', '--category', '后备干部');
    expect((await people(peixun, '--search', 'zs', '--reveal'))[0]).toMatchObject({
      phone: '13911112222',
      category: '后备干部',
      unit: '宝山区/高境镇/高境一村居委',
    });
    expect((await peixun.run('trainee', 'edit', 'zs')).code).toBe(2);
    await peixun.ok('imports', 'undo', '4');
    expect((await people(peixun, '--search', 'zs', '--reveal'))[0]).toMatchObject({
      phone: '13800000001',
      category: '社区工作者',
    });
  });

  it('leave needs a confirmation: --yes, or exit 2 without a terminal; a leaver drops out of coverage', async () => {
    const peixun = await loadedSmall();
    expect((await peixun.run('trainee', 'leave', '钱七')).code).toBe(2);
    await peixun.ok('trainee', 'leave', '钱七', '--date', '2023-12-31', '--yes');
    expect(names(await people(peixun, '--status', 'left'))).toEqual(['钱七']);
    expect(names(await people(peixun))).not.toContain('钱七');
    // Coverage 2023: 5 trained of 5 still registered (钱七 left) = 100%.
    const coverage = await peixun.json<{ total: { registered: number; coverage: number } }>(
      'report',
      'coverage',
      '--year',
      '2023',
      '--format',
      'json',
    );
    expect(coverage.total).toMatchObject({ registered: 5, coverage: 1 });
    await peixun.ok('trainee', 'leave', '钱七', '--undo', '--yes');
    expect(names(await people(peixun, '--status', 'left'))).toEqual([]);
  });
});

describe('duplicates and merge', () => {
  const withDuplicate = async () => {
    const peixun = await loadedSmall();
    // A sign-in sheet without ID numbers made a second 张三 in the same 居委, with the same phone.
    await peixun.ok(
      'trainee',
      'add',
      '--name',
      '张三',
      '--unit',
      '宝山区/高境镇/高境一村居委',
      '--phone',
      '13800000001',
    );
    await peixun.ok('attend', 'K4', '--date', '2023-08-15', '--present', '张三 noid');
    return peixun;
  };

  it('lists likely pairs with the evidence', async () => {
    const peixun = await withDuplicate();
    const pairs = await peixun.json<{ a: Person; b: Person; evidence: string[] }[]>(
      'trainee',
      'duplicates',
      '--format',
      'json',
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.evidence).toEqual(['sameNamePhone', 'idAndNoId']);
  });

  it('merges: classes and sign-ins move, the figures count one person, and undo separates them again', async () => {
    const peixun = await withDuplicate();
    const q3 = () => quarterTotal<{ participants: number; participantTimes: number }>(peixun);
    // Before: A's K1, K2 plus the duplicate's K4: participants A B C D F + duplicate = 6.
    expect(await q3()).toMatchObject({ participants: 6, participantTimes: 9 });
    const before = dumpDatabase(peixun.db);
    await peixun.ok('trainee', 'merge', '310113198001010013', '张三 noid', '--yes');
    expect(await q3()).toMatchObject({ participants: 5, participantTimes: 9 });
    expect(await people(peixun, '--search', '张三')).toHaveLength(1);
    await peixun.ok('imports', 'undo', '6');
    expect({ ...dumpDatabase(peixun.db), batches: undefined }).toEqual({ ...before, batches: undefined });
  });

  it('refuses a merge that would put two records in one session', async () => {
    const peixun = await withDuplicate();
    // The duplicate also signed K1's first session, which A attended.
    await peixun.ok(
      'attend',
      'K1',
      '--date',
      '2023-07-10',
      '--slot',
      '上午',
      '--present',
      '张三 noid',
      '0013',
      '002X',
      '0044',
      '--absent',
      '0033',
    );
    const before = dumpDatabase(peixun.db);
    const result = await peixun.run('trainee', 'merge', '0013', '张三 noid', '--yes');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('both records have a sign-in for the same session');
    expect(result.stderr).toContain('K1 2023-07-10 上午');
    expect(dumpDatabase(peixun.db)).toEqual(before);
  });
});

describe('classes', () => {
  it('add, list, edit, cancel: each a batch; a cancelled class counts nowhere', async () => {
    const peixun = await loadedSmall();
    await peixun.ok(
      'class',
      'add',
      '--code',
      'K7',
      '--name',
      '四季度轮训',
      '--type',
      '轮训',
      '--start',
      '2023-11-06',
      '--hours',
      '6',
    );
    const list = await peixun.json<{ code: string; status: string }[]>(
      'class',
      'list',
      '--year',
      '2023',
      '--type',
      '轮训',
      '--format',
      'json',
    );
    expect(list.map((klass) => klass.code)).toEqual(['K6', 'K1', 'K5', 'K7']);
    await peixun.ok('class', 'edit', 'K7', '--venue', '宝山区社区治理学院');
    expect((await peixun.run('class', 'cancel', 'K1')).code).toBe(2);
    await peixun.ok('class', 'cancel', 'K1', '--yes');
    const q3 = await peixun.json<{ total: { classes: number; hours: number } }>(
      'report',
      'quarterly',
      '2023Q3',
      '--format',
      'json',
    );
    // Without K1: K2, K3, K4; hours 10 + 9 = 19.
    expect(q3.total).toMatchObject({ classes: 3, hours: 19 });
    await peixun.ok('imports', 'undo', '6');
    expect((await quarterTotal<{ classes: number }>(peixun)).classes).toBe(4);
    expect(
      (await peixun.run('class', 'add', '--code', 'K1', '--name', 'x', '--start', '2023-01-01')).stderr,
    ).toContain('class code K1 exists already');
  });
});

describe('sign-in at the door from a script', () => {
  it('records the listed statuses, the rest of the roster absent, and needs --date', async () => {
    const peixun = await loadedSmall();
    // K2's roster: 张三, 赵六, 孙八. A new session on the afternoon of 2023-08-02.
    const result = await peixun.ok(
      'attend',
      'K2',
      '--date',
      '2023-08-02',
      '--slot',
      '下午',
      '--present',
      'zs',
      '--late',
      '0064',
    );
    expect(result.stdout).toContain(
      'K2 2023-08-02 下午: present 1, late 1, left early 0, excused 0, absent 1',
    );
    const sheet = await peixun.json<{
      sessions: unknown[];
      trainees: { name: string; statuses: (string | null)[] }[];
    }>('report', 'class', 'K2', '--format', 'json');
    expect(sheet.sessions).toHaveLength(3);
    expect(sheet.trainees.map((row) => [row.name, row.statuses[2]])).toEqual([
      ['孙八', 'late'],
      ['张三', 'present'],
      ['赵六', 'absent'],
    ]);
    expect((await peixun.run('attend', 'K2', '--present', 'zs')).code).toBe(2);
    expect((await peixun.run('attend', 'K2', '--date', '2023-08-09')).code).toBe(2);
  });

  it('--json says the session, the count of each status and the batch', async () => {
    const peixun = await loadedSmall();
    // K2's roster is 张三, 赵六, 孙八; 2023-08-02 has one session, 上午 (without --slot, the day's one session).
    // 张三 present as before; 孙八 left early (was present); 赵六, not listed, stays excused as recorded (before, a
    // name left out was made absent over its record): kept 1. Batch #4.
    const result = await peixun.json(
      'attend',
      'K2',
      '--date',
      '2023-08-02',
      '--present',
      'zs',
      '--left-early',
      '0064',
      '--json',
    );
    expect(result).toEqual({
      class: 'K2',
      date: '2023-08-02',
      slot: '上午',
      counts: { present: 1, late: 0, left_early: 1, excused: 0, absent: 0 },
      kept: 1,
      batchId: 4,
    });
    const sheet = await classSheetOf(peixun, 'K2');
    // K2's two sessions: 赵六 present at the first, excused at this one.
    expect(sheet.trainees.find((row) => row.name === '赵六')?.statuses).toEqual(['present', 'excused']);
    // Named with --absent, a recorded person is made absent.
    const absent = await peixun.json<{ counts: { absent: number }; kept: number }>(
      'attend',
      'K2',
      '--date',
      '2023-08-02',
      '--absent',
      '赵六',
      '--json',
    );
    expect(absent).toMatchObject({ counts: { absent: 1 }, kept: 2 });
  });
});

describe('prompts, through inquirer with scripted answers', () => {
  it('in Chinese, the key hints and yes/no are Chinese too', async () => {
    const terminal = scriptedTerminal([
      { question: '选哪一个', keys: KEYS.enter },
      { question: '确定吗', keys: `y${KEYS.enter}` },
    ]);
    const prompter = await inquirerPrompter(terminal.streams, translator('zh'));
    expect(
      await prompter.select('选哪一个', [
        { name: '甲', value: 1 },
        { name: '乙', value: 2 },
      ]),
    ).toBe(1);
    expect(await prompter.confirm('确定吗')).toBe(true);
    const screens = terminal.screens.join('\n');
    expect(screens).toContain('移动');
    expect(screens).toMatch(/是\/.*否/);
    expect(screens).not.toMatch(/navigate|select|Yes|y\/N/);
  });

  it('trainee add asks for what was not given, checking as you type', async () => {
    const peixun = await loadedSmall();
    const terminal = scriptedTerminal([
      { question: 'Name:', keys: `周九${KEYS.enter}` },
      // A wrong check digit is refused as typed; the corrected number is accepted.
      { question: 'ID number (may be empty):', keys: `310113199202290078${KEYS.enter}` },
      { question: 'wrong check digit', keys: `\u0008${'9'}${KEYS.enter}` },
      { question: 'Mobile phone (may be empty):', keys: KEYS.enter },
      { question: 'Unit (type to filter):', keys: `逸仙路` },
      { question: '宝山区/高境镇/逸仙路居委', keys: KEYS.enter },
      { question: 'Trainee category:', keys: KEYS.enter },
      { question: 'Position (may be empty):', keys: `社工${KEYS.enter}` },
    ]);
    const { context, out } = commandContext(peixun.db, await inquirerPrompter(terminal.streams));
    await runAdd(context, {});
    expect(terminal.answered()).toBe(8);
    expect(out.stdout).toContain('added trainee 周九');
    expect(await people(peixun, '--search', 'zj', '--reveal')).toMatchObject([
      { name: '周九', idNumber: '310113199202290079', unit: '宝山区/高境镇/逸仙路居委', category: '其他' },
    ]);
  });

  it('trainee edit shows the current values; leave asks to confirm', async () => {
    const peixun = await loadedSmall();
    const terminal = scriptedTerminal([
      { question: 'Name:', keys: KEYS.enter },
      { question: 'ID number (may be empty):', keys: KEYS.enter },
      // Enter keeps a shown current value; typing replaces it.
      { question: 'Mobile phone (may be empty):', keys: `13911112222${KEYS.enter}` },
      { question: 'Unit (type to filter):', keys: KEYS.enter },
      { question: 'Trainee category:', keys: KEYS.enter },
      { question: 'Position (may be empty):', keys: KEYS.enter },
      { question: 'Mark 钱七', keys: `y${KEYS.enter}` },
    ]);
    const { context } = commandContext(peixun.db, await inquirerPrompter(terminal.streams));
    await runEdit(context, {}, '钱七');
    expect((await people(peixun, '--search', '钱七', '--reveal'))[0]).toMatchObject({
      phone: '13911112222',
      unit: '宝山区/罗店镇/天平村',
      category: '社区工作者',
    });
    await runLeave(context, {}, '钱七');
    expect((await people(peixun, '--status', 'left')).map((person) => [person.name, person.leftOn])).toEqual([
      ['钱七', '2024-03-04'],
    ]);
  });

  it('attend shows the roster as a checklist, then asks about the rest', async () => {
    const peixun = await loadedSmall();
    // K2's roster in unit order: 孙八 (no unit), 张三 (高境镇), 赵六 (罗店镇).
    const terminal = scriptedTerminal([
      { question: 'tick who came', keys: `${KEYS.space}${KEYS.down}${KEYS.space}${KEYS.enter}` },
      // Of the one not ticked, 赵六 is picked as not simply absent: she came and left before the end.
      { question: 'Not ticked: 1.', keys: `${KEYS.space}${KEYS.enter}` },
      { question: '赵六 was:', keys: `${KEYS.down}${KEYS.enter}` },
    ]);
    const { context, out } = commandContext(
      peixun.db,
      await inquirerPrompter(terminal.streams, translator('en')),
    );
    await runAttend(context, { date: '2023-08-02', slot: '下午' }, 'K2');
    expect(terminal.screens[0]).toContain('孙八');
    // The checklist ends with a count, not every ticked name again.
    expect(terminal.transcript()).toContain('2 of 3 ticked');
    expect(out.stdout).toContain('K2 2023-08-02 下午: present 2, late 0, left early 1, excused 0, absent 0');
  });

  it('attend filters a class of 55 as you type: pinyin initials or spelling, then ⏎ ticks', async () => {
    const peixun = register();
    // 11 surnames × 5 given names = 55 people, the last (徐丽) replaced by 欧阳小明; all on K9's roster.
    const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐'];
    const names = surnames.flatMap((surname) =>
      ['芳', '伟', '敏', '静', '丽'].map((given) => surname + given),
    );
    names[54] = '欧阳小明';
    const rows = names.map(
      (name, index) => `${name},宝山区,高境镇,${index % 2 ? '高境一村居委' : '高境二村居委'}`,
    );
    writeFileSync(join(peixun.folder, 't.csv'), `姓名,区,街镇,居村\n${rows.join('\n')}\n`);
    writeFileSync(join(peixun.folder, 'c.csv'), '班级编号,班级名称,开始日期\nK9,居委干部轮训,2024-03-04\n');
    writeFileSync(
      join(peixun.folder, 'e.csv'),
      `班级编号,姓名,区,街镇,居村\n${rows.map((row) => `K9,${row}`).join('\n')}\n`,
    );
    await peixun.ok('import', 'trainees', join(peixun.folder, 't.csv'));
    await peixun.ok('import', 'classes', join(peixun.folder, 'c.csv'));
    await peixun.ok('import', 'enrolments', join(peixun.folder, 'e.csv'));
    const terminal = scriptedTerminal([
      // oyxm: 欧阳小明's initials, the only match; ⏎ ticks him and clears the filter.
      { question: 'tick who came', keys: 'oyxm' },
      { question: 'oyxm', keys: KEYS.enter },
      // wangf: the start of 王芳's spelling (wang fang), no one else's.
      { question: 'tick who came', keys: 'wangf' },
      { question: 'wangf', keys: KEYS.enter },
      { question: 'tick who came', keys: KEYS.enter },
      // Of the 53 left, 李伟 (liwei; 刘伟 is liuwei) came late; the 52 others are absent.
      { question: 'Not ticked: 53.', keys: 'liwei' },
      { question: 'liwei', keys: KEYS.enter },
      { question: 'Not ticked: 53.', keys: KEYS.enter },
      { question: '李伟 was:', keys: KEYS.enter },
    ]);
    const { context, out } = commandContext(
      peixun.db,
      await inquirerPrompter(terminal.streams, translator('en')),
    );
    await runAttend(context, { date: '2024-03-04' }, 'K9');
    expect(terminal.answered()).toBe(9);
    expect(out.stdout).toContain('K9 2024-03-04 : present 2, late 1, left early 0, excused 0, absent 52');
    expect(terminal.transcript()).toContain('2 of 55 ticked');
    const sheet = await peixun.json<{ trainees: { name: string; statuses: string[] }[] }>(
      'report',
      'class',
      'K9',
      '--format',
      'json',
    );
    const statusOf = (name: string) => sheet.trainees.find((row) => row.name === name)?.statuses[0];
    expect([statusOf('欧阳小明'), statusOf('王芳'), statusOf('李伟'), statusOf('刘伟')]).toEqual([
      'present',
      'present',
      'late',
      'absent',
    ]);
  });

  it('Ctrl-C in the checklist, with names typed and ticked, exits 130 saying so, and writes nothing', async () => {
    const peixun = await loadedSmall();
    const before = dumpDatabase(peixun.db);
    const terminal = screen({
      keys: [
        { question: 'tick who came', keys: 'zs' },
        { question: 'zs', keys: '\r' },
        { question: 'tick who came', keys: '\u0003' },
        // One tick made: asked once before it goes.
        { question: 'Discard 1 changed tick and stop?', keys: 'y\r' },
      ],
      lang: 'en',
      env: {},
      now: () => new Date('2024-03-04T09:00:00Z'),
    });
    const { main } = await import('../src/cli/main.js');
    const args = ['--db', peixun.db, 'attend', 'K2', '--date', '2023-08-02', '--slot', '下午'];
    expect(await main(['node', 'peixun', ...args], await terminal.withPrompts())).toBe(130);
    expect(terminal.text()).toContain('cancelled');
    expect(dumpDatabase(peixun.db)).toEqual(before);
  });

  it('a name typed at the checklist that is on no list is a walk-in: found in the register, enrolled, present', async () => {
    const peixun = await loadedSmall();
    const terminal = screen({
      keys: [
        // 王五 is in the register but not on K2's list; 周无名 is in neither.
        { question: 'tick who came', keys: '王五' },
        { question: 'no one on the list', keys: '\r' },
        { question: 'tick who came', keys: '周无名' },
        { question: 'no one on the list', keys: '\r' },
        { question: 'came, not on the list: 王五, 周无名', keys: '\r' },
        { question: 'Not ticked:', keys: '\r' },
      ],
      lang: 'en',
      env: {},
      now: () => new Date('2024-03-04T09:00:00Z'),
    });
    const { main } = await import('../src/cli/main.js');
    const args = ['--db', peixun.db, 'attend', 'K2', '--date', '2023-08-02', '--slot', '下午'];
    expect(await main(['node', 'peixun', ...args], await terminal.withPrompts())).toBe(0);
    expect(terminal.text()).toContain('"周无名" is not in the register and was not recorded');
    expect(terminal.text()).toMatch(/came, not on the class's list: 王五/);
    const sheet = await peixun.json<{ trainees: { name: string; statuses: (string | null)[] }[] }>(
      'report',
      'class',
      'K2',
      '--format',
      'json',
    );
    // 王五 enrolled by the sign-in: absent from the two sessions before (not on the list then), present now.
    expect(sheet.trainees.find((row) => row.name === '王五')?.statuses[2]).toBe('present');
    expect(sheet.trainees.map((row) => row.name)).not.toContain('周无名');
  });

  it('Ctrl-C in the checklist, answered no, goes back to the list with its ticks', async () => {
    const peixun = await loadedSmall();
    const terminal = screen({
      keys: [
        { question: 'tick who came', keys: 'zs' },
        { question: 'zs', keys: '\r' },
        { question: 'tick who came', keys: '\u0003' },
        { question: 'Discard 1 changed tick and stop?', keys: 'n\r' },
        { question: 'tick who came', keys: '\r' },
        { question: 'Not ticked:', keys: '\r' },
      ],
      lang: 'en',
      env: {},
      now: () => new Date('2024-03-04T09:00:00Z'),
    });
    const { main } = await import('../src/cli/main.js');
    const args = ['--db', peixun.db, 'attend', 'K2', '--date', '2023-08-02', '--slot', '下午'];
    expect(await main(['node', 'peixun', ...args], await terminal.withPrompts())).toBe(0);
    const sheet = await classSheetOf(peixun, 'K2');
    // The new session of 08-02 下午 is the third: 张三 (zs), ticked before the Ctrl-C, present; 赵六 absent.
    const statusOf = (name: string) => sheet.trainees.find((row) => row.name === name)?.statuses[2];
    expect([statusOf('张三'), statusOf('赵六')]).toEqual(['present', 'absent']);
  });

  it.each([
    ['in the checklist', [{ question: 'tick who came', keys: '\u0004' }]],
    [
      'at the question about the rest',
      [
        { question: 'tick who came', keys: '\r' },
        { question: 'Not ticked: 3.', keys: ' \r' },
        { question: 'was:', keys: '\u0004' },
      ],
    ],
  ])('Ctrl-D %s stops like Ctrl-C: exit 130, cancelled, nothing written', async (_, keys) => {
    const peixun = await loadedSmall();
    const before = dumpDatabase(peixun.db);
    const terminal = screen({ keys, lang: 'en', env: {}, now: () => new Date('2024-03-04T09:00:00Z') });
    const { main } = await import('../src/cli/main.js');
    const args = ['--db', peixun.db, 'attend', 'K2', '--date', '2023-08-02', '--slot', '下午'];
    expect(await main(['node', 'peixun', ...args], await terminal.withPrompts())).toBe(130);
    expect(terminal.text()).toContain('cancelled');
    expect(dumpDatabase(peixun.db)).toEqual(before);
  });

  it('class add asks for the code, name, type and dates', async () => {
    const peixun = await loadedSmall();
    const terminal = scriptedTerminal([
      { question: 'Class code:', keys: `K8${KEYS.enter}` },
      { question: 'Class name:', keys: `冬季专题${KEYS.enter}` },
      { question: 'Class type:', keys: KEYS.enter },
      { question: 'Start date:', keys: `2023年12月5日${KEYS.enter}` },
      { question: 'End date (may be empty):', keys: KEYS.enter },
      { question: 'Planned hours (may be empty):', keys: `3${KEYS.enter}` },
      { question: 'Organising unit (a path, may be empty):', keys: `宝山区${KEYS.enter}` },
      { question: 'Venue (may be empty):', keys: KEYS.enter },
    ]);
    const { context } = commandContext(peixun.db, await inquirerPrompter(terminal.streams));
    await runClassAdd(context, {});
    const list = await peixun.json<{ code: string; type: string; startDate: string; plannedHours: number }[]>(
      'class',
      'list',
      '--format',
      'json',
    );
    expect(list.find((klass) => klass.code === 'K8')).toMatchObject({
      type: '专题培训',
      startDate: '2023-12-05',
      plannedHours: 3,
    });
  });
});

describe('edits said plainly', () => {
  it('an empty --phone clears it; the changed fields are named as the tables name them, in Chinese too', async () => {
    const peixun = await loadedSmall();
    const edited = await peixun.ok(
      '--lang',
      'zh',
      'trainee',
      'edit',
      '0013',
      '--phone',
      '',
      '--position',
      '书记',
    );
    expect(edited.stdout).toContain('张三：手机号，职务');
    expect((await people(peixun, '--search', '0013', '--reveal'))[0]).toMatchObject({
      phone: null,
      position: '书记',
    });
    // Absent leaves it: nothing to change.
    expect((await peixun.ok('trainee', 'edit', '0013', '--position', '书记')).stdout).toContain(
      'nothing changed',
    );
  });

  it('times are shown on the local clock, not as UTC ISO stamps', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      // The batch was written at 05:06:47 UTC: 13:06:47 in Shanghai.
      const peixun = inProcess('2026-11-27T05:06:47.134Z');
      await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'));
      const listed = (await peixun.ok('--lang', 'zh', 'imports')).stdout;
      expect(listed).toContain('2026-11-27 13:06:47');
      expect(listed).not.toContain('05:06:47');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('peixun help report quarterly is that command’s help', async () => {
    const peixun = await loadedSmall();
    const help = await peixun.ok('help', 'report', 'quarterly');
    expect(help.stdout).toBe((await peixun.ok('report', 'quarterly', '--help')).stdout);
    expect(help.stdout).toContain('Usage: peixun report quarterly');
  });
});

describe('--out never replaces a file unasked', () => {
  it('refuses an existing file without --force, replaces it with; a terminal is asked', async () => {
    const peixun = await loadedSmall();
    const out = join(peixun.folder, 'list.csv');
    writeFileSync(out, 'kept');
    const refused = await peixun.run('trainee', 'list', '--out', out);
    expect([refused.code, refused.stderr]).toEqual([
      1,
      `error: ${out} exists and was left as it is; add --force to replace it\n`,
    ]);
    expect(readFileSync(out, 'utf8')).toBe('kept');
    await peixun.ok('export', 'trainees', '--out', out, '--force');
    expect(readFileSync(out, 'utf8')).toContain('姓名');
    writeFileSync(out, 'kept');
    // At a terminal the person is asked; saying no leaves the file.
    const no = scriptedTerminal([{ question: 'exists. Replace it?', keys: `n${KEYS.enter}` }]);
    const asked = commandContext(peixun.db, await inquirerPrompter(no.streams));
    await expect(runList(asked.context, { out, bom: true })).rejects.toMatchObject({
      problem: { code: 'outExists' },
    });
    expect(readFileSync(out, 'utf8')).toBe('kept');
    const yes = scriptedTerminal([{ question: 'exists. Replace it?', keys: `y${KEYS.enter}` }]);
    await runList(commandContext(peixun.db, await inquirerPrompter(yes.streams)).context, { out, bom: true });
    expect(readFileSync(out, 'utf8')).toContain('张三');
  });
});

describe('completion', () => {
  it.each(['bash', 'zsh', 'fish'])('%s knows the commands and options', async (shell) => {
    const { code, stdout } = await runCli(['completion', shell]);
    expect(code).toBe(0);
    for (const word of ['trainee', 'attend', 'report', 'quarterly', 'merge']) expect(stdout).toContain(word);
    const option = (name: string) => (shell === 'fish' ? `-l ${name}` : `--${name}`);
    for (const name of ['by', 'reveal', 'skip-invalid']) expect(stdout).toContain(option(name));
  });

  it('bash completes option values and the register’s class codes', async () => {
    // Spawned: the script is bash's to run. `peixun` is the built bin, as installed.
    const peixun = await loadedSmall();
    const script = join(peixun.folder, 'complete.sh');
    writeFileSync(
      script,
      [
        (await runCli(['completion', 'bash'])).stdout,
        `peixun() { "${process.execPath}" "${BIN}" "$@"; }`,
        'try() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _peixun; echo "${COMPREPLY[*]}"; }',
        `try peixun report quarterly --by ''`,
        `try peixun --db "${peixun.db}" report class ''`,
        `try peixun --db "${peixun.db}" attend K1 --date 2023-07-10 --slot ''`,
      ].join('\n'),
    );
    const lines = execFileSync('bash', [script], { encoding: 'utf8' }).trim().split('\n');
    expect(lines[0]).toBe('class-type organiser category unit course-category teacher');
    expect(
      lines[1]
        ?.split(' ')
        .filter((word) => /^K\d$/.test(word))
        .sort(),
    ).toEqual(['K1', 'K2', 'K3', 'K4', 'K5', 'K6']);
    // --slot takes 上午/下午/晚上 or am/pm…: no fixed set to offer, so the command's options are offered.
    expect(lines[2]).toContain('--present');
  });
});
