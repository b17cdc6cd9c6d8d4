import { Command } from '@commander-js/extra-typings';
import Table from 'cli-table3';
import { listBatches } from '../../../db/batches.js';
import type { MessageKey } from '../../../i18n/index.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { localTime } from '../../print.js';
import { withDatabase } from '../../database.js';
import { formatOption } from '../../options.js';

const declare = (cli: Cli) =>
  new Command('list').description(cli.t('cmdImportsList')).addOption(formatOption(cli.t, ['table', 'json']));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t, io, color } = context;
  const batches = await withDatabase(context, 'read', (db) => listBatches(db));
  if (options.format === 'json') {
    io.stdout.write(JSON.stringify(batches, null, 2) + '\n');
    return;
  }
  if (batches.length === 0) {
    io.stderr.write(`${t('noBatches')}\n`);
    return;
  }
  const columns = ['batch', 'when', 'who', 'kind', 'files', 'counts', 'status'] as const;
  const table = new Table({
    head: columns.map((key) => color.bold(t(`batchColumn.${key}`))),
    style: { head: [], border: [], compact: true },
  });
  for (const batch of batches) {
    const c = batch.counts;
    table.push([
      `#${batch.id}`,
      localTime(batch.createdAt),
      [batch.osUser, batch.host].filter(Boolean).join('@'),
      t.dynamic(`kind.${batch.kind}` as MessageKey),
      batch.files.join('\n'),
      c.changed !== undefined
        ? t('batchChanged', { count: c.changed })
        : t('batchCounts', {
            read: c.read ?? 0,
            inserted: c.inserted ?? 0,
            updated: c.updated ?? 0,
            unchanged: c.unchanged ?? 0,
          }),
      batch.undoneAt ? t('batchUndone', { at: localTime(batch.undoneAt) }) : t('batchActive'),
    ]);
  }
  io.stdout.write(table.toString() + '\n');
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun imports list', 'peixun imports list --format json'], run);
