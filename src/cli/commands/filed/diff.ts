import { Command } from '@commander-js/extra-typings';
import { diffFiled } from '../../../filed/filed.js';
import { filedDiffTable } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { figuresToday, withDatabase } from '../../database.js';
import { numberParser } from '../../options.js';
import { outputTo, withFormats, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withFormats(
    cli.t,
    new Command('diff')
      .description(cli.t('cmdFiledDiff'))
      .argument('<id>', cli.t('argFiled'), numberParser(cli.t, 'badFiledId')),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, number: number): Promise<void> {
  const format = await outputTo(context, options);
  // Written to, never changed: tracing a change undoes later batches inside a transaction it rolls back.
  const diff = await withDatabase(context, 'write', (db) =>
    diffFiled(figuresToday(context), db, number, context.io.now),
  );
  const table = filedDiffTable(diff, context.t);
  await writeReport(context, { table, data: diff }, format, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    ['peixun filed diff 1', 'peixun filed diff 1 --json', 'peixun filed diff 1 --out diff.xlsx'],
    run,
  );
