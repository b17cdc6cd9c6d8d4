import { Command } from '@commander-js/extra-typings';
import { PeixunError, problem } from '../../../errors.js';
import { CONFIG_NAMES, configEntry } from '../../../register/config.js';
import { configShown } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';

const declare = (cli: Cli) =>
  new Command('get')
    .description(cli.t('cmdConfigGet'))
    .argument('<name>', cli.t('argConfigName', { names: CONFIG_NAMES.join(', ') }))
    .option('--reveal', cli.t('optReveal'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/** The value alone on stdout, for scripts; a setting not set is an exit of 1, as with `git config`. */
export async function run(context: CommandContext, options: Options, name: string): Promise<void> {
  const entry = await withDatabase(context, 'read', (db) => configEntry(db, name, options.reveal));
  if (!entry.set) throw new PeixunError(problem('configNotSet', { name }));
  context.io.stdout.write(`${configShown(entry, context.t)}\n`);
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun config get district', 'peixun config get city-key'], run);
