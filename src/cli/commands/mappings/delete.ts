import { Command } from '@commander-js/extra-typings';
import { deleteHeaderMapping, headerMappingNames } from '../../../db/mappings.js';
import { PeixunError, problem } from '../../../errors.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { confirmed } from '../../prompts.js';

const declare = (cli: Cli) =>
  new Command('delete')
    .description(cli.t('cmdMappingsDelete'))
    .argument('<name>', cli.t('argMapping'))
    .option('--yes', cli.t('optYes'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, name: string): Promise<void> {
  const { t, io } = context;
  await withDatabase(context, 'write', async (db) => {
    if (!headerMappingNames(db).includes(name)) {
      const names = headerMappingNames(db).join(', ') || '—';
      throw new PeixunError(problem('mappingUnknown', { name, names }));
    }
    if (!(await confirmed(context, options.yes, t('confirmDeleteMapping', { name })))) return;
    db.transaction(() => deleteHeaderMapping(db, name)).immediate();
    io.stdout.write(`${context.color.green(t('mappingDeleted', { name }))}\n`);
  });
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun mappings delete district-roster --yes'], run);
