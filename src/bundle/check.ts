/**
 * What a bundle must be before any of its rows is counted. A bundle comes from another office's machine, and its
 * seal only says who made it: a district holding the key, or anyone who has it, can still send rows no register
 * makes. So the file is checked as a stranger's: first its schema, exactly, before any query touches a table (a
 * view over an endless recursive query in place of a table would spin the roll-up for ever); then every value's
 * type and range, the unit tree, the rows against each other, one query each, each refusal one line naming the
 * file. Bounded: every check is one pass over a table of a file already bounded in size.
 */
import Database from 'better-sqlite3';
import { MAX_SESSION_HOURS } from '../domain/attendance.js';
import { visibleText } from '../domain/text.js';
import { PeixunError, problem } from '../errors.js';
import { BUNDLE_KEYS, BUNDLE_SCHEMA, BUNDLE_SCHEMA_V1 } from './format.js';

/** Each format's objects, as `peixun bundle` makes them, made once when first asked for. */
const expectedSchemas = new Map<1 | 2, Map<string, string>>();

function expectedSchema(version: 1 | 2): Map<string, string> {
  let schema = expectedSchemas.get(version);
  if (!schema) {
    const made = new Database(':memory:');
    try {
      made.exec(version === 2 ? BUNDLE_SCHEMA : BUNDLE_SCHEMA_V1);
      schema = schemaOf(made);
      expectedSchemas.set(version, schema);
    } finally {
      made.close();
    }
  }
  return schema;
}

function schemaOf(db: Database.Database): Map<string, string> {
  const rows = db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
  return new Map(rows.map((row) => [`${row.type} ${row.name}`, (row.sql ?? '').replace(/\s+/g, ' ').trim()]));
}

/**
 * The bundle's objects, exactly as `peixun bundle` makes them in one of the formats it reads: nothing more, nothing
 * less, nothing changed. The format whose schema the file has, or what differs from today's.
 */
export function schemaVersion(db: Database.Database): { version: 1 | 2 } | { difference: string } {
  const found = schemaOf(db);
  const difference = (expected: Map<string, string>): string | undefined => {
    for (const [name, sql] of found) {
      const wanted = expected.get(name);
      if (wanted === undefined) return `${name}: not a bundle's`;
      if (wanted !== sql) return `${name}: not as a bundle makes it`;
    }
    for (const name of expected.keys()) if (!found.has(name)) return `${name}: missing`;
    return undefined;
  };
  const today = difference(expectedSchema(2));
  if (today === undefined) return { version: 2 };
  return difference(expectedSchema(1)) === undefined ? { version: 1 } : { difference: today };
}

const ISO_DATE = `(typeof(X) = 'text' AND X GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(X) = X)`;
const isoDate = (column: string) => ISO_DATE.replace(/X/g, column);

/**
 * Each rule: the rows breaking it, as a query of the ids (or keys) at fault. Every column's type is checked, since
 * SQLite keeps any value in any column of a file made by hand.
 */
const RULES: readonly { what: string; sql: string; since?: 2 }[] = [
  {
    what: 'bundle: a key or value not a bundle’s',
    sql: `SELECT key FROM bundle WHERE typeof(key) <> 'text' OR typeof(value) <> 'text'
            OR key NOT IN (${BUNDLE_KEYS.map((key) => `'${key}'`).join(', ')})`,
  },
  {
    what: 'units: an id, level or name out of its type or range',
    sql: `SELECT id FROM units WHERE typeof(id) <> 'integer' OR typeof(level) <> 'integer' OR level NOT IN (1, 2, 3)
            OR typeof(name) <> 'text' OR trim(name) = '' OR instr(name, '/') > 0 OR typeof(path) <> 'text'
            OR (parent_id IS NOT NULL AND typeof(parent_id) <> 'integer')`,
  },
  {
    // Levels going down one at a time from the top: no unit can be its own ancestor, no chain runs for ever.
    what: 'units: a unit not one level below its parent, or without its parent',
    sql: `SELECT u.id FROM units u LEFT JOIN units p ON p.id = u.parent_id
          WHERE (u.parent_id IS NOT NULL AND (p.id IS NULL OR u.level <> p.level + 1))`,
  },
  {
    what: 'units: a path that is not its parent’s path and its name',
    sql: `SELECT u.id FROM units u LEFT JOIN units p ON p.id = u.parent_id
          WHERE u.path <> CASE WHEN u.parent_id IS NULL THEN u.name ELSE p.path || '/' || u.name END`,
  },
  {
    what: 'courses: an id or name out of its type',
    sql: `SELECT id FROM courses WHERE typeof(id) <> 'integer' OR typeof(name) <> 'text'
            OR (category IS NOT NULL AND typeof(category) <> 'text')`,
  },
  {
    what: 'classes: a value out of its type or range',
    sql: `SELECT id FROM classes WHERE typeof(id) <> 'integer' OR typeof(code) <> 'text' OR trim(code) = ''
            OR typeof(name) <> 'text' OR typeof(type) <> 'text' OR NOT ${isoDate('start_date')}
            OR (end_date IS NOT NULL AND (NOT ${isoDate('end_date')} OR end_date < start_date))
            OR (planned_hours IS NOT NULL AND (typeof(planned_hours) NOT IN ('integer', 'real')
                OR planned_hours < 0 OR planned_hours > 2000))
            OR (plan IS NOT NULL AND typeof(plan) <> 'text')
            OR typeof(sessions) <> 'integer' OR sessions < 0
            OR (last_session IS NOT NULL AND NOT ${isoDate('last_session')})
            OR (organiser_unit_id IS NOT NULL AND organiser_unit_id NOT IN (SELECT id FROM units))`,
  },
  {
    what: 'classes: a class starting outside the bundle’s period',
    sql: `SELECT id FROM classes WHERE start_date < (SELECT value FROM bundle WHERE key = 'period_from')
            OR start_date > (SELECT value FROM bundle WHERE key = 'period_to')`,
  },
  {
    what: 'sessions: a session of no class, or a date or slot out of its form',
    sql: `SELECT class_id FROM sessions WHERE class_id NOT IN (SELECT id FROM classes) OR NOT ${isoDate('date')}
            OR typeof(slot) <> 'text' OR slot NOT IN ('', '上午', '下午', '晚上')`,
  },
  {
    what: 'classes: a number of sessions or a last session that is not the sessions’',
    sql: `SELECT c.id FROM classes c LEFT JOIN (SELECT class_id, COUNT(*) AS n, MAX(date) AS last FROM sessions
            GROUP BY class_id) s ON s.class_id = c.id
          WHERE c.sessions <> IFNULL(s.n, 0) OR c.last_session IS NOT s.last`,
  },
  {
    what: 'enrolments: a value out of its type or range',
    sql: `SELECT e.id FROM enrolments e LEFT JOIN classes c ON c.id = e.class_id
          WHERE typeof(e.id) <> 'integer' OR c.id IS NULL OR typeof(e.person) <> 'text' OR trim(e.person) = ''
            OR e.person_kind NOT IN ('city', 'local') OR typeof(e.category) <> 'text'
            OR (e.unit_id IS NOT NULL AND e.unit_id NOT IN (SELECT id FROM units))
            OR typeof(e.records) <> 'integer' OR e.records < 1 OR e.records > c.sessions
            OR typeof(e.attended) <> 'integer' OR e.attended < 0 OR e.attended > e.records
            OR typeof(e.unhoured) <> 'integer' OR e.unhoured < 0 OR e.unhoured > e.attended
            OR typeof(e.hours) NOT IN ('integer', 'real') OR e.hours < 0
            OR e.hours > e.attended * ${MAX_SESSION_HOURS}
            OR typeof(e.completed) <> 'integer' OR e.completed NOT IN (0, 1)`,
  },
  {
    what: 'enrolments: a completion that is not the one-seventh rule’s at the bundle’s threshold',
    sql: `SELECT e.id FROM enrolments e JOIN classes c ON c.id = e.class_id
          WHERE e.completed <> (c.sessions > 0 AND e.attended >= (SELECT CAST(value AS REAL) FROM bundle
                                  WHERE key = 'completion_threshold') * c.sessions - 1e-9)`,
  },
  {
    what: 'enrolments: one person twice in one class',
    sql: `SELECT class_id FROM enrolments GROUP BY class_id, person HAVING COUNT(*) > 1`,
  },
  {
    what: 'enrolment_courses: a course or enrolment that is not there',
    sql: `SELECT enrolment_id FROM enrolment_courses WHERE enrolment_id NOT IN (SELECT id FROM enrolments)
            OR course_id NOT IN (SELECT id FROM courses)`,
  },
  {
    what: 'projects: a unit or class that is not there',
    sql: `SELECT rowid FROM projects WHERE (unit_id IS NOT NULL AND unit_id NOT IN (SELECT id FROM units))
            OR (source_class_id IS NOT NULL AND source_class_id NOT IN (SELECT id FROM classes))`,
  },
  {
    what: 'registered: a unit that is not there, or a count out of its range',
    sql: `SELECT rowid FROM registered WHERE (unit_id IS NOT NULL AND unit_id NOT IN (SELECT id FROM units))
            OR typeof(category) <> 'text' OR typeof(trainees) <> 'integer' OR trainees < 0`,
  },
  {
    what: 'courses: a code out of its type',
    since: 2,
    sql: `SELECT id FROM courses WHERE code IS NOT NULL AND (typeof(code) <> 'text' OR trim(code) = '')`,
  },
  {
    what: 'enrolments: online hours out of their range (0 to the enrolment’s hours)',
    since: 2,
    sql: `SELECT id FROM enrolments WHERE typeof(online_hours) NOT IN ('integer', 'real') OR online_hours < 0
            OR online_hours > hours + 1e-9`,
  },
  {
    what: 'mentorships: a unit that is not there, or a value out of its type',
    since: 2,
    sql: `SELECT id FROM mentorships WHERE typeof(id) <> 'integer' OR typeof(category) <> 'text'
            OR (unit_id IS NOT NULL AND unit_id NOT IN (SELECT id FROM units))`,
  },
  {
    what: 'platform: a unit that is not there, or hours out of their range',
    since: 2,
    sql: `SELECT rowid FROM platform WHERE typeof(category) <> 'text'
            OR (unit_id IS NOT NULL AND unit_id NOT IN (SELECT id FROM units))
            OR typeof(hours) NOT IN ('integer', 'real') OR hours < 0 OR hours > 2000`,
  },
  {
    what: 'totals: a figure not a bundle’s, or a value that is no number',
    sql: `SELECT figure FROM totals WHERE typeof(figure) <> 'text'
            OR (value IS NOT NULL AND typeof(value) NOT IN ('integer', 'real'))`,
  },
];

/** Refuses a bundle whose rows are not what `peixun bundle` makes (its schema checked before); silent when they are. */
export function checkBundle(db: Database.Database, file: string, version: 1 | 2): void {
  const refuse = (reason: string): never => {
    throw new PeixunError(problem('bundleInvalid', { file, reason }));
  };
  for (const rule of RULES) {
    if (rule.since !== undefined && version < rule.since) continue;
    const found = db.prepare(`${rule.sql} LIMIT 3`).pluck().all() as unknown[];
    if (found.length > 0) refuse(`${rule.what} (${found.map(String).join(', ')})`);
  }
}

/** The district's name, as a bundle gives it: said to a terminal and in a report, so no control character. */
export function checkedDistrict(district: string, file: string): string {
  if (district.trim() === '' || visibleText(district) !== district)
    throw new PeixunError(
      problem('bundleInvalid', { file, reason: 'bundle: a district name that is no name' }),
    );
  return district;
}

/** Any name a bundle gives (a unit's, a category, a class's code): shown as it is, so nothing hidden in it. */
export function checkedNames(names: Iterable<string>, file: string): void {
  for (const name of names) {
    if (visibleText(name) !== name)
      throw new PeixunError(
        problem('bundleInvalid', {
          file,
          reason: `a name holding a control character: ${visibleText(name)}`,
        }),
      );
  }
}
