/**
 * Import batches: every command that writes is one batch. Rows a batch inserts carry its id; rows it
 * updates leave their previous values in batch_changes. That is all undo needs.
 */
import type { Problem } from '../errors.js';
import { TraineeHistory } from './history.js';
import { RecordLabels, referencedTable } from './labels.js';
import { CHANGE_TABLES, ChangeRecorder, type ChangeTable } from './changes.js';
import type { Db } from './handle.js';

export { ChangeRecorder, type ChangeTable };

export interface BatchRecord {
  id: number;
  kind: string;
  files: string[];
  createdAt: string;
  osUser: string | null;
  host: string | null;
  counts: Record<string, number>;
  undoneAt: string | null;
}

/** What every command that writes needs: the database, its path for messages, the language, and who and when. */
export interface WriteEnvironment {
  db: Db;
  dbPath: string;
  /** Words for what a command writes for people to read (a rejects file's reasons), in their language. */
  say: (said: Problem | string) => string;
  now: () => Date;
  osUser: string;
  host: string;
}

export interface BatchOrigin {
  kind: string;
  files: readonly string[];
  createdAt: string;
  osUser: string;
  host: string;
}

export function createBatch(db: Db, origin: BatchOrigin): number {
  const result = db
    .prepare(
      `INSERT INTO batches (kind, files, created_at, os_user, host, counts) VALUES (?, ?, ?, ?, ?, '{}')`,
    )
    .run(origin.kind, JSON.stringify(origin.files), origin.createdAt, origin.osUser, origin.host);
  return Number(result.lastInsertRowid);
}

/** A batch that wrote nothing, taken away before its command commits (one kind of several that changed nothing). */
export function discardBatch(db: Db, batchId: number): void {
  db.prepare(
    `DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM batch_changes WHERE batch_id = ?)`,
  ).run(batchId, batchId);
}

export function saveBatchCounts(db: Db, batchId: number, counts: Record<string, number>): void {
  db.prepare(`UPDATE batches SET counts = ? WHERE id = ?`).run(JSON.stringify(counts), batchId);
}

interface BatchRow {
  id: number;
  kind: string;
  files: string;
  created_at: string;
  os_user: string | null;
  host: string | null;
  counts: string;
  undone_at: string | null;
}

function toRecord(row: BatchRow): BatchRecord {
  return {
    id: row.id,
    kind: row.kind,
    files: JSON.parse(row.files) as string[],
    createdAt: row.created_at,
    osUser: row.os_user,
    host: row.host,
    counts: JSON.parse(row.counts) as Record<string, number>,
    undoneAt: row.undone_at,
  };
}

export function listBatches(db: Db): BatchRecord[] {
  return (db.prepare(`SELECT * FROM batches ORDER BY id`).all() as BatchRow[]).map(toRecord);
}

export function getBatch(db: Db, id: number): BatchRecord | undefined {
  const row = db.prepare(`SELECT * FROM batches WHERE id = ?`).get(id) as BatchRow | undefined;
  return row ? toRecord(row) : undefined;
}

/** Child tables first, so deleting a batch's rows never trips a foreign key. */
const DELETE_ORDER: readonly ChangeTable[] = [
  'certificates',
  'attendance',
  'sessions',
  'mentorships',
  'aliases',
  'online_learning',
  'teachers',
  'venues',
  'projects',
  'courses',
  'enrolments',
  'trainee_history',
  'classes',
  'plans',
  'trainees',
  'units',
];

/**
 * Rows that other rows point at. Enrolments are made implicitly by whichever batch first needs them, and carry
 * nothing a batch stated, so a later batch that uses one simply takes it over. Everything else is a record a
 * batch made: units (a unit a later batch put a unit under, moved a trainee to, named as an organiser …),
 * sessions (with the teacher, venue and mode their first sheet stated), trainees, classes; a later batch built on
 * one makes the undo refuse.
 */
const REFERENCES: readonly { parent: ChangeTable; child: ChangeTable; column: string; handOver: boolean }[] =
  [
    { parent: 'enrolments', child: 'attendance', column: 'enrolment_id', handOver: true },
    { parent: 'sessions', child: 'attendance', column: 'session_id', handOver: false },
    { parent: 'classes', child: 'sessions', column: 'class_id', handOver: false },
    { parent: 'courses', child: 'sessions', column: 'course_id', handOver: false },
    { parent: 'classes', child: 'enrolments', column: 'class_id', handOver: false },
    { parent: 'trainees', child: 'enrolments', column: 'trainee_id', handOver: false },
    { parent: 'trainees', child: 'trainee_history', column: 'trainee_id', handOver: false },
    { parent: 'units', child: 'trainee_history', column: 'unit_id', handOver: false },
    { parent: 'units', child: 'trainee_history', column: 'effective_unit_id', handOver: false },
    { parent: 'units', child: 'enrolments', column: 'unit_id', handOver: false },
    { parent: 'units', child: 'classes', column: 'organiser_unit_id', handOver: false },
    { parent: 'units', child: 'trainees', column: 'unit_id', handOver: false },
    { parent: 'units', child: 'units', column: 'parent_id', handOver: false },
    { parent: 'units', child: 'projects', column: 'unit_id', handOver: false },
    { parent: 'classes', child: 'projects', column: 'source_class_id', handOver: false },
    { parent: 'plans', child: 'classes', column: 'plan_id', handOver: false },
    { parent: 'trainees', child: 'mentorships', column: 'mentor_id', handOver: false },
    { parent: 'trainees', child: 'mentorships', column: 'mentee_id', handOver: false },
    { parent: 'trainees', child: 'online_learning', column: 'trainee_id', handOver: false },
    { parent: 'trainees', child: 'aliases', column: 'trainee_id', handOver: false },
    { parent: 'enrolments', child: 'certificates', column: 'enrolment_id', handOver: false },
    { parent: 'units', child: 'plans', column: 'organiser_unit_id', handOver: false },
    { parent: 'units', child: 'venues', column: 'unit_id', handOver: false },
  ];

export type UndoBlock =
  | { reason: 'notFound' }
  | { reason: 'alreadyUndone'; at: string }
  | { reason: 'laterChange'; table: ChangeTable; laterBatches: number[] }
  | { reason: 'laterReference'; table: ChangeTable; child: ChangeTable; laterBatches: number[] };

/** Why this batch cannot be undone, or undefined when it can. */
export function undoBlock(db: Db, batchId: number): UndoBlock | undefined {
  const batch = getBatch(db, batchId);
  if (!batch) return { reason: 'notFound' };
  if (batch.undoneAt) return { reason: 'alreadyUndone', at: batch.undoneAt };
  for (const table of DELETE_ORDER) {
    // A later batch changed or deleted a row this batch wrote: putting ours back would lose theirs. A row a
    // later batch deleted (a merge) is no longer in its table, but its kept copy names the batch that wrote it.
    const laterChanged = db
      .prepare(
        `SELECT DISTINCT c.batch_id FROM batch_changes c
         JOIN batches b ON b.id = c.batch_id AND b.undone_at IS NULL
         WHERE c.table_name = ? AND c.batch_id > ? AND (c.row_id IN (
           SELECT id FROM ${table} WHERE batch_id = ?
           UNION SELECT row_id FROM batch_changes WHERE batch_id = ? AND table_name = ?)
           OR json_extract(c.before, '$.batch_id') = ?)
         ORDER BY 1`,
      )
      .pluck()
      .all(table, batchId, batchId, batchId, table, batchId) as number[];
    if (laterChanged.length > 0) return { reason: 'laterChange', table, laterBatches: laterChanged };
  }
  for (const reference of REFERENCES.filter((candidate) => !candidate.handOver)) {
    const users = referencingBatches(db, batchId, reference.parent, reference.child, reference.column);
    if (users.length > 0) {
      return {
        reason: 'laterReference',
        table: reference.parent,
        child: reference.child,
        laterBatches: users,
      };
    }
  }
  return undefined;
}

function referencingBatches(
  db: Db,
  batchId: number,
  parent: ChangeTable,
  child: ChangeTable,
  column: string,
) {
  // The batch that made each referencing row, or a later one that pointed it here (`class edit --plan`).
  const rows = db
    .prepare(
      `WITH users AS (SELECT c.id, c.batch_id FROM ${child} c JOIN ${parent} p ON p.id = c.${column}
                      WHERE p.batch_id = ?)
       SELECT DISTINCT batchId FROM (
         SELECT batch_id AS batchId FROM users
         UNION SELECT ch.batch_id FROM batch_changes ch JOIN batches b ON b.id = ch.batch_id AND b.undone_at IS NULL
               WHERE ch.table_name = '${child}' AND ch.row_id IN (SELECT id FROM users))
       WHERE batchId > ? ORDER BY 1`,
    )
    .all(batchId, batchId) as { batchId: number }[];
  return rows.map((row) => row.batchId);
}

/** Puts the database back as it would be without the batch. Call inside a transaction, after undoBlock. */
export function undoBatch(db: Db, batchId: number, undoneAt: string): void {
  const changes = db
    .prepare(
      `SELECT table_name AS tableName, before, action FROM batch_changes WHERE batch_id = ? ORDER BY id DESC`,
    )
    .all(batchId) as { tableName: ChangeTable; before: string; action: 'update' | 'delete' }[];
  // Newest first: each change is taken back in the state the next one left.
  for (const change of changes) {
    const before = JSON.parse(change.before) as Record<string, unknown>;
    if (change.action === 'delete') reinsertRow(db, change.tableName, before);
    else restoreRow(db, change.tableName, before);
  }
  // Implicit rows still in use by later batches pass to the earliest of them instead of being deleted.
  for (const reference of REFERENCES.filter((candidate) => candidate.handOver)) {
    db.prepare(
      `UPDATE ${reference.parent} SET batch_id = (
         SELECT MIN(c.batch_id) FROM ${reference.child} c
         WHERE c.${reference.column} = ${reference.parent}.id AND c.batch_id <> ?)
       WHERE batch_id = ? AND EXISTS (
         SELECT 1 FROM ${reference.child} c WHERE c.${reference.column} = ${reference.parent}.id AND c.batch_id <> ?)`,
    ).run(batchId, batchId, batchId);
  }
  // Units hang from units: delete the deepest first.
  for (const table of DELETE_ORDER) {
    const order = table === 'units' ? 'ORDER BY level DESC' : '';
    const ids = db
      .prepare(`SELECT id FROM ${table} WHERE batch_id = ? ${order}`)
      .pluck()
      .all(batchId) as number[];
    const remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
    for (const id of ids) remove.run(id);
  }
  // The history may have changed under any enrolment: each takes its group from it again.
  new TraineeHistory(db).refreshAll();
  // The batch stays listed, marked undone; what it changed is no longer needed.
  db.prepare(`DELETE FROM batch_changes WHERE batch_id = ?`).run(batchId);
  db.prepare(`UPDATE batches SET undone_at = ? WHERE id = ?`).run(undoneAt, batchId);
}

function reinsertRow(db: Db, table: ChangeTable, row: Record<string, unknown>): void {
  const columns = Object.keys(row);
  db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
  ).run(row);
}

function restoreRow(db: Db, table: ChangeTable, before: Record<string, unknown>): void {
  const columns = Object.keys(before).filter((column) => column !== 'id');
  const assignments = columns.map((column) => `${column} = @${column}`).join(', ');
  db.prepare(`UPDATE ${table} SET ${assignments} WHERE id = @id`).run(before);
}

/** One record a batch changed or deleted: its values before, and what they are after (null: deleted). */
export interface RecordChange {
  table: ChangeTable;
  rowId: number;
  action: 'update' | 'delete';
  before: Record<string, unknown>;
  after: Record<string, unknown> | null;
  /** The record in words (a sign-in by its person and session, a unit by its path; `#id` where it is gone). */
  label: string;
  /** Each reference its values name (`unit_id` 91), in words: `unit_id:91` → `宝山区/高境镇/高境一村居委`. */
  references?: Record<string, string>;
}

export interface BatchDetail {
  batch: BatchRecord;
  /** Records the batch inserted, by table. */
  inserted: Partial<Record<ChangeTable, number>>;
  /** Units the batch created, by name. */
  units: string[];
  changes: RecordChange[];
}

/**
 * What one batch did. A changed record's values after the batch are the next batch's "before" for it, or the
 * record as it stands when no later batch touched it.
 */
export function batchDetail(db: Db, id: number, limit = Number.POSITIVE_INFINITY): BatchDetail | undefined {
  const batch = getBatch(db, id);
  if (!batch) return undefined;
  const inserted: BatchDetail['inserted'] = {};
  for (const table of CHANGE_TABLES) {
    const count = db.prepare(`SELECT COUNT(*) FROM ${table} WHERE batch_id = ?`).pluck().get(id) as number;
    if (count > 0) inserted[table] = count;
  }
  const units = db
    .prepare(`SELECT name FROM units WHERE batch_id = ? ORDER BY id`)
    .pluck()
    .all(id) as string[];
  const rows = db
    .prepare(
      `SELECT table_name, row_id, before, action FROM batch_changes WHERE batch_id = ? ORDER BY id LIMIT ?`,
    )
    .all(id, Number.isFinite(limit) ? limit : -1) as {
    table_name: ChangeTable;
    row_id: number;
    before: string;
    action: 'update' | 'delete';
  }[];
  const later = db.prepare(
    `SELECT before FROM batch_changes WHERE table_name = ? AND row_id = ? AND batch_id > ? ORDER BY batch_id, id LIMIT 1`,
  );
  const labels = new RecordLabels(db);
  const changes = rows.map((row): RecordChange => {
    const before = JSON.parse(row.before) as Record<string, unknown>;
    if (row.action === 'delete')
      return {
        table: row.table_name,
        rowId: row.row_id,
        action: 'delete',
        before,
        after: null,
        label: labels.of(row.table_name, row.row_id),
        references: referencesIn(labels, [before]),
      };
    const next = later.pluck().get(row.table_name, row.row_id, id) as string | undefined;
    const now = db.prepare(`SELECT * FROM ${row.table_name} WHERE id = ?`).get(row.row_id) as
      Record<string, unknown> | undefined;
    const after = next ? (JSON.parse(next) as Record<string, unknown>) : (now ?? null);
    return {
      table: row.table_name,
      rowId: row.row_id,
      action: 'update',
      before,
      after,
      label: labels.of(row.table_name, row.row_id),
      references: referencesIn(labels, after ? [before, after] : [before]),
    };
  });
  return { batch, inserted, units, changes };
}

/** The references of these rows' values in words, keyed `column:id`. */
function referencesIn(
  labels: RecordLabels,
  rows: readonly Record<string, unknown>[],
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      const table = referencedTable(column);
      if (table && typeof value === 'number') found[`${column}:${value}`] = labels.of(table, value);
    }
  }
  return found;
}

/** The register's last batch: how far its history goes (0 for a register that has had none). */
export function latestBatchId(db: Db): number {
  return db.prepare(`SELECT IFNULL(MAX(id), 0) FROM batches`).pluck().get() as number;
}
