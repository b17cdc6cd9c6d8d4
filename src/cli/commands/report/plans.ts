import { Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { parseQuarterLabel, quarterPeriod, yearPeriod } from '../../../stats/period.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../../../stats/summary.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { quarterParser, yearOption } from '../../options.js';
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
  const { t } = context;
  if (label !== undefined && (options.year !== undefined || options.quarter !== undefined))
    throw new UsageError(t('quarterTwice'));
  const quarter = label === undefined ? undefined : parseQuarterLabel(label);
  const year = label !== undefined && /^\d{4}$/.test(label.trim()) ? Number(label.trim()) : options.year;
  if (label !== undefined && !quarter && year === undefined)
    throw new UsageError(t('badQuarterLabel', { value: label }));
  if (!quarter && year === undefined) throw new UsageError(t('yearMissing'));
  const period = quarter
    ? quarterPeriod(quarter.year, quarter.quarter)
    : options.quarter !== undefined
      ? quarterPeriod(year ?? 0, options.quarter)
      : yearPeriod(year ?? 0);
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
