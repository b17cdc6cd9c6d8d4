import { Command } from '@commander-js/extra-typings';
import { batchDetail } from '../../../db/batches.js';
import { PeixunError, problem } from '../../../errors.js';
import { batchDetailData, batchDetailTable } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { numberParser } from '../../options.js';
import { outputTo, withRecordOutput, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withRecordOutput(
    cli.t,
    new Command('show')
      .description(cli.t('cmdImportsShow'))
      .argument('<batch>', cli.t('argBatch'), numberParser(cli.t, 'badBatchId')),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, id: number): Promise<void> {
  const format = await outputTo(context, options);
  const detail = await withDatabase(context, 'read', (db) => {
    const found = batchDetail(db, id);
    if (!found) throw new PeixunError(problem('batchNotFound', { id }));
    return found;
  });
  const table = batchDetailTable(detail, context.t, Boolean(options.reveal));
  await writeReport(
    context,
    { table, data: batchDetailData(detail, Boolean(options.reveal)) },
    format,
    options,
  );
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun imports show 3', 'peixun imports show 3 --json'], run);
