import { Command } from '@commander-js/extra-typings';
import { localDate } from '../../../import/normalise.js';
import { addMentorship } from '../../../register/mentoring.js';
import { chooseTrainee } from '../../choose.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase, writeEnvironment } from '../../database.js';
import { dateOption } from '../../options.js';

const declare = (cli: Cli) =>
  new Command('add')
    .description(cli.t('cmdMentorAdd'))
    .argument('<mentor>', cli.t('argMentor'))
    .argument('<mentee>', cli.t('argMentee'))
    .addOption(dateOption(cli.t, '--from <date>', cli.t('optMentorFrom')))
    .addOption(dateOption(cli.t, '--to <date>', cli.t('optMentorTo')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(
  context: CommandContext,
  options: Options,
  mentorQuery: string,
  menteeQuery: string,
) {
  const { t, io } = context;
  const from = options.from ?? localDate(io.now());
  await withDatabase(context, 'write', async (db) => {
    const mentor = await chooseTrainee(context, db, mentorQuery);
    const mentee = await chooseTrainee(context, db, menteeQuery);
    const { batchId } = await addMentorship(
      writeEnvironment(context, db),
      mentor,
      mentee,
      from,
      options.to ?? null,
    );
    io.stdout.write(
      `${context.color.green(t('mentorAdded', { mentor: mentor.name, mentee: mentee.name, from, batch: batchId ?? 0 }))}\n`,
    );
  });
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun mentor add 王芳 李强 --from 2024-03-01',
      'peixun mentor add "#12" "#40" --from 2024-03-01 --to 2024-12-31',
    ],
    run,
  );
