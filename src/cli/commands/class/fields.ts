/** What `class add` and `class edit` share: the class's fields as options, and asking for them on a terminal. */
import { MAX_CLASS_HOURS } from '../../../domain/attendance.js';
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { classTypes } from '../../../db/classes.js';
import type { Db } from '../../../db/handle.js';
import type { Translator } from '../../../i18n/index.js';
import { cleanText, parseDate, parseHours } from '../../../import/normalise.js';
import type { ClassInput } from '../../../register/classes.js';
import type { CommandContext } from '../../context.js';
import { validateWith, type Prompter } from '../../prompts.js';

export function withClassFields<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return command
    .option('--code <code>', t('optCode'))
    .option('--name <name>', t('optClassName'))
    .option('--type <type>', t('optType'))
    .option('--organiser <unit>', t('optOrganiser'))
    .option('--start <date>', t('optStart'))
    .option('--end <date>', t('optEnd'))
    .option('--hours <hours>', t('optHours'))
    .option('--venue <venue>', t('optVenue'))
    .option('--status <status>', t('optClassStatus'))
    .option('--plan <plan>', t('optClassPlan'));
}

export const anyGiven = (input: ClassInput) => Object.values(input).some((value) => value !== undefined);

/** On a terminal, asks for what was not given, checking each answer as it is typed. */
export async function askClass(context: CommandContext, prompter: Prompter, db: Db, input: ClassInput) {
  const { t } = context;
  const answer = { ...input };
  const check = <T>(parse: Parameters<typeof validateWith<T>>[1]) => validateWith(t, parse);
  const required = (value: string) => (cleanText(value) ? true : t('required'));
  answer.code ??= await prompter.input(t('askClassCode'), required);
  answer.name ??= await prompter.input(t('askClassName'), required);
  if (answer.type === undefined) {
    const other = '\u0000other';
    const chosen = await prompter.select(t('askClassType'), [
      ...classTypes(db).map((type) => ({ name: type, value: type })),
      { name: t('otherValue'), value: other },
    ]);
    answer.type = chosen === other ? await prompter.input(t('askClassTypeText'), () => true) : chosen;
  }
  answer.start ??= await prompter.input(t('askStart'), (value) =>
    cleanText(value) ? check(parseDate)(value) : t('required'),
  );
  answer.end ??= await prompter.input(t('askEnd'), check(parseDate));
  answer.hours ??= await prompter.input(
    t('askHours'),
    check((text) => parseHours(text, MAX_CLASS_HOURS)),
  );
  answer.organiser ??= await prompter.input(t('askOrganiser'), () => true);
  answer.venue ??= await prompter.input(t('askVenue'), () => true);
  return answer;
}
