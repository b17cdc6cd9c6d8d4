import { Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { periodOf, quarterOf, quarterParser, yearOption, thisYear } from '../../options.js';
import { produceReport } from '../../output.js';
import { summaryRequest, withSummaryOptions } from './summary.js';

const declare = (cli: Cli) =>
  withSummaryOptions(
    cli.t,
    new Command('quarterly')
      .description(cli.t('cmdReportQuarterly'))
      .argument('[quarter]', cli.t('argQuarter'))
      .addOption(yearOption(cli.t))
      .addOption(new Option('--quarter <quarter>', cli.t('optQuarter')).argParser(quarterParser(cli.t))),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, label?: string): Promise<void> {
  const { t } = context;
  if (label !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new UsageError(t('fromToOrYear'));
  }
  const period = periodOf(t, options, () => quarterOf(t, label, options, thisYear(context)));
  await produceReport(context, { report: 'quarterly', ...summaryRequest(t, period, options) }, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun report quarterly 2023Q3',
      'peixun report quarterly --year 2023 --quarter 3 --by class-type',
      'peixun report quarterly 2023Q3 --by unit --level subdistrict --out 2023Q3.csv',
      'peixun report quarterly 2023Q3 --by category --format json',
      'peixun report quarterly 2023Q3 --by unit --level subdistrict --out 2023Q3.xlsx --file',
    ],
    run,
  );
