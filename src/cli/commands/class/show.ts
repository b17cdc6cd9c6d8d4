import { localDate } from '../../../domain/dates.js';
import { Command } from '@commander-js/extra-typings';
import { buildReport } from '../../../report/recipes.js';
import { ratioOption } from '../../options.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { outputTo, withFormats, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withFormats(
    cli.t,
    new Command('show')
      .description(cli.t('cmdClassShow'))
      .argument('<code>', cli.t('argClass'))
      .addOption(ratioOption(cli.t)),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, code: string): Promise<void> {
  const format = await outputTo(context, options);
  await withDatabase(context, 'read', async (db) => {
    const recipe = { report: 'class', code, completionThreshold: options.completionThreshold } as const;
    const report = buildReport(db, recipe, context.t, { organisation: '' }, localDate(context.io.now()));
    await writeReport(context, report, format, options);
  });
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun class show PX2023-00002'], run);
