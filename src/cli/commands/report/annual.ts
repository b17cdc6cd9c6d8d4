import { Command } from '@commander-js/extra-typings';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { periodOf, yearOf, yearOption } from '../../options.js';
import { produceReport } from '../../output.js';
import { summaryRequest, withSummaryOptions } from './summary.js';

const declare = (cli: Cli) =>
  withSummaryOptions(
    cli.t,
    new Command('annual').description(cli.t('cmdReportAnnual')).addOption(yearOption(cli.t)),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t } = context;
  const period = periodOf(t, options, () => yearOf(t, options));
  await produceReport(context, { report: 'annual', ...summaryRequest(t, period, options) }, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun report annual --year 2023',
        'peixun report annual --year 2023 --by class-type --format xlsx --out 2023年度.xlsx',
        'peixun report annual --from 2023-03-01 --to 2023-08-31',
      ],
      en: [
        'peixun report annual --year 2023',
        'peixun report annual --year 2023 --by class-type --format xlsx --out 2023.xlsx',
        'peixun report annual --from 2023-03-01 --to 2023-08-31',
      ],
    },
    run,
  );
