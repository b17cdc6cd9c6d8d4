/** Mentoring pairs (带教): who mentors whom, from when, until when. */
import type { Db } from './handle.js';

export interface MentorshipRow {
  id: number;
  mentor_id: number;
  mentee_id: number;
  from_date: string;
  to_date: string | null;
  batch_id: number;
}

/** A pair with both people as listings show them. */
export interface MentorshipListing {
  id: number;
  mentorId: number;
  mentor: string;
  mentorUnitId: number | null;
  menteeId: number;
  mentee: string;
  menteeUnitId: number | null;
  from: string;
  to: string | null;
}

const LISTING = `SELECT m.id, m.mentor_id AS mentorId, a.name AS mentor, a.unit_id AS mentorUnitId,
                        m.mentee_id AS menteeId, b.name AS mentee, b.unit_id AS menteeUnitId,
                        m.from_date AS "from", m.to_date AS "to"
                 FROM mentorships m JOIN trainees a ON a.id = m.mentor_id JOIN trainees b ON b.id = m.mentee_id`;

/** Every pair, or those active on a day (begun, and not ended before it). */
export function mentorshipListing(db: Db, activeOn?: string): MentorshipListing[] {
  return (
    activeOn
      ? db
          .prepare(
            `${LISTING} WHERE m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?) ORDER BY m.from_date, m.id`,
          )
          .all(activeOn, activeOn)
      : db.prepare(`${LISTING} ORDER BY m.from_date, m.id`).all()
  ) as MentorshipListing[];
}

/** The pairs a person is in, as mentor or mentee. */
export function mentorshipsOf(db: Db, traineeId: number): MentorshipListing[] {
  return db
    .prepare(`${LISTING} WHERE m.mentor_id = ? OR m.mentee_id = ? ORDER BY m.from_date, m.id`)
    .all(traineeId, traineeId) as MentorshipListing[];
}

/** The same two people paired over days that meet these: a second pair would count them twice. */
export function overlappingMentorship(
  db: Db,
  mentorId: number,
  menteeId: number,
  from: string,
  to: string | null,
): MentorshipRow | undefined {
  return db
    .prepare(
      `SELECT * FROM mentorships WHERE mentor_id = ? AND mentee_id = ?
       AND from_date <= IFNULL(?, '9999-12-31') AND IFNULL(to_date, '9999-12-31') >= ?`,
    )
    .get(mentorId, menteeId, to, from) as MentorshipRow | undefined;
}

/** The pair of these two people still open (no end date), to end it. */
export function openMentorship(db: Db, mentorId: number, menteeId: number): MentorshipRow | undefined {
  return db
    .prepare(`SELECT * FROM mentorships WHERE mentor_id = ? AND mentee_id = ? AND to_date IS NULL`)
    .get(mentorId, menteeId) as MentorshipRow | undefined;
}

/** Pairs active at some time in a period, with the mentee and the day the pair began. */
export function mentorshipsDuring(db: Db, from: string, to: string) {
  return db
    .prepare(
      `SELECT id, mentee_id AS menteeId, from_date AS "from" FROM mentorships
       WHERE from_date <= ? AND (to_date IS NULL OR to_date >= ?) ORDER BY id`,
    )
    .all(to, from) as { id: number; menteeId: number; from: string }[];
}

/** The stored pairs a person is in, as mentor or mentee. */
export function mentorshipRowsOf(db: Db, traineeId: number): MentorshipRow[] {
  return db
    .prepare(`SELECT * FROM mentorships WHERE mentor_id = ? OR mentee_id = ? ORDER BY id`)
    .all(traineeId, traineeId) as MentorshipRow[];
}

/** The pair of these two people begun on this day, as an import finds the record a row names. */
export function mentorshipFrom(
  db: Db,
  mentorId: number,
  menteeId: number,
  from: string,
): MentorshipRow | undefined {
  return db
    .prepare(`SELECT * FROM mentorships WHERE mentor_id = ? AND mentee_id = ? AND from_date = ?`)
    .get(mentorId, menteeId, from) as MentorshipRow | undefined;
}

/** Every pair with both people's names and ID numbers, for `export mentoring`: a list `import mentoring` reads. */
export function mentorshipRecords(db: Db) {
  return db
    .prepare(
      `SELECT a.name AS mentor, a.id_number AS mentorIdNumber, b.name AS mentee, b.id_number AS menteeIdNumber,
              m.from_date AS "from", m.to_date AS "to"
       FROM mentorships m JOIN trainees a ON a.id = m.mentor_id JOIN trainees b ON b.id = m.mentee_id
       ORDER BY m.from_date, m.id`,
    )
    .all() as {
    mentor: string;
    mentorIdNumber: string | null;
    mentee: string;
    menteeIdNumber: string | null;
    from: string;
    to: string | null;
  }[];
}
