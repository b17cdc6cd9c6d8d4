/**
 * The README works as written: the commands of its reports section, run on the register it names
 * (test/fixtures/small, with its courses and projects), print what the README shows. A line `…` in the README
 * stands for the rest of that command's output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedSmall, ROOT, SMALL } from './helpers.js';

/** The commands of the first code block after `heading`, each with the output the README shows for it. */
function transcript(heading: string): { command: string[]; shown: string; whole: boolean }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
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

describe('README', () => {
  it('section 6: every report shown is what peixun prints', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('import', 'courses', join(SMALL, 'courses.csv'));
    await peixun.ok('import', 'attendance', join(SMALL, 'attendance-courses.csv'));
    await peixun.ok('import', 'projects', join(SMALL, 'projects.csv'));
    const steps = transcript('**6. The other reports');
    expect(steps.map((step) => step.command.slice(0, 2).join(' '))).toEqual([
      'report annual',
      'report trainee',
      'report class',
      'report coverage',
      'report quarterly',
    ]);
    for (const { command, shown, whole } of steps) {
      const result = await peixun.run('--lang', 'zh', ...command);
      // The README shows the screen: results, then the warnings printed after them.
      const printed = result.stdout + result.stderr;
      if (whole) expect(printed, command.join(' ')).toBe(shown);
      else expect(printed.startsWith(shown), `${command.join(' ')}\n${printed}`).toBe(true);
    }
  });
});
