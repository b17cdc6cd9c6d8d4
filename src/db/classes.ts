import { codeKey } from '../domain/names.js';
import { editDistance } from '../domain/text.js';
import { PeixunError, problem } from '../errors.js';
import { CodedStore } from './coded.js';
import type { Db } from './handle.js';

export interface ClassRow {
  id: number;
  code: string;
  name: string;
  type: string;
  organiser_unit_id: number | null;
  start_date: string;
  end_date: string | null;
  planned_hours: number | null;
  venue: string | null;
  status: string | null;
  /** The training plan the class delivers (培训计划), if it names one. */
  plan_id: number | null;
  batch_id: number;
}

export type ClassValues = Omit<ClassRow, 'id' | 'batch_id'>;

/** A class as listings and reports show it: the organiser as a unit path, names as people read them. */
export interface ClassDetails {
  code: string;
  name: string;
  type: string;
  organiser: string;
  startDate: string;
  endDate: string | null;
  plannedHours: number | null;
  venue: string | null;
  status: string | null;
}

export function classDetails(row: ClassRow, organiserPath: string): ClassDetails {
  return {
    code: row.code,
    name: row.name,
    type: row.type,
    organiser: organiserPath,
    startDate: row.start_date,
    endDate: row.end_date,
    plannedHours: row.planned_hours,
    venue: row.venue,
    status: row.status,
  };
}

export class ClassStore extends CodedStore<ClassRow> {
  constructor(db: Db) {
    super(db, 'classes');
  }
}

export interface CourseRow {
  id: number;
  code: string;
  name: string;
  category: string | null;
  hours: number | null;
  teacher: string | null;
  method: string | null;
  batch_id: number;
}

export class CourseStore extends CodedStore<CourseRow> {
  constructor(db: Db) {
    super(db, 'courses');
  }
}

export interface ProjectRow {
  id: number;
  code: string;
  name: string;
  unit_id: number | null;
  approved_on: string | null;
  status: string | null;
  source_class_id: number | null;
  batch_id: number;
}

export class ProjectStore extends CodedStore<ProjectRow> {
  constructor(db: Db) {
    super(db, 'projects');
  }
}

export interface PlanRow {
  id: number;
  code: string;
  name: string;
  kind: string | null;
  year: number;
  quarter: number | null;
  organiser_unit_id: number | null;
  target_category: string | null;
  planned_classes: number | null;
  planned_participant_times: number | null;
  planned_hours: number | null;
  batch_id: number;
}

export class PlanStore extends CodedStore<PlanRow> {
  constructor(db: Db) {
    super(db, 'plans');
  }
}

/** The class types in use, for choosing one. */
export function classTypes(db: Db): string[] {
  return db.prepare(`SELECT DISTINCT type FROM classes ORDER BY type`).pluck().all() as string[];
}

export function classByCode(db: Db, code: string): ClassRow | undefined {
  return db.prepare(`SELECT * FROM classes WHERE code = ?`).get(code) as ClassRow | undefined;
}

/** Every class whose code has the same {@link codeKey} as `code`: what a new code may not share. */
export function classesCoded(db: Db, code: string): ClassRow[] {
  const key = codeKey(code);
  // SQLite's NOCASE folds ASCII only (not é and É): the codes are compared here, by the domain's rule.
  const codes = db.prepare(`SELECT id, code FROM classes`).all() as { id: number; code: string }[];
  return codes.filter((row) => codeKey(row.code) === key).flatMap((row) => classById(db, row.id) ?? []);
}

/** A class as a person names it: its code, else the one code of the same key (`k1` for `K1`, `é1` for `É1`). */
export function classNamed(db: Db, code: string): ClassRow | undefined {
  const exact = classByCode(db, code);
  if (exact) return exact;
  const folded = classesCoded(db, code);
  return folded.length === 1 ? folded[0] : undefined;
}

/**
 * The codes a person may have meant by one the register does not hold: codes that begin with or contain what was
 * typed (`GJ2023` for GJ2023-01…), else codes one or two keystrokes away; at most `limit`, in code order.
 */
export function nearClassCodes(db: Db, typed: string, limit = 5): string[] {
  const key = codeKey(typed);
  if (key === '') return [];
  const codes = db.prepare(`SELECT code FROM classes ORDER BY code`).pluck().all() as string[];
  const containing = codes.filter((code) => codeKey(code).includes(key));
  if (containing.length > 0) return containing.slice(0, limit);
  const allowed = key.length <= 4 ? 1 : 2;
  return codes.filter((code) => editDistance(key, codeKey(code), allowed) <= allowed).slice(0, limit);
}

/** No class of that code: said with the codes the person may have meant. */
export function classNotFound(db: Db, code: string): PeixunError {
  const near = nearClassCodes(db, code);
  return new PeixunError(
    near.length > 0
      ? problem('classNotFoundNear', { code, near: near.join(' ') })
      : problem('classNotFound', { code }),
  );
}

export function classById(db: Db, id: number): ClassRow | undefined {
  return db.prepare(`SELECT * FROM classes WHERE id = ?`).get(id) as ClassRow | undefined;
}

export interface ClassWithCounts extends ClassRow {
  /** Sessions with any sign-in recorded. */
  sessions: number;
  /** People on the class's roster. */
  trainees: number;
}

/** Classes starting within the dates (either end open), with their sessions and roster sizes. */
export function classesStartingBetween(
  db: Db,
  from: string | undefined,
  to: string | undefined,
): ClassWithCounts[] {
  return db
    .prepare(
      `SELECT c.*, COUNT(DISTINCT a.session_id) AS sessions, COUNT(DISTINCT e.id) AS trainees
       FROM classes c LEFT JOIN enrolments e ON e.class_id = c.id LEFT JOIN attendance a ON a.enrolment_id = e.id
       WHERE c.start_date BETWEEN ? AND ?
       GROUP BY c.id ORDER BY c.start_date, c.code`,
    )
    .all(from ?? '0000-01-01', to ?? '9999-12-31') as ClassWithCounts[];
}

/** The plans of these years, by year, quarter (the whole year's first) and code. */
export function plansOfYears(db: Db, from: number, to: number): PlanRow[] {
  return db
    .prepare(`SELECT * FROM plans WHERE year BETWEEN ? AND ? ORDER BY year, IFNULL(quarter, 0), code`)
    .all(from, to) as PlanRow[];
}

export function planById(db: Db, id: number): PlanRow | undefined {
  return db.prepare(`SELECT * FROM plans WHERE id = ?`).get(id) as PlanRow | undefined;
}
