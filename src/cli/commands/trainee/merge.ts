import { Command } from '@commander-js/extra-typings';
import { describeHit } from '../../../register/search.js';
import { mergeTrainees } from '../../../register/trainees.js';
import { chooseTrainee } from '../../choose.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../../database.js';
import { confirmed } from '../../prompts.js';

const declare = (cli: Cli) =>
  new Command('merge')
    .description(cli.t('cmdTraineeMerge'))
    .argument('<keep>', cli.t('argKeep'))
    .argument('<drop>', cli.t('argDrop'))
    .option('--yes', cli.t('optYes'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, keepQuery: string, dropQuery: string) {
  const { t, io } = context;
  await withDatabase(context, 'write', async (db) => {
    const keep = await chooseTrainee(context, db, keepQuery);
    const drop = await chooseTrainee(context, db, dropQuery);
    const question = t('confirmMerge', { keep: describeHit(keep), drop: describeHit(drop) });
    if (!(await confirmed(context, options.yes, question))) return;
    const env = writeEnvironment(context, db);
    const { value, batchId } = await watchingFiled(context, db, () => mergeTrainees(env, keep, drop));
    io.stdout.write(
      `${context.color.green(t('traineesMerged', { keep: describeHit(keep), moved: value.moved, batch: batchId ?? 0 }))}\n`,
    );
  });
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun trainee merge 310113198001010013 "王芳 高境一村"'], run);
