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
});

export function fileReport(db: Db, report: Omit<FiledReport, 'id' | 'lastBatch'>): number {
  const lastBatch = (db.prepare(`SELECT IFNULL(MAX(id), 0) FROM batches`).pluck().get() as number) ?? 0;
  const result = db
    .prepare(
      `INSERT INTO filed_reports (filed_at, os_user, command, recipe, figures, hash, last_batch)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      report.filedAt,
      report.osUser,
      report.command,
      JSON.stringify(report.recipe),
      JSON.stringify(report.figures),
      report.hash,
      lastBatch,
    );
  return Number(result.lastInsertRowid);
}

export function filedReports(db: Db): FiledReport[] {
  return (db.prepare(`SELECT * FROM filed_reports ORDER BY id`).all() as FiledRow[]).map(toReport);
}

export function filedReport(db: Db, id: number): FiledReport | undefined {
  const row = db.prepare(`SELECT * FROM filed_reports WHERE id = ?`).get(id) as FiledRow | undefined;
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
