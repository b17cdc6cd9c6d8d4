import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from '@commander-js/extra-typings';
import { parse } from 'csv-parse/sync';
import { addMentorshipsByIdNumber } from '../../register/mentoring.js';
import { withDatabase, writeEnvironment } from '../database.js';
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

export async function run(context: CommandContext, _options: Options): Promise<void> {
  const { t, io } = context;
  const folder = mkdtempSync(join(tmpdir(), 'peixun-demo-'));
  const demo: CommandContext = { ...context, dbPath: join(folder, 'peixun.db') };
  const files = readdirSync(SAMPLE_DIR).sort();
  // Plans, teachers and venues first: classes and sign-ins name them.
  const load: ImportKind[] = ['plans', 'teachers', 'venues', 'trainees', 'classes', 'attendance', 'online'];
  for (const kind of load) {
    const ofKind = files.filter((file) => file.startsWith(kind)).map((file) => join(SAMPLE_DIR, file));
    const result = await importFiles(demo, { kind, files: ofKind, dryRun: false, addUnknown: false });
    io.stderr.write(
      `${t('demoLoaded', { kind: t(`kind.${kind}`), files: ofKind.length, rows: result.counts.read })}\n`,
    );
  }
  const pairs = parse(readFileSync(join(SAMPLE_DIR, 'mentoring.csv')), {
    bom: true,
    from_line: 2,
  }) as string[][];
  await withDatabase(demo, 'write', (db) =>
    addMentorshipsByIdNumber(
      writeEnvironment(demo, db),
      pairs.map(([mentor = '', mentee = '', from = '', to = '']) => ({
        mentor,
        mentee,
        from,
        to: to || null,
      })),
    ),
  );
  io.stderr.write(`${t('demoMentoring', { pairs: pairs.length })}\n`);
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
  io.stderr.write(`${t('demoDatabase', { path: demo.dbPath })}\n`);
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun demo', 'npm start'], run);
