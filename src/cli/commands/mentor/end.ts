import { Command } from '@commander-js/extra-typings';
import { localDate } from '../../../domain/dates.js';
import { endMentorship } from '../../../register/mentoring.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { dateOption } from '../../options.js';
import { changePair } from './pair.js';

const declare = (cli: Cli) =>
  new Command('end')
    .description(cli.t('cmdMentorEnd'))
    .argument('<mentor>', cli.t('argMentor'))
    .argument('<mentee>', cli.t('argMentee'))
    .addOption(dateOption(cli.t, '--to <date>', cli.t('optMentorEnd')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, mentor: string, mentee: string) {
  const to = options.to ?? localDate(context.io.now());
  await changePair(
    context,
    { mentor, mentee },
    (env, who, whom) => endMentorship(env, who, whom, to),
    (names) => context.t('mentorEnded', { ...names, to }),
  );
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun mentor end 王芳 李强 --to 2024-12-31'], run);
