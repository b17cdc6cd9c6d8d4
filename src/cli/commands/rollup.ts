import { existsSync, readFileSync, statSync } from 'node:fs';
import { Command, Option } from '@commander-js/extra-typings';
import { openBundle, readBundleRows, type BundleHeader } from '../../bundle/read.js';
import { ParquetFolder, PARQUET_TABLES } from '../../bundle/parquet.js';
import { PeixunError, problem, UsageError } from '../../errors.js';
import { cityKey } from '../../register/config.js';
import { rollupTable } from '../../report/rollup.js';
import { problemJson } from '../../i18n/index.js';
import type { Period } from '../../domain/periods.js';
import { rollup, type RollupRequest } from '../../bundle/rollup.js';
import { CROSS_FIGURES, CROSS_GROUPINGS } from '../../stats/cross.js';
import { ROLLUP_GROUPINGS } from '../../stats/summary.js';
import { FIGURE_LABELS, GROUPING_LABELS } from './report/summary.js';

/** A city's cross table may pair the districts too. */
const ROLLUP_CROSS = ['district', ...CROSS_GROUPINGS] as const;
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';
import {
  choiceParser,
  periodOf,
  quarterOf,
  quarterParser,
  ratioOption,
  withGrouping,
  withPeriod,
  yearOption,
  thisYear,
} from '../options.js';
import { outputTo, signOff, withFormats, withSignOff, writeReport } from '../output.js';
import { summaryRequest } from './report/summary.js';

const declare = (cli: Cli) => {
  const { t } = cli;
  return withSignOff(
    t,
    withFormats(
      t,
      withGrouping(
        t,
        withPeriod(
          t,
          new Command('rollup')
            .description(t('cmdRollup'))
            .argument('<bundles...>', t('argBundles'))
            .addOption(yearOption(t))
            .addOption(new Option('--quarter <quarter>', t('optQuarter')).argParser(quarterParser(t))),
        ),
        ROLLUP_GROUPINGS,
      ),
      ['parquet'],
    )
      .addOption(ratioOption(t))
      .addOption(
        new Option('--then <grouping>', t('optThen'))
          .choices(ROLLUP_CROSS)
          .argParser(choiceParser(t, '--then', ROLLUP_CROSS, GROUPING_LABELS)),
      )
      .addOption(
        new Option('--figure <figure>', t('optFigure'))
          .choices(CROSS_FIGURES)
          .argParser(choiceParser(t, '--figure', CROSS_FIGURES, FIGURE_LABELS)),
      )
      .option('--expect <districts>', t('optExpect'))
      .option('--replace', t('optReplace'))
      .option('--organisation <name>', t('optOrganisation')),
  );
};

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/** The city's summary from the districts' bundles; the city's key, when this register holds one, checks them. */
export async function run(context: CommandContext, given: Options, files: string[]): Promise<void> {
  const { t } = context;
  // A folder of Parquet is no report: the report's formats (and --out's file) are for the others.
  const parquet = given.format === 'parquet';
  const options = { ...given, format: given.format === 'parquet' ? undefined : given.format };
  const format = parquet ? 'json' : await outputTo(context, options);
  const asked = askedPeriod(context, options);
  const request = summaryRequest(t, asked ?? { label: '', from: '', to: '' }, options, ROLLUP_CROSS);
  const expected = options.expect === undefined ? undefined : expectedDistricts(context, options.expect);
  // The city's own register, where there is one, holds its key and who hands the form in.
  const { key, block } = existsSync(context.dbPath)
    ? await withDatabase(context, 'read', (db) => ({
        key: cityKey(db),
        block: signOff(context, db, options),
      }))
    : { key: undefined, block: signOff(context, undefined, options) };
  // The seals are the city key's: without it no bundle can be told from a forgery.
  if (!key) throw new PeixunError(problem('rollupNeedsKey', { db: context.dbPath }));
  const headers = files.map((file) => openBundle(file, key));
  const wanted = { ...request, period: asked, replace: options.replace ?? false, cityKey: key, expected };
  if (parquet) return writeParquet(context, options, headers, wanted);
  const summary = rollup(headers, wanted);
  // A cross table in JSON as `report quarterly --by A,B` gives it: the cross table at the top, the roll-up's own
  // facts (districts, people in several, what was missing) beside it.
  const { cross, rows: _rows, total: _total, ...rolled } = summary;
  const data = cross
    ? {
        ...rolled,
        ...cross,
        warnings: [...summary.warnings, ...cross.warnings].map((warning) => problemJson(t, warning)),
      }
    : { ...summary, warnings: summary.warnings.map((warning) => problemJson(t, warning)) };
  const table = rollupTable(summary, t, { organisation: options.organisation ?? '' });
  if (format === 'xlsx') table.signOff = block;
  await writeReport(context, { table, data }, format, options);
}

/**
 * The checked bundles' facts as Parquet in the folder `--out` names, for an engine past one machine: every check of
 * the roll-up made first (seals, rows, totals, one bundle a district), the folder put in place whole.
 */
function writeParquet(
  context: CommandContext,
  { out, force }: { out?: string; force?: boolean },
  headers: BundleHeader[],
  request: RollupRequest,
): void {
  const { t, io } = context;
  if (!out) throw new UsageError(t('parquetNeedsOut'));
  if (existsSync(out) && !force) throw new PeixunError(problem('outExists', { file: out }));
  const folder = new ParquetFolder(out);
  try {
    const summary = rollup(headers, request, (header) => {
      const rows = readBundleRows(header, request.cityKey);
      folder.add(header, rows);
      return rows;
    });
    folder.finish();
    io.stdout.write(
      `${context.color.green(t('parquetWritten', { folder: out, districts: summary.districts.length, tables: PARQUET_TABLES.join(t('listSeparator')) }))}\n`,
    );
  } catch (error) {
    folder.abandon();
    throw error;
  }
}

/** A period given on the command line, which every bundle must cover; else the bundles' own. */
function askedPeriod(context: CommandContext, options: Options): Period | undefined {
  const given = [options.year, options.quarter, options.from, options.to].some(
    (value) => value !== undefined,
  );
  return given
    ? periodOf(context.t, options, () => quarterOf(context.t, undefined, options, thisYear(context)))
    : undefined;
}

/** `--expect 16`, or a file naming the districts, one per line (blank lines and `#` comments ignored). */
function expectedDistricts(context: CommandContext, value: string): number | string[] {
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  if (!existsSync(value) || !statSync(value).isFile())
    throw new UsageError(context.t('badExpect', { value }));
  return readFileSync(value, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun rollup 汇总包/*.peixun',
        'peixun rollup 汇总包/*.peixun --by district --expect 16',
        'peixun rollup 汇总包/*.peixun --by unit --level subdistrict --expect 应报区.txt --out 全市2026Q3.xlsx',
      ],
      en: [
        'peixun rollup bundles/*.peixun',
        'peixun rollup bundles/*.peixun --by district --expect 16',
        'peixun rollup bundles/*.peixun --by category --expect districts.txt --format json',
      ],
    },
    run,
  );
