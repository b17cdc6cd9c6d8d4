/**
 * One rule, one place (#30): where the same rule was written twice and the copies had drifted apart. Each case
 * failed before src/domain/ held the rule: a code folded by SQLite's NOCASE in one command and by JavaScript in
 * another, a teacher's name matched by the units' key, the class sheet's one-seventh written as `absences * 7`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isComplete, DEFAULT_COMPLETION_THRESHOLD } from '../src/domain/attendance.js';
import { codeKey, nameKey, titleNameKey } from '../src/domain/names.js';
import { inProcess, SMALL } from './helpers.js';

const CLASS = '班级编号,班级名称,班级类型,主办单位,开始日期,结束日期,计划学时\n';
/** 张三 of test/fixtures/small. */
const ZHANG = '310113198001010013';

describe('codes', () => {
  it('fold one way everywhere: é1 names É1 in an import, a command and a new class alike', async () => {
    const peixun = inProcess();
    await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'));
    await peixun.ok(
      'import',
      'classes',
      peixun.file('c.csv', `${CLASS}É1,测试班,轮训,宝山区,2023-07-03,2023-07-07,10\n`),
    );
    // A command: before, `class show é1` found nothing (SQLite's NOCASE folds ASCII only).
    const shown = await peixun.json<{ class: { code: string } }>('report', 'class', 'é1', '--format', 'json');
    expect(shown.class.code).toBe('É1');
    expect((await peixun.run('class', 'show', 'é1')).code).toBe(0);
    // A sign-in sheet naming é1 signs in to É1.
    await peixun.ok(
      'import',
      'attendance',
      peixun.file('a.csv', `班级编号,日期,时段,身份证号,签到状态\né1,2023-07-03,上午,${ZHANG},出勤\n`),
    );
    // The class list again with the code in small letters: É1 updated (its name), no second class.
    const again = await peixun.ok(
      'import',
      'classes',
      peixun.file('c2.csv', `${CLASS}é1,测试班（一）,轮训,宝山区,2023-07-03,2023-07-07,10\n`),
    );
    expect(again.stdout).toContain('inserted 0, updated 1');
    const classes = await peixun.json<{ code: string; name: string }[]>('class', 'list', '--format', 'json');
    expect(classes.map((one) => [one.code, one.name])).toEqual([['É1', '测试班（一）']]);
    // A new class may not take a code that names one already.
    const added = await peixun.run(
      'class',
      'add',
      '--code',
      'é1',
      '--name',
      '另一个班',
      '--start',
      '2023-08-01',
    );
    expect(added.code).toBe(1);
    expect(added.stderr).toContain('É1');
  });

  it('that two records share once folded are refused in a file, naming both', async () => {
    const peixun = inProcess();
    // As an older register could hold them: Ab1 and aB1, told apart only by case.
    await peixun.ok(
      'import',
      'classes',
      peixun.file('c.csv', `${CLASS}Ab1,甲班,轮训,宝山区,2023-07-03,2023-07-07,10\n`),
    );
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(peixun.db);
    db.prepare(
      `INSERT INTO classes (code, name, type, start_date, status, batch_id)
       SELECT 'aB1', '乙班', type, start_date, status, batch_id FROM classes`,
    ).run();
    db.close();
    const row = await peixun.run(
      'import',
      'classes',
      peixun.file('c2.csv', `${CLASS}ＡＢ1,丙班,轮训,宝山区,2023-07-03,2023-07-07,10\n`),
    );
    expect(row.code).toBe(1);
    expect(row.stderr).toMatch(/"AB1" names several records once case is set aside \((Ab1, aB1|aB1, Ab1)\)/);
  });

  it('codeKey is NFKC in capitals of every script', () => {
    expect(codeKey('é1')).toBe(codeKey('É1'));
    expect(codeKey('ｐｘ２０２３－００１')).toBe('PX2023-001');
    expect(codeKey('K1')).not.toBe(codeKey('K2'));
  });
});

describe('names', () => {
  it('a teacher named with any dot between the parts of the name, or none, is the registered teacher', async () => {
    const peixun = inProcess();
    await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'));
    await peixun.ok(
      'import',
      'teachers',
      peixun.file('t.csv', '姓名,类型,单位\n阿不都·热合曼,专职,宝山区委党校\n'),
    );
    await peixun.ok(
      'import',
      'classes',
      peixun.file('c.csv', `${CLASS}T1,测试班,轮训,宝山区,2023-07-03,2023-07-05,6\n`),
    );
    await peixun.ok(
      'import',
      'attendance',
      peixun.file(
        'a.csv',
        '班级编号,日期,时段,身份证号,签到状态,授课教师\n' +
          `T1,2023-07-03,上午,${ZHANG},出勤,阿不都•热合曼\n` +
          `T1,2023-07-04,上午,${ZHANG},出勤,阿不都热合曼\n` +
          `T1,2023-07-05,上午,${ZHANG},出勤,阿不都·热合曼\n`,
      ),
    );
    // Three sessions of 2 hours (6 planned hours over 3 sessions), one teacher, registered: before, the first two
    // were teachers of their own, unregistered.
    const report = await peixun.json<{ teachers: { name: string; registered: boolean; sessions: number }[] }>(
      'report',
      'teachers',
      '--year',
      '2023',
      '--format',
      'json',
    );
    expect(report.teachers.map((one) => [one.name, one.registered, one.sessions])).toEqual([
      ['阿不都·热合曼', true, 3],
    ]);
    expect(nameKey('阿不都•热合曼')).toBe(nameKey('阿不都·热合曼'));
  });

  it.each([
    ['静安第十一街道专题培训班（第三期）', '静安第11街道专题培训班第3期'],
    ['二〇二三年 居村书记轮训班', '2023年居村书记轮训班'],
    ['第二十三期', '第23期'],
    ['第一百零五期', '第105期'],
    ['十', '10'],
    ['一零五', '105'],
  ])('a title written otherwise: %j is keyed as %j', (title, key) => expect(titleNameKey(title)).toBe(key));
});

describe('completion', () => {
  /**
   * T5 has five sessions; 张三 missed one. 4 of 5 is 80 %: short of 6/7 (85.7 %), so by default not completed
   * and flagged on the class sheet; under --completion-threshold 0.8 completed, and not flagged. Before, the sheet
   * flagged him whatever the threshold (1 × 7 > 5).
   */
  it('the class sheet flags by the threshold in force, as it counts completion', async () => {
    const peixun = inProcess();
    await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'));
    await peixun.ok(
      'import',
      'classes',
      peixun.file('c.csv', `${CLASS}T5,五天班,轮训,宝山区,2023-07-03,2023-07-07,10\n`),
    );
    const days = ['03', '04', '05', '06', '07'];
    await peixun.ok(
      'import',
      'attendance',
      peixun.file(
        'a.csv',
        '班级编号,日期,时段,身份证号,签到状态\n' +
          days
            .map((day, index) => `T5,2023-07-${day},上午,${ZHANG},${index < 4 ? '出勤' : '缺勤'}\n`)
            .join(''),
      ),
    );
    type Sheet = { trainees: { attended: number; completed: boolean; flagged: boolean }[] };
    const sheet = (...threshold: string[]) =>
      peixun.json<Sheet>('report', 'class', 'T5', '--format', 'json', ...threshold);
    expect((await sheet()).trainees).toMatchObject([{ attended: 4, completed: false, flagged: true }]);
    expect((await sheet('--completion-threshold', '0.8')).trainees).toMatchObject([
      { attended: 4, completed: true, flagged: false },
    ]);
    // Written as the help shows the default (a fraction) or as people say it (a percentage): the same 0.8.
    for (const written of ['4/5', '80%'])
      expect((await sheet('--completion-threshold', written)).trainees).toMatchObject([{ completed: true }]);
    const zero = await peixun.run('--lang', 'en', 'report', 'class', 'T5', '--completion-threshold', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('must be above 0 and at most 1, such as 0.8, 6/7 or 80%');
    // The same sheet from `class show` and the person's record from `trainee show`: one option, one default.
    const shown = await peixun.json<Sheet>(
      'class',
      'show',
      'T5',
      '--format',
      'json',
      '--completion-threshold',
      '0.8',
    );
    expect(shown.trainees).toMatchObject([{ completed: true, flagged: false }]);
    type Record = { classes: { code: string; completed: boolean }[] };
    const record = (...threshold: string[]) =>
      peixun.json<Record>('trainee', 'show', ZHANG, '--format', 'json', ...threshold);
    expect((await record()).classes.find((one) => one.code === 'T5')?.completed).toBe(false);
    expect(
      (await record('--completion-threshold', '0.8')).classes.find((one) => one.code === 'T5')?.completed,
    ).toBe(true);
  });

  it('is one function: 6 of 7 completes, 5 of 7 does not, whatever floating point makes of 6/7', () => {
    expect(isComplete(6, 7, DEFAULT_COMPLETION_THRESHOLD)).toBe(true);
    expect(isComplete(5, 7, DEFAULT_COMPLETION_THRESHOLD)).toBe(false);
    expect(isComplete(12, 14, DEFAULT_COMPLETION_THRESHOLD)).toBe(true);
    expect(isComplete(0, 0, DEFAULT_COMPLETION_THRESHOLD)).toBe(false);
  });
});
