import { Command } from '@commander-js/extra-typings';
import { CONFIG_NAMES, setConfig } from '../../../register/config.js';
import { configShown } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';

const declare = (cli: Cli) =>
  new Command('set')
    .description(cli.t('cmdConfigSet'))
    .argument('<name>', cli.t('argConfigName', { names: CONFIG_NAMES.join(', ') }))
    .argument('<value>', cli.t('argConfigValue'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, _options: Options, name: string, value: string) {
  const { t, io } = context;
  const entry = await withDatabase(context, 'write', (db) =>
    db.transaction(() => setConfig(db, name, value)).immediate(),
  );
  io.stdout.write(`${context.color.green(t('configSetDone', { name, value: configShown(entry, t) }))}\n`);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    ['peixun config set district 宝山区', 'peixun config set city-key "$(cat city.key)"'],
    run,
  );
