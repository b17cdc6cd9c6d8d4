import { Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { COVERAGE_GROUPINGS } from '../../../stats/coverage.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import {
  groupingOf,
  periodOf,
  quarterParser,
  withGrouping,
  withPeriod,
  yearOption,
  yearOrQuarter,
  thisYear,
} from '../../options.js';
import { produceReport, withReportOutput } from '../../output.js';

const declare = (cli: Cli) =>
  withReportOutput(
    cli.t,
    withGrouping(
      cli.t,
      withPeriod(
        cli.t,
        new Command('coverage')
          .description(cli.t('cmdReportCoverage'))
          // A quarter as the quarterly report takes it (2023Q3, --year 2023 --quarter 3), or a whole year.
          .argument('[period]', cli.t('argPlanPeriod'))
          .addOption(yearOption(cli.t))
          .addOption(new Option('--quarter <quarter>', cli.t('optQuarter')).argParser(quarterParser(cli.t)))
          .option('--list', cli.t('optList')),
      ),
      COVERAGE_GROUPINGS,
    ),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, label?: string): Promise<void> {
  const { t } = context;
  if (label !== undefined && (options.from !== undefined || options.to !== undefined))
    throw new UsageError(t('fromToOrYear'));
  const period = periodOf(t, options, () => yearOrQuarter(t, label, options, thisYear(context)));
  const { by, level } = groupingOf(options);
  if (level && by !== 'unit') throw new UsageError(t('levelNeedsUnit'));
  await produceReport(
    context,
    { report: 'coverage', period, by, level, list: Boolean(options.list) },
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun report coverage 2023Q3 --by category',
        'peixun report coverage --year 2023 --by category',
        'peixun report coverage --year 2023 --by unit --level subdistrict --list --out 未参训名单.xlsx',
      ],
      en: [
        'peixun report coverage 2023Q3 --by category',
        'peixun report coverage --year 2023 --by category',
        'peixun report coverage --year 2023 --by unit --level subdistrict --list --out untrained.xlsx',
      ],
    },
    run,
  );
