/**
 * Nicknames a meeting app or a QR form shows (`小王老师`), each tied once to its trainee and used by every later
 * import (formats.md, "Meeting exports"). Each change is one batch, undone like an import.
 */
import { aliasOf, aliasRows, insertAlias } from '../db/aliases.js';
import type { Db } from '../db/handle.js';
import { UnitStore } from '../db/units.js';
import { withoutInvisible } from '../domain/text.js';
import { PeixunError, problem } from '../errors.js';
import { inEditBatch, type EditEnvironment } from './batch.js';
import { describeHit, type TraineeHit } from './search.js';

export interface AliasListing {
  nickname: string;
  trainee: string;
  unit: string;
}

export function listAliases(db: Db): AliasListing[] {
  const units = new UnitStore(db);
  return aliasRows(db).map((row) => ({
    nickname: row.nickname,
    trainee: row.name,
    unit: units.path(row.unit_id),
  }));
}

export async function addAlias(env: EditEnvironment, nickname: string, trainee: TraineeHit) {
  const written = withoutInvisible(nickname).normalize('NFKC').trim();
  if (written === '') throw new PeixunError(problem('aliasEmpty'));
  const taken = aliasOf(env.db, written);
  if (taken) {
    if (taken.trainee_id === trainee.id) return { batchId: null, nickname: taken.nickname };
    throw new PeixunError(problem('aliasTaken', { nickname: taken.nickname }));
  }
  const { batchId } = await inEditBatch(
    env,
    'alias add',
    `${written} → ${describeHit(trainee)}`,
    (writer) => {
      insertAlias(writer, written, trainee.id);
      return { value: undefined, changed: 1 };
    },
  );
  return { batchId, nickname: written };
}

export async function removeAlias(env: EditEnvironment, nickname: string) {
  const found = aliasOf(env.db, nickname);
  if (!found) throw new PeixunError(problem('aliasUnknown', { nickname }));
  const { batchId } = await inEditBatch(env, 'alias remove', found.nickname, (writer) => {
    writer.delete('aliases', found);
    return { value: undefined, changed: 1 };
  });
  return { batchId, nickname: found.nickname };
}
