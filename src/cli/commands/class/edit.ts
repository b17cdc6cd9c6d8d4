import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { editClass } from '../../../register/classes.js';
import { say } from '../../../i18n/index.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../../database.js';
import { changedFields } from '../../../report/registerTables.js';
import { printCreated } from '../../print.js';
import { anyGiven, withClassFields } from './fields.js';

const declare = (cli: Cli) =>
  withClassFields(
    cli.t,
    new Command('edit').description(cli.t('cmdClassEdit')).argument('<code>', cli.t('argClass')),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, code: string): Promise<void> {
  const { t, io } = context;
  if (!anyGiven(options)) throw new UsageError(t('editNothing'));
  await withDatabase(context, 'write', async (db) => {
    const env = writeEnvironment(context, db);
    const { value, batchId, created } = await watchingFiled(context, db, () => editClass(env, code, options));
    printCreated(context, created);
    if (value.outsidePlan) context.warnAtEnd(say(t, value.outsidePlan));
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(
        `${context.color.green(t('classEdited', { code: value.code, fields: changedFields(t, value.changes, 'class'), batch: batchId }))}\n`,
      );
  });
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun class edit PX2024-001 --venue 宝山区社区治理学院 --end 2024-03-06'], run);
