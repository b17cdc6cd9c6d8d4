/** Reports of a year or one of its quarters (`2024`, `2024Q3`, `--year 2024 [--quarter 3]`): plans, teachers, venues. */
import { Command, Option } from '@commander-js/extra-typings';
import type { MessageKey } from '../../../i18n/index.js';
import type { Period } from '../../../domain/periods.js';
import type { Recipe } from '../../../report/recipes.js';
import type { Cli, Examples } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../../../domain/attendance.js';
import { quarterParser, ratioOption, yearOption, yearOrQuarter, thisYear } from '../../options.js';
import { produceReport, withReportOutput } from '../../output.js';

export function periodReport(
  cli: Cli,
  name: string,
  description: MessageKey,
  /** The recipe of a period; `completionThreshold` is the option's (a report that counts no completion ignores it). */
  recipe: (period: Period, completionThreshold: number) => Recipe,
  examples: Examples,
  /** Whether the report counts completion, and so takes --completion-threshold. */
  countsCompletion = false,
) {
  const base = new Command(name)
    .description(cli.t.dynamic(description))
    .argument('[period]', cli.t('argPlanPeriod'))
    .addOption(yearOption(cli.t))
    .addOption(new Option('--quarter <quarter>', cli.t('optQuarter')).argParser(quarterParser(cli.t)));
  if (countsCompletion) base.addOption(ratioOption(cli.t));
  const command = withReportOutput(cli.t, base);
  type Options = ReturnType<typeof command.opts> & { completionThreshold?: number };
  const run = async (context: CommandContext, options: Options, label?: string) => {
    const threshold = options.completionThreshold ?? DEFAULT_COMPLETION_THRESHOLD;
    await produceReport(
      context,
      recipe(yearOrQuarter(context.t, label, options, thisYear(context)), threshold),
      options,
    );
  };
  return cli.leaf(command, examples, run);
}
