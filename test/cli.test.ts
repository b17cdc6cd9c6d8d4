/** The command line as a contract: help, languages, formats, the demo. */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { CONFIG_NAMES } from '../src/register/config.js';
import { IMPORT_KINDS } from '../src/import/fields.js';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { wrapCell, wrapText } from '../src/report/grid.js';
import { AREAS, catalogueFor, LANGS, messageKeys, translator } from '../src/i18n/index.js';
import { helpFor, type HelpTexts } from '../src/cli/quickHelp.js';
import { printedHelp, referenceMarkdown } from '../src/cli/helpTexts.js';
import { inquirerPrompter } from '../src/cli/prompts.js';
import { BIN, loadedSmall, ROOT, runCli, scriptedTerminal, SMALL, spawnCli, tempFolder } from './helpers.js';

/** Every command of the program, found by walking the tree as main() builds it with all commands loaded. */
async function programTree() {
  const { buildProgram } = await import('../src/cli/main.js');
  const io = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdinIsTTY: false,
    env: {},
    now: () => new Date(),
  };
  const program = await buildProgram('en', { io, argv: ['node', 'peixun'] }, () => true);
  const found: { path: string; command: typeof program }[] = [];
  const walk = (command: typeof program, path: string[]) => {
    for (const sub of command.commands as (typeof program)[]) {
      if (sub.name() === 'help') continue;
      const subPath = [...path, sub.name()];
      found.push({ path: subPath.join(' '), command: sub });
      walk(sub, subPath);
    }
  };
  walk(program, []);
  return { program, commands: found };
}

const { program, commands: COMMANDS } = await programTree();
const GLOBAL_OPTIONS = program.options.map((option) => option.long);

describe('help', () => {
  it('the program has every command, each with a description', () => {
    // Counted, so that a broken walk cannot pass: every command and every verb under one.
    expect(COMMANDS).toHaveLength(73);
    for (const { path, command } of COMMANDS) expect(command.description(), path).not.toBe('');
  });

  it.each(COMMANDS.map(({ path }) => path))(
    'peixun %s --help shows examples of this very command, using only its own options',
    async (path) => {
      const result = await runCli([...path.split(' '), '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: peixun ${path}`);
      const examples = result.stdout
        .slice(result.stdout.indexOf('Examples:'))
        .split('\n')
        .filter((line) => line.startsWith('  $ '));
      expect(examples.length, 'examples').toBeGreaterThanOrEqual(1);
      const own = COMMANDS.find((entry) => entry.path === path)?.command;
      for (const example of examples) {
        const words = example.replace(/^ {2}\$ /, '').split(' ');
        const at = words.indexOf('peixun');
        if (at < 0) continue; // `npm start`
        // The command words after `peixun` and its global options name this command or one of its verbs.
        const typed = words
          .slice(at + 1)
          .filter((word, index, all) => !word.startsWith('-') && !all[index - 1]?.startsWith('--db'));
        expect(typed.join(' ').startsWith(path), example).toBe(true);
        const target =
          COMMANDS.find((entry) => typed.join(' ').startsWith(entry.path) && entry.path.length > path.length)
            ?.command ?? own;
        const known = [...GLOBAL_OPTIONS, ...(target?.options.map((option) => option.long) ?? []), '--help'];
        for (const flag of words.filter((word) => word.startsWith('--')))
          expect(known, example).toContain(flag);
      }
    },
  );

  it('the command reference (docs/cli.md, docs/cli.en.md) is every command’s help as the build made it', () => {
    // `npm run docs` writes them again; a command added, or a help text changed, without it fails here.
    const texts = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli', 'help-texts.json'), 'utf8')) as HelpTexts;
    for (const [lang, file] of [
      ['zh', 'cli.md'],
      ['en', 'cli.en.md'],
    ] as const) {
      const reference = readFileSync(join(ROOT, 'docs', file), 'utf8');
      expect(reference, `docs/${file} is stale: npm run docs`).toBe(referenceMarkdown(texts, lang));
      for (const { path } of COMMANDS) expect(reference).toContain(`## peixun ${path}\n`);
    }
  });

  it('output into a pipe its reader has closed (peixun … | head) ends quietly, exit 0', async () => {
    // Spawned: EPIPE comes from a real pipe. The reader is gone before peixun writes its first byte.
    const child = spawn(process.execPath, [BIN, 'report', 'quarterly', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it.skipIf(!existsSync('/dev/full'))(
    'output sent to a full disk (peixun … > file) says so in one line, exit 1, no trace',
    async () => {
      // Spawned: the failure is the process's own stdout. /dev/full refuses every write with ENOSPC, as a full
      // disk does; a stack trace was printed. (Skipped where the system has no /dev/full: not Linux.)
      const folder = tempFolder();
      const db = join(folder, 'r.db');
      expect(spawnCli(['--db', db, 'import', 'trainees', join(SMALL, 'trainees.csv')]).code).toBe(0);
      const full = openSync('/dev/full', 'w');
      const child = spawn(
        process.execPath,
        [BIN, '--db', db, '--lang', 'zh', 'trainee', 'list', '--format', 'csv'],
        {
          stdio: ['ignore', full, 'pipe'],
        },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      closeSync(full);
      expect({ code, stderr }).toEqual({ code: 1, stderr: '错误：无法写出结果：磁盘已满，输出不完整\n' });
    },
  );

  it('the installed bin prints the package version and exits with the code main() returns', () => {
    // Spawned: the shim in bin/ and the process's own exit status are the point here.
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(spawnCli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(spawnCli(['reprot']).code).toBe(2);
    expect(spawnCli(['--db', join(tempFolder(), 'none', 'peixun.db'), 'trainee', 'list']).code).toBe(1);
  });

  // The bin loads the bundle of dist/ (scripts/bundle.js). Its modules find their files (the schema, the sample, the
  // parsing worker, the PDF font) from the URL each had in dist/: every such URL must name a file that is there.
  it('the bundle the bin loads finds each file its modules keep beside them', () => {
    const bundle = join(ROOT, 'dist', 'main');
    const code = readdirSync(bundle)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(bundle, name), 'utf8'))
      .join('\n');
    const inDist = [...code.matchAll(/new URL\("([^"]+)", import\.meta\.url\)\.href/g)].map(
      (match) => match[1],
    );
    expect(inDist).toContain('../db/schema.js');
    expect(inDist).toContain('../import/read/inWorker.js');
    for (const path of inDist) expect(existsSync(join(bundle, path ?? '')), path).toBe(true);
    // No module left with the bundle's own URL for its files.
    expect(code.split('import.meta.url').length - 1).toBe(inDist.length);
  });
});

describe('help before the program loads', () => {
  // The texts `npm run build` wrote (the tests run on the build), which bin/peixun.js prints for `--help`.
  const texts = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli', 'help-texts.json'), 'utf8')) as HelpTexts;
  const plain = { isTTY: false };
  const argv = (...words: string[]) => ['node', 'peixun', ...words];

  it.each(LANGS)(
    'holds, in %s, the very help the program prints for itself and every command',
    async (lang) => {
      // The program and its 56 commands: a text missing, or one more, fails here.
      expect(Object.keys(texts[lang]).sort()).toEqual(['', ...COMMANDS.map(({ path }) => path)].sort());
      for (const path of Object.keys(texts[lang])) {
        const words = path === '' ? [] : path.split(' ');
        const printed = await runCli(['--lang', lang, ...words, '--help']);
        expect(helpFor(argv('--lang', lang, ...words, '--help'), {}, plain, texts), path).toBe(
          printed.stdout,
        );
      }
    },
  );

  it('chooses the language as the program does, from --lang, PEIXUN_LANG or the locale', () => {
    const zh = texts.zh['report']?.text;
    const en = texts.en['report']?.text;
    expect(zh).toContain('示例');
    expect(helpFor(argv('report', '--help'), { LANG: 'zh_CN.UTF-8' }, plain, texts)).toBe(zh);
    expect(helpFor(argv('report', '-h'), { LANG: 'zh_CN.UTF-8', PEIXUN_LANG: 'en' }, plain, texts)).toBe(en);
    expect(helpFor(argv('--lang=zh', 'report', '--help'), { PEIXUN_LANG: 'en' }, plain, texts)).toBe(zh);
    expect(helpFor(argv('report', '--help'), { LC_ALL: 'C' }, plain, texts)).toBe(en);
  });

  it('answers `peixun help [command …]` as the program does', async () => {
    for (const words of [['help'], ['help', 'report', 'quarterly'], ['--lang', 'zh', 'help', 'db']]) {
      const printed = await runCli(words);
      expect(printed.code, words.join(' ')).toBe(0);
      expect(helpFor(argv(...words), {}, plain, texts), words.join(' ')).toBe(printed.stdout);
    }
  });

  it('says a help topic that names no command is unknown, with its suggestion, exit 2', async () => {
    const misspelt = await runCli(['help', 'repot']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stdout).toBe('');
    expect(misspelt.stderr).toContain("unknown command 'repot'");
    expect(misspelt.stderr).toContain('report');
    const below = await runCli(['--lang', 'zh', 'help', 'report', 'bogus']);
    expect(below.code).toBe(2);
    expect(below.stderr).toContain('“bogus”');
    // Chinese only, the word typed and the option's name aside.
    expect(below.stderr.replace('bogus', '').replace('--help', '')).not.toMatch(/[a-z]{3,}/i);
    expect(helpFor(argv('help', 'repot'), {}, plain, texts)).toBeUndefined();
    // Words past a command without subcommands are its arguments: still that command's help.
    const withArgument = await runCli(['help', 'report', 'quarterly', '2023Q3']);
    expect(withArgument.code).toBe(0);
    expect(withArgument.stdout).toBe((await runCli(['report', 'quarterly', '--help'])).stdout);
  });

  it('says a command asked for help that does not exist is unknown, exit 2, not the help above it', async () => {
    // Commander alone printed the program's help (or the report command's) with exit 0 for these.
    for (const words of [
      ['bogus', '--help'],
      ['--db', 'x.db', 'repot', '-h'],
      ['report', 'bogus', '--help'],
    ]) {
      const asked = await runCli(words);
      expect(asked.code, words.join(' ')).toBe(2);
      expect(asked.stdout, words.join(' ')).toBe('');
      expect(asked.stderr, words.join(' ')).toMatch(/unknown command '(bogus|repot)'/);
    }
    // A command's arguments are not commands: its help as before.
    const withArguments = await runCli(['import', 'attendance', 'sheet.csv', '--help']);
    expect(withArguments.code).toBe(0);
    expect(withArguments.stdout).toBe((await runCli(['import', '--help'])).stdout);
  });

  it('leaves every other shape to the program', () => {
    for (const words of [
      ['--lang', 'fr', '--help'], // commander's error about the choice
      ['--db', 'x.db', '--help'],
      ['report', 'quartely', '--help'], // no such command: commander says so
      ['help', 'report', '--help'],
      ['report', 'help'],
      ['report', '--help', 'quarterly'],
      ['report', '--lang', 'zh', '--help'], // --lang after the command: what commander makes of it
      ['--lang', 'zh', '--lang', 'en', '--help'],
      ['--help', '--help'],
    ])
      expect(helpFor(argv(...words), {}, plain, texts), words.join(' ')).toBeUndefined();
  });

  it('on a terminal, prints only what commander would lay out the same at its width', async () => {
    const wrapped = Object.entries(texts.en).find(([, help]) => !help.anyWidth);
    const unwrapped = Object.entries(texts.en).find(([, help]) => help.anyWidth);
    if (!wrapped || !unwrapped) throw new Error('expected texts with and without wrapped lines');
    const words = (path: string) => (path === '' ? [] : path.split(' '));
    const terminal = (columns: number) => ({ isTTY: true, columns });
    // 80 columns is commander's plain width; wider, only a text with nothing wrapped stays the same.
    expect(helpFor(argv(...words(wrapped[0]), '--help'), {}, terminal(80), texts)).toBe(wrapped[1].text);
    expect(helpFor(argv(...words(wrapped[0]), '--help'), {}, terminal(120), texts)).toBeUndefined();
    expect(helpFor(argv(...words(unwrapped[0]), '--help'), {}, terminal(60), texts)).toBeUndefined();
    const wide = helpFor(argv(...words(unwrapped[0]), '--help'), {}, terminal(120), texts);
    expect(wide).toBe(await printedHelp('en', words(unwrapped[0]), 120));
    expect(await printedHelp('en', words(wrapped[0]), 120)).not.toBe(wrapped[1].text);
  });

  it('is what the installed bin prints', async () => {
    // Spawned: bin/peixun.js answers these before the program loads.
    expect(spawnCli(['--help']).stdout).toBe((await runCli(['--help'])).stdout);
    const zh = { LANG: 'zh_CN.UTF-8' };
    expect(spawnCli(['db', 'backup', '-h'], zh).stdout).toBe(
      (await runCli(['db', 'backup', '-h'], zh)).stdout,
    );
  });
});

describe('languages', () => {
  it('zh and en have the same keys and the same placeholders', () => {
    const zh = catalogueFor('zh');
    const en = catalogueFor('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of messageKeys) expect([key, placeholders(en[key])]).toEqual([key, placeholders(zh[key])]);
  });

  it('English counts take the singular for one', () => {
    const t = translator('en');
    expect(t('batchChanged', { count: 1 })).toBe('1 change');
    expect(t('batchChanged', { count: 2 })).toBe('2 changes');
    expect(t('warnNoAttendance', { count: 1, codes: 'K4' })).toBe('1 class has no attendance recorded: K4');
    expect(translator('zh')('batchChanged', { count: 1 })).not.toMatch(/[A-Za-z]/);
  });

  it('each message is defined in one area of the catalogue, the same in both languages', () => {
    for (const lang of LANGS) {
      const defined = AREAS[lang].flatMap((area) => Object.keys(area));
      expect(defined.length, lang).toBe(messageKeys.length);
      expect(new Set(defined).size, lang).toBe(messageKeys.length);
    }
    expect(AREAS.en.map((area) => Object.keys(area))).toEqual(AREAS.zh.map((area) => Object.keys(area)));
  });

  it('--lang, then PEIXUN_LANG, then the locale', async () => {
    expect((await runCli(['report', '--help'], { LANG: 'zh_CN.UTF-8' })).stdout).toContain('示例');
    expect((await runCli(['report', '--help'], { LANG: 'zh_CN.UTF-8', PEIXUN_LANG: 'en' })).stdout).toContain(
      'Examples',
    );
    expect((await runCli(['--lang', 'en', 'report', '--help'], { PEIXUN_LANG: 'zh' })).stdout).toContain(
      'Examples',
    );
    expect((await runCli(['--lang', 'zh', 'report', '--help'])).stdout).toContain('示例');
  });
});

describe('report formats', () => {
  it('a table aligned with Chinese text, rates as percentages, null as —', async () => {
    const peixun = await loadedSmall();
    const { stdout, stderr } = await peixun.ok(
      '--lang',
      'zh',
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'class-type',
    );
    const lines = stdout.split('\n').filter((line) => /^[│┌├└]/.test(line));
    const widths = new Set(lines.map((line) => stringWidth(line)));
    expect(widths.size).toBe(1);
    expect(stdout).toContain('班级类型');
    // 轮训: attended 7 of 12 = 58.3%; completed 1 of 4 = 25.0%; 示范培训 has no records: —.
    expect(stdout).toMatch(/轮训\s+│\s+1 │\s+3 │\s+3 │\s+14\.0 │\s+4\.7 │\s+58\.3% │\s+25\.0% │/);
    expect(stdout).toMatch(/示范培训\s+│\s+1 │\s+0 │\s+0 │\s+0\.0 │\s+— │\s+— │\s+— │/);
    expect(stderr).toContain('注意：1 个培训班没有签到记录：K4');
  });

  it('CSV with a BOM for people, without for machines, format from --out', async () => {
    const peixun = await loadedSmall();
    const out = join(peixun.folder, 'q3.csv');
    await peixun.ok('report', 'quarterly', '2023Q3', '--by', 'unit', '--level', 'subdistrict', '--out', out);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(
      'Unit,Classes,Participant-times,Participants,Hours,Hours/participant,Attendance,Completion,Coverage\r\n',
    );
    expect(text).toContain('高境镇,3,5,3,23.0,7.7,66.7%,50.0%,100.0%\r\n');
    expect(text).toContain('(none),1,1,1,4.0,4.0,100.0%,100.0%,100.0%\r\n');
    const plain = (await peixun.ok('report', 'quarterly', '2023Q3', '--format', 'csv', '--no-bom')).stdout;
    expect(plain.startsWith('Group,Classes')).toBe(true);
  });

  it('Markdown', async () => {
    const peixun = await loadedSmall();
    const md = (await peixun.ok('report', 'quarterly', '2023Q3', '--by', 'class-type', '--format', 'md'))
      .stdout;
    expect(md).toContain('| Class type | Classes |');
    expect(md).toContain('| 专题培训 | 2 | 5 | 5 | 19.0 | 3.8 | 80.0% | 60.0% |');
  });
});

describe('demo', () => {
  it('loads the bundled sample and prints 2023 Q3 by street/town, as the README shows it', async () => {
    const temporary = tempFolder();
    const result = await runCli(['--lang', 'zh', 'demo'], { TMPDIR: temporary, PATH: '' });
    expect(result.code).toBe(0);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const shown = readme.slice(readme.indexOf('`npm start` 的输出'));
    const start = shown.indexOf('```\n') + 4;
    const block = shown.slice(start, shown.indexOf('\n```', start) + 1);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('注意'));
    expect(block).toBe(result.stdout + warnings.map((line) => `${line}\n`).join(''));
    // One demo register, in the temporary folder, said with a command that runs where peixun is not on the PATH.
    const register = join(temporary, 'peixun-demo', 'peixun.db');
    expect(result.stderr).toContain(`示例数据库：${register}`);
    const hint = /继续查看：(.*) report quarterly 2023Q2/.exec(result.stderr)?.[1] ?? '';
    expect(hint).toMatch(/^node (bin\/peixun\.js|\S+\/bin\/peixun\.js) --db /);
    expect(result.stderr).toContain('npm link');
    const again = await runCli(['--db', register, '--lang', 'en', 'report', 'quarterly', '2023Q2']);
    expect(again.code).toBe(0);
    // Run again, the demo replaces its register rather than leaving another folder behind.
    await runCli(['--lang', 'zh', 'demo'], { TMPDIR: temporary, PATH: '' });
    expect(readdirSync(temporary)).toEqual(['peixun-demo']);
    // Into a register that exists, never.
    const refused = await runCli(['--lang', 'en', '--db', register, 'demo']);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('new register only')]);
    expect(result.stdout).toContain('2023Q3 培训统计（2023-07-01 至 2023-09-30）');
    for (const town of [
      '友谊路街道',
      '吴淞街道',
      '张庙街道',
      '罗店镇',
      '大场镇',
      '杨行镇',
      '月浦镇',
      '罗泾镇',
      '顾村镇',
      '高境镇',
      '庙行镇',
      '淞南镇',
    ]) {
      expect(result.stdout).toContain(town);
    }
    expect(result.stdout).toMatch(/合计/);
  });
});

describe('Chinese all the way', () => {
  /** Latin words a Chinese screen may show: names typed at the command line, codes, formats. */
  const typed = new Set<string>([
    ...COMMANDS.flatMap(({ path }) => path.split(' ')),
    ...COMMANDS.flatMap(({ command }) => command.registeredArguments.map((argument) => argument.name())),
    ...COMMANDS.flatMap(({ command }) => [
      ...command.options.flatMap((option) => option.argChoices ?? []),
      ...command.registeredArguments.flatMap((argument) => argument.argChoices ?? []),
    ]),
    ...['peixun', 'help', 'command', 'options', 'zh', 'en', 'bash', 'zsh', 'fish'],
    // The kinds of import are typed as given (`peixun import attendance …`).
    ...IMPORT_KINDS,
    // Setting names are codes, as option names are (`peixun config set report.phone …`).
    ...CONFIG_NAMES.flatMap((name) => name.split('.')),
    // What the person typed, quoted back.
    ...['reprot', 'street', 'bogus', 'x'],
    ...[
      'CSV',
      'TSV',
      'JSON',
      'BOM',
      'SQLite',
      'UTF',
      'utf',
      'gb',
      'gbk',
      'xlsx',
      'html',
      'md',
      'csv',
      'json',
    ],
    // Programs a person opens files in.
    ...['Excel', 'WPS'],
    // Pinyin a person types to search.
    ...['wangfang', 'wf'],
  ]);
  const foreign = (text: string) =>
    text
      .split('\n')
      // Command lines shown as examples are what a person types, continued lines (after a `\`) too.
      .filter((line, index, lines) => !line.trim().startsWith('$ ') && !lines[index - 1]?.endsWith(' \\'))
      .join('\n')
      .replace(/\S*[/@]\S*/g, '') // paths, unit paths, user@host
      .replace(/\bA4\b/g, '') // the paper a sheet prints on
      .replace(
        /(?<![\w-])--?[\w-]+|<[^>]*>|\[[^\]]*\]|\$\w+|#\d+|\b[\w-]+\.(csv|xlsx|db|html|json|md)\b/g,
        '',
      )
      .replace(/\b(PX|K)\d[\w-]*|\b\d{4}Q\d\b/g, '') // class codes, quarters
      .replace(/\butf-?\d+(le|be)?\b|\bgb\d+\b/gi, '') // encodings
      .match(/[A-Za-z][A-Za-z-]*/g)
      ?.filter((word) => !typed.has(word)) ?? [];

  it.each(COMMANDS.map(({ path }) => path))('peixun --lang zh %s --help has no English', async (path) => {
    const result = await runCli(['--lang', 'zh', ...path.split(' '), '--help']);
    expect(foreign(result.stdout)).toEqual([]);
  });

  it('nor have its errors and results', async () => {
    const peixun = await loadedSmall();
    const zh = (...args: string[]) => peixun.run('--lang', 'zh', ...args);
    const bad = join(peixun.folder, 'bad.csv');
    writeFileSync(bad, '姓名,身份证号\n张三,310113198001010014\n');
    const existing = join(peixun.folder, 'existing.csv');
    writeFileSync(existing, 'x');
    // A workbook cut short in its download: the zip library's English stays out of sight.
    const cut = join(peixun.folder, 'cut.xlsx');
    writeFileSync(
      cut,
      readFileSync(join(ROOT, 'test', 'fixtures', 'examples', 'attendance.xlsx')).subarray(0, 2000),
    );
    const runs = [
      await zh('reprot'),
      await zh('report', 'quarterly', '--by', 'street'),
      await zh('report', 'quarterly', '--year', '20x', '--quarter', '3'),
      await zh('report', 'quarterly', '2023Q9'),
      await zh('import'),
      await zh('report', 'class', 'K1', 'K2'),
      await zh('trainee', 'list', '--bogus'),
      await zh('trainee', 'show', '无此人'),
      await zh('import', 'trainees', join(peixun.folder, 'missing.csv')),
      await zh('import', 'trainees', bad),
      await zh('import', 'trainees', cut),
      await zh('class', 'edit', 'K1', '--end', '2000-01-01'),
      await zh('report', 'class', 'K99'),
      await zh('trainee', 'list', '--out', existing),
      await zh('trainee', 'edit', '0013', '--phone', '', '--position', '书记'),
      await zh('db', 'check'),
      await zh('imports'),
      await zh('filed'),
    ];
    const seen = runs.map(({ stdout, stderr }) => [stdout + stderr, foreign(stdout + stderr)] as const);
    expect(seen.filter(([, words]) => words.length > 0)).toEqual([]);
  });
  it('nor have its change records, saved mappings, missing arguments and pickers', async () => {
    const peixun = await loadedSmall();
    const zh = (...args: string[]) => peixun.run('--lang', 'zh', ...args);
    // An argument is named by what its help calls it, not by its name in the usage line.
    const argumentNames = new Set(
      COMMANDS.flatMap(({ command }) => command.registeredArguments.map((a) => a.name())),
    );
    const strict = (text: string) =>
      foreign(text).concat(
        (text.match(/[A-Za-z][\w-]*/g) ?? []).filter(
          (word) =>
            argumentNames.has(word) &&
            !typed.has(`${word}!`) &&
            !COMMANDS.some(({ path }) => path.split(' ').includes(word)) &&
            !IMPORT_KINDS.includes(word as never),
        ),
      );
    const sheet = join(peixun.folder, 'late.csv');
    writeFileSync(sheet, '姓名,身份证号,签到\n张三,310113198001010013,请假\n');
    await peixun.ok('trainee', 'edit', '张三', '--unit', '宝山区/高境镇/高境新居委');
    await peixun.ok('unit', 'merge', '宝山区/高境镇/高境新居委', '宝山区/高境镇/逸仙路居委');
    await peixun.ok(
      'session',
      'edit',
      'K1',
      '--date',
      '2023-07-10',
      '--slot',
      '上午',
      '--teacher',
      '李老师',
      '--mode',
      '线上',
    );
    await peixun.ok('import', 'attendance', sheet, '--class', 'K1', '--date', '2023-07-10', '--slot', '上午');
    const batches = JSON.parse((await peixun.ok('imports', '--json')).stdout) as { id: number }[];
    const runs = [
      ...(await Promise.all(batches.map(({ id }) => zh('imports', 'show', String(id))))),
      await zh('mappings', 'show'),
      await zh('import'),
      await zh('unit', 'merge', '宝山区/高境镇'),
      await zh('report', 'class'),
    ];
    const seen = runs.map(({ stdout, stderr }) => [stdout + stderr, strict(stdout + stderr)] as const);
    expect(seen.filter(([, words]) => words.length > 0)).toEqual([]);
    const shown = runs.map(({ stdout, stderr }) => stdout + stderr).join('\n');
    expect(shown).toMatch(/单位: 宝山区\/高境镇\/高境一村居委 → 宝山区\/高境镇\/高境新居委/);
    expect(shown).toMatch(/单位 +│ 宝山区\/高境镇\/高境新居委 +│ 已删除/);
    expect(shown).toMatch(/签到记录 │ 张三 K1 2023-07-10 上午 │ 状态: 出勤 → 请假/);
    expect(shown).toContain('缺少参数：方案名称');
    // The search picker's own "No results found", said in Chinese.
    const terminal = scriptedTerminal([{ question: '单位', keys: 'zzz' }]);
    const prompter = await inquirerPrompter(terminal.streams, translator('zh'));
    const picked = prompter.search('单位', [{ name: '宝山区/高境镇', value: 1 }]);
    await vi.waitFor(() => expect(stripVTControlCharacters(terminal.transcript())).toContain('没有相符的项'));
    expect(terminal.transcript()).not.toContain('No results');
    void picked.catch(() => undefined);
  });
});

describe('one option vocabulary', () => {
  it('--json is --format json everywhere; batches and filed reports come in every format', async () => {
    const peixun = await loadedSmall();
    expect((await peixun.ok('trainee', 'list', '--json')).stdout).toBe(
      (await peixun.ok('trainee', 'list', '--format', 'json')).stdout,
    );
    const both = await peixun.run('trainee', 'list', '--json', '--format', 'csv');
    expect([both.code, both.stderr.split('\n')[0]]).toEqual([
      2,
      'error: --json means --format json; it cannot go with --format csv',
    ]);
    // Three imports: a header and three rows, as CSV with a BOM for Excel.
    const csv = (await peixun.ok('imports', '--format', 'csv')).stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('batch,when,who,kind,files,counts,status');
    expect(csv).toHaveLength(4);
    expect(JSON.parse((await peixun.ok('imports', '--json')).stdout)).toHaveLength(3);
    await peixun.ok('report', 'quarterly', '2023Q3', '--file', '--format', 'csv');
    expect(JSON.parse((await peixun.ok('filed', '--json')).stdout)).toMatchObject([
      { id: 1, changed: false },
    ]);
    expect((await peixun.ok('filed', 'diff', '1', '--format', 'md')).stdout).toContain(
      'every figure is as it was',
    );
    const undone = JSON.parse((await peixun.ok('imports', 'undo', '3', '--format', 'json')).stdout);
    expect(undone).toEqual({ undone: 3 });
  });

  it('JSON says null for a missing value, never ""', async () => {
    const peixun = await loadedSmall();
    // 孙八 has no unit; K4's sessions and several K3 sign-ins have no slot; 孙八 no phone.
    for (const args of [
      ['trainee', 'list', '--status', 'all'],
      ['trainee', 'show', '0064'],
      ['report', 'trainee', '0013'],
      ['report', 'class', 'K3'],
      ['report', 'coverage', '--year', '2023', '--list'],
    ]) {
      const printed = (await peixun.ok(...args, '--json')).stdout;
      expect(printed, args.join(' ')).not.toContain('""');
    }
    const people = JSON.parse((await peixun.ok('trainee', 'list', '--json')).stdout) as {
      name: string;
      unit: unknown;
    }[];
    expect(people.find((person) => person.name === '孙八')?.unit).toBeNull();
  });

  it('filters take the values the tables show', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('trainee', 'leave', '0055', '--date', '2023-12-31', '--yes');
    const list = async (...args: string[]) => (await peixun.ok('trainee', 'list', ...args, '--json')).stdout;
    expect(await list('--status', '已离开')).toBe(await list('--status', 'left'));
    expect(JSON.parse(await list('--status', '已离开'))).toMatchObject([{ name: '钱七' }]);
    const report = async (...args: string[]) =>
      (await peixun.ok('report', 'quarterly', '2023Q3', ...args, '--json')).stdout;
    expect(await report('--by', '街镇')).toBe(await report('--by', 'unit', '--level', 'subdistrict'));
    expect(await report('--by', '人员类别')).toBe(await report('--by', 'category'));
    expect(await report('--by', 'unit', '--level', '居村')).toBe(
      await report('--by', 'unit', '--level', 'community'),
    );
    const wrong = await peixun.run('report', 'quarterly', '2023Q3', '--by', '街道办');
    expect([wrong.code, wrong.stderr.split('\n')[0]]).toEqual([
      2,
      "error: --by cannot be '街道办'; choices: class-type | organiser | category | unit | course-category | teacher",
    ]);
    // An argument is named by what its help calls it: the shell's was its own list of choices.
    const shell = await peixun.run('--lang', 'zh', 'completion', 'powershell');
    expect([shell.code, shell.stderr.split('\n')[0]]).toEqual([
      2,
      '错误：shell 的种类 不能是“powershell”，可选：bash | zsh | fish',
    ]);
  });
});

describe('output that fits', () => {
  /** The CLI on a terminal of the given width (stdout a TTY; no colour, nothing asked). */
  const paged: string[] = [];
  const onTerminal = async (db: string, columns: number, ...args: string[]) => {
    const { main } = await import('../src/cli/main.js');
    let stdout = '';
    const io = {
      stdout: {
        write: (text: string | Uint8Array) => (stdout += String(text)),
        isTTY: true,
        columns,
        rows: 24,
      },
      stderr: { write: () => true, isTTY: false },
      stdinIsTTY: false,
      env: { NO_COLOR: '1', LANG: 'C' },
      now: () => new Date(),
      page: async (text: string) => void paged.push(text),
    };
    expect(await main(['node', 'peixun', '--db', db, ...args], io)).toBe(0);
    return stdout;
  };
  const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

  it('tables fit an 80-column terminal in Chinese and English; piped, they keep every column whole', async () => {
    const peixun = await loadedSmall();
    for (const lang of ['zh', 'en']) {
      for (const args of [
        ['report', 'quarterly', '2023Q3', '--by', 'unit', '--level', 'community'],
        ['trainee', 'list'],
        ['report', 'class', 'K1'],
      ]) {
        const shown = await onTerminal(peixun.db, 80, '--lang', lang, ...args);
        expect(widest(shown), `${lang} ${args.join(' ')}\n${shown}`).toBeLessThanOrEqual(80);
      }
    }
    // The English quarterly table is 119 columns wide whole: on a terminal its headings wrap.
    const piped = (await peixun.ok('--lang', 'en', 'report', 'quarterly', '2023Q3', '--by', 'category'))
      .stdout;
    expect(widest(piped)).toBeGreaterThan(80);
    const fitted = await onTerminal(
      peixun.db,
      80,
      '--lang',
      'en',
      'report',
      'quarterly',
      '2023Q3',
      '--by',
      'category',
    );
    expect(widest(fitted)).toBeLessThanOrEqual(80);
    // Too wide whole, the headings are the short ones, whole words, said under the table; text wraps within
    // its column; the figures stay whole.
    expect(fitted).toContain('│ Cls │ Times │ People │ Hours │ Hrs/pp │');
    expect(fitted).toContain('Headings shortened: Cls = Classes, Times = Participant-times');
    const gridLines = fitted.split('\n').filter((line) => line.startsWith('│'));
    expect(gridLines.join('\n')).not.toMatch(/Parti|cipan|Attend/);
    expect(fitted).toMatch(
      /│ 社区工作\s+│\s+3 │\s+3 │\s+2 │\s+13\.0 │\s+6\.5 │\s+60\.0% │\s+50\.0% │\s+66\.7% │\n│ 者\s/,
    );
  });

  it('a wrapped Chinese line never starts with a closing mark (，；。）) nor ends with an opening one', () => {
    // 10 columns hold five characters: the sixth is '，', so '乙' goes down with it.
    expect(wrapCell(['甲甲甲甲乙，丙丙'], 10)).toEqual(['甲甲甲甲', '乙，丙丙']);
    expect(wrapCell(['甲甲甲甲乙丙，丙'], 10)).toEqual(['甲甲甲甲乙', '丙，丙']);
    // Nor ends with an opening one: config list's 说明 broke as 学时（ / 优先于 …; the （ goes down.
    // (These are the cells' wrapping, wrapCell: an earlier wrapLines, which no table called, was tested instead.)
    expect(wrapCell(['甲甲甲甲（乙）'], 10)).toEqual(['甲甲甲甲', '（乙）']);
  });

  it('help text wraps between Chinese characters, never inside a word or before a closing mark', () => {
    // 11 columns: 甲乙丙丁戊 is 10 wide, and '，' may not begin the next line, so 戊 goes down with it; the option
    // name (14 wide) is never cut, even alone wider than the line; 'class-type' stays whole.
    expect(wrapText('甲乙丙丁戊，己庚 --organisation x', 11)).toEqual([
      '甲乙丙丁',
      '戊，己庚',
      '--organisation',
      'x',
    ]);
    expect(wrapText('分组（可选：class-type | unit）', 16)).toEqual([
      '分组（可选：',
      'class-type |',
      'unit）',
    ]);
    // An opening mark stays with what it opens.
    expect(wrapText('甲乙丙丁（戊）', 10)).toEqual(['甲乙丙丁', '（戊）']);
    // A placeholder's angle brackets hold like marks (the --skip-invalid help broke as `写到 <文件` / `>.rejected.csv`):
    // the placeholder and what follows it are one word, so `<文件>.rejected.csv` (18 wide) goes down whole.
    expect(wrapText('写到 <文件>.rejected.csv', 16)).toEqual(['写到', '<文件>.rejected.csv']);
    expect(wrapText('甲 required-hours.<人员类别>，乙', 20)).toEqual([
      '甲',
      'required-hours.<人员类别>，',
      '乙',
    ]);
  });

  it.each(LANGS)('every command’s help in %s fits 80 columns, but for its example commands', async (lang) => {
    // Before, commander counted a Chinese character as one column and broke only at spaces: 108 lines of the
    // Chinese help ran past 80 columns. The examples are commands to copy whole.
    for (const { path } of [{ path: '' }, ...COMMANDS]) {
      const help = await runCli(['--lang', lang, ...path.split(' ').filter(Boolean), '--help']);
      const lines = help.stdout.split('\n').filter((line) => !line.startsWith('  $ '));
      expect(
        lines.filter((line) => stringWidth(line) > 80),
        path,
      ).toEqual([]);
    }
  });

  it('long output on a terminal goes through the pager; short output and pipes never do', async () => {
    const peixun = await loadedSmall();
    // 35 people: a table of 39 lines, more than a 24-line screen.
    const roster = [
      '姓名,所属单位',
      ...Array.from({ length: 29 }, (_, index) => `学员${index},宝山区/高境镇/高境一村居委`),
    ];
    await peixun.ok('import', 'trainees', fileIn(peixun.folder, 'more.csv', roster.join('\n')));
    paged.length = 0;
    expect(await onTerminal(peixun.db, 120, 'trainee', 'list')).toBe('');
    expect(paged).toHaveLength(1);
    expect(paged[0]).toContain('学员28');
    const first = await onTerminal(peixun.db, 120, 'trainee', 'list', '--limit', '3');
    expect(first).toContain('Trainees (35)');
    expect(first).toContain('the first 3 of 35 shown');
    expect(paged).toHaveLength(1);
    // Piped: written whole, no pager.
    expect((await peixun.ok('trainee', 'list')).stdout).toContain('学员28');
    expect(paged).toHaveLength(1);
    const limited = JSON.parse(
      (await peixun.ok('trainee', 'list', '--limit', '2', '--json')).stdout,
    ) as unknown[];
    expect(limited).toHaveLength(2);
    expect((await peixun.run('trainee', 'list', '--limit', '0')).code).toBe(2);
  });
});

function fileIn(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
