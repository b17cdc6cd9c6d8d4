/** Reports of a year or one of its quarters (`2024`, `2024Q3`, `--year 2024 [--quarter 3]`): plans, teachers, venues. */
import { Command, Option } from '@commander-js/extra-typings';
import type { MessageKey } from '../../../i18n/index.js';
import type { Period } from '../../../domain/periods.js';
import type { Recipe } from '../../../report/recipes.js';
import type { Cli, Examples } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { quarterParser, yearOption, yearOrQuarter } from '../../options.js';
import { produceReport, withReportOutput } from '../../output.js';

export function periodReport(
  cli: Cli,
  name: string,
  description: MessageKey,
  recipe: (period: Period) => Recipe,
  examples: Examples,
) {
  const command = withReportOutput(
    cli.t,
    new Command(name)
      .description(cli.t.dynamic(description))
      .argument('[period]', cli.t('argPlanPeriod'))
      .addOption(yearOption(cli.t))
      .addOption(new Option('--quarter <quarter>', cli.t('optQuarter')).argParser(quarterParser(cli.t))),
  );
  type Options = ReturnType<typeof command.opts>;
  const run = async (context: CommandContext, options: Options, label?: string) => {
    await produceReport(context, recipe(yearOrQuarter(context.t, label, options)), options);
  };
  return cli.leaf(command, examples, run);
}
