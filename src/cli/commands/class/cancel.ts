import { Command } from '@commander-js/extra-typings';
import { cancelClass, findClass } from '../../../register/classes.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../../database.js';
import { confirmed } from '../../prompts.js';

const declare = (cli: Cli) =>
  new Command('cancel')
    .description(cli.t('cmdClassCancel'))
    .argument('<code>', cli.t('argClass'))
    .option('--yes', cli.t('optYes'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, code: string): Promise<void> {
  const { t, io } = context;
  await withDatabase(context, 'write', async (db) => {
    const klass = findClass(db, code);
    if (!(await confirmed(context, options.yes, t('confirmCancel', { code: klass.code, name: klass.name }))))
      return;
    const env = writeEnvironment(context, db);
    const { batchId } = await watchingFiled(context, db, () => cancelClass(env, code));
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(`${context.color.green(t('classCancelled', { code: klass.code, batch: batchId }))}\n`);
  });
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun class cancel PX2024-001'], run);
