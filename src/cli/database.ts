import { hostname } from 'node:os';
import type { WriteEnvironment } from '../db/batches.js';
import { automaticBackup } from '../db/maintenance.js';
import { openDatabase, type Db } from '../db/open.js';
import { changedBetween, currentHashes } from '../filed/filed.js';
import type { CommandContext } from './context.js';
import { osUser } from './os.js';

/** Opens the command's database, runs the work, and always closes it. */
export async function withDatabase<T>(
  context: CommandContext,
  mode: 'read' | 'write',
  work: (db: Db) => Promise<T> | T,
): Promise<T> {
  const busy = Number(context.io.env.PEIXUN_BUSY_TIMEOUT_MS);
  const db = openDatabase(
    context.dbPath,
    {
      create: mode === 'write',
      busyTimeoutMs: Number.isFinite(busy) && busy >= 0 ? busy : undefined,
      beforeMigration: (opened, from) => {
        automaticBackup(opened, context.dbPath, `before-migration-v${from}`, context.io.now(), context.t);
      },
    },
    context.t,
  );
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/**
 * Runs a command that writes, and warns at its end when it changed the figures of a report already handed in
 * (a late import, an undo).
 */
export async function watchingFiled<T>(context: CommandContext, db: Db, work: () => Promise<T>): Promise<T> {
  const before = currentHashes(db, context.t);
  const result = await work();
  if (before.size > 0) {
    for (const id of changedBetween(db, before, currentHashes(db, context.t))) {
      context.warnAtEnd(context.t('filedChangedWarning', { id }));
    }
  }
  return result;
}

/** The environment of a command that writes: who runs it, on which host, and when. */
export function writeEnvironment(context: CommandContext, db: Db): WriteEnvironment {
  return {
    db,
    dbPath: context.dbPath,
    t: context.t,
    now: context.io.now,
    osUser: osUser(),
    host: hostname(),
  };
}
