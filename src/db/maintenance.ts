/** Backups, restores and checks of the register file. */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { PeixunError, problem, type Problem } from '../errors.js';
import { PRIVATE_FILE, produceWhole, produceWholeNow } from '../files.js';
import { idCheckCharacter } from '../import/normalise.js';
import { staleEnrolmentsSql, staleTraineesSql, TraineeHistory } from './history.js';
import { SCHEMA_VERSION } from './migrations.js';
import { schemaDifferences } from './schema.js';
import { asDatabaseError, type Db } from './open.js';

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
  const folder = backupFolder(dbPath);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const name = basename(dbPath).replace(/\.db$/, '');
  let file = join(folder, `${name}-${stamp}-${reason}.db`);
  for (let n = 2; existsSync(file); n++) file = join(folder, `${name}-${stamp}-${reason}-${n}.db`);
  produceWholeNow(file, (temporary) => db.prepare(`VACUUM INTO ?`).run(temporary));
  // Only this register's backups: `peixun-2023.db`'s share the prefix `peixun-` but not the stamp after it.
  const stamped = new RegExp(`^${escapeRegExp(name)}-\\d{8}T\\d{6}Z-[a-z0-9-]+\\.db$`);
  const ours = readdirSync(folder)
    .filter((entry) => stamped.test(entry))
    .sort();
  for (const old of ours.slice(0, Math.max(0, ours.length - AUTOMATIC_BACKUPS_KEPT)))
    rmSync(join(folder, old));
  return file;
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
 * Puts a backup in the register's place, the register it replaces kept as an automatic backup first. The backup
 * is checked whole (integrity, version, peixun's exact schema), then copied into the live register by SQLite's
 * own backup API: one write transaction on the register, so a kill mid-copy leaves the register as it was, another
 * command waits for it or reports "busy" rather than writing across it, and the backup's pending -wal content
 * comes along (it is read through SQLite, not copied as a file).
 */
export async function restoreFrom(
  dbPath: string,
  file: string,
  now: Date,
  current: Db | undefined,
  options: { pauseBetweenPagesMs?: number } = {},
): Promise<string | undefined> {
  validateBackup(file);
  let kept: string | undefined;
  if (current) {
    kept = automaticBackup(current, dbPath, 'before-restore', now);
    current.close();
  } else {
    // A register that did not exist yet is made owner-only before a byte of it is written.
    closeSync(openSync(dbPath, 'a', PRIVATE_FILE));
  }
  const source = new Database(file, { readonly: true, fileMustExist: true });
  const pause = options.pauseBetweenPagesMs ?? 0;
  try {
    await source.backup(dbPath, {
      // All at once: the register's write lock is held for one step. A test slows it to kill it mid-copy.
      progress: () => {
        if (pause > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
        return pause > 0 ? 1 : 0x7fffffff;
      },
    });
  } catch (error) {
    throw asDatabaseError(error, dbPath);
  } finally {
    source.close();
  }
  return kept;
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
    ...[
      'units',
      'trainees',
      'trainee_history',
      'classes',
      'enrolments',
      'sessions',
      'attendance',
      'courses',
      'projects',
      'plans',
      'mentorships',
      'online_learning',
      'teachers',
      'venues',
    ].map((table): [Problem, string] => [
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
