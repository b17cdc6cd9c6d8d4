/** What `trainee add` and `trainee edit` share: the trainee's fields as options, and asking for them on a terminal. */
import { chineseOrder } from '../../../order.js';
import type { Command, OptionValues } from '@commander-js/extra-typings';
import type { Db } from '../../../db/handle.js';
import { traineeCategories } from '../../../db/trainees.js';
import { UnitStore } from '../../../db/units.js';
import type { Translator } from '../../../i18n/index.js';
import { cleanText, parseIdNumber, parsePhone } from '../../../import/normalise.js';
import type { TraineeInput } from '../../../register/trainees.js';
import type { CommandContext } from '../../context.js';
import { validateWith, type Prompter } from '../../prompts.js';

export function withTraineeFields<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return command
    .option('--name <name>', t('optName'))
    .option('--id-number <id>', t('optIdNumber'))
    .option('--gender <gender>', t('optGender'))
    .option('--birth-date <date>', t('optBirthDate'))
    .option('--phone <phone>', t('optPhone'))
    .option('--unit <unit>', t('optUnit'))
    .option('--position <position>', t('optPosition'))
    .option('--category <category>', t('optCategory'));
}

/** The trainee fields among a command's options, spelt as TraineeInput spells them. */
export function inputOf(options: TraineeInput): TraineeInput {
  const { name, idNumber, gender, birthDate, phone, unit, position, category } = options;
  return { name, idNumber, gender, birthDate, phone, unit, position, category };
}

export const anyGiven = (input: TraineeInput) => Object.values(input).some((value) => value !== undefined);

/** On a terminal, asks for what was not given, checking each answer as it is typed. */
export async function askTrainee(
  context: CommandContext,
  prompter: Prompter,
  db: Db,
  input: TraineeInput,
  current?: TraineeInput,
): Promise<TraineeInput> {
  const { t } = context;
  const answer: TraineeInput = { ...input };
  const check = <T>(parse: Parameters<typeof validateWith<T>>[1]) => validateWith(t, parse);
  if (answer.name === undefined) {
    answer.name = await prompter.input(
      t('askName'),
      (value) => (cleanText(value) ? true : t('required')),
      current?.name,
    );
  }
  if (answer.idNumber === undefined) {
    answer.idNumber = await prompter.input(t('askIdNumber'), check(parseIdNumber), current?.idNumber);
  }
  if (answer.phone === undefined)
    answer.phone = await prompter.input(t('askPhone'), check(parsePhone), current?.phone);
  if (answer.unit === undefined) {
    const units = new UnitStore(db);
    const paths = units
      .all()
      .map((unit) => units.path(unit.id))
      .sort(chineseOrder);
    const choices = [
      ...(current?.unit ? [{ name: t('keepCurrent', { value: current.unit }), value: current.unit }] : []),
      ...paths.map((path) => ({ name: path, value: path })),
      { name: t('noUnit'), value: '' },
    ];
    answer.unit = await prompter.search(t('askUnit'), choices);
  }
  if (answer.category === undefined) {
    const other = '\u0000other';
    const chosen = await prompter.select(
      t('askCategory'),
      [
        ...traineeCategories(db).map((category) => ({ name: category, value: category })),
        { name: t('otherValue'), value: other },
      ],
      current?.category,
    );
    answer.category = chosen === other ? await prompter.input(t('askCategoryText'), () => true) : chosen;
  }
  if (answer.position === undefined)
    answer.position = await prompter.input(t('askPosition'), () => true, current?.position);
  return answer;
}
