/**
 * Migration 7: the dated history of units and categories, built from what the register already knew, so that
 * every existing figure stays as it was. Each enrolment's snapshot becomes an entry dated by its class's start;
 * the trainee's present unit and category follow the day after their last class (or on the day the record was
 * made, for someone never trained).
 */
import type { Db } from './handle.js';

export function migrateToHistory(db: Db): void {
  db.exec(`
  CREATE TABLE trainee_history (
    id INTEGER PRIMARY KEY,
    trainee_id INTEGER NOT NULL REFERENCES trainees(id),
    valid_from TEXT NOT NULL,       -- ISO date from which the entry holds
    unit_id INTEGER REFERENCES units(id),   -- NULL: the entry says nothing of the unit
    category TEXT,                  -- NULL: the entry says nothing of the category
    -- An edit names the unit exactly; a roster row may name a coarser one (the 街镇 of a 居村 member).
    exact INTEGER NOT NULL DEFAULT 0,
    -- What the statement amounts to, worked out from the statements before it: a roster's coarser unit that
    -- holds the person's earlier unit keeps that unit (derived; kept up to date with every change).
    effective_unit_id INTEGER REFERENCES units(id),
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    UNIQUE (trainee_id, valid_from)
  );
  CREATE INDEX trainee_history_batch ON trainee_history (batch_id);
  CREATE INDEX trainee_history_category ON trainee_history (category);
  `);
  const trainees = db
    .prepare(
      `SELECT t.id, t.unit_id AS unitId, t.category, t.batch_id AS batchId, substr(b.created_at, 1, 10) AS made
       FROM trainees t JOIN batches b ON b.id = t.batch_id ORDER BY t.id`,
    )
    .all() as { id: number; unitId: number | null; category: string; batchId: number; made: string }[];
  const snapshots = db.prepare(
    `SELECT c.start_date AS date, e.unit_id AS unitId, e.category FROM enrolments e
     JOIN classes c ON c.id = e.class_id WHERE e.trainee_id = ? ORDER BY c.start_date, e.id`,
  );
  const insert = db.prepare(
    `INSERT INTO trainee_history (trainee_id, valid_from, unit_id, category, batch_id, effective_unit_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const trainee of trainees) {
    const entries = new Map<string, { unitId: number | null; category: string }>();
    let last: { unitId: number | null; category: string } | undefined;
    let lastDate: string | undefined;
    for (const snapshot of snapshots.all(trainee.id) as {
      date: string;
      unitId: number | null;
      category: string;
    }[]) {
      if (!last || last.unitId !== snapshot.unitId || last.category !== snapshot.category) {
        entries.set(snapshot.date, { unitId: snapshot.unitId, category: snapshot.category });
      }
      last = snapshot;
      lastDate = snapshot.date;
    }
    if (!last || last.unitId !== trainee.unitId || last.category !== trainee.category) {
      entries.set(lastDate ? dayAfter(lastDate) : trainee.made, {
        unitId: trainee.unitId,
        category: trainee.category,
      });
    }
    for (const [date, entry] of entries)
      insert.run(trainee.id, date, entry.unitId, entry.category, trainee.batchId, entry.unitId);
  }
}

function dayAfter(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
