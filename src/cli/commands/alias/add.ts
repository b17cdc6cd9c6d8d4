import { Command } from '@commander-js/extra-typings';
import { addAlias } from '../../../register/aliases.js';
import { chooseTrainee } from '../../choose.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase, writeEnvironment } from '../../database.js';

const declare = (cli: Cli) =>
  new Command('add')
    .description(cli.t('cmdAliasAdd'))
    .argument('<nickname>', cli.t('argNickname'))
    .argument('<trainee>', cli.t('argTraineeSearch'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, _options: Options, nickname: string, query: string) {
  await withDatabase(context, 'write', async (db) => {
    const trainee = await chooseTrainee(context, db, query);
    const { batchId, nickname: kept } = await addAlias(writeEnvironment(context, db), nickname, trainee);
    const line =
      batchId === null
        ? context.t('aliasAlready', { nickname: kept, name: trainee.name })
        : context.t('aliasAdded', { nickname: kept, name: trainee.name, batch: batchId });
    context.io.stdout.write(`${batchId === null ? line : context.color.green(line)}\n`);
  });
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    ['peixun alias add 小王老师 "王芳 高境一村"', 'peixun alias add "高境-老王" "#12"'],
    run,
  );
