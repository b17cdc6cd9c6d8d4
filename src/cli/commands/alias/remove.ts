import { Command } from '@commander-js/extra-typings';
import { removeAlias } from '../../../register/aliases.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase, writeEnvironment } from '../../database.js';

const declare = (cli: Cli) =>
  new Command('remove').description(cli.t('cmdAliasRemove')).argument('<nickname>', cli.t('argNickname'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, _options: Options, nickname: string) {
  await withDatabase(context, 'write', async (db) => {
    const { batchId, nickname: removed } = await removeAlias(writeEnvironment(context, db), nickname);
    context.io.stdout.write(
      `${context.color.green(context.t('aliasRemoved', { nickname: removed, batch: batchId ?? 0 }))}\n`,
    );
  });
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun alias remove 小王老师'], run);
