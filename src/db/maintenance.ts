/** Backups, restores and checks of the register file. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { PeixunError, problem, type Problem } from '../errors.js';
import { PRIVATE_FILE, produceWhole, produceWholeNow, refuseUnreadable } from '../files.js';
import { idCheckCharacter } from '../domain/identity.js';
import { staleEnrolmentsSql, staleTraineesSql, TraineeHistory } from './history.js';
import { CHANGE_TABLES } from './changes.js';
import { SCHEMA_VERSION } from './migrations.js';
import { schemaDifferences } from './schema.js';
import { asDatabaseError, openDatabase, type Db } from './open.js';

/** How many automatic backups of one database are kept; the oldest go first. */
export const AUTOMATIC_BACKUPS_KEPT = 10;

export function backupFolder(dbPath: string): string {
  return join(dirname(dbPath), '.peixun-backups');
}

/**
 * A consistent copy taken before a migration, an undo or a restore: `VACUUM INTO` reads one snapshot while
 * other connections go on. Not inside a transaction.
 */
export function automaticBackup(db: Db, dbPath: string, reason: string, now: Date): string | undefined {
  if (dbPath === ':memory:') return undefined;
  return keepBackup(dbPath, reason, now, (temporary) => db.prepare(`VACUUM INTO ?`).run(temporary));
}

/** A backup file of the register in its folder of backups, written by `write`; only the newest ten are kept. */
function keepBackup(
  dbPath: string,
  reason: string,
  now: Date,
  write: (temporary: string) => unknown,
): string {
  const folder = backupFolder(dbPath);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const name = basename(dbPath).replace(/\.db$/, '');
  let file = join(folder, `${name}-${stamp}-${reason}.db`);
  for (let n = 2; existsSync(file); n++) file = join(folder, `${name}-${stamp}-${reason}-${n}.db`);
  produceWholeNow(file, write);
  // Only this register's backups: `peixun-2023.db`'s share the prefix `peixun-` but not the stamp after it.
  const stamped = new RegExp(`^${escapeRegExp(name)}-\\d{8}T\\d{6}Z-[a-z0-9-]+\\.db$`);
  const ours = readdirSync(folder)
    .filter((entry) => stamped.test(entry))
    .sort();
  for (const old of ours.slice(0, Math.max(0, ours.length - AUTOMATIC_BACKUPS_KEPT)))
    rmSync(join(folder, old));
  return file;
}

/**
 * An automatic backup taken inside the caller's transaction (VACUUM INTO cannot run in one): the register as this
 * connection sees it, written whole, the newest ten kept.
 */
function automaticBackupOf(db: Db, dbPath: string, reason: string, now: Date): string {
  return keepBackup(dbPath, reason, now, (temporary) =>
    writeFileSync(temporary, db.serialize(), { mode: PRIVATE_FILE }),
  );
}

/** SQLite's online backup: a consistent copy even while another command writes. */
export async function backupTo(db: Db, file: string): Promise<void> {
  await produceWhole(file, (temporary) => db.backup(temporary));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A file worth restoring: an intact SQLite database made by this or an earlier peixun. */
export function validateBackup(file: string): number {
  if (!existsSync(file)) throw new PeixunError(problem('fileMissing', { file }));
  // Unreadable, it is no less a register: said as what it is, not as "no peixun database".
  refuseUnreadable(file);
  let source: Db | undefined;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
    const version = source.pragma('user_version', { simple: true }) as number;
    const integrity = source.pragma('integrity_check', { simple: true }) as string;
    const tables = source
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .pluck()
      .all() as string[];
    if (integrity !== 'ok') throw new PeixunError(problem('restoreDamaged', { file, reason: integrity }));
    if (version < 1 || !tables.includes('batches') || !tables.includes('trainees')) {
      throw new PeixunError(problem('restoreNotPeixun', { file }));
    }
    if (version > SCHEMA_VERSION)
      throw new PeixunError(problem('dbTooNew', { path: file, version, supported: SCHEMA_VERSION }));
    const differences = schemaDifferences(source, version);
    if (differences.length > 0) {
      throw new PeixunError(problem('dbForeignSchema', { path: file }), differences.slice(0, 10));
    }
    return version;
  } catch (error) {
    if (error instanceof PeixunError) throw error;
    throw new PeixunError(problem('restoreNotPeixun', { file }));
  } finally {
    source?.close();
  }
}

/**
 * Puts a backup in the register's place. The backup is checked whole (integrity, version, peixun's exact schema),
 * brought to today's schema in a copy of its own, and checked as a register (`db check`: a backup whose references
 * point nowhere is refused). Then, holding the register's write lock from first to last, the register as it is
 * goes to an automatic backup and every table takes the backup's rows, in one transaction: a write another command
 * commits is either in the automatic backup or waits until the restore is over, and a kill midway leaves the
 * register as it was.
 */
export async function restoreFrom(
  dbPath: string,
  file: string,
  now: Date,
  options: { pauseBetweenTablesMs?: number } = {},
): Promise<string | undefined> {
  validateBackup(file);
  const folder = mkdtempSync(join(dirname(dbPath), '.peixun-restore-'));
  try {
    // Through SQLite, so the backup's pending -wal comes along; then migrated in this copy, not in its own file.
    const copy = join(folder, 'source.db');
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await reader.backup(copy);
    } finally {
      reader.close();
    }
    const source = openDatabase(copy, { create: false });
    try {
      const unsound = checkDatabase(source);
      if (unsound.length > 0)
        throw new PeixunError(problem('restoreUnsound', { file }), unsound.slice(0, 10));
    } finally {
      source.close();
    }
    const existed = existsSync(dbPath);
    const target = openDatabase(dbPath, { create: true });
    try {
      return await replaceRows(
        target,
        dbPath,
        copy,
        existed ? now : undefined,
        options.pauseBetweenTablesMs ?? 0,
      );
    } finally {
      target.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The register's rows replaced by the source's, under one write lock; the register kept first when it held any. */
async function replaceRows(
  target: Db,
  dbPath: string,
  source: string,
  keepAt: Date | undefined,
  pauseMs: number,
): Promise<string | undefined> {
  // Tables are replaced one after another, parents and children apart: references are checked whole before the
  // commit instead (foreign keys can only be turned off outside a transaction).
  target.pragma('foreign_keys = OFF');
  try {
    target.exec('BEGIN IMMEDIATE');
  } catch (error) {
    target.pragma('foreign_keys = ON');
    throw asDatabaseError(error, dbPath);
  }
  try {
    // The register as it stands, written while the lock is held: nothing another command commits is lost between.
    const kept = keepAt ? automaticBackupOf(target, dbPath, 'before-restore', keepAt) : undefined;
    target.prepare(`ATTACH ? AS source`).run(source);
    const tables = target
      .prepare(
        `SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    for (const table of tables) {
      target.exec(`DELETE FROM main."${table}"; INSERT INTO main."${table}" SELECT * FROM source."${table}"`);
      // For the kill test only: a pause between tables opens the restore's window wide enough to hit it.
      if (pauseMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
    }
    if ((target.pragma('main.foreign_key_check') as unknown[]).length > 0)
      throw new PeixunError(problem('dbDamaged', { path: dbPath }));
    target.exec('COMMIT');
    target.exec('DETACH source');
    return kept;
  } catch (error) {
    if (target.inTransaction) target.exec('ROLLBACK');
    throw asDatabaseError(error, dbPath);
  } finally {
    target.pragma('foreign_keys = ON');
  }
}

/** Everything that should hold in a register, SQLite's own checks first. Empty: all is well. */
export function checkDatabase(db: Db): Problem[] {
  const problems: Problem[] = schemaDifferences(db, SCHEMA_VERSION).map((difference) =>
    problem('checkSchema', { difference }),
  );
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  for (const row of integrity)
    if (row.integrity_check !== 'ok')
      problems.push(problem('checkIntegrity', { detail: row.integrity_check }));
  const foreign = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const row of foreign)
    problems.push(problem('checkForeignKey', { table: row.table, row: row.rowid, parent: row.parent }));
  const invariants: [Problem, string][] = [
    [
      problem('check.recordOfOtherClass'),
      `SELECT a.id FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id
       JOIN sessions s ON s.id = a.session_id WHERE s.class_id <> e.class_id`,
    ],
    [
      problem('check.unitNotBelowParent'),
      `SELECT u.id FROM units u JOIN units p ON p.id = u.parent_id WHERE u.level <= p.level`,
    ],
    ...CHANGE_TABLES.map((table): [Problem, string] => [
      problem('check.rowOfUndoneBatch', { table }),
      `SELECT t.id FROM ${table} t LEFT JOIN batches b ON b.id = t.batch_id WHERE b.id IS NULL OR b.undone_at IS NOT NULL`,
    ]),
    [
      problem('check.changeOfUndoneBatch'),
      `SELECT c.id FROM batch_changes c JOIN batches b ON b.id = c.batch_id WHERE b.undone_at IS NOT NULL`,
    ],
    // An enrolment counts under the history's group on its class's start; the trainee is their latest entries.
    [problem('check.staleEnrolment'), staleEnrolmentsSql('1')],
    [problem('check.staleTrainee'), staleTraineesSql],
    [
      problem('check.classEndsBeforeStart'),
      `SELECT id FROM classes WHERE end_date IS NOT NULL AND end_date < start_date`,
    ],
  ];
  const listed = (ids: readonly (number | string)[]) =>
    `${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ' …' : ''}`;
  for (const [what, sql] of invariants) {
    const ids = db.prepare(sql).pluck().all() as number[];
    if (ids.length > 0) problems.push(problem('checkRecords', { what, ids: listed(ids) }));
  }
  const stale = new TraineeHistory(db).staleEffectiveUnits();
  if (stale.length > 0)
    problems.push(problem('checkRecords', { what: problem('check.staleEffectiveUnit'), ids: listed(stale) }));
  const ids = db.prepare(`SELECT id, id_number FROM trainees WHERE id_number IS NOT NULL`).all() as {
    id: number;
    id_number: string;
  }[];
  const wrong = ids.filter((row) => idCheckCharacter(row.id_number.slice(0, 17)) !== row.id_number[17]);
  if (wrong.length > 0) {
    const what = problem('check.wrongCheckDigit');
    problems.push(problem('checkRecords', { what, ids: listed(wrong.map((row) => row.id)) }));
  }
  return problems;
}
