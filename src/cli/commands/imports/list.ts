import { Command } from '@commander-js/extra-typings';
import { listBatches } from '../../../db/batches.js';
import { batchListTable } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { outputTo, withFormats, writeListing } from '../../output.js';

const declare = (cli: Cli) => withFormats(cli.t, new Command('list').description(cli.t('cmdImportsList')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const format = await outputTo(context, options);
  const batches = await withDatabase(context, 'read', (db) => listBatches(db));
  await writeListing(
    context,
    { table: batchListTable(batches, context.t), data: batches },
    batches.length,
    context.t('noBatches'),
    format,
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    ['peixun imports list', 'peixun imports list --format json', 'peixun imports list --out batches.xlsx'],
    run,
  );
