import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { localDate } from '../../../domain/dates.js';
import { editTrainee } from '../../../register/trainees.js';
import { chooseTrainee } from '../../choose.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../../database.js';
import { dateOption } from '../../options.js';
import { changedFields } from '../../../report/registerTables.js';
import { printCreated } from '../../print.js';
import { prompterFor } from '../../prompts.js';
import { anyGiven, askTrainee, inputOf, withTraineeFields } from './fields.js';

const declare = (cli: Cli) =>
  withTraineeFields(
    cli.t,
    new Command('edit').description(cli.t('cmdTraineeEdit')).argument('<trainee>', cli.t('argTraineeSearch')),
  ).addOption(dateOption(cli.t, '--from <date>', cli.t('optEditFrom')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, query: string): Promise<void> {
  const { t, io } = context;
  let input = inputOf(options);
  await withDatabase(context, 'write', async (db) => {
    const hit = await chooseTrainee(context, db, query);
    if (!anyGiven(input)) {
      const prompter = await prompterFor(context);
      if (!prompter) throw new UsageError(t('editNothing'));
      input = await askTrainee(context, prompter, db, input, {
        name: hit.name,
        idNumber: hit.id_number ?? undefined,
        phone: hit.phone ?? undefined,
        unit: hit.unitPath || undefined,
        category: hit.category,
        position: hit.position ?? undefined,
      });
    }
    const from = options.from ?? localDate(io.now());
    const env = writeEnvironment(context, db);
    const { value, batchId, created } = await watchingFiled(context, db, () =>
      editTrainee(env, hit, input, from),
    );
    printCreated(context, created);
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(
        `${context.color.green(t('traineeEdited', { name: hit.name, fields: changedFields(t, value.changes, 'trainee'), batch: batchId }))}\n`,
      );
  });
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun trainee edit 王芳 --phone 13800000000',
      'peixun trainee edit 0013 --unit 宝山区/罗店镇/天平村 --from 2024-01-01',
    ],
    run,
  );
