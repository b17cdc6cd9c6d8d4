import { Command } from '@commander-js/extra-typings';
import { configEntries } from '../../../register/config.js';
import { configTable } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { outputTo, withRecordOutput, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withRecordOutput(cli.t, new Command('list').description(cli.t('cmdConfigList')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const format = await outputTo(context, options);
  const entries = await withDatabase(context, 'read', (db) => configEntries(db, options.reveal));
  await writeReport(context, { table: configTable(entries, context.t), data: entries }, format, options);
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun config list', 'peixun config list --json'], run);
