import { Command } from '@commander-js/extra-typings';
import { localDate } from '../../../domain/dates.js';
import { addMentorship } from '../../../register/mentoring.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { dateOption } from '../../options.js';
import { changePair } from './pair.js';

const declare = (cli: Cli) =>
  new Command('add')
    .description(cli.t('cmdMentorAdd'))
    .argument('<mentor>', cli.t('argMentor'))
    .argument('<mentee>', cli.t('argMentee'))
    .addOption(dateOption(cli.t, '--from <date>', cli.t('optMentorFrom')))
    .addOption(dateOption(cli.t, '--to <date>', cli.t('optMentorTo')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, mentor: string, mentee: string) {
  const from = options.from ?? localDate(context.io.now());
  await changePair(
    context,
    { mentor, mentee },
    (env, who, whom) => addMentorship(env, who, whom, from, options.to ?? null),
    (names) =>
      options.to === undefined
        ? context.t('mentorAdded', { ...names, from })
        : context.t('mentorAddedUntil', { ...names, from, to: options.to }),
  );
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
