import { Command } from '@commander-js/extra-typings';
import { headerMapping, headerMappingNames } from '../../../db/mappings.js';
import { PeixunError, problem } from '../../../errors.js';
import { mappingTable } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { outputTo, withFormats, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withFormats(
    cli.t,
    new Command('show').description(cli.t('cmdMappingsShow')).argument('<name>', cli.t('argMapping')),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, name: string): Promise<void> {
  const format = await outputTo(context, options);
  const mapping = await withDatabase(context, 'read', (db) => {
    const found = headerMapping(db, name);
    if (!found) {
      const names = headerMappingNames(db).join(', ') || '—';
      throw new PeixunError(problem('mappingUnknown', { name, names }));
    }
    return found;
  });
  await writeReport(context, { table: mappingTable(mapping, context.t), data: mapping }, format, options);
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun mappings show district-roster'], run);
