import { Command } from '@commander-js/extra-typings';
import { localDate } from '../../../domain/dates.js';
import { describeHit } from '../../../register/search.js';
import { leaveTrainee } from '../../../register/trainees.js';
import { chooseTrainee } from '../../choose.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase, writeEnvironment } from '../../database.js';
import { dateOption } from '../../options.js';
import { confirmed } from '../../prompts.js';

const declare = (cli: Cli) =>
  new Command('leave')
    .description(cli.t('cmdTraineeLeave'))
    .argument('<trainee>', cli.t('argTraineeSearch'))
    .addOption(dateOption(cli.t, '--date <date>', cli.t('optLeaveDate')))
    .option('--undo', cli.t('optLeaveUndo'))
    .option('--yes', cli.t('optYes'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, query: string): Promise<void> {
  const { t, io } = context;
  const date = options.undo ? null : (options.date ?? localDate(io.now()));
  await withDatabase(context, 'write', async (db) => {
    const hit = await chooseTrainee(context, db, query);
    const question = date
      ? t('confirmLeave', { who: describeHit(hit), date })
      : t('confirmReturn', { who: describeHit(hit) });
    if (!(await confirmed(context, options.yes, question))) return;
    const { batchId } = await leaveTrainee(writeEnvironment(context, db), hit, date);
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(
        `${context.color.green(date ? t('traineeLeft', { name: hit.name, date, batch: batchId }) : t('traineeReturned', { name: hit.name, batch: batchId }))}\n`,
      );
  });
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    ['peixun trainee leave 王芳 --date 2023-12-31', 'peixun trainee leave 王芳 --undo --yes'],
    run,
  );
