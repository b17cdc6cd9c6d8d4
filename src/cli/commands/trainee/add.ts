import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { addTrainee } from '../../../register/trainees.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase, writeEnvironment } from '../../database.js';
import { printCreated } from '../../print.js';
import { prompterFor } from '../../prompts.js';
import { askTrainee, inputOf, withTraineeFields } from './fields.js';

const declare = (cli: Cli) =>
  withTraineeFields(cli.t, new Command('add').description(cli.t('cmdTraineeAdd')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t, io } = context;
  let input = inputOf(options);
  await withDatabase(context, 'write', async (db) => {
    if (input.name === undefined) {
      const prompter = await prompterFor(context);
      if (!prompter) throw new UsageError(t('missingOption', { option: '--name' }));
      input = await askTrainee(context, prompter, db, input);
    }
    const { value, batchId, created } = await addTrainee(writeEnvironment(context, db), input);
    printCreated(context, created);
    io.stdout.write(`${context.color.green(t('traineeAdded', { name: value.name, batch: batchId ?? 0 }))}\n`);
  });
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun trainee add',
      'peixun trainee add --name 王芳 --id-number 310113198001010013 --unit 宝山区/高境镇/高境一村居委 --category 社区工作者',
    ],
    run,
  );
