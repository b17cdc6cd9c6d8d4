import Table from 'cli-table3';
import { listBatches } from '../../db/batches.js';
import { automaticBackup } from '../../db/maintenance.js';
import { UsageError } from '../../errors.js';
import { undoImport } from '../../import/undo.js';
import type { CommandContext } from '../context.js';
import { watchingFiled, withDatabase } from '../database.js';

export async function runList(
  context: CommandContext,
  options: { format?: 'table' | 'json' },
): Promise<void> {
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
  const table = new Table({
    head: ['batch', 'when', 'who', 'kind', 'files', 'counts', 'status'].map((key) =>
      color.bold(t(`batchColumn.${key}` as Parameters<typeof t>[0])),
    ),
    style: { head: [], border: [], compact: true },
  });
  for (const batch of batches) {
    const c = batch.counts;
    table.push([
      `#${batch.id}`,
      batch.createdAt.replace('T', ' ').slice(0, 19),
      [batch.osUser, batch.host].filter(Boolean).join('@'),
      t(`kind.${batch.kind}` as Parameters<typeof t>[0]),
      batch.files.join('\n'),
      c.changed !== undefined
        ? t('batchChanged', { count: c.changed })
        : t('batchCounts', {
            read: c.read ?? 0,
            inserted: c.inserted ?? 0,
            updated: c.updated ?? 0,
            unchanged: c.unchanged ?? 0,
          }),
      batch.undoneAt
        ? t('batchUndone', { at: batch.undoneAt.replace('T', ' ').slice(0, 19) })
        : t('batchActive'),
    ]);
  }
  io.stdout.write(table.toString() + '\n');
}

export async function runUndo(
  context: CommandContext,
  batch: string,
  options: { json?: boolean },
): Promise<void> {
  const { t, io, color } = context;
  const id = Number(batch.replace(/^#/, ''));
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(t('badBatchId', { value: batch }));
  const undone = await withDatabase(context, 'write', (db) =>
    watchingFiled(context, db, () => {
      // An undo deletes rows: the register as it was stays in a backup.
      automaticBackup(db, context.dbPath, `before-undo-${id}`, io.now(), t);
      return undoImport(db, context.dbPath, id, io.now, t);
    }),
  );
  if (options.json) io.stdout.write(JSON.stringify({ undone: undone.batchId }) + '\n');
  else
    io.stdout.write(
      `${color.green(t('batchUndoneNow', { id: undone.batchId, files: undone.files.join(', ') }))}\n`,
    );
}
