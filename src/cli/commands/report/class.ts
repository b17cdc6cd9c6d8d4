import { Command } from '@commander-js/extra-typings';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { ratioOption } from '../../options.js';
import { produceReport, withReportOutput } from '../../output.js';

const declare = (cli: Cli) =>
  withReportOutput(
    cli.t,
    new Command('class')
      .description(cli.t('cmdReportClass'))
      .argument('<code>', cli.t('argClass'))
      .addOption(ratioOption(cli.t)),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, code: string): Promise<void> {
  const { completionThreshold } = options;
  await produceReport(context, { report: 'class', code, completionThreshold }, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun report class PX2023-00002',
        'peixun report class PX2023-00002 --format html --out 签到表.html',
      ],
      en: [
        'peixun report class PX2023-00002',
        'peixun report class PX2023-00002 --format html --out sheet.html',
      ],
    },
    run,
  );
