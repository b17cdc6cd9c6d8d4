/** Undoing an import batch, or saying exactly why it cannot be undone. */
import { getBatch, undoBatch, undoBlock } from '../db/batches.js';
import { inTransaction, type Db } from '../db/open.js';
import { PeixunError } from '../errors.js';
import type { MessageKey, Translator } from '../i18n/index.js';

export async function undoImport(
  db: Db,
  dbPath: string,
  batchId: number,
  now: () => Date,
  t: Translator,
): Promise<{ batchId: number; kind: string; files: string[] }> {
  return inTransaction(db, dbPath, t, async () => {
    const block = undoBlock(db, batchId);
    if (block) {
      switch (block.reason) {
        case 'notFound':
          throw new PeixunError(t('batchNotFound', { id: batchId }));
        case 'alreadyUndone':
          throw new PeixunError(t('batchAlreadyUndone', { id: batchId, at: block.at }));
        case 'laterChange':
          throw new PeixunError(
            t('batchLaterChange', {
              id: batchId,
              table: t.dynamic(`table.${block.table}` as MessageKey),
              later: block.laterBatches.map((id) => `#${id}`).join(', '),
            }),
          );
        case 'laterReference':
          throw new PeixunError(
            t('batchLaterReference', {
              id: batchId,
              table: t.dynamic(`table.${block.table}` as MessageKey),
              child: t.dynamic(`table.${block.child}` as MessageKey),
              later: block.laterBatches.map((id) => `#${id}`).join(', '),
            }),
          );
      }
    }
    const batch = getBatch(db, batchId);
    undoBatch(db, batchId, now().toISOString());
    return { value: { batchId, kind: batch?.kind ?? '', files: batch?.files ?? [] }, commit: true };
  });
}
