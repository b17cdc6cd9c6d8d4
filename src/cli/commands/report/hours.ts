import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { groupingOf, withGrouping, yearOption, yearParser } from '../../options.js';
import { produceReport, withReportOutput } from '../../output.js';

/** `peixun report hours 2023`: the year's duty, each trainee's hours against the requirement (statistics.md). */
const declare = (cli: Cli) =>
  withReportOutput(
    cli.t,
    withGrouping(
      cli.t,
      new Command('hours')
        .description(cli.t('cmdReportHours'))
        .argument('[year]', cli.t('argYear'))
        .addOption(yearOption(cli.t))
        .option('--unmet', cli.t('optUnmet')),
      ['unit', 'category'] as const,
    ),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, label?: string): Promise<void> {
  const { t } = context;
  if (label !== undefined && options.year !== undefined) throw new UsageError(t('yearTwice'));
  const year = label !== undefined ? yearParser(t)(label) : options.year;
  if (year === undefined) throw new UsageError(t('yearNeeded'));
  const { by, level } = groupingOf(options);
  if (level && by !== 'unit') throw new UsageError(t('levelNeedsUnit'));
  await produceReport(
    context,
    {
      report: 'hours',
      year,
      ...(by ? { by } : {}),
      ...(level ? { level } : {}),
      ...(options.unmet ? { unmet: true } : {}),
    },
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun report hours 2023',
        'peixun report hours 2023 --unmet --out 2023年学时未达标名单.xlsx',
        'peixun report hours 2023 --by unit --level subdistrict',
      ],
      en: [
        'peixun report hours 2023',
        'peixun report hours 2023 --unmet --out short-2023.xlsx',
        'peixun report hours 2023 --by category',
      ],
    },
    run,
  );
