import { Command } from '@commander-js/extra-typings';
import { headerMappings } from '../../../db/mappings.js';
import { mappingListTable } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { outputTo, withFormats, writeListing } from '../../output.js';

const declare = (cli: Cli) => withFormats(cli.t, new Command('list').description(cli.t('cmdMappingsList')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const format = await outputTo(context, options);
  const mappings = await withDatabase(context, 'read', (db) => headerMappings(db));
  await writeListing(
    context,
    { table: mappingListTable(mappings, context.t), data: mappings },
    mappings.length,
    context.t('noMappings'),
    format,
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun mappings list', 'peixun mappings list --json'], run);
