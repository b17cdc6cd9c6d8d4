import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PeixunError } from '../errors.js';
import type { Translator } from '../i18n/index.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Commands that write create a missing database; commands that only read refuse. */
  create: boolean;
  /** How long to wait for another writer before giving up as "busy". */
  busyTimeoutMs?: number;
}

export function openDatabase(path: string, options: OpenOptions, t: Translator): Db {
  if (!options.create && !existsSync(path)) throw new PeixunError(t('dbMissing', { path }));
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create });
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw asDatabaseError(error, path, t);
  }
  try {
    migrate(db, path, options.create, t);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Db, path: string, mayWrite: boolean, t: Translator): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new PeixunError(t('dbTooNew', { path, version, supported: SCHEMA_VERSION }));
  }
  if (version === SCHEMA_VERSION) return;
  if (!mayWrite && version === 0) throw new PeixunError(t('dbMissing', { path }));
  try {
    db.transaction(() => {
      for (let next = version; next < SCHEMA_VERSION; next++) {
        db.exec(MIGRATIONS[next] ?? '');
        db.pragma(`user_version = ${next + 1}`);
      }
    }).immediate();
  } catch (error) {
    throw asDatabaseError(error, path, t);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** SQLite's own failures as one-line reasons: busy, damaged, not a database. */
export function asDatabaseError(error: unknown, path: string, t: Translator): Error {
  if (error instanceof PeixunError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new PeixunError(t('dbBusy', { path }));
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new PeixunError(t('dbDamaged', { path, reason: (error as Error).message }));
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY')) {
    return new PeixunError(t('dbCannotOpen', { path, reason: (error as Error).message }));
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * One command, one transaction. The work may await file reads in between statements; nothing else uses
 * this connection meanwhile, and IMMEDIATE takes the write lock up front so a second writer waits or
 * reports "busy" before it has read anything.
 */
export async function inTransaction<T>(
  db: Db,
  path: string,
  t: Translator,
  work: () => Promise<{ value: T; commit: boolean }>,
): Promise<T> {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw asDatabaseError(error, path, t);
  }
  try {
    const { value, commit } = await work();
    db.exec(commit ? 'COMMIT' : 'ROLLBACK');
    return value;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw asDatabaseError(error, path, t);
  }
}
