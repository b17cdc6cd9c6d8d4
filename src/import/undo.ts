/** Undoing an import batch, or saying exactly why it cannot be undone. */
import { getBatch, undoBatch, undoBlock } from '../db/batches.js';
import { inTransaction, type Db } from '../db/open.js';
import { dynamicProblem, PeixunError, problem } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';

export async function undoImport(
  db: Db,
  dbPath: string,
  batchId: number,
  now: () => Date,
): Promise<{ batchId: number; kind: string; files: string[] }> {
  return inTransaction(db, dbPath, async () => {
    const block = undoBlock(db, batchId);
    if (block) {
      switch (block.reason) {
        case 'notFound':
          throw new PeixunError(problem('batchNotFound', { id: batchId }));
        case 'alreadyUndone':
          throw new PeixunError(problem('batchAlreadyUndone', { id: batchId, at: block.at }));
        case 'laterChange':
          throw new PeixunError(
            problem('batchLaterChange', {
              id: batchId,
              table: dynamicProblem(`table.${block.table}` as MessageKey),
              later: block.laterBatches.map((id) => `#${id}`).join(', '),
            }),
          );
        case 'laterReference':
          throw new PeixunError(
            problem('batchLaterReference', {
              id: batchId,
              table: dynamicProblem(`table.${block.table}` as MessageKey),
              child: dynamicProblem(`table.${block.child}` as MessageKey),
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
