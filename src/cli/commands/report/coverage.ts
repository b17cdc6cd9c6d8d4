import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { COVERAGE_GROUPINGS } from '../../../stats/coverage.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { groupingOf, periodOf, withGrouping, withPeriod, yearOf, yearOption } from '../../options.js';
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
          .addOption(yearOption(cli.t))
          .option('--list', cli.t('optList')),
      ),
      COVERAGE_GROUPINGS,
    ),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t } = context;
  const period = periodOf(t, options, () => yearOf(t, options));
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
        'peixun report coverage --year 2023 --by category',
        'peixun report coverage --year 2023 --by unit --level subdistrict --list --out 未参训名单.xlsx',
      ],
      en: [
        'peixun report coverage --year 2023 --by category',
        'peixun report coverage --year 2023 --by unit --level subdistrict --list --out untrained.xlsx',
      ],
    },
    run,
  );
