/**
 * At home in an 80-column terminal (#33): every table of the demo register's reports and listings drawn for a
 * colour terminal 80 columns wide. No line is wider than the terminal, no colour sequence is cut, and no ID number,
 * date, code or number is broken across lines: a table that cannot fit with its values whole becomes one block a
 * record (as psql's \x shows them).
 */
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempFolder } from './helpers.js';

/** The CLI on a colour terminal of the given width (stdout and stderr alike). */
async function onTerminal(args: string[], columns: number) {
  const { main } = await import('../src/cli/main.js');
  let out = '';
  const stream = { write: (text: string | Uint8Array) => (out += String(text)), isTTY: true, columns };
  const code = await main(['node', 'peixun', ...args], {
    stdout: stream,
    stderr: stream,
    stdinIsTTY: false,
    env: { FORCE_COLOR: '1', LANG: 'zh_CN.UTF-8' },
    now: () => new Date('2026-11-27T09:00:00Z'),
  });
  return { code, out };
}

/** Values that must stay whole: ID numbers (masked or not), dates, class and plan codes, numbers, percentages. */
const WHOLE =
  /\d{6}\*+\d{3}[\dX]|\d{4}-\d{2}-\d{2}|[A-Z]{2}\d{4}-\d{2,3}|[A-Z]{2}-[A-Z]{2}-\d{2}|\d+\.\d%|\d+\.\d\b/g;

const COMMANDS: string[][] = [
  ['report', 'quarterly', '2023Q3', '--by', 'unit', '--level', 'subdistrict'],
  ['report', 'quarterly', '2023Q3', '--by', 'unit', '--level', 'community'],
  ['report', 'quarterly', '2023Q3', '--by', 'unit,category', '--level', 'subdistrict'],
  ['report', 'annual', '2023', '--by', 'class-type'],
  ['report', 'class', 'BS2023-005'],
  ['report', 'plans', '--year', '2023'],
  ['report', 'teachers', '--year', '2023'],
  ['report', 'venues', '--year', '2023'],
  ['report', 'coverage', '--year', '2023', '--by', 'category', '--list'],
  ['report', 'hours', '2023', '--unmet'],
  ['report', 'trainee', '#12'],
  ['class', 'list'],
  ['trainee', 'list', '--limit', '30'],
  ['imports'],
  ['mentor', 'list'],
  ['certificate', 'BS2023-005'],
];

describe('an 80-column terminal', () => {
  let db = '';
  beforeAll(async () => {
    const demo = await runCli(['--lang', 'en', 'demo'], { TMPDIR: tempFolder() });
    db = /sample database: (\S+)/.exec(demo.stderr)?.[1] ?? '';
  }, 60_000);

  it.each(COMMANDS.map((command) => [command.join(' '), command] as const))(
    '%s fits, colours whole, values unbroken',
    async (_name, command) => {
      const narrow = await onTerminal(['--db', db, ...command], 80);
      expect(narrow.code).toBe(0);
      const lines = narrow.out.split('\n');
      // No line wider than the terminal.
      const wide = lines.filter((line) => stringWidth(stripVTControlCharacters(line)) > 80);
      expect(wide).toEqual([]);
      // Every ESC begins a whole colour sequence.
      // eslint-disable-next-line no-control-regex -- colour sequences are the point
      expect(narrow.out.replace(/\u001b\[[\d;]*m/g, '')).not.toContain('\u001b');
      // Every value a wide terminal shows whole is whole here too.
      const wideOut = await onTerminal(['--db', db, ...command], 1000);
      const plain = stripVTControlCharacters(narrow.out);
      const values = [...new Set(stripVTControlCharacters(wideOut.out).match(WHOLE) ?? [])];
      expect(values.filter((value) => !plain.includes(value))).toEqual([]);
    },
  );

  it('a table too wide for any column to give way is one block a record', async () => {
    const narrow = await onTerminal(['--db', db, 'report', 'plans', '--year', '2023'], 80);
    expect(stripVTControlCharacters(narrow.out)).toMatch(/─\[ 1 \]─+\n计划编号\s+│ BS-JH-01/);
  });
});

describe('help at 80 columns', () => {
  it('every command’s help, in both languages, fits 80 columns and breaks only between words', async () => {
    const { makeHelpTexts } = await import('../src/cli/helpTexts.js');
    const texts = await makeHelpTexts();
    const wide: string[] = [];
    const broken: string[] = [];
    for (const [lang, byPath] of Object.entries(texts)) {
      for (const [path, help] of Object.entries(byPath)) {
        for (const line of help.text.split('\n')) {
          if (stringWidth(line) > 80) wide.push(`${lang} ${path}: ${line}`);
          // An option's name cut after its dashes, or an example cut without a shell continuation.
          if (/(^|\s)--?$/.test(line) || (/^\s+\$ /.test(line) && stringWidth(line) > 80)) broken.push(line);
        }
      }
    }
    expect(wide).toEqual([]);
    expect(broken).toEqual([]);
  }, 30_000);

  it('an example too long for a line goes on after a backslash, each option with its value', async () => {
    const { exampleLines } = await import('../src/cli/command.js');
    expect(
      exampleLines(
        'peixun class add --code PX2024-001 --name 新任居委书记培训班 --type 新任职培训 --start 2024-03-04',
      ),
    ).toEqual([
      '  $ peixun class add --code PX2024-001 --name 新任居委书记培训班 \\',
      '      --type 新任职培训 --start 2024-03-04',
    ]);
    expect(exampleLines('peixun trainee list --name "张 三"', 30)).toEqual([
      '  $ peixun trainee list \\',
      '      --name "张 三"',
    ]);
  });
});
