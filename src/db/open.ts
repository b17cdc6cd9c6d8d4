import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { fileError, PRIVATE_FILE } from '../files.js';
import Database from 'better-sqlite3';
import { PeixunError, problem, type Problem } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION, WITHOUT_FOREIGN_KEYS } from './migrations.js';
import { schemaDifferences } from './schema.js';

import type { Db } from './handle.js';

export type { Db };

export interface OpenOptions {
  /** Commands that write create a missing database; commands that only read refuse. */
  create: boolean;
  /** How long to wait for another writer before giving up as "busy". */
  busyTimeoutMs?: number;
  /** Called before an existing database is migrated, with its version: the place for a backup. */
  beforeMigration?: (db: Db, fromVersion: number) => void;
  /** What an upgrade has to tell the person whose register it was (a choice it made for them). */
  onMigrationNotes?: (notes: readonly Problem[]) => void;
}

export function openDatabase(path: string, options: OpenOptions): Db {
  const exists = path === ':memory:' || existsSync(path);
  if (!options.create && !exists) throw new PeixunError(problem('dbMissing', { path }));
  if (exists && path !== ':memory:') {
    // A folder, /dev/null or a FIFO is no register: refused before SQLite waits on it or fails obscurely.
    if (!statSync(path).isFile()) throw new PeixunError(problem('dbNotAFile', { path }));
    refuseNewerFile(path);
  }
  // A new register holds ID numbers and phones: readable by its owner only (SQLite gives -wal and -shm the same).
  if (!exists) {
    try {
      closeSync(openSync(path, 'a', PRIVATE_FILE));
    } catch (error) {
      throw fileError(error, path);
    }
  }
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    refuseNewer(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw asDatabaseError(error, path);
  }
  try {
    migrate(db, path, options);
    refuseForeignSchema(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** SQLite's page cache for this connection, in KiB (better-sqlite3 starts it at 16,000). */
export function setPageCache(db: Db, kibibytes: number): void {
  db.pragma(`cache_size = -${Math.trunc(kibibytes)}`);
}

/** A register this command created and wrote nothing into: no batch, report, mapping or setting. */
export function isEmptyRegister(db: Db): boolean {
  return !db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM batches) OR EXISTS (SELECT 1 FROM filed_reports)
         OR EXISTS (SELECT 1 FROM header_mappings) OR EXISTS (SELECT 1 FROM settings)`,
    )
    .pluck()
    .get();
}

export function removeRegister(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * A register from a newer peixun is refused from its file header, before SQLite opens it: opening and closing it
 * would merge its pending -wal, and not a byte of it may change.
 */
function refuseNewerFile(path: string): void {
  const header = Buffer.alloc(100);
  let read = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, header, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return; // SQLite says what is wrong with a file it cannot read.
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return;
  let version = header.readUInt32BE(60);
  // A version written since the last checkpoint is in the -wal: read through a connection that cannot write.
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
    try {
      const reader = new Database(path, { readonly: true, fileMustExist: true });
      try {
        version = Math.max(version, reader.pragma('user_version', { simple: true }) as number);
      } finally {
        reader.close();
      }
    } catch {
      // SQLite says what is wrong when the register is opened for real.
    }
  }
  if (version > SCHEMA_VERSION) {
    throw new PeixunError(problem('dbTooNew', { path, version, supported: SCHEMA_VERSION }));
  }
}

/** Checked before anything writes, so that a database from a newer peixun stays exactly as it was. */
function refuseNewer(db: Db, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new PeixunError(problem('dbTooNew', { path, version, supported: SCHEMA_VERSION }));
  }
}

/** Tables, indexes and nothing else of anyone else's: no trigger, no view, no missing table. */
function refuseForeignSchema(db: Db, path: string): void {
  const differences = schemaDifferences(db, SCHEMA_VERSION);
  if (differences.length > 0)
    throw new PeixunError(problem('dbForeignSchema', { path }), differences.slice(0, 10));
}

function migrate(db: Db, path: string, options: OpenOptions): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (!options.create && version === 0) throw new PeixunError(problem('dbMissing', { path }));
  // An upgrade keeps a copy of the register as it was, in case anything about it goes wrong.
  if (version > 0) options.beforeMigration?.(db, version);
  // A table others point at is rebuilt with foreign keys off (SQLite's way; dropping it otherwise breaks them), which
  // only takes effect outside a transaction; every reference is checked before the upgrade commits.
  let keysOff = false;
  for (let next = version + 1; next <= SCHEMA_VERSION; next++) keysOff ||= WITHOUT_FOREIGN_KEYS.has(next);
  if (keysOff) db.pragma('foreign_keys = OFF');
  // A rebuild joins rows to what they point at: a row pointing nowhere (a damaged file) would be left behind
  // without a word. Such a register is refused before anything is rebuilt.
  if (keysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
    db.pragma('foreign_keys = ON');
    throw new PeixunError(problem('dbDamaged', { path }));
  }
  const notes: Problem[] = [];
  try {
    db.transaction(() => {
      for (let next = version; next < SCHEMA_VERSION; next++) {
        const migration = MIGRATIONS[next] ?? '';
        if (typeof migration === 'string') db.exec(migration);
        else migration(db, notes);
        db.pragma(`user_version = ${next + 1}`);
      }
      if (keysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0)
        throw new PeixunError(problem('dbDamaged', { path }));
    }).immediate();
  } catch (error) {
    throw asDatabaseError(error, path);
  } finally {
    if (keysOff) db.pragma('foreign_keys = ON');
  }
  if (notes.length > 0) options.onMigrationNotes?.(notes);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** SQLite's own failures as one-line reasons: busy, damaged, not a database. */
export function asDatabaseError(error: unknown, path: string): Error {
  if (error instanceof PeixunError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new PeixunError(problem('dbBusy', { path }));
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new PeixunError(problem('dbDamaged', { path }));
  }
  if (code === 'SQLITE_FULL') return new PeixunError(problem('dbDiskFull', { path }));
  // SQLite's own words are English: the person gets which of three it is.
  if (code === 'SQLITE_CANTOPEN')
    return new PeixunError(problem('dbCannotOpen', { path, reason: problem('dbReason.cantOpen') }));
  if (code.startsWith('SQLITE_READONLY'))
    return new PeixunError(problem('dbCannotOpen', { path, reason: problem('dbReason.readOnly') }));
  if (code.startsWith('SQLITE_IOERR'))
    return new PeixunError(problem('dbCannotOpen', { path, reason: problem('dbReason.io') }));
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
  work: () => Promise<{ value: T; commit: boolean }>,
): Promise<T> {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw asDatabaseError(error, path);
  }
  try {
    const { value, commit } = await work();
    db.exec(commit ? 'COMMIT' : 'ROLLBACK');
    return value;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw asDatabaseError(error, path);
  }
}

/** Runs work whose writes are only to look at: whatever it changes is rolled back, however it ends. */
export function rolledBack<T>(db: Db, work: () => T): T {
  db.exec('BEGIN');
  try {
    return work();
  } finally {
    db.exec('ROLLBACK');
  }
}
