import { openDatabase, type Db } from '../db/open.js';
import type { CommandContext } from './context.js';

/** Opens the command's database, runs the work, and always closes it. */
export async function withDatabase<T>(
  context: CommandContext,
  mode: 'read' | 'write',
  work: (db: Db) => Promise<T> | T,
): Promise<T> {
  const db = openDatabase(context.dbPath, { create: mode === 'write' }, context.t);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}
