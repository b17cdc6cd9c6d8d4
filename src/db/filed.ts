/** Reports as they were handed in. */
import type { Db } from './handle.js';

export interface FiledReport {
  id: number;
  filedAt: string;
  osUser: string | null;
  command: string;
  recipe: unknown;
  figures: unknown;
  hash: string;
  lastBatch: number;
  /** The form as printed when filed (JSON of the report's table); null for reports filed before peixun kept it. */
  shown: string | null;
  /** The filed report this one corrects (`--file --replaces N`). */
  replaces: number | null;
  /** The filed report that corrects this one. */
  replacedBy: number | null;
}

interface FiledRow {
  id: number;
  filed_at: string;
  os_user: string | null;
  command: string;
  recipe: string;
  figures: string;
  hash: string;
  last_batch: number;
  shown: string | null;
  replaces: number | null;
  replaced_by: number | null;
}

const toReport = (row: FiledRow): FiledReport => ({
  id: row.id,
  filedAt: row.filed_at,
  osUser: row.os_user,
  command: row.command,
  recipe: JSON.parse(row.recipe) as unknown,
  figures: JSON.parse(row.figures) as unknown,
  hash: row.hash,
  lastBatch: row.last_batch,
  shown: row.shown,
  replaces: row.replaces,
  replacedBy: row.replaced_by,
});

const SELECT_FILED = `SELECT f.*, (SELECT r.id FROM filed_reports r WHERE r.replaces = f.id) AS replaced_by
  FROM filed_reports f`;

export function fileReport(db: Db, report: Omit<FiledReport, 'id' | 'lastBatch' | 'replacedBy'>): number {
  const lastBatch = (db.prepare(`SELECT IFNULL(MAX(id), 0) FROM batches`).pluck().get() as number) ?? 0;
  const result = db
    .prepare(
      `INSERT INTO filed_reports (filed_at, os_user, command, recipe, figures, hash, last_batch, shown, replaces)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      report.filedAt,
      report.osUser,
      report.command,
      JSON.stringify(report.recipe),
      JSON.stringify(report.figures),
      report.hash,
      lastBatch,
      report.shown,
      report.replaces,
    );
  return Number(result.lastInsertRowid);
}

export function filedReports(db: Db): FiledReport[] {
  return (db.prepare(`${SELECT_FILED} ORDER BY f.id`).all() as FiledRow[]).map(toReport);
}

export function filedReport(db: Db, id: number): FiledReport | undefined {
  const row = db.prepare(`${SELECT_FILED} WHERE f.id = ?`).get(id) as FiledRow | undefined;
  return row ? toReport(row) : undefined;
}

/** Batches written after a report was filed and still in force, newest first. */
export function batchesSince(db: Db, lastBatch: number): number[] {
  return db
    .prepare(`SELECT id FROM batches WHERE id > ? AND undone_at IS NULL ORDER BY id DESC`)
    .pluck()
    .all(lastBatch) as number[];
}

/** Batches undone after a report was filed: their undo changed the register too. */
export function batchesUndoneSince(db: Db, filedAt: string): number[] {
  return db
    .prepare(`SELECT id FROM batches WHERE undone_at > ? ORDER BY id`)
    .pluck()
    .all(filedAt) as number[];
}
