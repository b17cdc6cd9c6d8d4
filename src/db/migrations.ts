/**
 * The schema, as numbered migrations. `PRAGMA user_version` holds the number of the last one applied;
 * a new migration is appended, never edited, so every database upgrades along the same path.
 */
import type { Problem } from '../errors.js';
import { migrateToHistory } from './historyMigration.js';
import type { Db } from './handle.js';
import { migrateToSessions } from './sessionsMigration.js';

/**
 * A migration is SQL, or a function where existing rows must be worked through (it runs in the same
 * transaction); a function may leave notes for the person whose register it upgraded.
 */
export type Migration = string | ((db: Db, notes: Problem[]) => void);

export const MIGRATIONS: readonly Migration[] = [
  // 1: the register.
  `
  CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    files TEXT NOT NULL,            -- JSON array of the files read
    created_at TEXT NOT NULL,       -- ISO timestamp
    os_user TEXT,
    host TEXT,
    counts TEXT NOT NULL,           -- JSON of the import result's counts
    undone_at TEXT
  );

  -- 区 (1) → 街镇 (2) → 居村 (3). A unit may lack a parent when a roster named it without one.
  CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES units(id),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    name TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches(id)
  );
  CREATE UNIQUE INDEX units_parent_level_name ON units (IFNULL(parent_id, 0), level, name);

  CREATE TABLE trainees (
    id INTEGER PRIMARY KEY,
    id_number TEXT UNIQUE,
    name TEXT NOT NULL,
    gender TEXT CHECK (gender IN ('男', '女')),
    birth_date TEXT,
    phone TEXT,
    unit_id INTEGER REFERENCES units(id),
    position TEXT,
    category TEXT NOT NULL,
    left_on TEXT,
    batch_id INTEGER NOT NULL REFERENCES batches(id)
  );
  CREATE INDEX trainees_name ON trainees (name);
  CREATE INDEX trainees_unit ON trainees (unit_id);

  CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    organiser_unit_id INTEGER REFERENCES units(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    planned_hours REAL,
    venue TEXT,
    status TEXT CHECK (status IN ('planned', 'running', 'finished', 'cancelled')),
    batch_id INTEGER NOT NULL REFERENCES batches(id)
  );
  CREATE INDEX classes_start_date ON classes (start_date);

  -- The trainee's unit and category when the class was held, so later moves leave history alone.
  CREATE TABLE enrolments (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    trainee_id INTEGER NOT NULL REFERENCES trainees(id),
    unit_id INTEGER REFERENCES units(id),
    category TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    UNIQUE (class_id, trainee_id)
  );
  CREATE INDEX enrolments_trainee ON enrolments (trainee_id);

  CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
    date TEXT NOT NULL,
    slot TEXT NOT NULL CHECK (slot IN ('', '上午', '下午', '晚上')),
    status TEXT NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
    hours REAL,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    UNIQUE (enrolment_id, date, slot)
  );

  -- A row's values before a batch updated it; rows a batch inserted carry its id in batch_id instead.
  CREATE TABLE batch_changes (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    before TEXT NOT NULL
  );
  CREATE INDEX batch_changes_batch ON batch_changes (batch_id);
  CREATE INDEX batch_changes_row ON batch_changes (table_name, row_id);

  CREATE INDEX units_batch ON units (batch_id);
  CREATE INDEX trainees_batch ON trainees (batch_id);
  CREATE INDEX classes_batch ON classes (batch_id);
  CREATE INDEX enrolments_batch ON enrolments (batch_id);
  CREATE INDEX attendance_batch ON attendance (batch_id);
  `,
  // 2: header mappings a person made for files with unfamiliar headers (`import --mapping NAME`).
  `
  CREATE TABLE header_mappings (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    aliases TEXT NOT NULL,          -- JSON: header text → field
    created_at TEXT NOT NULL
  );
  `,
  // 3: reports as they were handed in, so that a later change to their figures is noticed and explained.
  `
  CREATE TABLE filed_reports (
    id INTEGER PRIMARY KEY,
    filed_at TEXT NOT NULL,
    os_user TEXT,
    command TEXT NOT NULL,          -- the command line as typed
    recipe TEXT NOT NULL,           -- JSON: what to compute again (report, period, grouping, threshold …)
    figures TEXT NOT NULL,          -- JSON: the report's data as handed in
    hash TEXT NOT NULL,             -- sha256 of figures
    last_batch INTEGER NOT NULL     -- the newest batch when it was filed
  );
  `,
  // 4: courses (课程) that sessions may name, and practice projects (实践项目) that classes incubate.
  `
  CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT,                  -- 政治理论类, 实务实训类, 政策法规类, 市民素养类 …
    hours REAL,
    teacher TEXT,
    method TEXT,                    -- 教学方式: 讲授, 研讨, 现场教学 …
    batch_id INTEGER NOT NULL REFERENCES batches(id)
  );
  CREATE INDEX courses_batch ON courses (batch_id);
  ALTER TABLE attendance ADD COLUMN course_id INTEGER REFERENCES courses(id);
  CREATE INDEX attendance_course ON attendance (course_id);

  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    approved_on TEXT,               -- 立项日期
    status TEXT,
    source_class_id INTEGER REFERENCES classes(id),
    batch_id INTEGER NOT NULL REFERENCES batches(id)
  );
  CREATE INDEX projects_batch ON projects (batch_id);
  CREATE INDEX projects_approved_on ON projects (approved_on);
  `,
  // 5: edits at the terminal delete rows too (merging two records of one person): undo must put them back.
  `
  ALTER TABLE batch_changes ADD COLUMN action TEXT NOT NULL DEFAULT 'update' CHECK (action IN ('update', 'delete'));
  `,
  // 6: settings of this register, such as the key that makes anonymised exports' pseudonyms stable.
  `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 7: each trainee's unit and category as a dated history; enrolments take their group from it.
  migrateToHistory,
  // 8: 早退 (left early) is a status of its own: attended, yet flagged on the class sheet. SQLite cannot widen a
  // CHECK constraint in place, so the table is rebuilt with its rows and ids (batch_changes names rows by id).
  `
  CREATE TABLE attendance_new (
    id INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
    date TEXT NOT NULL,
    slot TEXT NOT NULL CHECK (slot IN ('', '上午', '下午', '晚上')),
    status TEXT NOT NULL CHECK (status IN ('present', 'late', 'left_early', 'excused', 'absent')),
    hours REAL,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    course_id INTEGER REFERENCES courses(id),
    UNIQUE (enrolment_id, date, slot)
  );
  INSERT INTO attendance_new (id, enrolment_id, date, slot, status, hours, batch_id, course_id)
    SELECT id, enrolment_id, date, slot, status, hours, batch_id, course_id FROM attendance;
  DROP TABLE attendance;
  ALTER TABLE attendance_new RENAME TO attendance;
  CREATE INDEX attendance_batch ON attendance (batch_id);
  CREATE INDEX attendance_course ON attendance (course_id);
  `,
  // 9: training plans (培训计划): what a year's (or a quarter's) classes were meant to deliver; a class names its plan.
  `
  CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT,                      -- 计划类别: 精品示范, 全员轮训, 业务培训, 专题研讨 …
    year INTEGER NOT NULL,
    quarter INTEGER CHECK (quarter BETWEEN 1 AND 4),
    organiser_unit_id INTEGER REFERENCES units(id),
    target_category TEXT,           -- 对象类别, as written
    planned_classes INTEGER,
    planned_participant_times INTEGER,
    planned_hours REAL,             -- 学时 as the summaries count them: hours credited to participants, summed
    batch_id INTEGER NOT NULL REFERENCES batches(id)
  );
  CREATE INDEX plans_batch ON plans (batch_id);
  CREATE INDEX plans_year ON plans (year);
  ALTER TABLE classes ADD COLUMN plan_id INTEGER REFERENCES plans(id);
  CREATE INDEX classes_plan ON classes (plan_id);
  `,
  // 10: mentoring (带教, 以老带新): an experienced trainee paired with a newer one, from a date, until one.
  `
  CREATE TABLE mentorships (
    id INTEGER PRIMARY KEY,
    mentor_id INTEGER NOT NULL REFERENCES trainees(id),
    mentee_id INTEGER NOT NULL REFERENCES trainees(id),
    from_date TEXT NOT NULL,
    to_date TEXT,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    CHECK (mentor_id <> mentee_id),
    CHECK (to_date IS NULL OR to_date >= from_date)
  );
  CREATE INDEX mentorships_mentor ON mentorships (mentor_id);
  CREATE INDEX mentorships_mentee ON mentorships (mentee_id);
  CREATE INDEX mentorships_batch ON mentorships (batch_id);
  `,
  // 11: online and offline. A session is 线下 (offline, the default) or 线上 (online), kept on its sign-in records
  // as its course is; hours learnt on an online platform are credited to the trainee, outside any class.
  `
  ALTER TABLE attendance ADD COLUMN online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1));
  -- Few sessions are online: the summaries ask whether any is before they split hours.
  CREATE INDEX attendance_online ON attendance (online) WHERE online = 1;
  CREATE TABLE online_learning (
    id INTEGER PRIMARY KEY,
    trainee_id INTEGER NOT NULL REFERENCES trainees(id),
    course TEXT NOT NULL,
    hours REAL NOT NULL,
    completed_on TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    UNIQUE (trainee_id, course, completed_on)
  );
  CREATE INDEX online_learning_completed ON online_learning (completed_on);
  CREATE INDEX online_learning_batch ON online_learning (batch_id);
  `,
  // 12: the teachers (师资库), full-time, part-time or invited; a session names its teacher on its sign-in records.
  `
  CREATE TABLE teachers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT CHECK (type IN ('专职', '兼职', '外聘')),
    unit TEXT,                      -- as written: an invited teacher's university or firm is no unit of the register
    specialty TEXT,
    phone TEXT,
    batch_id INTEGER NOT NULL REFERENCES batches(id)
  );
  CREATE INDEX teachers_batch ON teachers (batch_id);
  ALTER TABLE attendance ADD COLUMN teacher TEXT;
  `,
  // 13: venues (实训课堂, 会客厅, 党群服务站, 线上): a class's 地点 is matched to them by name, a session may name its own.
  `
  CREATE TABLE venues (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT,
    unit_id INTEGER REFERENCES units(id),
    capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    batch_id INTEGER NOT NULL REFERENCES batches(id)
  );
  CREATE INDEX venues_batch ON venues (batch_id);
  ALTER TABLE attendance ADD COLUMN venue TEXT;
  `,
  // 14: coverage's denominators (active trainees by unit and category, in every summary) are read from one index
  // instead of the whole table; it serves lookups by unit as the index it replaces did.
  `
  DROP INDEX trainees_unit;
  CREATE INDEX trainees_group ON trainees (unit_id, category, left_on);
  `,
  // 15: the same rules for a sign-in's slot and status, written as CASE. SQLite checks `x IN (three or more
  // values)` through a temporary index it looks each row up in: 2.5 s of a million-row import, against nothing
  // measurable for CASE. Rebuilt with its rows and ids, as in 8.
  `
  CREATE TABLE attendance_new (
    id INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
    date TEXT NOT NULL,
    slot TEXT NOT NULL CHECK (CASE slot WHEN '' THEN 1 WHEN '上午' THEN 1 WHEN '下午' THEN 1 WHEN '晚上' THEN 1 ELSE 0 END),
    status TEXT NOT NULL CHECK (
      CASE status WHEN 'present' THEN 1 WHEN 'late' THEN 1 WHEN 'left_early' THEN 1 WHEN 'excused' THEN 1
        WHEN 'absent' THEN 1 ELSE 0 END
    ),
    hours REAL,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    course_id INTEGER REFERENCES courses(id),
    online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    teacher TEXT,
    venue TEXT,
    UNIQUE (enrolment_id, date, slot)
  );
  INSERT INTO attendance_new (id, enrolment_id, date, slot, status, hours, batch_id, course_id, online, teacher, venue)
    SELECT id, enrolment_id, date, slot, status, hours, batch_id, course_id, online, teacher, venue FROM attendance;
  DROP TABLE attendance;
  ALTER TABLE attendance_new RENAME TO attendance;
  CREATE INDEX attendance_batch ON attendance (batch_id);
  CREATE INDEX attendance_course ON attendance (course_id);
  CREATE INDEX attendance_online ON attendance (online) WHERE online = 1;
  `,
  // 16: the references of sign-ins and enrolments checked when their command commits. For an immediate foreign key,
  // SQLite keeps every page a many-row INSERT changes in a statement journal, to take the statement back should a
  // row fail; an import writes them fifty to a statement, and the journal cost a million-row import gigabytes of
  // page copies (docs/performance.md, sixth round). Deferred, a missing class, trainee or enrolment still fails the
  // command, at its commit, and nothing is written. Both tables rebuilt with their rows and ids; enrolments are
  // the sign-ins' parent, so this one runs with foreign keys off and checked before it commits (open.ts).
  `
  CREATE TABLE attendance_new (
    id INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id) DEFERRABLE INITIALLY DEFERRED,
    date TEXT NOT NULL,
    slot TEXT NOT NULL CHECK (CASE slot WHEN '' THEN 1 WHEN '上午' THEN 1 WHEN '下午' THEN 1 WHEN '晚上' THEN 1 ELSE 0 END),
    status TEXT NOT NULL CHECK (
      CASE status WHEN 'present' THEN 1 WHEN 'late' THEN 1 WHEN 'left_early' THEN 1 WHEN 'excused' THEN 1
        WHEN 'absent' THEN 1 ELSE 0 END
    ),
    hours REAL,
    batch_id INTEGER NOT NULL REFERENCES batches(id) DEFERRABLE INITIALLY DEFERRED,
    course_id INTEGER REFERENCES courses(id) DEFERRABLE INITIALLY DEFERRED,
    online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    teacher TEXT,
    venue TEXT,
    UNIQUE (enrolment_id, date, slot)
  );
  INSERT INTO attendance_new (id, enrolment_id, date, slot, status, hours, batch_id, course_id, online, teacher, venue)
    SELECT id, enrolment_id, date, slot, status, hours, batch_id, course_id, online, teacher, venue FROM attendance;
  DROP TABLE attendance;
  ALTER TABLE attendance_new RENAME TO attendance;
  CREATE INDEX attendance_batch ON attendance (batch_id);
  CREATE INDEX attendance_course ON attendance (course_id);
  CREATE INDEX attendance_online ON attendance (online) WHERE online = 1;

  CREATE TABLE enrolments_new (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id) DEFERRABLE INITIALLY DEFERRED,
    trainee_id INTEGER NOT NULL REFERENCES trainees(id) DEFERRABLE INITIALLY DEFERRED,
    unit_id INTEGER REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    category TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches(id) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (class_id, trainee_id)
  );
  INSERT INTO enrolments_new (id, class_id, trainee_id, unit_id, category, batch_id)
    SELECT id, class_id, trainee_id, unit_id, category, batch_id FROM enrolments;
  DROP TABLE enrolments;
  ALTER TABLE enrolments_new RENAME TO enrolments;
  CREATE INDEX enrolments_trainee ON enrolments (trainee_id);
  CREATE INDEX enrolments_batch ON enrolments (batch_id);
  `,
  // 17: the same for trainees and their history, which a roster writes fifty to a statement. Trainees are the
  // parent of enrolments, histories, mentoring pairs and platform hours: rebuilt with foreign keys off, as 16.
  `
  CREATE TABLE trainees_new (
    id INTEGER PRIMARY KEY,
    id_number TEXT UNIQUE,
    name TEXT NOT NULL,
    gender TEXT CHECK (gender IN ('男', '女')),
    birth_date TEXT,
    phone TEXT,
    unit_id INTEGER REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    position TEXT,
    category TEXT NOT NULL,
    left_on TEXT,
    batch_id INTEGER NOT NULL REFERENCES batches(id) DEFERRABLE INITIALLY DEFERRED
  );
  INSERT INTO trainees_new (id, id_number, name, gender, birth_date, phone, unit_id, position, category, left_on,
      batch_id)
    SELECT id, id_number, name, gender, birth_date, phone, unit_id, position, category, left_on, batch_id
    FROM trainees;
  DROP TABLE trainees;
  ALTER TABLE trainees_new RENAME TO trainees;
  CREATE INDEX trainees_name ON trainees (name);
  CREATE INDEX trainees_batch ON trainees (batch_id);
  CREATE INDEX trainees_group ON trainees (unit_id, category, left_on);

  CREATE TABLE trainee_history_new (
    id INTEGER PRIMARY KEY,
    trainee_id INTEGER NOT NULL REFERENCES trainees(id) DEFERRABLE INITIALLY DEFERRED,
    valid_from TEXT NOT NULL,       -- ISO date from which the entry holds
    unit_id INTEGER REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,   -- NULL: says nothing of the unit
    category TEXT,                  -- NULL: the entry says nothing of the category
    -- An edit names the unit exactly; a roster row may name a coarser one (the 街镇 of a 居村 member).
    exact INTEGER NOT NULL DEFAULT 0,
    -- What the statement amounts to, worked out from the statements before it: a roster's coarser unit that
    -- holds the person's earlier unit keeps that unit (derived; kept up to date with every change).
    effective_unit_id INTEGER REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    batch_id INTEGER NOT NULL REFERENCES batches(id) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (trainee_id, valid_from)
  );
  INSERT INTO trainee_history_new (id, trainee_id, valid_from, unit_id, category, exact, effective_unit_id, batch_id)
    SELECT id, trainee_id, valid_from, unit_id, category, exact, effective_unit_id, batch_id FROM trainee_history;
  DROP TABLE trainee_history;
  ALTER TABLE trainee_history_new RENAME TO trainee_history;
  CREATE INDEX trainee_history_batch ON trainee_history (batch_id);
  CREATE INDEX trainee_history_category ON trainee_history (category);
  `,
  // 18: sessions are records of their own; a sign-in points at its session (sessionsMigration.ts). Sign-ins are
  // rebuilt (their ids kept) and point at sessions: run with foreign keys off, as 16.
  migrateToSessions,
  // 19: online sessions from meeting apps and QR forms: a sign-in keeps the minutes its person was in the
  // session's window (a meeting list's; NULL otherwise), and a nickname an app shows is tied to its trainee once.
  `
  ALTER TABLE attendance ADD COLUMN minutes REAL CHECK (minutes IS NULL OR minutes >= 0);
  CREATE TABLE aliases (
    id INTEGER PRIMARY KEY,
    nickname TEXT NOT NULL,         -- as the app shows it
    nickname_key TEXT NOT NULL UNIQUE,   -- matched on the names' key (domain/names.ts)
    trainee_id INTEGER NOT NULL REFERENCES trainees(id) DEFERRABLE INITIALLY DEFERRED,
    batch_id INTEGER NOT NULL REFERENCES batches(id) DEFERRABLE INITIALLY DEFERRED
  );
  CREATE INDEX aliases_trainee ON aliases (trainee_id);
  CREATE INDEX aliases_batch ON aliases (batch_id);
  `,
  // 20: 结业证书, numbered once per completed enrolment (statistics.md, "Certificates"): a number is never reused;
  // a certificate whose enrolment no longer completes, or that is reissued, is void from a date.
  `
  CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id) DEFERRABLE INITIALLY DEFERRED,
    number TEXT NOT NULL UNIQUE,
    sequence INTEGER NOT NULL CHECK (sequence > 0),   -- within its class
    issued_on TEXT NOT NULL,
    voided_on TEXT,
    batch_id INTEGER NOT NULL REFERENCES batches(id) DEFERRABLE INITIALLY DEFERRED
  );
  CREATE INDEX certificates_enrolment ON certificates (enrolment_id);
  CREATE INDEX certificates_batch ON certificates (batch_id);
  `,
  // 21: a filed report keeps the form as it was printed (title, notes, every cell, in the language handed in), so
  // `filed show` prints it again exactly; a corrected re-filing names the report it replaces.
  `
  ALTER TABLE filed_reports ADD COLUMN shown TEXT;
  ALTER TABLE filed_reports ADD COLUMN replaces INTEGER REFERENCES filed_reports(id);
  CREATE UNIQUE INDEX filed_reports_replaces ON filed_reports (replaces);
  `,
  // 22: the tables imports write by the hundred thousand (sign-ins, enrolments, trainees and their history) without
  // an index by batch. A million-row import kept it up for every row it wrote (7 % of its time, docs/performance.md);
  // only undo, `imports show` and `filed diff` look rows up by batch, once per table, and a scan of a city's
  // million sign-ins takes them tens of milliseconds.
  `
  DROP INDEX attendance_batch;
  DROP INDEX enrolments_batch;
  DROP INDEX trainees_batch;
  DROP INDEX trainee_history_batch;
  `,
];

/** Migrations (by number) that rebuild a table others point at: run with foreign keys off, checked before commit. */
export const WITHOUT_FOREIGN_KEYS: ReadonlySet<number> = new Set([16, 17, 18]);

export const SCHEMA_VERSION = MIGRATIONS.length;
