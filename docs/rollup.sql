-- The city's figures from districts' bundles, in plain SQL (docs/bundles.md, "Past one machine").
-- Runs in SQLite as written, and in DuckDB (ATTACH … (TYPE sqlite)). test/bundles.test.ts runs every part of this
-- file on the test city and compares each figure with `peixun rollup`.
-- Parts are marked `-- @name`; `:bundle` in @load is the bundle file's path, loaded one bundle at a time.
-- For bundles of format 2 (peixun-bundle/2): online hours, mentoring pairs, platform hours, courses by code.

-- @create
CREATE TABLE city_units (district TEXT NOT NULL, id INTEGER NOT NULL, parent_id INTEGER, level INTEGER NOT NULL,
  name TEXT NOT NULL, path TEXT NOT NULL);
CREATE TABLE city_classes (district TEXT NOT NULL, id INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
  type TEXT NOT NULL, organiser_unit_id INTEGER, start_date TEXT NOT NULL, end_date TEXT, planned_hours REAL,
  plan TEXT, sessions INTEGER NOT NULL, last_session TEXT);
CREATE TABLE city_enrolments (district TEXT NOT NULL, id INTEGER NOT NULL, class_id INTEGER NOT NULL,
  person TEXT NOT NULL, person_kind TEXT NOT NULL, unit_id INTEGER, category TEXT NOT NULL, records INTEGER NOT NULL,
  attended INTEGER NOT NULL, hours REAL NOT NULL, unhoured INTEGER NOT NULL, completed INTEGER NOT NULL,
  online_hours REAL NOT NULL);
CREATE TABLE city_courses (district TEXT NOT NULL, id INTEGER NOT NULL, code TEXT, name TEXT NOT NULL,
  category TEXT);
CREATE TABLE city_mentorships (district TEXT NOT NULL, id INTEGER NOT NULL, unit_id INTEGER,
  category TEXT NOT NULL);
CREATE TABLE city_platform (district TEXT NOT NULL, unit_id INTEGER, category TEXT NOT NULL, hours REAL NOT NULL);
CREATE TABLE city_enrolment_courses (district TEXT NOT NULL, enrolment_id INTEGER NOT NULL,
  course_id INTEGER NOT NULL);
CREATE TABLE city_projects (district TEXT NOT NULL, unit_id INTEGER, source_class_id INTEGER);
CREATE TABLE city_registered (district TEXT NOT NULL, unit_id INTEGER, category TEXT NOT NULL,
  trainees INTEGER NOT NULL);

-- @load
ATTACH :bundle AS bundle;
INSERT INTO city_units SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.units;
INSERT INTO city_classes SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.classes;
INSERT INTO city_enrolments
  SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.enrolments;
INSERT INTO city_enrolment_courses
  SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.enrolment_courses;
INSERT INTO city_projects SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.projects;
INSERT INTO city_registered
  SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.registered;
INSERT INTO city_courses SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.courses;
INSERT INTO city_mentorships
  SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.mentorships;
INSERT INTO city_platform SELECT (SELECT value FROM bundle.bundle WHERE key = 'district'), * FROM bundle.platform;
DETACH bundle;

-- @parquet
-- Instead of @create and @load: the same tables as views over the folder that `peixun rollup … --format parquet
-- --out DIR` writes (DIR in place of {dir}), one partition a district and period; then @totals and @by-district
-- run on them unchanged (DuckDB here; Spark and Trino read the same files: docs/bundles.md).
CREATE VIEW city_units AS SELECT * FROM read_parquet('{dir}/units/*/*/*.parquet', hive_partitioning = true);
CREATE VIEW city_classes AS SELECT * FROM read_parquet('{dir}/classes/*/*/*.parquet', hive_partitioning = true);
CREATE VIEW city_enrolments AS SELECT * FROM read_parquet('{dir}/enrolments/*/*/*.parquet', hive_partitioning = true);
CREATE VIEW city_enrolment_courses AS SELECT * FROM read_parquet('{dir}/enrolment_courses/*/*/*.parquet', hive_partitioning = true);
CREATE VIEW city_courses AS SELECT * FROM read_parquet('{dir}/courses/*/*/*.parquet', hive_partitioning = true);
CREATE VIEW city_projects AS SELECT * FROM read_parquet('{dir}/projects/*/*/*.parquet', hive_partitioning = true);
CREATE VIEW city_registered AS SELECT * FROM read_parquet('{dir}/registered/*/*/*.parquet', hive_partitioning = true);
CREATE VIEW city_mentorships AS SELECT * FROM read_parquet('{dir}/mentorships/*/*/*.parquet', hive_partitioning = true);
CREATE VIEW city_platform AS SELECT * FROM read_parquet('{dir}/platform/*/*/*.parquet', hive_partitioning = true);

-- @totals
-- 6/7 is the default completion threshold (docs/statistics.md); a person is their pseudonym, once in 人数.
WITH settings AS (SELECT 6.0 / 7 AS threshold),
facts AS (
  SELECT e.*, c.sessions
  FROM city_enrolments e JOIN city_classes c ON c.district = e.district AND c.id = e.class_id
)
SELECT
  (SELECT COUNT(*) FROM city_classes) AS classes,
  SUM(CASE WHEN attended > 0 THEN 1 ELSE 0 END) AS participant_times,
  COUNT(DISTINCT CASE WHEN attended > 0 THEN person END) AS participants,
  SUM(hours) AS hours,
  1.0 * SUM(attended) / SUM(records) AS attendance_rate,
  1.0 * SUM(CASE WHEN sessions > 0 AND attended >= (SELECT threshold FROM settings) * sessions - 1e-9
                 THEN 1 ELSE 0 END) / COUNT(*) AS completion_rate,
  -- A course is its code and name: the same course taught in two districts is one.
  (SELECT COUNT(*) FROM (SELECT co.code, co.name FROM city_enrolment_courses ec
     JOIN city_courses co ON co.district = ec.district AND co.id = ec.course_id GROUP BY co.code, co.name)
   AS distinct_courses) AS courses,
  (SELECT COUNT(*) FROM city_projects) AS projects,
  (SELECT COUNT(*) FROM city_mentorships) AS mentoring_pairs,
  SUM(online_hours) AS online_hours,
  SUM(hours) - SUM(online_hours) AS offline_hours,
  (SELECT SUM(hours) FROM city_platform) AS platform_hours,
  (SELECT COUNT(*) FROM (
     SELECT person FROM city_enrolments WHERE attended > 0 GROUP BY person HAVING COUNT(DISTINCT district) > 1
   ) AS movers) AS multi_district_participants
FROM facts;

-- @by-district
-- A district's row is its own bundle: its classes, the people they trained, its projects.
WITH settings AS (SELECT 6.0 / 7 AS threshold),
facts AS (
  SELECT e.*, c.sessions
  FROM city_enrolments e JOIN city_classes c ON c.district = e.district AND c.id = e.class_id
),
trained AS (
  SELECT district,
    SUM(CASE WHEN attended > 0 THEN 1 ELSE 0 END) AS participant_times,
    COUNT(DISTINCT CASE WHEN attended > 0 THEN person END) AS participants,
    SUM(hours) AS hours,
    1.0 * SUM(attended) / SUM(records) AS attendance_rate,
    1.0 * SUM(CASE WHEN sessions > 0 AND attended >= (SELECT threshold FROM settings) * sessions - 1e-9
                   THEN 1 ELSE 0 END) / COUNT(*) AS completion_rate
  FROM facts GROUP BY district
),
classes AS (SELECT district, COUNT(*) AS classes FROM city_classes GROUP BY district)
SELECT classes.district, classes.classes, trained.participant_times, trained.participants, trained.hours,
       trained.attendance_rate, trained.completion_rate,
       (SELECT COUNT(*) FROM city_projects p WHERE p.district = classes.district) AS projects,
       (SELECT COUNT(*) FROM city_mentorships m WHERE m.district = classes.district) AS mentoring_pairs,
       (SELECT SUM(hours) FROM city_platform p WHERE p.district = classes.district) AS platform_hours
FROM classes LEFT JOIN trained ON trained.district = classes.district
ORDER BY classes.district;
