import { existsSync } from 'node:fs';
import { backupTo, checkDatabase, restoreFrom, validateBackup } from '../../db/maintenance.js';
import { openDatabase, schemaVersion } from '../../db/open.js';
import { PeixunError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';
import { confirmed } from '../prompts.js';

export async function runBackup(context: CommandContext, file: string) {
  const { t, io } = context;
  if (existsSync(file)) throw new PeixunError(t('backupExists', { file }));
  await withDatabase(context, 'read', (db) => backupTo(db, file, t));
  io.stdout.write(`${context.color.green(t('backupWritten', { file }))}\n`);
}

export async function runRestore(context: CommandContext, file: string, options: { yes?: boolean }) {
  const { t, io } = context;
  const version = validateBackup(file, t);
  if (!(await confirmed(context, options.yes, t('confirmRestore', { path: context.dbPath, file })))) return;
  const current = existsSync(context.dbPath) ? openDatabase(context.dbPath, { create: false }, t) : undefined;
  const pause = Number(io.env.PEIXUN_RESTORE_PAUSE_MS);
  const kept = await restoreFrom(context.dbPath, file, t, io.now(), current, {
    // For the kill test only: a pause between pages opens the copy's window wide enough to hit it.
    pauseBetweenPagesMs: Number.isFinite(pause) && pause > 0 ? pause : undefined,
  });
  // Opening it brings an older backup up to today's schema.
  await withDatabase(context, 'read', (db) => schemaVersion(db));
  io.stdout.write(`${context.color.green(t('restored', { path: context.dbPath, file, version }))}\n`);
  if (kept) io.stdout.write(`${t('restoreKept', { file: kept })}\n`);
}

export async function runCheck(context: CommandContext) {
  const { t, io } = context;
  const problems = await withDatabase(context, 'read', (db) => checkDatabase(db));
  if (problems.length > 0)
    throw new PeixunError(t('checkFailed', { path: context.dbPath, count: problems.length }), problems);
  io.stdout.write(`${context.color.green(t('checkClean', { path: context.dbPath }))}\n`);
}
