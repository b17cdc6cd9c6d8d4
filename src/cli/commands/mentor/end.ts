import { Command } from '@commander-js/extra-typings';
import { localDate } from '../../../import/normalise.js';
import { endMentorship } from '../../../register/mentoring.js';
import { chooseTrainee } from '../../choose.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase, writeEnvironment } from '../../database.js';
import { dateOption } from '../../options.js';

const declare = (cli: Cli) =>
  new Command('end')
    .description(cli.t('cmdMentorEnd'))
    .argument('<mentor>', cli.t('argMentor'))
    .argument('<mentee>', cli.t('argMentee'))
    .addOption(dateOption(cli.t, '--to <date>', cli.t('optMentorEnd')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(
  context: CommandContext,
  options: Options,
  mentorQuery: string,
  menteeQuery: string,
) {
  const { t, io } = context;
  const to = options.to ?? localDate(io.now());
  await withDatabase(context, 'write', async (db) => {
    const mentor = await chooseTrainee(context, db, mentorQuery);
    const mentee = await chooseTrainee(context, db, menteeQuery);
    const { batchId } = await endMentorship(writeEnvironment(context, db), mentor, mentee, to);
    io.stdout.write(
      `${context.color.green(t('mentorEnded', { mentor: mentor.name, mentee: mentee.name, to, batch: batchId ?? 0 }))}\n`,
    );
  });
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun mentor end 王芳 李强 --to 2024-12-31'], run);
