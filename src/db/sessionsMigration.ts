/**
 * Migration 18: a session (class, date, slot) becomes a record of its own, holding its course, teacher, venue,
 * mode, times and hours once; a sign-in points at its session and keeps only its status and hours. Until now each
 * sign-in line carried the session's values, so a 补签 sheet without those columns made its lines offline and
 * teacher-less, and the session's values were whatever line a query met first.
 *
 * Each session takes, for each value, what most of its lines said (a line that said nothing does not count; a
 * tie goes to the earliest line); where lines disagreed, a note says which session and what was kept. Every
 * sign-in keeps its id, so undo's records of them still name the right rows; those records are rewritten in
 * the new shape.
 */
import { problem, type Problem } from '../errors.js';
import type { Db } from './handle.js';

/** The slot and status rules as CASE, for the reason given at migration 15. */
export const SLOT_CHECK = `CASE slot WHEN '' THEN 1 WHEN '上午' THEN 1 WHEN '下午' THEN 1 WHEN '晚上' THEN 1 ELSE 0 END`;

/** The session's values that sign-in lines used to carry, and how the migration reads each. */
const CARRIED = [
  { column: 'course_id', value: 'a.course_id', label: '(SELECT code FROM courses WHERE id = a.course_id)' },
  { column: 'teacher', value: `NULLIF(TRIM(a.teacher), '')`, label: `TRIM(a.teacher)` },
  { column: 'venue', value: `NULLIF(TRIM(a.venue), '')`, label: `TRIM(a.venue)` },
  { column: 'online', value: 'a.online', label: `CASE a.online WHEN 1 THEN '线上' ELSE '线下' END` },
] as const;

export function migrateToSessions(db: Db, notes: Problem[]): void {
  db.exec(`
  CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id) DEFERRABLE INITIALLY DEFERRED,
    date TEXT NOT NULL,
    slot TEXT NOT NULL CHECK (${SLOT_CHECK}),
    start_time TEXT,                -- HH:MM, from a timetable
    end_time TEXT,
    hours REAL CHECK (hours IS NULL OR hours >= 0),   -- NULL: the class's planned hours shared among its sessions
    course_id INTEGER REFERENCES courses(id) DEFERRABLE INITIALLY DEFERRED,
    teacher TEXT,                   -- as written; NULL: the course's teacher
    venue TEXT,                     -- as written; NULL: the class's venue
    online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    batch_id INTEGER NOT NULL REFERENCES batches(id) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (class_id, date, slot)
  );
  CREATE INDEX sessions_batch ON sessions (batch_id);

  INSERT INTO sessions (class_id, date, slot, batch_id)
    SELECT e.class_id, a.date, a.slot, MIN(a.batch_id)
    FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id
    GROUP BY e.class_id, a.date, a.slot ORDER BY MIN(a.id);
  `);
  for (const carried of CARRIED) carrySessionValue(db, carried, notes);

  db.exec(`
  CREATE TABLE attendance_new (
    id INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id) DEFERRABLE INITIALLY DEFERRED,
    session_id INTEGER NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
    status TEXT NOT NULL CHECK (
      CASE status WHEN 'present' THEN 1 WHEN 'late' THEN 1 WHEN 'left_early' THEN 1 WHEN 'excused' THEN 1
        WHEN 'absent' THEN 1 ELSE 0 END
    ),
    hours REAL,
    batch_id INTEGER NOT NULL REFERENCES batches(id) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (enrolment_id, session_id)
  );
  INSERT INTO attendance_new (id, enrolment_id, session_id, status, hours, batch_id)
    SELECT a.id, a.enrolment_id, s.id, a.status, a.hours, a.batch_id
    FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id
    JOIN sessions s ON s.class_id = e.class_id AND s.date = a.date AND s.slot = a.slot;
  DROP TABLE attendance;
  ALTER TABLE attendance_new RENAME TO attendance;
  CREATE INDEX attendance_batch ON attendance (batch_id);
  `);
  rewriteKeptRecords(db);
}

/**
 * A value the lines of a session carried, moved onto the session: the value of most lines (the first written on a
 * tie), and where the lines disagreed, a note of what was kept and what was not.
 */
function carrySessionValue(
  db: Db,
  { column, value, label }: (typeof CARRIED)[number],
  notes: Problem[],
): void {
  // Per session, each value the lines gave, with how many lines gave it and the first of them.
  const votes = db
    .prepare(
      `SELECT s.id AS sessionId, c.code, s.date, s.slot, ${value} AS value, ${label} AS label, COUNT(*) AS lines,
              MIN(a.id) AS first
       FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id
       JOIN sessions s ON s.class_id = e.class_id AND s.date = a.date AND s.slot = a.slot
       JOIN classes c ON c.id = s.class_id
       WHERE ${value} IS NOT NULL
       GROUP BY s.id, ${value} ORDER BY s.id, lines DESC, first`,
    )
    .all() as {
    sessionId: number;
    code: string;
    date: string;
    slot: string;
    value: string | number;
    label: string;
    lines: number;
    first: number;
  }[];
  const set = db.prepare(`UPDATE sessions SET ${column} = ? WHERE id = ?`);
  for (let at = 0; at < votes.length;) {
    const kept = votes[at] as (typeof votes)[number];
    let end = at + 1;
    while (end < votes.length && votes[end]?.sessionId === kept.sessionId) end++;
    set.run(kept.value, kept.sessionId);
    if (end - at > 1) {
      const others = votes.slice(at + 1, end).map((vote) => `${vote.label} (${vote.lines})`);
      notes.push(
        problem('migratedSessionDisagreed', {
          session: `${kept.code} ${kept.date} ${kept.slot}`.trim(),
          field: problem(`sessionField.${column}`),
          kept: `${kept.label} (${kept.lines})`,
          others: others.join(', '),
        }),
      );
    }
    at = end;
  }
}

/**
 * Undo keeps sign-ins as they were before a batch changed or deleted them, as JSON rows of the old shape; they
 * are rewritten in the new one. A kept sign-in whose session no longer has a line (all of them deleted since)
 * gets its session back, from the batch that made the sign-in, so that undo can put it back.
 */
function rewriteKeptRecords(db: Db): void {
  const kept = db
    .prepare(`SELECT id, before FROM batch_changes WHERE table_name = 'attendance' ORDER BY id`)
    .all() as { id: number; before: string }[];
  const classOf = db.prepare(`SELECT class_id FROM enrolments WHERE id = ?`).pluck();
  const findSession = db
    .prepare(`SELECT id FROM sessions WHERE class_id = ? AND date = ? AND slot = ?`)
    .pluck();
  const addSession = db.prepare(
    `INSERT INTO sessions (class_id, date, slot, course_id, teacher, venue, online, batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rewrite = db.prepare(`UPDATE batch_changes SET before = ? WHERE id = ?`);
  for (const change of kept) {
    const row = JSON.parse(change.before) as Record<string, unknown>;
    const classId = classOf.get(row.enrolment_id) as number | undefined;
    if (classId === undefined) continue;
    let sessionId = findSession.get(classId, row.date, row.slot) as number | undefined;
    if (sessionId === undefined) {
      sessionId = Number(
        addSession.run(
          classId,
          row.date,
          row.slot,
          row.course_id ?? null,
          row.teacher ?? null,
          row.venue ?? null,
          row.online ?? 0,
          row.batch_id,
        ).lastInsertRowid,
      );
    }
    const { id, enrolment_id, status, hours, batch_id } = row;
    rewrite.run(
      JSON.stringify({ id, enrolment_id, session_id: sessionId, status, hours, batch_id }),
      change.id,
    );
  }
}
