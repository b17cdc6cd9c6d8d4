import { Command, Option } from '@commander-js/extra-typings';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { quarterParser, yearOption, yearOrQuarter } from '../../options.js';
import { produceReport, withReportOutput } from '../../output.js';

const declare = (cli: Cli) =>
  withReportOutput(
    cli.t,
    new Command('venues')
      .description(cli.t('cmdReportVenues'))
      .argument('[period]', cli.t('argPlanPeriod'))
      .addOption(yearOption(cli.t))
      .addOption(new Option('--quarter <quarter>', cli.t('optQuarter')).argParser(quarterParser(cli.t))),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/** A year's venue use (`--year 2024`, `2024`) or a quarter's (`--year 2024 --quarter 3`, `2024Q3`). */
export async function run(context: CommandContext, options: Options, label?: string): Promise<void> {
  await produceReport(
    context,
    { report: 'venues', period: yearOrQuarter(context.t, label, options) },
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    ['peixun report venues --year 2024', 'peixun report venues 2024Q3 --format xlsx --out 场地使用.xlsx'],
    run,
  );
