/**
 * Every report of the demo's register, as JSON, against golden files written by the code before #30's move of the
 * rules into src/domain/ (e38bb75): a refactoring that changes a figure fails here. `GOLDEN_WRITE=1` writes them
 * again, for a change of figures that is meant (say so in the commit).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempFolder } from './helpers.js';

const GOLDEN = join(FIXTURES, 'golden');

/** Each report: its file name and the command that prints it. */
const REPORTS: [string, string[]][] = [
  ['quarterly-by-subdistrict', ['report', 'quarterly', '2023Q3', '--by', 'unit', '--level', 'subdistrict']],
  ['quarterly-by-category', ['report', 'quarterly', '2023Q2', '--by', 'category']],
  ['quarterly-by-class-type', ['report', 'quarterly', '2023Q3', '--by', 'class-type', '--against-plan']],
  ['quarterly-by-course-category', ['report', 'quarterly', '2023Q3', '--by', 'course-category']],
  ['quarterly-cross', ['report', 'quarterly', '2023Q3', '--by', 'unit,category', '--level', 'subdistrict']],
  ['quarterly-threshold', ['report', 'quarterly', '2023Q4', '--completion-threshold', '0.8']],
  ['annual', ['report', 'annual', '2023', '--by', 'organiser']],
  ['coverage', ['report', 'coverage', '--year', '2023', '--by', 'category']],
  ['teachers', ['report', 'teachers', '--year', '2023']],
  ['venues', ['report', 'venues', '--year', '2023']],
  ['plans', ['report', 'plans', '--year', '2023']],
  ['class', ['report', 'class', 'BS2023-005']],
  ['trainee', ['report', 'trainee', '#12']],
];

describe('the demo register, report by report', () => {
  let db = '';
  beforeAll(async () => {
    const demo = await runCli(['--lang', 'en', 'demo'], { TMPDIR: tempFolder() });
    db = /sample database: (\S+)/.exec(demo.stderr)?.[1] ?? '';
    expect(db).not.toBe('');
  }, 60_000);

  it.each(REPORTS)('%s is as it was', async (name, command) => {
    const result = await runCli(['--db', db, '--lang', 'en', ...command, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const file = join(GOLDEN, `${name}.json`);
    if (process.env.GOLDEN_WRITE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, result.stdout);
    }
    expect(existsSync(file), `${file} (GOLDEN_WRITE=1 writes it)`).toBe(true);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});
