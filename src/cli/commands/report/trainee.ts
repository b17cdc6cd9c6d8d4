import { Command, Option } from '@commander-js/extra-typings';
import { chooseTrainee } from '../../choose.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { hoursParser, ratioOption } from '../../options.js';
import { produceReport, withReportOutput } from '../../output.js';

const declare = (cli: Cli) =>
  withReportOutput(
    cli.t,
    new Command('trainee')
      .description(cli.t('cmdReportTrainee'))
      .argument('<trainee>', cli.t('argTrainee'))
      .addOption(
        new Option('--required-hours <hours>', cli.t('optRequiredHours')).argParser(hoursParser(cli.t)),
      )
      .addOption(ratioOption(cli.t)),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, query: string): Promise<void> {
  // The person is chosen once (on a terminal, from the candidates); the report names them by record number.
  const chosen = await withDatabase(context, 'read', (db) => chooseTrainee(context, db, query));
  await produceReport(
    context,
    {
      report: 'trainee',
      query: `#${chosen.id}`,
      requiredHours: options.requiredHours,
      completionThreshold: options.completionThreshold,
    },
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun report trainee 310113198001010013',
        'peixun report trainee 王芳 --required-hours 60 --format xlsx --out 王芳培训档案.xlsx',
      ],
      en: [
        'peixun report trainee 310113198001010013',
        'peixun report trainee 王芳 --required-hours 60 --format xlsx --out record.xlsx',
      ],
    },
    run,
  );
