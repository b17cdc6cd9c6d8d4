import { Command } from '@commander-js/extra-typings';
import { automaticBackup } from '../../../db/maintenance.js';
import { undoImport } from '../../../import/undo.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { watchingFiled, withDatabase } from '../../database.js';
import { formatOption, numberParser, RESULT_FORMATS } from '../../options.js';

const declare = (cli: Cli) =>
  new Command('undo')
    .description(cli.t('cmdImportsUndo'))
    .argument('<batch>', cli.t('argBatch'), numberParser(cli.t, 'badBatchId'))
    .addOption(formatOption(cli.t, RESULT_FORMATS))
    .option('--json', cli.t('optJsonFormat'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, id: number): Promise<void> {
  const { t, io, color } = context;
  const undone = await withDatabase(context, 'write', (db) =>
    watchingFiled(context, db, () => {
      // An undo deletes rows: the register as it was stays in a backup.
      automaticBackup(db, context.dbPath, `before-undo-${id}`, io.now());
      return undoImport(db, context.dbPath, id, io.now);
    }),
  );
  if (options.json || options.format === 'json')
    io.stdout.write(JSON.stringify({ undone: undone.batchId }) + '\n');
  else
    io.stdout.write(
      `${color.green(t('batchUndoneNow', { id: undone.batchId, files: undone.files.join(', ') }))}\n`,
    );
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun imports undo 3', 'peixun imports undo 3 --json'], run);
