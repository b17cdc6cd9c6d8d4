import { Command } from '@commander-js/extra-typings';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { UsageError } from '../../../errors.js';
import type { Translator } from '../../../i18n/index.js';
import { periodOf, yearOf, yearOption } from '../../options.js';
import { produceReport } from '../../output.js';
import { summaryRequest, withSummaryOptions } from './summary.js';

const declare = (cli: Cli) =>
  withSummaryOptions(
    cli.t,
    new Command('annual')
      .description(cli.t('cmdReportAnnual'))
      .argument('[year]', cli.t('argYear'))
      .addOption(yearOption(cli.t)),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, label?: string): Promise<void> {
  const { t } = context;
  const given = { ...options, year: yearOfLabel(t, label, options) };
  const period = periodOf(t, given, () => yearOf(t, given));
  await produceReport(context, { report: 'annual', ...summaryRequest(t, period, options) }, options);
}

/** `report annual 2023` as `--year 2023`, the way `report quarterly 2023Q3` takes its quarter. */
function yearOfLabel(
  t: Translator,
  label: string | undefined,
  options: { year?: number; from?: string; to?: string },
): number | undefined {
  if (label === undefined) return options.year;
  if (options.year !== undefined) throw new UsageError(t('yearTwice'));
  if (options.from !== undefined || options.to !== undefined) throw new UsageError(t('fromToOrYear'));
  if (!/^\d{4}$/.test(label.trim())) throw new UsageError(t('badYearLabel', { value: label }));
  return Number(label.trim());
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun report annual 2023',
        'peixun report annual --year 2023 --by class-type --format xlsx --out 2023年度.xlsx',
        'peixun report annual --from 2023-03-01 --to 2023-08-31',
      ],
      en: [
        'peixun report annual 2023',
        'peixun report annual --year 2023 --by class-type --format xlsx --out 2023.xlsx',
        'peixun report annual --from 2023-03-01 --to 2023-08-31',
      ],
    },
    run,
  );
