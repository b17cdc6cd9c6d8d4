import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParquetFolder, PARQUET_TABLES } from '../../bundle/parquet.js';
import { openBundle, readBundleRows } from '../../bundle/read.js';
import { Command, Option } from '@commander-js/extra-typings';
import { makeBundle } from '../../bundle/make.js';
import { PeixunError, problem, UsageError } from '../../errors.js';
import { writeWhole } from '../../files.js';
import { localDate } from '../../domain/dates.js';
import { cityKey, registerDistrict } from '../../register/config.js';
import { jsonText } from '../../report/renderers.js';
import { yearPeriod } from '../../domain/periods.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';
import {
  periodOf,
  quarterOf,
  quarterParser,
  ratioOption,
  withPeriod,
  yearOption,
  thisYear,
} from '../options.js';
import { machineOf } from '../os.js';
import { mayReplace } from '../output.js';
import { PEIXUN_VERSION } from '../version.js';

const declare = (cli: Cli) => {
  const { t } = cli;
  return withPeriod(
    t,
    new Command('bundle')
      .description(t('cmdBundle'))
      .argument('[quarter]', t('argQuarter'))
      .addOption(yearOption(t))
      .addOption(new Option('--quarter <quarter>', t('optQuarter')).argParser(quarterParser(t))),
  )
    .addOption(ratioOption(t))
    .option('--out <file>', t('optOutBundle'))
    .addOption(new Option('--format <format>', t('optBundleFormat')).choices(['bundle', 'parquet'] as const))
    .option('--force', t('optForce'))
    .option('--json', t('optJsonFormat'));
};

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/** What the city needs of one period, in one sealed file; said on stdout (or as JSON) when written. */
export async function run(context: CommandContext, options: Options, label?: string): Promise<void> {
  const { t, io } = context;
  if (!options.out) throw new UsageError(t('bundleNeedsOut'));
  if (label !== undefined && (options.from !== undefined || options.to !== undefined))
    throw new UsageError(t('fromToOrYear'));
  const period = periodOf(t, options, () =>
    label === undefined && options.quarter === undefined && options.year !== undefined
      ? yearPeriod(options.year)
      : quarterOf(t, label, options, thisYear(context)),
  );
  const parquet = options.format === 'parquet';
  if (!parquet) await mayReplace(context, options.out, options.force);
  else if (existsSync(options.out) && !options.force)
    throw new PeixunError(problem('outExists', { file: options.out }));
  let key = '';
  const made = await withDatabase(context, 'read', (db) => {
    key = cityKey(db) ?? '';
    if (!key) throw new PeixunError(problem('cityKeyMissing'));
    return makeBundle(db, {
      period,
      completionThreshold: options.completionThreshold,
      cityKey: key,
      district: registerDistrict(db),
      madeAt: io.now().toISOString(),
      madeBy: madeBy(machineOf(io)),
      today: localDate(io.now()),
      peixunVersion: PEIXUN_VERSION,
    });
  });
  if (parquet) {
    writeAsParquet(made.bytes, key, options.out);
    io.stdout.write(
      `${context.color.green(t('parquetWritten', { folder: options.out, districts: 1, tables: PARQUET_TABLES.join(t('listSeparator')) }))}\n`,
    );
    return;
  }
  writeWhole(options.out, made.bytes);
  const said = {
    file: options.out,
    district: made.district,
    label: made.period.label,
    // The figures the report and the roll-up show: 人数 counts those who came, not everyone enrolled.
    classes: made.total.classes ?? 0,
    participantTimes: made.total.participantTimes ?? 0,
    participants: made.total.participants ?? 0,
  };
  if (options.json) {
    const { bytes: _bytes, ...shown } = made;
    io.stdout.write(jsonText({ file: options.out, ...shown }));
    return;
  }
  io.stdout.write(`${context.color.green(t('bundleWritten', said))}\n`);
  if (made.localPeople > 0) io.stdout.write(`${t('bundleLocalPeople', { count: made.localPeople })}\n`);
  // Said, not silently dropped: what the register holds of other districts is no part of this one's figures.
  const { classes, trainees } = made.leftOut;
  if (classes.length > 0)
    io.stdout.write(
      `${t('bundleLeftOutClasses', {
        count: classes.length,
        codes: classes.map((klass) => `${klass.code}（${klass.district}）`).join(t('listSeparator')),
      })}\n`,
    );
  if (trainees.length > 0)
    io.stdout.write(
      `${t('bundleLeftOutTrainees', {
        count: trainees.reduce((sum, other) => sum + other.count, 0),
        districts: trainees.length,
      })}\n`,
    );
  io.stdout.write(`${t('bundleSeal', { fingerprint: made.keyFingerprint, hash: made.hash })}\n`);
}

/**
 * The district's facts as Parquet (for an engine past one machine, docs/bundles.md): the sealed bundle read back as
 * the roll-up reads one, so the files hold what a bundle holds, checked as a bundle is.
 */
function writeAsParquet(bytes: Buffer, key: string, out: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'peixun-parquet-'));
  try {
    const file = join(scratch, 'bundle.peixun');
    writeFileSync(file, bytes);
    const header = openBundle(file, key);
    const folder = new ParquetFolder(out);
    try {
      folder.add(header, readBundleRows(header, key));
      folder.finish();
    } catch (error) {
      folder.abandon();
      throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun bundle 2026Q3 --out 宝山区-2026Q3.peixun',
        'peixun bundle --year 2026 --quarter 3 --out 宝山区-2026Q3.peixun',
        'peixun bundle --from 2026-07-01 --to 2026-08-31 --out 宝山区-7至8月.peixun',
      ],
      en: [
        'peixun bundle 2026Q3 --out baoshan-2026Q3.peixun',
        'peixun bundle --year 2026 --quarter 3 --out baoshan-2026Q3.peixun',
        'peixun bundle --from 2026-07-01 --to 2026-08-31 --out baoshan-jul-aug.peixun',
      ],
    },
    run,
  );

/** `user@host`, as a bundle names who made it. */
const madeBy = ({ user, host }: { user: string; host: string }) => `${user}@${host}`;
