/**
 * Reading a district's bundle for the roll-up: the file whole, its schema checked before any table is read, its
 * seal checked under the city's key, every row checked (check.ts), then its rows as they were written. Every
 * refusal names the file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PeixunError, problem } from '../errors.js';
import type { Period } from '../domain/periods.js';
import type { ClassFact, EnrolmentFact } from '../stats/summary.js';
import { keyFingerprint } from '../privacy/pseudonyms.js';
import { checkBundle, checkedDistrict, checkedNames, schemaVersion } from './check.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_V1, BUNDLE_KEYS, isSealed, type BundleKey } from './format.js';

/** Larger than any district's quarter (100,000 enrolments are about 10 MB): a file this big is no bundle. */
const MAX_BUNDLE_BYTES = 1024 * 1024 * 1024;

export interface BundleUnit {
  id: number;
  parentId: number | null;
  level: 1 | 2 | 3;
  name: string;
  path: string;
}

/** A class as a bundle holds it: the facts the summary counts, with the bundle's own id. */
export type BundleClass = Omit<ClassFact, 'district' | 'planId'>;

/** An enrolment as a bundle holds it: the summary's facts, the person a pseudonym instead of a trainee id. */
export type BundleEnrolment = Pick<
  EnrolmentFact,
  'classId' | 'unitId' | 'category' | 'records' | 'attended' | 'hours' | 'unhoured'
> & { id: number; person: string; personKind: 'city' | 'local'; onlineHours: number | null };

/** What a bundle says of itself, read once its seal is checked. */
export interface BundleHeader {
  file: string;
  hash: string;
  /** 2 today; 1 for a bundle made before it carried online hours, pairs, platform hours and course codes. */
  format: 1 | 2;
  district: string;
  period: Period;
  madeAt: string;
  madeBy: string;
  keyFingerprint: string;
  completionThreshold: number;
  registeredOn: string;
  classes: number;
  enrolments: number;
}

/** A bundle's rows, read one bundle at a time: a city's bundles need not all be in memory at once. */
export interface BundleRows {
  units: BundleUnit[];
  classes: BundleClass[];
  enrolments: BundleEnrolment[];
  /** Course ids each enrolment's records name. */
  enrolmentCourses: { enrolmentId: number; courseId: number }[];
  projects: { unitId: number | null; sourceClassId: number | null }[];
  registered: { unitId: number | null; category: string; count: number }[];
  /** Courses by id: a format-1 bundle's have no code. */
  courses: { id: number; code: string | null; name: string }[];
  /** Format 2: mentoring pairs and platform hours under their trainees' groups (none in a format-1 bundle). */
  mentorships: { id: number; unitId: number | null; category: string }[];
  platform: { unitId: number | null; category: string; hours: number }[];
  totals: Map<string, number | null>;
}

/**
 * A bundle's header, its seal checked under the city's key and its rows checked: the roll-up checks every bundle
 * before it counts any row.
 */
export function openBundle(file: string, cityKey: string): BundleHeader {
  return withBundle(file, cityKey, (_db, header) => header);
}

/** The rows of a bundle opened before; the file is checked again, so a bundle changed since is refused too. */
export function readBundleRows(header: BundleHeader, cityKey: string): BundleRows {
  return withBundle(
    header.file,
    cityKey,
    (db, now) => {
      if (now.hash !== header.hash) throw new PeixunError(problem('bundleChanged', { file: header.file }));
      return bundleRows(db, header.file, header.format);
    },
    header.hash,
  );
}

/**
 * `checkedSeal`: the seal of the file as its rows were checked before. A file sealed so under the key is those
 * bytes (no one without the key makes another file of that seal), so its rows are not checked twice.
 */
function withBundle<T>(
  file: string,
  cityKey: string,
  work: (db: Database.Database, header: BundleHeader) => T,
  checkedSeal?: string,
): T {
  if (!existsSync(file)) throw new PeixunError(problem('fileMissing', { file }));
  const stat = statSync(file);
  if (!stat.isFile()) throw new PeixunError(problem('fileNotRegular', { file }));
  if (stat.size > MAX_BUNDLE_BYTES) throw new PeixunError(problem('bundleNotOne', { file }));
  const bytes = readFileSync(file);
  let db: Database.Database;
  try {
    db = new Database(bytes, { readonly: true });
  } catch {
    throw new PeixunError(problem('bundleNotOne', { file }));
  }
  try {
    // Before any table is read: a view or trigger in a table's place is refused unread.
    const schema = schemaVersion(db);
    if ('difference' in schema) {
      // A newer peixun's bundle has other tables: said as such, not as a file no peixun made.
      const format = declaredFormat(db);
      if (format !== undefined && format !== BUNDLE_FORMAT && format !== BUNDLE_FORMAT_V1)
        throw new PeixunError(
          problem('bundleFormat', { file, format, known: `${BUNDLE_FORMAT_V1}, ${BUNDLE_FORMAT}` }),
        );
      throw new PeixunError(problem('bundleInvalid', { file, reason: schema.difference }));
    }
    const meta = readMeta(db, file, schema.version);
    // Made under another key: said as such; then a seal that is not the key's is a changed (or forged) file.
    if (meta.key_fingerprint !== keyFingerprint(cityKey)) {
      throw new PeixunError(
        problem('bundleOtherKey', {
          file,
          fingerprint: meta.key_fingerprint,
          expected: keyFingerprint(cityKey),
        }),
      );
    }
    if (!isSealed(bytes, meta.content_hash, cityKey))
      throw new PeixunError(problem('bundleChanged', { file }));
    if (meta.content_hash !== checkedSeal) checkBundle(db, file, schema.version);
    return work(db, {
      file,
      hash: meta.content_hash,
      format: schema.version,
      district: checkedDistrict(meta.district, file),
      period: { label: meta.period_label, from: meta.period_from, to: meta.period_to },
      madeAt: meta.made_at,
      madeBy: meta.made_by,
      keyFingerprint: meta.key_fingerprint,
      completionThreshold: Number(meta.completion_threshold),
      registeredOn: meta.registered_on,
      classes: db.prepare(`SELECT COUNT(*) FROM classes`).pluck().get() as number,
      enrolments: db.prepare(`SELECT COUNT(*) FROM enrolments`).pluck().get() as number,
    });
  } catch (error) {
    if (error instanceof PeixunError) throw error;
    // A SQLite file without the bundle's tables, or one damaged past reading.
    throw new PeixunError(problem('bundleNotOne', { file }));
  } finally {
    db.close();
  }
}

/**
 * The format a file says it is, read only where its `bundle` is a plain table of key and value (no view, which
 * could run any query): for a file whose tables are not this peixun's.
 */
function declaredFormat(db: Database.Database): string | undefined {
  const table = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'bundle'`)
    .pluck()
    .get() as string | undefined;
  if (
    table === undefined ||
    !/^CREATE TABLE bundle \(\s*key TEXT PRIMARY KEY,\s*value TEXT NOT NULL\s*\)$/.test(table.trim())
  )
    return undefined;
  const format = db.prepare(`SELECT value FROM bundle WHERE key = 'format'`).pluck().get();
  return typeof format === 'string' && /^peixun-bundle\/\d+$/.test(format) ? format : undefined;
}

function bundleRows(db: Database.Database, file: string, format: 1 | 2): BundleRows {
  const rows: BundleRows = {
    units: db
      .prepare(`SELECT id, parent_id AS parentId, level, name, path FROM units ORDER BY id`)
      .all() as BundleUnit[],
    classes: db
      .prepare(
        `SELECT id, code, type, organiser_unit_id AS organiserUnitId, planned_hours AS plannedHours, sessions,
                last_session AS lastSession FROM classes ORDER BY id`,
      )
      .all() as BundleClass[],
    enrolments: db
      .prepare(
        `SELECT id, class_id AS classId, person, person_kind AS personKind, unit_id AS unitId, category,
                records, attended, hours, unhoured, ${format === 2 ? 'online_hours' : 'NULL'} AS onlineHours
         FROM enrolments ORDER BY id`,
      )
      .all() as BundleEnrolment[],
    enrolmentCourses: db
      .prepare(`SELECT enrolment_id AS enrolmentId, course_id AS courseId FROM enrolment_courses`)
      .all() as BundleRows['enrolmentCourses'],
    projects: db
      .prepare(`SELECT unit_id AS unitId, source_class_id AS sourceClassId FROM projects`)
      .all() as BundleRows['projects'],
    registered: db
      .prepare(`SELECT unit_id AS unitId, category, trainees AS count FROM registered`)
      .all() as BundleRows['registered'],
    courses: db
      .prepare(`SELECT id, ${format === 2 ? 'code' : 'NULL'} AS code, name FROM courses ORDER BY id`)
      .all() as BundleRows['courses'],
    mentorships:
      format === 2
        ? (db
            .prepare(`SELECT id, unit_id AS unitId, category FROM mentorships ORDER BY id`)
            .all() as BundleRows['mentorships'])
        : [],
    platform:
      format === 2
        ? (db
            .prepare(`SELECT unit_id AS unitId, category, hours FROM platform ORDER BY rowid`)
            .all() as BundleRows['platform'])
        : [],
    totals: new Map(
      (
        db.prepare(`SELECT figure, value FROM totals`).all() as { figure: string; value: number | null }[]
      ).map((row) => [row.figure, row.value]),
    ),
  };
  // Every name the roll-up may print: a unit's, a class's code and type, a category.
  checkedNames(
    [
      ...rows.units.flatMap((unit) => [unit.name, unit.path]),
      ...rows.classes.flatMap((klass) => [klass.code, klass.type]),
      ...rows.enrolments.map((enrolment) => enrolment.category),
      ...rows.registered.map((group) => group.category),
      ...rows.mentorships.map((pair) => pair.category),
      ...rows.platform.map((record) => record.category),
    ],
    file,
  );
  return rows;
}

function readMeta(db: Database.Database, file: string, version: 1 | 2): Record<BundleKey, string> {
  const rows = db.prepare(`SELECT key, value FROM bundle`).all() as { key: string; value: string }[];
  const meta = Object.fromEntries(rows.map((row) => [row.key, row.value])) as Partial<
    Record<BundleKey, string>
  >;
  // The format the file says it is must be the one its tables are.
  if (meta.format !== (version === 2 ? BUNDLE_FORMAT : BUNDLE_FORMAT_V1)) {
    throw new PeixunError(
      meta.format?.startsWith('peixun-bundle/')
        ? problem('bundleFormat', { file, format: meta.format, known: BUNDLE_FORMAT })
        : problem('bundleNotOne', { file }),
    );
  }
  for (const key of BUNDLE_KEYS)
    if (meta[key] === undefined) throw new PeixunError(problem('bundleNotOne', { file }));
  return meta as Record<BundleKey, string>;
}
