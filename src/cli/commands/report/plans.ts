import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULT_COMPLETION_THRESHOLD } from '../../../stats/summary.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { quarterParser, yearOption, yearOrQuarter } from '../../options.js';
import { produceReport, withReportOutput } from '../../output.js';

const declare = (cli: Cli) =>
  withReportOutput(
    cli.t,
    new Command('plans')
      .description(cli.t('cmdReportPlans'))
      .argument('[period]', cli.t('argPlanPeriod'))
      .addOption(yearOption(cli.t))
      .addOption(new Option('--quarter <quarter>', cli.t('optQuarter')).argParser(quarterParser(cli.t))),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/** A year's plans (`--year 2024`, `2024`) or a quarter's (`--year 2024 --quarter 3`, `2024Q3`). */
export async function run(context: CommandContext, options: Options, label?: string): Promise<void> {
  const period = yearOrQuarter(context.t, label, options);
  await produceReport(
    context,
    { report: 'plans', period, completionThreshold: DEFAULT_COMPLETION_THRESHOLD },
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun report plans --year 2024',
      'peixun report plans 2024Q3',
      'peixun report plans --year 2024 --format xlsx --out 2024年培训计划完成情况.xlsx',
    ],
    run,
  );
