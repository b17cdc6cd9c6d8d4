import { Command } from '@commander-js/extra-typings';
import { CONFIG_NAMES, unsetConfig } from '../../../register/config.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';

const declare = (cli: Cli) =>
  new Command('unset')
    .description(cli.t('cmdConfigUnset'))
    .argument('<name>', cli.t('argConfigName', { names: CONFIG_NAMES.join(', ') }));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, _options: Options, name: string): Promise<void> {
  const { t, io } = context;
  const removed = await withDatabase(context, 'write', (db) =>
    db.transaction(() => unsetConfig(db, name)).immediate(),
  );
  io.stdout.write(`${removed ? t('configUnsetDone', { name }) : t('configWasNotSet', { name })}\n`);
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun config unset district'], run);
