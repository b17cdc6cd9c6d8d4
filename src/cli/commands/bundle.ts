import { hostname } from 'node:os';
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
import { osUser } from '../os.js';
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
  await mayReplace(context, options.out, options.force);
  const made = await withDatabase(context, 'read', (db) => {
    const key = cityKey(db);
    if (!key) throw new PeixunError(problem('cityKeyMissing'));
    return makeBundle(db, {
      period,
      completionThreshold: options.completionThreshold,
      cityKey: key,
      district: registerDistrict(db),
      madeAt: io.now().toISOString(),
      madeBy: `${osUser()}@${hostname()}`,
      today: localDate(io.now()),
      peixunVersion: PEIXUN_VERSION,
    });
  });
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
