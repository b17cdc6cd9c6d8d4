/** Files with unfamiliar headers: asking which column is which, and saved mappings. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { askMapping } from '../src/cli/mapping.js';
import { inquirerPrompter } from '../src/cli/prompts.js';
import { openDatabase } from '../src/db/open.js';
import { translator } from '../src/i18n/index.js';
import { likelyField, mappingQuestion } from '../src/import/mapping.js';
import { IGNORED_COLUMN } from '../src/import/fields.js';
import { runImport } from '../src/import/run.js';
import { english, register, scriptedTerminal } from './helpers.js';

const t = translator('en');
const ODD =
  '学员登记表,,,\n编号,学员,证号,片区\n1,王芳,310113198001010013,高境镇\n2,李强,31011319851212002X,罗店镇\n';
const oddRows = [
  { row: 1, cells: ['学员登记表', '', '', ''] },
  { row: 2, cells: ['编号', '学员', '证号', '片区'] },
  { row: 3, cells: ['1', '王芳', '310113198001010013', '高境镇'] },
  { row: 4, cells: ['2', '李强', '31011319851212002X', '罗店镇'] },
];

describe('the mapping question', () => {
  it('takes the fullest row as the header and shows values under each column', () => {
    const question = mappingQuestion('trainees', oddRows);
    expect(question?.headerRow).toBe(2);
    expect(question?.missing).toEqual([['name']]);
    expect(question?.columns[1]).toEqual({ header: '学员', samples: ['王芳', '李强'], field: undefined });
  });
});

describe('asking through inquirer', () => {
  it('maps the required column, then the unrecognised ones, and names the mapping', async () => {
    const question = mappingQuestion('trainees', oddRows);
    if (!question) throw new Error('no question');
    const terminal = scriptedTerminal([
      // Columns offered: 编号, 学员, 证号, 片区; 学员's values are names, so the question starts there.
      { question: 'Which column holds "姓名"?', keys: '\r' },
      // 编号 (1, 2): no guess, so "do not import", the first choice.
      { question: 'What does the column "编号" hold?', keys: '\r' },
      // 证号: its values are ID numbers, so 身份证号 is chosen already.
      { question: 'What does the column "证号" hold?', keys: '\r' },
      // 片区 (高境镇, 罗店镇): towns, so 街镇 is chosen already.
      { question: 'What does the column "片区" hold?', keys: '\r' },
      { question: 'Save this mapping', keys: 'y\r' },
      { question: 'Mapping name:', keys: '区县花名册\r' },
    ]);
    const lines: string[] = [];
    const answer = await askMapping(
      await inquirerPrompter(terminal.streams),
      t,
      'trainees',
      'odd.csv',
      question,
      (text) => lines.push(text),
    );
    expect(terminal.answered()).toBe(6);
    expect(lines[0]).toContain('odd.csv');
    expect(answer).toEqual({
      aliases: { 学员: 'name', 证号: 'idNumber', 片区: 'subdistrict' },
      saveAs: '区县花名册',
    });
  });
});

describe('headers every JavaScript object answers to', () => {
  it('a column headed __proto__ or constructor is asked about and mapped as any other', async () => {
    const question = mappingQuestion('trainees', [
      { row: 1, cells: ['编号', '__proto__', 'constructor', '片区'] },
      { row: 2, cells: ['1', '王芳', '310113198001010013', '高境镇'] },
      { row: 3, cells: ['2', '李强', '31011319851212002X', '罗店镇'] },
    ]);
    if (!question) throw new Error('no question');
    const terminal = scriptedTerminal([
      { question: 'Which column holds "姓名"?', keys: '\r' },
      { question: 'What does the column "编号" hold?', keys: '\r' },
      // Before, a column named like an inherited property was taken as mapped already and never asked about.
      { question: 'What does the column "constructor" hold?', keys: '\r' },
      { question: 'What does the column "片区" hold?', keys: '\r' },
      { question: 'Save this mapping', keys: 'n\r' },
    ]);
    const answer = await askMapping(
      await inquirerPrompter(terminal.streams),
      t,
      'trainees',
      'proto.csv',
      question,
      () => undefined,
    );
    expect(terminal.answered()).toBe(5);
    // Before, the answer for __proto__ was lost: assigning it set the object's prototype instead.
    expect(Object.entries(answer.aliases)).toEqual([
      ['__proto__', 'name'],
      ['constructor', 'idNumber'],
      ['片区', 'subdistrict'],
    ]);
  });
});

describe('without a terminal', () => {
  it('exits 1 listing the headers found and the names accepted; nothing waits for input', async () => {
    const peixun = register();
    const file = join(peixun.folder, 'odd.csv');
    writeFileSync(file, ODD);
    const result = await peixun.run('import', 'trainees', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: no header row with the columns trainees need`);
    expect(result.stderr).toContain('found: 学员登记表, 编号, 学员, 证号, 片区');
    expect(result.stderr).toContain('accepted column names: 姓名, 学员姓名, name, 身份证号');
  });

  it('a header that lacks only a required column is named as the header, with the column it lacks', async () => {
    // A class list as an office keeps it: no 班级编号. Its row 2 names 班次名称 (the name), 举办时间, 培训地点, 主办单位
    // and 学时: plainly the header; "no header row" with every accepted name sent people looking for another.
    const peixun = register();
    const file = join(peixun.folder, 'classes.csv');
    writeFileSync(
      file,
      '2024年培训班安排\n序号,班次名称,举办时间,培训地点,主办单位,学时\n1,居村书记示范培训班,2024-03-04,区委党校,宝山区,24\n',
    );
    const result = await peixun.run('--lang', 'zh', 'import', 'classes', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}：第 2 行是表头，但缺少必需的列：班级编号\n`);
    expect(result.stderr).toContain('班级编号 也可写作：班次编号, 编号, class_code');
    expect(result.stderr).not.toContain('可识别的列名');
  });

  it('an ID-number column a mapping leaves out is not refused as unread', async () => {
    // 身份证号/护照号 is refused as a column of ID numbers nobody read (test/import.test.ts), unless a saved
    // mapping says to leave it out, as one may for a unit column: then 张三 is read by name, his number unread.
    const peixun = register();
    const file = join(peixun.folder, 'ids.csv');
    writeFileSync(
      file,
      '姓名,身份证号/护照号,所属单位\n张三,310113198001010013,宝山区/高境镇/高境一村居委\n',
    );
    const db = openDatabase(peixun.db, { create: true });
    try {
      const request = { kind: 'trainees' as const, files: [file], dryRun: true, addUnknown: false };
      const env = {
        db,
        dbPath: peixun.db,
        say: english,
        now: () => new Date(),
        osUser: 'test',
        host: 'test',
      };
      await expect(runImport(env, request)).rejects.toThrow('身份证号/护照号');
      const read = await runImport(env, { ...request, headerAliases: { '身份证号/护照号': IGNORED_COLUMN } });
      expect(read.counts).toMatchObject({ inserted: 1 });
    } finally {
      db.close();
    }
  });

  it('a saved mapping imports such files with --mapping NAME; an unknown name lists the saved ones', async () => {
    const peixun = register();
    const file = join(peixun.folder, 'odd.csv');
    writeFileSync(file, ODD);
    const db = openDatabase(peixun.db, { create: true });
    try {
      const saved = await runImport(
        { db, dbPath: peixun.db, say: english, now: () => new Date(), osUser: 'test', host: 'test' },
        {
          kind: 'trainees',
          files: [file],
          dryRun: true,
          addUnknown: false,
          headerAliases: { 学员: 'name', 证号: 'idNumber', 片区: 'subdistrict' },
          saveMappingAs: '区县花名册',
        },
      );
      expect(saved.savedMapping).toBe('区县花名册');
    } finally {
      db.close();
    }
    // A dry run keeps nothing, the mapping included.
    expect((await peixun.run('import', 'trainees', file, '--mapping', '区县花名册')).stderr).toContain(
      'no header mapping named "区县花名册"; saved mappings: —',
    );
    const db2 = openDatabase(peixun.db, { create: true });
    try {
      await runImport(
        { db: db2, dbPath: peixun.db, say: english, now: () => new Date(), osUser: 'test', host: 'test' },
        {
          kind: 'trainees',
          files: [file],
          dryRun: false,
          addUnknown: false,
          headerAliases: { 学员: 'name', 证号: 'idNumber', 片区: 'subdistrict' },
          saveMappingAs: '区县花名册',
        },
      );
    } finally {
      db2.close();
    }
    const again = join(peixun.folder, 'next-quarter.csv');
    writeFileSync(again, ODD.replace('王芳', '王芳芳'));
    const result = await peixun.json<{ counts: Record<string, number> }>(
      'import',
      'trainees',
      again,
      '--mapping',
      '区县花名册',
      '--json',
    );
    expect(result.counts).toMatchObject({ read: 2, updated: 1, unchanged: 1 });
    expect((await peixun.run('import', 'trainees', again, '--mapping', '别的')).stderr).toContain(
      'saved mappings: 区县花名册',
    );
  });
});

describe('peixun mappings', () => {
  it('lists, shows and deletes the saved mappings', async () => {
    const peixun = register();
    const file = join(peixun.folder, 'odd.csv');
    writeFileSync(file, ODD);
    const db = openDatabase(peixun.db, { create: true });
    try {
      await runImport(
        { db, dbPath: peixun.db, say: english, now: () => new Date(), osUser: 'test', host: 'test' },
        {
          kind: 'trainees',
          files: [file],
          dryRun: false,
          addUnknown: false,
          headerAliases: { 学员: 'name', 证号: 'idNumber', 片区: 'subdistrict' },
          saveMappingAs: '区县花名册',
        },
      );
    } finally {
      db.close();
    }
    const listed = JSON.parse((await peixun.ok('mappings', '--json')).stdout) as { name: string }[];
    expect(listed.map((mapping) => mapping.name)).toEqual(['区县花名册']);
    const shown = (await peixun.ok('--lang', 'zh', 'mappings', 'show', '区县花名册')).stdout;
    expect(shown).toMatch(/│ 学员\s+│ 姓名\s+│/);
    expect(shown).toMatch(/│ 证号\s+│ 身份证号\s+│/);
    expect(shown).toMatch(/│ 片区\s+│ 街镇\s+│/);
    const unknown = await peixun.run('mappings', 'show', 'nope');
    expect([unknown.code, unknown.stderr.trim()]).toEqual([
      1,
      'error: no header mapping named "nope"; saved mappings: 区县花名册',
    ]);
    expect((await peixun.run('mappings', 'delete', '区县花名册')).code).toBe(2); // neither --yes nor a terminal
    await peixun.ok('mappings', 'delete', '区县花名册', '--yes');
    expect(JSON.parse((await peixun.ok('mappings', '--json')).stdout)).toEqual([]);
  });
});

describe('what a column probably holds, from its values', () => {
  it.each([
    [['310113198001010013', '31011319851212002X'], 'trainees', 'idNumber'],
    [['13800000001', '13911112222'], 'trainees', 'phone'],
    [['男', '女'], 'trainees', 'gender'],
    [['1980-01-01', '1985/12/12'], 'trainees', 'birthDate'],
    [['2023-07-10'], 'attendance', 'date'],
    [['高境镇', '友谊路街道'], 'trainees', 'subdistrict'],
    [['宝山区', '浦东新区'], 'trainees', 'district'],
    [['高境一村居委', '天平村'], 'trainees', 'community'],
    [['王芳', '欧阳小明'], 'trainees', 'name'],
    // A wrong check digit is no ID number; a mix is no guess.
    [['310113198001010014'], 'trainees', undefined],
    [['王芳', '13800000001'], 'trainees', undefined],
    [[], 'trainees', undefined],
  ] as const)('%j in %s → %s', (samples, kind, field) => {
    expect(likelyField(kind, samples)).toBe(field);
  });
});
