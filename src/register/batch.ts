/** Every change made at the terminal is a batch, like an import: listed by `peixun imports`, undone the same way. */
import { ChangeRecorder, createBatch, saveBatchCounts, type WriteEnvironment } from '../db/batches.js';
import { inTransaction } from '../db/open.js';
import { RowWriter } from '../db/rows.js';
import { createdSince, namesBefore, type Created } from '../import/created.js';
import type { MessageKey } from '../i18n/index.js';

export type EditEnvironment = WriteEnvironment;

/**
 * What a batch may be called: a kind the catalogue names (`kind.certificate`), so that `peixun imports` can say it.
 * A kind written without its name there stopped `imports` with an internal error once such a batch existed.
 */
export type EditBatchKind = MessageKey extends infer Key
  ? Key extends `kind.${infer Kind}`
    ? Kind
    : never
  : never;

/**
 * Runs one edit as one transaction and one batch. `what` names the batch in `peixun imports` (the command and
 * its target). Nothing changed: no batch, nothing written.
 */
export async function inEditBatch<T>(
  env: EditEnvironment,
  kind: EditBatchKind,
  what: string,
  work: (writer: RowWriter) => { value: T; changed: number },
): Promise<{ value: T; batchId: number | null; created: Created }> {
  return inTransaction(env.db, env.dbPath, async () => {
    const before = namesBefore(env.db);
    const batchId = createBatch(env.db, {
      kind,
      files: [what],
      createdAt: env.now().toISOString(),
      osUser: env.osUser,
      host: env.host,
    });
    const writer = new RowWriter(env.db, new ChangeRecorder(env.db, batchId), batchId);
    const { value, changed } = work(writer);
    if (changed > 0) saveBatchCounts(env.db, batchId, { changed });
    const created = createdSince(env.db, before, batchId);
    return { value: { value, batchId: changed > 0 ? batchId : null, created }, commit: changed > 0 };
  });
}
