import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, relative } from 'node:path';
import { UsageError } from '../../errors.js';
import { fileURLToPath } from 'node:url';
import { Command } from '@commander-js/extra-typings';
import type { ImportKind } from '../../import/fields.js';
import { quarterPeriod } from '../../domain/periods.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../../domain/attendance.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { importFiles } from '../importing.js';
import { produceReport } from '../output.js';

/** The bundled sample: synthetic rosters of Baoshan district's streets and towns, written by scripts/make-sample.js. */
export const SAMPLE_DIR = fileURLToPath(new URL('../../../data/sample/', import.meta.url));

const declare = (cli: Cli) => new Command('demo').description(cli.t('cmdDemo'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/**
 * The one demo register `npm start` keeps, in the temporary folder (`$TMPDIR` as the command was given it), made
 * again on every run; `--db` puts one elsewhere.
 */
function demoFolder(env: Readonly<Record<string, string | undefined>>): string {
  return join(env.TMPDIR || tmpdir(), 'peixun-demo');
}

export async function run(context: CommandContext, _options: Options): Promise<void> {
  const { t, io } = context;
  // A demo goes into a new register only: never into one that holds an office's data.
  if (context.dbNamed && existsSync(context.dbPath))
    throw new UsageError(t('demoNeedsNewRegister', { path: context.dbPath }));
  const folder = demoFolder(io.env);
  const building = context.dbNamed ? undefined : mkdtempSync(`${folder}-`);
  const dbPath = building ? join(building, 'peixun.db') : context.dbPath;
  const demo: CommandContext = { ...context, dbPath, dbNamed: true, registerSaid: true };
  try {
    await loadSample(demo);
  } catch (error) {
    if (building) rmSync(building, { recursive: true, force: true });
    throw error;
  }
  // Built aside and put in place whole: the last demo goes only when the new one is ready.
  const kept = building ? join(folder, 'peixun.db') : dbPath;
  if (building) {
    rmSync(folder, { recursive: true, force: true });
    renameSync(building, folder);
  }
  io.stderr.write(
    `${t('demoDatabase', { path: kept, command: `${howToRun(io.env)} --db ${quoted(kept)}` })}\n`,
  );
  if (!onPath('peixun', io.env)) io.stderr.write(`${t('demoLinkHint')}\n`);
}

/** The sample imported, the mentoring pairs added, and the quarter's report printed, into the given register. */
async function loadSample(demo: CommandContext): Promise<void> {
  const { t, io } = demo;
  const files = readdirSync(SAMPLE_DIR).sort();
  // Plans, teachers and venues first: classes and sign-ins name them.
  const load: ImportKind[] = [
    'plans',
    'teachers',
    'venues',
    'trainees',
    'classes',
    'attendance',
    'online',
    'mentoring',
  ];
  for (const kind of load) {
    const ofKind = files.filter((file) => file.startsWith(kind)).map((file) => join(SAMPLE_DIR, file));
    const result = await importFiles(demo, { kind, files: ofKind, dryRun: false, addUnknown: false });
    io.stderr.write(
      `${t('demoLoaded', { kind: t(`kind.${kind}`), files: ofKind.length, rows: result.counts.read })}\n`,
    );
  }

  // What an organiser would type: peixun report quarterly 2023Q3 --by unit --level subdistrict.
  await produceReport(
    demo,
    {
      report: 'quarterly',
      period: quarterPeriod(2023, 3),
      by: 'unit',
      level: 'subdistrict',
      completionThreshold: DEFAULT_COMPLETION_THRESHOLD,
    },
    { bom: true },
  );
}

/**
 * How this person can run peixun where they are: `peixun` once it is on the PATH (npm link), else `node` and the
 * path of bin/peixun.js (relative inside the repository). `npx peixun` builds for many seconds the first time and
 * fails outside the repository.
 */
function howToRun(env: Readonly<Record<string, string | undefined>>): string {
  if (onPath('peixun', env)) return 'peixun';
  const bin = fileURLToPath(new URL('../../../bin/peixun.js', import.meta.url));
  const here = relative(process.cwd(), bin);
  return `node ${quoted(here.startsWith('..') || isAbsolute(here) ? bin : here)}`;
}

function onPath(command: string, env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.PATH ?? process.env.PATH ?? '')
    .split(delimiter)
    .some((folder) => folder !== '' && existsSync(join(folder, command)));
}

function quoted(path: string): string {
  return /^[\w./@:+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun demo', 'npm start'], run);
