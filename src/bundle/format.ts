/**
 * A district's bundle: one SQLite file the city reads with peixun or with any SQL engine (docs/bundles.md has the
 * tables). Its last step seals it: an HMAC-SHA-256 of the whole file under the city's key, computed with the
 * seal's own place holding a placeholder, is written into that place. Any byte changed anywhere, in a row, in a
 * page's free space or in the header (the district, the period and the moment it was made among them), breaks the
 * seal, and no one without the key can make a new one: a plain hash anyone could compute again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The format this peixun writes. 2 added what the quarterly report counts besides classes and enrolments: each
 * enrolment's online hours, mentoring pairs, platform hours, and courses by code (the same course in two districts is
 * one course). A bundle of format 1 is still read: those figures are then not available, never 0.
 */
export const BUNDLE_FORMAT = 'peixun-bundle/2';
export const BUNDLE_FORMAT_V1 = 'peixun-bundle/1';

/** Where the seal goes; 64 characters, the length of a SHA-256 in hex, found once in a file before sealing. */
export const SEAL_PLACEHOLDER = 'peixun bundle seal: this text becomes the SHA-256 of the file...';

/** The tables both formats have, as format 1 wrote them (format 2 adds columns to courses and enrolments). */
const TABLES = {
  bundle: `CREATE TABLE bundle (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );`,
  units: `CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES units(id),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    name TEXT NOT NULL,
    path TEXT NOT NULL
  );`,
  classes: `CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    organiser_unit_id INTEGER REFERENCES units(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    planned_hours REAL,
    plan TEXT,
    sessions INTEGER NOT NULL,
    last_session TEXT
  );`,
  sessions: `CREATE TABLE sessions (
    class_id INTEGER NOT NULL REFERENCES classes(id),
    date TEXT NOT NULL,
    slot TEXT NOT NULL,
    PRIMARY KEY (class_id, date, slot)
  );`,
  enrolmentCourses: `CREATE TABLE enrolment_courses (
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
    course_id INTEGER NOT NULL REFERENCES courses(id),
    PRIMARY KEY (enrolment_id, course_id)
  );`,
  projects: `CREATE TABLE projects (
    unit_id INTEGER REFERENCES units(id),
    source_class_id INTEGER REFERENCES classes(id)
  );`,
  registered: `CREATE TABLE registered (
    unit_id INTEGER REFERENCES units(id),
    category TEXT NOT NULL,
    trainees INTEGER NOT NULL
  );`,
  totals: `CREATE TABLE totals (
    figure TEXT PRIMARY KEY,
    value REAL
  );`,
};

const ENROLMENT_COLUMNS = `
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    person TEXT NOT NULL,
    person_kind TEXT NOT NULL CHECK (person_kind IN ('city', 'local')),
    unit_id INTEGER REFERENCES units(id),
    category TEXT NOT NULL,
    records INTEGER NOT NULL,
    attended INTEGER NOT NULL,
    hours REAL NOT NULL,
    unhoured INTEGER NOT NULL,
    completed INTEGER NOT NULL CHECK (completed IN (0, 1))`;

export const BUNDLE_SCHEMA = [
  TABLES.bundle,
  TABLES.units,
  `CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    code TEXT,
    name TEXT NOT NULL,
    category TEXT
  );`,
  TABLES.classes,
  TABLES.sessions,
  `CREATE TABLE enrolments (${ENROLMENT_COLUMNS},
    online_hours REAL NOT NULL
  );`,
  TABLES.enrolmentCourses,
  TABLES.projects,
  TABLES.registered,
  `CREATE TABLE mentorships (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER REFERENCES units(id),
    category TEXT NOT NULL
  );`,
  `CREATE TABLE platform (
    unit_id INTEGER REFERENCES units(id),
    category TEXT NOT NULL,
    hours REAL NOT NULL
  );`,
  TABLES.totals,
].join('\n');

/** Format 1's tables, as peixun before format 2 wrote them: read, never written. */
export const BUNDLE_SCHEMA_V1 = [
  TABLES.bundle,
  TABLES.units,
  `CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT
  );`,
  TABLES.classes,
  TABLES.sessions,
  `CREATE TABLE enrolments (${ENROLMENT_COLUMNS}
  );`,
  TABLES.enrolmentCourses,
  TABLES.projects,
  TABLES.registered,
  TABLES.totals,
].join('\n');

/** The keys of the `bundle` table, each a text value. */
export const BUNDLE_KEYS = [
  'format',
  'district',
  'period_label',
  'period_from',
  'period_to',
  'made_at',
  'made_by',
  'peixun_version',
  'register_schema',
  'register_batch',
  'key_fingerprint',
  'completion_threshold',
  'registered_on',
  'content_hash',
] as const;
export type BundleKey = (typeof BUNDLE_KEYS)[number];

const keyedHash = (key: string, bytes: Uint8Array) => createHmac('sha256', key).update(bytes).digest('hex');

/** Writes the file's seal under the key in the placeholder's place; the placeholder must be there exactly once. */
export function seal(bytes: Buffer, key: string): { sealed: Buffer; hash: string } {
  const at = onlyPlace(bytes, SEAL_PLACEHOLDER);
  if (at === undefined) throw new Error('bundle: the seal placeholder is not in the file exactly once');
  const hash = keyedHash(key, bytes);
  const sealed = Buffer.from(bytes);
  sealed.write(hash, at, 'latin1');
  return { sealed, hash };
}

/** Whether the file is as sealed under the key: its seal, with the placeholder back in its place, is the seal. */
export function isSealed(bytes: Buffer, hash: string, key: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(hash)) return false;
  const at = onlyPlace(bytes, hash);
  if (at === undefined) return false;
  const unsealed = Buffer.from(bytes);
  unsealed.write(SEAL_PLACEHOLDER, at, 'latin1');
  return timingSafeEqual(Buffer.from(keyedHash(key, unsealed), 'latin1'), Buffer.from(hash, 'latin1'));
}

function onlyPlace(bytes: Buffer, text: string): number | undefined {
  const at = bytes.indexOf(text, 0, 'latin1');
  return at >= 0 && bytes.indexOf(text, at + 1, 'latin1') < 0 ? at : undefined;
}
