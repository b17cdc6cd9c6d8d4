import { Command } from '@commander-js/extra-typings';
import { filedStatus } from '../../../filed/filed.js';
import { filedListTable } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { figuresToday, withDatabase } from '../../database.js';
import { outputTo, withFormats, writeListing } from '../../output.js';

const declare = (cli: Cli) => withFormats(cli.t, new Command('list').description(cli.t('cmdFiledList')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const format = await outputTo(context, options);
  const reports = await withDatabase(context, 'read', (db) => filedStatus(figuresToday(context), db));
  await writeListing(
    context,
    { table: filedListTable(reports, context.t), data: reports },
    reports.length,
    context.t('noFiled'),
    format,
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun filed list', 'peixun filed list --format json'], run);
