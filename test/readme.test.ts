/**
 * The tutorial (docs/tutorial.md) works as written: its walk-through replayed in order on data/examples, and the
 * commands of its reports section run on the register it names (test/fixtures/small, with its courses and
 * projects), print what it shows. A line `…` stands for the rest of that command's output.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadedSmall, ROOT, SMALL, tempFolder } from './helpers.js';
import { matchesShown, parseCommand, screen, sessions } from './transcript.js';

const TUTORIAL = join(ROOT, 'docs', 'tutorial.md');

/** The commands of the first code block after `heading`, each with the output the tutorial shows for it. */
function transcript(heading: string): { command: string[]; shown: string; whole: boolean }[] {
  const readme = readFileSync(TUTORIAL, 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const start = section.indexOf('```\n') + 4;
  const block = section.slice(start, section.indexOf('\n```', start));
  return block
    .split(/^\$ /m)
    .filter(Boolean)
    .map((part) => {
      const [line = '', ...output] = part.split('\n');
      const shown = output.join('\n').replace(/\n*$/, '\n');
      const cut = shown.indexOf('\n…\n');
      return {
        command: line.split(' ').slice(1),
        shown: cut >= 0 ? shown.slice(0, cut + 1) : shown,
        whole: cut < 0,
      };
    });
}

describe('the tutorial', () => {
  it('section 6: every report shown is what peixun prints', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('import', 'courses', join(SMALL, 'courses.csv'));
    await peixun.ok('import', 'attendance', join(SMALL, 'attendance-courses.csv'));
    await peixun.ok('import', 'projects', join(SMALL, 'projects.csv'));
    const steps = transcript('## 6. 其他需要上报的报表');
    expect(steps.map((step) => step.command.slice(0, 2).join(' '))).toEqual([
      'report annual',
      'report trainee',
      'report class',
      'report coverage',
      'report quarterly',
    ]);
    for (const { command, shown, whole } of steps) {
      const result = await peixun.run('--lang', 'zh', ...command);
      // The tutorial shows the screen: results, then the warnings printed after them.
      const printed = result.stdout + result.stderr;
      if (whole) expect(printed, command.join(' ')).toBe(shown);
      else expect(printed.startsWith(shown), `${command.join(' ')}\n${printed}`).toBe(true);
    }
  });
});

/** The keys a person types at the tutorial's terminal sessions that ask questions, by command line. */
const KEYS: Record<string, { question: string; keys: string }[]> = {
  // Every column's likely field is chosen already (学员 holds names, 证号 ID numbers, 区县 districts, 片区 towns,
  // 编号 nothing).
  'peixun import trainees odd.csv': [
    { question: '哪一列是“姓名”？', keys: '\r' },
    { question: '“编号”这一列是什么？', keys: '\r' },
    { question: '“证号”这一列是什么？', keys: '\r' },
    { question: '“区县”这一列是什么？', keys: '\r' },
    { question: '“片区”这一列是什么？', keys: '\r' },
    { question: '保存这个对应方案', keys: 'y\r' },
    { question: '方案名称：', keys: 'district-roster\r' },
  ],
  // 邓平梅 by her pinyin initials, 姜文 by part of her unit, ⏎ each; then ⏎ to end. Of the three left, 贾军 (jj, ⏎
  // to tick, ⏎ to end) was excused (↓↓ ⏎ for 请假); the others are absent.
  'peixun attend PX2024-001 --date 2024-03-04 --slot 上午': [
    { question: '勾选到场的学员', keys: 'dpm' },
    { question: 'dpm', keys: '\r' },
    { question: '勾选到场的学员', keys: '静安' },
    { question: '静安', keys: '\r' },
    { question: '勾选到场的学员', keys: '\r' },
    { question: '未勾选 3 人', keys: 'jj' },
    { question: 'jj', keys: '\r' },
    { question: '未勾选 3 人', keys: '\r' },
    { question: '贾军 是：', keys: '\u001b[B\u001b[B\r' },
  ],
};

/**
 * The walk-through of the tutorial (all but section 6), replayed in order on a copy of data/examples. After a
 * deliberate change of output, `README_DUMP=FILE npx vitest run test/readme.test.ts` writes what each command
 * printed to FILE instead of comparing, to bring the tutorial up to date.
 */
describe('the tutorial: a quarter’s work', () => {
  const timeZone = process.env.TZ;
  afterAll(() => {
    process.env.TZ = timeZone;
  });

  it('every command of the walk-through, run on data/examples in order, prints what the tutorial shows', async () => {
    // The walk-through was run in Shanghai, in a Chinese locale, on 26 November 2026.
    process.env.TZ = 'Asia/Shanghai';
    const now = () => new Date('2026-11-26T10:37:53Z');
    const folder = tempFolder();
    cpSync(join(ROOT, 'data', 'examples'), folder, { recursive: true });
    const tutorial = readFileSync(TUTORIAL, 'utf8');
    const steps = [
      ...sessions(tutorial, '<!-- walk-through -->', '## 6. 其他需要上报的报表'),
      ...sessions(tutorial, '## 7. 报出去的数字不能悄悄变', '<!-- /walk-through -->'),
    ].flat();
    expect(steps.length).toBeGreaterThan(20);
    const { main } = await import('../src/cli/main.js');
    const cwd = process.cwd();
    const dump: string[] = [];
    let lastCode = 0;
    try {
      process.chdir(folder);
      for (const step of steps) {
        let printed: string;
        if (step.line === 'echo $?') printed = String(lastCode);
        else {
          const { env, argv } = parseCommand(step.line, folder);
          const columns = env.COLUMNS === undefined ? undefined : Number(env.COLUMNS);
          const terminal = screen({
            keys: KEYS[step.line],
            lang: argv.includes('en') ? 'en' : 'zh',
            columns,
            env: { ...env, LANG: 'zh_CN.UTF-8' },
            now,
          });
          lastCode = await main(['node', ...argv], await terminal.withPrompts());
          expect(terminal.unanswered(), step.line).toBe(0);
          printed = terminal.text();
        }
        dump.push(`$ ${step.line}\n${printed.replace(/\s+$/, '')}\n`);
        if (process.env.README_DUMP) writeFileSync(process.env.README_DUMP, dump.join('\n'));
        if (!process.env.README_DUMP)
          expect(matchesShown(printed, step.shown), `$ ${step.line}\n${printed}`).toBe(true);
      }
    } finally {
      process.chdir(cwd);
      if (process.env.README_DUMP) writeFileSync(process.env.README_DUMP, dump.join('\n'));
    }
  });
});

describe('the README', () => {
  it('its five-minute quarter runs as written, each command on data/examples', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## 五分钟上手'));
    const block = section.slice(
      section.indexOf('```sh\n') + 6,
      section.indexOf('\n```', section.indexOf('```sh')),
    );
    const lines = block
      .split('\n')
      .map((line) => line.replace(/\s{2,}#.*$/, '').trim())
      .filter((line) => line.startsWith('peixun '));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const folder = tempFolder();
    cpSync(join(ROOT, 'data', 'examples'), folder, { recursive: true });
    const { main } = await import('../src/cli/main.js');
    const cwd = process.cwd();
    try {
      process.chdir(folder);
      for (const line of lines) {
        const { argv } = parseCommand(line, folder);
        let said = '';
        const write = (text: string | Uint8Array) => (said += String(text));
        const io = {
          stdout: { write, isTTY: false },
          stderr: { write, isTTY: false },
          stdinIsTTY: false,
          env: { LANG: 'zh_CN.UTF-8' },
          now: () => new Date('2026-11-26T10:37:53Z'),
        };
        expect({ line, code: await main(['node', ...argv], io), said }).toMatchObject({ code: 0 });
      }
    } finally {
      process.chdir(cwd);
    }
  });
});
