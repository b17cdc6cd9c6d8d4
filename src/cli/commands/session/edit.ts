import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { editSession, findSession } from '../../../register/sessions.js';
import { changedFields } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../../database.js';
import { dateOption, slotOption } from '../../options.js';

const declare = (cli: Cli) => {
  const { t } = cli;
  return new Command('edit')
    .description(t('cmdSessionEdit'))
    .argument('<class>', t('argClass'))
    .addOption(dateOption(t, '--date <date>', t('optSessionDate')).makeOptionMandatory())
    .addOption(slotOption(t, 'optSessionSlot'))
    .option('--teacher <name>', t('optSessionTeacher'))
    .option('--venue <venue>', t('optSessionVenue'))
    .option('--mode <mode>', t('optSessionMode'))
    .option('--course <course>', t('optSessionCourse'))
    .option('--start <time>', t('optSessionStart'))
    .option('--end <time>', t('optSessionEnd'))
    .option('--hours <hours>', t('optSessionHours'))
    .option('--to-slot <slot>', t('optSessionToSlot'));
};

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, code: string): Promise<void> {
  const { t, io } = context;
  const { date, slot, toSlot, ...given } = options;
  const input = { ...given, ...(toSlot === undefined ? {} : { slot: toSlot }) };
  if (Object.values(input).every((value) => value === undefined)) throw new UsageError(t('editNothing'));
  await withDatabase(context, 'write', async (db) => {
    const session = findSession(db, code, date, slot === undefined ? undefined : slot);
    const env = writeEnvironment(context, db);
    const { value, batchId } = await watchingFiled(context, db, () => editSession(env, session, input));
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(
        `${context.color.green(
          t('sessionEdited', {
            session: value.label,
            fields: changedFields(t, value.changes, 'session'),
            batch: batchId,
          }),
        )}\n`,
      );
  });
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun session edit PX2023-001 --date 2023-07-05 --slot 上午 --teacher 李老师',
      'peixun session edit PX2023-001 --date 2023-07-05 --slot 下午 --mode 线上 --start 14:00 --end 16:00',
      'peixun session edit PX2023-001 --date 2023-07-05 --to-slot 上午',
      "peixun session edit PX2023-001 --date 2023-07-06 --venue ''",
    ],
    run,
  );
