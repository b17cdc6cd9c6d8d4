/**
 * What a Chinese street organiser tripped on (#33, points 2 to 9): periods as people write them, a register made
 * where none was meant, a street's own figures, the small things that cost trust, the checklist's sheet order,
 * mentoring lists, filed forms printed again and corrected, 迟到 written in 备注.
 *
 * The figures below are the small fixture's (test/fixtures/small), 2023Q3, counted by hand:
 *   高境镇's trainees are 张三, 李四 (高境一村居委) and 王五 (逸仙路居委).
 *   Their enrolments with a sign-in attended: K1 张三 (3 sessions), K1 李四 (2: present, late; one excused),
 *   K2 张三 (2), K3 李四 (2), K3 王五 (1 of 2); 王五 was absent from all of K1, so K1 王五 is no participant-time.
 *   班次 3 (K1, K2, K3); 人次 5; 人数 3 (张三, 李四, 王五);
 *   学时 6 (张三 K1) + 4 (李四 K1: 2 + 2) + 4 (张三 K2: two sessions sharing K2's 4 planned hours) + 6 (李四 K3)
 *   + 3 (王五 K3) = 23.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { subtitle } from '../src/report/summaries.js';
import { translator } from '../src/i18n/index.js';
import { loadedSmall, runCli, tempFolder } from './helpers.js';
import { screen } from './transcript.js';

type Quarterly = {
  period: { label: string; from: string; to: string };
  rows: { group: string; classes: number; participantTimes: number; participants: number; hours: number }[];
  total: { classes: number; participantTimes: number; participants: number; hours: number };
};

describe('periods as people write them', () => {
  it.each(['2023Q3', '2023年三季度', '2023年第三季度', '2023年第3季度', '2023 Q3', '2023-3', '2023-Q3'])(
    '%s is 2023Q3',
    async (written) => {
      const peixun = await loadedSmall();
      const report = await peixun.json<Quarterly>('report', 'quarterly', written, '--format', 'json');
      expect(report.period).toEqual({ label: '2023Q3', from: '2023-07-01', to: '2023-09-30' });
    },
  );

  it('三季度 and Q3 without a year are this year’s; a bare 3 is no quarter and the message lists the forms', async () => {
    const peixun = await loadedSmall();
    const today = () => new Date('2024-11-02T09:00:00Z');
    for (const written of ['三季度', '第三季度', 'Q3']) {
      const result = await runCli(['--db', peixun.db, 'report', 'quarterly', written, '--json'], {}, today);
      expect((JSON.parse(result.stdout) as Quarterly).period.label).toBe('2024Q3');
    }
    const bare = await runCli(['--db', peixun.db, '--lang', 'zh', 'report', 'quarterly', '3']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('可用 2023Q3、2023年三季度、2023年第3季度、2023-3');
  });

  it('a date option that is not a date says the forms it takes', async () => {
    const peixun = await loadedSmall();
    const result = await peixun.run('--lang', 'zh', 'attend', 'K1', '--date', '7/5', '--present', '张三');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--date “7/5” 不是有效日期（可用 2023-07-05、2023/7/5');
  });
});

describe('a register where none was meant', () => {
  it('a command that makes a register says so, and where', async () => {
    const folder = tempFolder();
    const db = join(folder, 'new.db');
    const result = await runCli([
      '--db',
      db,
      '--lang',
      'zh',
      'import',
      'trainees',
      join('test', 'fixtures', 'small', 'trainees.csv'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`已新建登记库：${db}`);
    // A second command finds it: nothing more said.
    const again = await runCli([
      '--db',
      db,
      '--lang',
      'zh',
      'import',
      'classes',
      join('test', 'fixtures', 'small', 'classes.csv'),
    ]);
    expect(again.stderr).not.toContain('已新建登记库');
  });

  it('on a terminal, with no --db and no $PEIXUN_DB, it asks first; no is nothing made', async () => {
    const folder = tempFolder();
    const terminal = screen({
      keys: [{ question: 'make a new one at', keys: 'n\r' }],
      lang: 'en',
      columns: 80,
      env: {},
      now: () => new Date('2024-03-04T09:00:00Z'),
    });
    const { main } = await import('../src/cli/main.js');
    const cwd = process.cwd();
    process.chdir(folder);
    try {
      const code = await main(
        ['node', 'peixun', 'import', 'trainees', join(cwd, 'test', 'fixtures', 'small', 'trainees.csv')],
        await terminal.withPrompts(),
      );
      expect(code).toBe(2);
    } finally {
      process.chdir(cwd);
    }
    expect(terminal.text()).toContain(`no register made at ${join(folder, 'peixun.db')}, nothing changed`);
    expect(existsSync(join(folder, 'peixun.db'))).toBe(false);
  });
});

describe('a street’s own figures', () => {
  it('--unit 高境镇 counts its trainees only, as its row of the table by unit', async () => {
    const peixun = await loadedSmall();
    const own = await peixun.json<Quarterly>('report', 'quarterly', '2023Q3', '--unit', '高境镇', '--json');
    expect(own.total).toMatchObject({ classes: 3, participantTimes: 5, participants: 3, hours: 23 });
    const byStreet = await peixun.json<Quarterly>(
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      '单位',
      '--level',
      '街镇',
      '--json',
    );
    const { classes, participantTimes, participants, hours } = own.total;
    expect(byStreet.rows.find((row) => row.group === '高境镇')).toMatchObject({
      classes,
      participantTimes,
      participants,
      hours,
    });
    const table = (await peixun.ok('--lang', 'zh', 'report', 'quarterly', '2023Q3', '--unit', '高境镇'))
      .stdout;
    expect(table).toContain('只计 高境镇 及其下属单位的学员');
    const unknown = await peixun.run('report', 'quarterly', '2023Q3', '--unit', '无此镇');
    expect(unknown.code).toBe(1);
  });

  it('--hide-empty leaves out rows with nothing to count and says how many', async () => {
    const peixun = await loadedSmall();
    // 周九 of 新居委, trained nowhere: a row of zeros at the residential level.
    await peixun.ok(
      'trainee',
      'add',
      '--name',
      '周九',
      '--unit',
      '宝山区/高境镇/新居委',
      '--category',
      '社区工作者',
    );
    const args = ['report', 'quarterly', '2023Q3', '--by', 'unit', '--level', 'community'];
    const all = await peixun.json<Quarterly>(...args, '--json');
    expect(all.rows.find((row) => row.group.endsWith('新居委'))).toMatchObject({
      classes: 0,
      participantTimes: 0,
    });
    const shown = await peixun.json<Quarterly>(...args, '--hide-empty', '--json');
    expect(shown.rows.map((row) => row.group)).toEqual(
      all.rows.map((row) => row.group).filter((group) => !group.endsWith('新居委')),
    );
    expect(shown.total).toEqual(all.total);
    expect((await peixun.ok('--lang', 'zh', ...args, '--hide-empty')).stdout).toContain(
      '另有 1 行没有可统计的数字，未列出',
    );
  });
});

describe('small things that cost trust', () => {
  it('the form’s second title line names no organisation it does not know', () => {
    const t = translator('zh');
    expect(subtitle(t, { organisation: '' }, '2023-07-01', '2023-09-30')).toBe(
      '统计期间 2023-07-01 至 2023-09-30',
    );
    expect(subtitle(t, { organisation: '宝山区' }, '2023-07-01', '2023-09-30')).toBe(
      '宝山区 · 统计期间 2023-07-01 至 2023-09-30',
    );
  });

  it('a cross table of hours says its cells add up; one of participants says they do not', async () => {
    const peixun = await loadedSmall();
    const hours = await peixun.ok(
      '--lang',
      'zh',
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'unit,category',
      '--figure',
      'hours',
    );
    expect(hours.stdout).toContain('各格相加即为行、列的合计。');
    expect(hours.stdout).not.toContain('一人、一个班次可在多格中');
    const people = await peixun.ok(
      '--lang',
      'zh',
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'unit,category',
      '--figure',
      'participants',
    );
    expect(people.stdout).toContain('一人、一个班次可在多格中');
  });

  it('mentor add echoes its end date; an ended pair reads 已结束, one not begun 未开始', async () => {
    const peixun = await loadedSmall();
    const added = await peixun.ok(
      '--lang',
      'zh',
      'mentor',
      'add',
      '张三',
      '王五',
      '--from',
      '2023-01-01',
      '--to',
      '2023-06-30',
    );
    expect(added.stdout).toContain('2023-01-01 至 2023-06-30');
    await peixun.ok('mentor', 'add', '李四', '钱七', '--from', '2099-01-01');
    const list = stripVTControlCharacters((await peixun.ok('--lang', 'zh', 'mentor', 'list')).stdout);
    expect(list).toMatch(/张三.*王五.*已结束/);
    expect(list).toMatch(/李四.*钱七.*未开始/);
    expect(list).not.toContain('未在进行');
  });

  it('class edit echoes the class’s code, not as typed; a code not held offers the near ones', async () => {
    const peixun = await loadedSmall();
    const edited = await peixun.ok('--lang', 'zh', 'class', 'edit', 'k2', '--venue', '高境镇会议室');
    expect(edited.stdout).toContain('已修改培训班 K2：');
    const near = await peixun.run('--lang', 'zh', 'report', 'class', 'K');
    expect(near.stderr).toContain('没有班级编号为 K 的培训班；是否要找：K1 K2 K3 K4 K5');
    const typo = await peixun.run('--lang', 'zh', 'report', 'class', 'K12');
    expect(typo.stderr).toContain('是否要找：K1');
  });
});

describe('a sheet in the order asked for', () => {
  it('--order roster keeps the roster file’s order; name sorts by name; unit (the default) by unit', async () => {
    const peixun = await loadedSmall();
    // K2's people were enrolled by its sign-ins in the file's order: 张三, 赵六, 孙八.
    const names = async (...order: string[]) => {
      const out = join(peixun.folder, `sheet${order.join('')}.html`);
      await peixun.ok('sheet', 'K2', '--date', '2023-08-01', '--slot', '上午', '--out', out, ...order);
      const html = readFileSync(out, 'utf8');
      return ['张三', '赵六', '孙八'].sort((a, b) => html.indexOf(a) - html.indexOf(b));
    };
    expect(await names('--order', 'roster')).toEqual(['张三', '赵六', '孙八']);
    expect(await names('--order', '姓名')).toEqual(['孙八', '张三', '赵六']);
    // By unit: 孙八 has none (sorted first), 高境镇 before 罗店镇 in pinyin (gāo, luó).
    expect(await names()).toEqual(['孙八', '张三', '赵六']);
  });
});

describe('import mentoring', () => {
  const LIST =
    '带教人,带教人身份证号,被带教人,被带教人身份证号,开始日期,结束日期\n' +
    '张三,310113198001010013,王五,,2023-03-01,\n' +
    '李四,,钱七,310113198808080055,2023-04-01,2023-12-31\n';

  it('reads a list of pairs (each person by ID number or name), and a later list ends a pair', async () => {
    const peixun = await loadedSmall();
    const file = join(peixun.folder, '带教结对.csv');
    writeFileSync(file, LIST);
    const result = await peixun.ok('--lang', 'zh', 'import', 'mentoring', file);
    expect(result.stdout + result.stderr).toContain('新增 2');
    const ending = join(peixun.folder, '带教结束.csv');
    writeFileSync(ending, '带教人,被带教人,开始日期,结束日期\n张三,王五,2023-03-01,2023-09-30\n');
    // The kind is recognised from the columns, as with every other list.
    const ended = await peixun.ok('--lang', 'zh', 'import', ending);
    expect(ended.stdout + ended.stderr).toContain('更新 1');
    const pairs = await peixun.json<{ mentor: string; mentee: string; from: string; to: string | null }[]>(
      'mentor',
      'list',
      '--json',
    );
    expect(pairs.map(({ mentor, mentee, from, to }) => [mentor, mentee, from, to])).toEqual([
      ['张三', '王五', '2023-03-01', '2023-09-30'],
      ['李四', '钱七', '2023-04-01', '2023-12-31'],
    ]);
    // Exported, the list imports again with nothing to change.
    const exported = join(peixun.folder, 'export.csv');
    await peixun.ok('export', 'mentoring', '--out', exported);
    const again = await peixun.ok('import', 'mentoring', exported);
    expect(again.stdout + again.stderr).toMatch(/inserted 0, updated 0, unchanged 2/);
  });

  it('refuses an unknown person naming the column, a pair that overlaps another, one person twice', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('mentor', 'add', '张三', '王五', '--from', '2023-01-01');
    const file = join(peixun.folder, 'bad.csv');
    writeFileSync(
      file,
      '带教人,被带教人,开始日期\n无此人,王五,2023-03-01\n张三,王五,2023-03-01\n张三,张三,2023-03-01\n',
    );
    const result = await peixun.run('--lang', 'zh', 'import', 'mentoring', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.csv:2 带教人：/);
    expect(result.stderr).toMatch(/bad\.csv:3 开始日期：.*张三.*王五/);
    expect(result.stderr).toMatch(/bad\.csv:4 被带教人：/);
  });
});

describe('filed forms', () => {
  it('filed show prints a filed report again exactly as handed in, whatever changed since', async () => {
    const peixun = await loadedSmall();
    const filed = await peixun.ok('--lang', 'zh', 'report', 'quarterly', '2023Q3', '--by', 'unit', '--file');
    await peixun.ok('import', 'attendance', join('test', 'fixtures', 'small', 'attendance.csv'));
    await peixun.ok('trainee', 'edit', '王五', '--unit', '宝山区/罗店镇/天平村');
    const shown = await peixun.ok('filed', 'show', '1');
    expect(shown.stdout).toBe(filed.stdout);
    expect((await peixun.run('filed', 'show', '9')).code).toBe(1);
  });

  it('--file --replaces N records a correction of the same report and period, once', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('report', 'quarterly', '2023Q3', '--file');
    await peixun.ok('report', 'quarterly', '2023Q3', '--file', '--replaces', '1');
    const list = await peixun.json<{ id: number; replaces: number | null; replacedBy: number | null }[]>(
      'filed',
      '--json',
    );
    expect(list.map(({ id, replaces, replacedBy }) => [id, replaces, replacedBy])).toEqual([
      [1, null, 2],
      [2, 1, null],
    ]);
    const twice = await peixun.run(
      '--lang',
      'zh',
      'report',
      'quarterly',
      '2023Q3',
      '--file',
      '--replaces',
      '1',
    );
    expect(twice.stderr).toContain('已被 #2 更正；请更正最新的一份（--replaces 2）');
    const other = await peixun.run('report', 'quarterly', '2023Q2', '--file', '--replaces', '2');
    expect([other.code, other.stderr]).toEqual([1, expect.stringContaining('another report or period')]);
    const alone = await peixun.run('report', 'quarterly', '2023Q3', '--replaces', '2');
    expect(alone.code).toBe(2);
  });
});

describe('迟到 and 早退 written in 备注', () => {
  it('a signed line noted 迟到 is late, 早退 left early; a blank one noted 请假 excused; a contradiction refused', async () => {
    const peixun = await loadedSmall();
    const sheet = join(peixun.folder, 'sheet.csv');
    writeFileSync(sheet, '姓名,签到,备注\n张三,√,迟到10分钟\n赵六,√,早退\n孙八,,病假\n');
    await peixun.ok('import', 'attendance', sheet, '--class', 'K2', '--date', '2023-08-01', '--slot', '上午');
    const report = await peixun.json<{ trainees: { name: string; statuses: string[] }[] }>(
      'report',
      'class',
      'K2',
      '--json',
    );
    const first = (name: string) => report.trainees.find((row) => row.name === name)?.statuses[0];
    expect([first('张三'), first('赵六'), first('孙八')]).toEqual(['late', 'left_early', 'excused']);
    writeFileSync(sheet, '姓名,签到,备注\n张三,缺勤,迟到\n');
    const refused = await peixun.run(
      '--lang',
      'zh',
      'import',
      'attendance',
      sheet,
      '--class',
      'K2',
      '--date',
      '2023-08-01',
      '--slot',
      '上午',
    );
    expect(refused.stderr).toContain('sheet.csv:2 备注：备注“迟到”与签到状态（缺勤）矛盾');
  });
});
