import { schemaVersion } from '../../db/open.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';

export async function run(context: CommandContext): Promise<void> {
  const version = await withDatabase(context, 'init', (db) => schemaVersion(db));
  context.io.stdout.write(`${context.t('dbReady', { path: context.dbPath, version })}\n`);
}
