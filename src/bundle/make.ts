/**
 * `peixun bundle`: one period of a district's register as the city needs it, and nothing more. The rows are the
 * facts the quarterly summary counts (src/stats/summary.ts), so the city's figures are the districts' own; each
 * person is a pseudonym under the city's key (docs/bundles.md says what a bundle does and does not reveal).
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { latestBatchId } from '../db/batches.js';
import { classById, planById } from '../db/classes.js';
import { courseById } from '../db/courses.js';
import type { Db } from '../db/handle.js';
import { traineeById } from '../db/trainees.js';
import { schemaVersion } from '../db/open.js';
import { UnitStore } from '../db/units.js';
import { cityPseudonym, keyFingerprint } from '../privacy/pseudonyms.js';
import type { Period } from '../domain/periods.js';
import {
  activeTraineeGroups,
  countSummary,
  periodFacts,
  periodSessions,
  type Figures,
  type PeriodFacts,
  type RegisteredGroup,
} from '../stats/summary.js';
import { unitKey } from '../domain/units.js';
import { PeixunError, problem } from '../errors.js';
import { isComplete } from '../domain/attendance.js';
import { BUNDLE_FORMAT, BUNDLE_SCHEMA, seal, SEAL_PLACEHOLDER, type BundleKey } from './format.js';

export interface BundleRequest {
  period: Period;
  completionThreshold: number;
  cityKey: string;
  district: string;
  /** ISO timestamp. */
  madeAt: string;
  madeBy: string;
  /** The day whose active trainees are coverage's denominators. */
  today: string;
  peixunVersion: string;
}

export interface MadeBundle {
  bytes: Buffer;
  hash: string;
  district: string;
  period: Period;
  keyFingerprint: string;
  classes: number;
  enrolments: number;
  /** Distinct people, and those of them without an ID number (their pseudonyms hold in this bundle only). */
  people: number;
  localPeople: number;
  total: Figures;
  /** What the register holds of other districts, left out of this one's bundle. */
  leftOut: LeftOut;
}

/** What the register holds of other districts, left out of this one's bundle: their classes, their trainees. */
export interface LeftOut {
  /** The period's classes organised by other districts' units, by code. */
  classes: { code: string; district: string }[];
  /** Active trainees of other districts' units (no part of this district's coverage), by district. */
  trainees: { district: string; count: number }[];
}

/**
 * The period's facts of the district the bundle speaks for, where the register holds others too (a city register,
 * a street moved in from a neighbour): the classes its units organised (or nobody named), their enrolments whoever
 * came, and its units' projects, pairs, platform hours and active trainees. The rest is counted in what is left out.
 */
function districtFacts(
  units: UnitStore,
  district: string,
  all: PeriodFacts,
  registered: RegisteredGroup[],
): { facts: PeriodFacts; registered: RegisteredGroup[]; leftOut: LeftOut } {
  const tops = units.all().filter((unit) => unit.level === 1);
  if (tops.length <= 1 && (tops.length === 0 || unitKey(tops[0]?.name ?? '') === unitKey(district)))
    return { facts: all, registered, leftOut: { classes: [], trainees: [] } };
  const own = tops.find((unit) => unitKey(unit.name) === unitKey(district));
  if (!own)
    throw new PeixunError(
      problem('districtNotHeld', { value: district, names: tops.map((unit) => unit.name).join('、') }),
    );
  const districtOf = (unitId: number | null) => units.ancestorAt(unitId, 1)?.name ?? '—';
  const inside = (unitId: number | null) => unitId === null || units.isWithin(unitId, own.id);
  const classes = all.classes.filter((fact) => inside(fact.organiserUnitId));
  const kept = new Set(classes.map((fact) => fact.id));
  const trainees = new Map<string, number>();
  for (const group of registered)
    if (!inside(group.unitId))
      trainees.set(districtOf(group.unitId), (trainees.get(districtOf(group.unitId)) ?? 0) + group.count);
  const leftOut: LeftOut = {
    classes: all.classes
      .filter((fact) => !kept.has(fact.id))
      .map((fact) => ({ code: fact.code, district: districtOf(fact.organiserUnitId) })),
    trainees: [...trainees].map(([name, count]) => ({ district: name, count })),
  };
  return {
    facts: {
      classes,
      enrolments: all.enrolments.filter((fact) => kept.has(fact.classId)),
      projects: all.projects.filter((fact) => inside(fact.unitId)),
      mentorships: (all.mentorships ?? []).filter((fact) => inside(fact.unitId)),
      platform: (all.platform ?? []).filter((fact) => inside(fact.unitId)),
    },
    registered: registered.filter((group) => inside(group.unitId)),
    leftOut,
  };
}

/** Figures of `totals`: the district's own summary, which the roll-up checks its reading against. */
export const TOTAL_FIGURES = [
  'classes',
  'participantTimes',
  'participants',
  'hours',
  'attendanceRate',
  'completionRate',
  'courses',
  'projects',
  'mentoringPairs',
  'offlineHours',
  'onlineHours',
  'platformHours',
] as const satisfies readonly (keyof Figures)[];

/** The figures format 2 added: a format-1 bundle's are not available (the roll-up shows —, never 0). */
export const FORMAT_2_FIGURES = [
  'mentoringPairs',
  'offlineHours',
  'onlineHours',
  'platformHours',
] as const satisfies readonly (keyof Figures)[];

/**
 * The bundle of one period, read in one transaction: a colleague's import that commits meanwhile is in every table
 * of it or in none (a class saying 0 sessions beside the sessions of its new sign-ins was read across a commit).
 */
export function makeBundle(db: Db, request: BundleRequest): MadeBundle {
  db.exec('BEGIN');
  try {
    return bundleOf(db, request);
  } finally {
    db.exec('COMMIT');
  }
}

function bundleOf(db: Db, request: BundleRequest): MadeBundle {
  const { period } = request;
  const units = new UnitStore(db);
  const { facts, registered, leftOut } = districtFacts(
    units,
    request.district,
    periodFacts(db, period),
    activeTraineeGroups(db, request.today),
  );
  // The total needs no grouping, so nothing of the register beyond the facts.
  const total = countSummary(
    facts,
    undefined,
    { period, completionThreshold: request.completionThreshold },
    'bundle',
  ).total;
  const classIds = new Set(facts.classes.map((fact) => fact.id));
  const projects = facts.projects.map((project) => ({
    unitId: project.unitId,
    // A project from a class of another period names no class of this bundle.
    sourceClassId:
      project.sourceClassId !== null && classIds.has(project.sourceClassId) ? project.sourceClassId : null,
  }));
  const contents: BundleContents = { facts, registered, projects, total };

  const bundle = new Database(':memory:');
  try {
    bundle.exec(BUNDLE_SCHEMA);
    const people = bundle.transaction(() => {
      writeMeta(bundle, db, request);
      writeUnits(bundle, units, contents);
      writeClasses(bundle, db, facts, period);
      const written = writeEnrolments(bundle, db, facts, request);
      writeGroups(bundle, contents);
      return written;
    })();
    // Freed pages and scattered rows go: the file holds the rows and no leftovers of them.
    bundle.exec('VACUUM');
    const { sealed, hash } = seal(bundle.serialize(), request.cityKey);
    return {
      bytes: sealed,
      hash,
      district: request.district,
      period,
      keyFingerprint: keyFingerprint(request.cityKey),
      classes: facts.classes.length,
      enrolments: facts.enrolments.length,
      people: people.size,
      localPeople: [...people.values()].filter((person) => person.kind === 'local').length,
      total,
      leftOut,
    };
  } finally {
    bundle.close();
  }
}

/** What a bundle holds besides its meta: the district's facts and what they are counted against. */
interface BundleContents {
  facts: ReturnType<typeof districtFacts>['facts'];
  registered: ReturnType<typeof districtFacts>['registered'];
  projects: { unitId: number | null; sourceClassId: number | null }[];
  total: ReturnType<typeof countSummary>['total'];
}

function writeMeta(bundle: Database.Database, db: Db, request: BundleRequest): void {
  const { period } = request;
  const meta = bundle.prepare(`INSERT INTO bundle (key, value) VALUES (?, ?)`);
  const values: Record<BundleKey, string> = {
    format: BUNDLE_FORMAT,
    district: request.district,
    period_label: period.label,
    period_from: period.from,
    period_to: period.to,
    made_at: request.madeAt,
    made_by: request.madeBy,
    peixun_version: request.peixunVersion,
    register_schema: String(schemaVersion(db)),
    register_batch: String(latestBatchId(db)),
    key_fingerprint: keyFingerprint(request.cityKey),
    completion_threshold: String(request.completionThreshold),
    registered_on: request.today,
    content_hash: SEAL_PLACEHOLDER,
  };
  for (const [key, value] of Object.entries(values)) meta.run(key, value);
}

/** Every unit a row of the bundle names, with the units above it. */
function writeUnits(bundle: Database.Database, units: UnitStore, contents: BundleContents): void {
  const { facts } = contents;
  const unitIds = new Set<number>();
  const addUnit = (id: number | null) => {
    for (const unit of units.lineage(id)) unitIds.add(unit.id);
  };
  for (const fact of facts.classes) addUnit(fact.organiserUnitId);
  for (const fact of facts.enrolments) addUnit(fact.unitId);
  for (const group of contents.registered) addUnit(group.unitId);
  for (const project of contents.projects) addUnit(project.unitId);
  for (const pair of facts.mentorships ?? []) addUnit(pair.unitId);
  for (const record of facts.platform ?? []) addUnit(record.unitId);
  const unitRow = bundle.prepare(
    `INSERT INTO units (id, parent_id, level, name, path) VALUES (?, ?, ?, ?, ?)`,
  );
  for (const id of [...unitIds].sort((a, b) => a - b)) {
    const unit = units.get(id);
    if (unit) unitRow.run(unit.id, unit.parentId, unit.level, unit.name, units.path(unit.id));
  }
}

function writeClasses(
  bundle: Database.Database,
  db: Db,
  facts: BundleContents['facts'],
  period: BundleRequest['period'],
): void {
  const classIds = new Set(facts.classes.map((fact) => fact.id));
  const classRow = bundle.prepare(
    `INSERT INTO classes (id, code, name, type, organiser_unit_id, start_date, end_date, planned_hours, plan,
                          sessions, last_session)
     VALUES (@id, @code, @name, @type, @organiserUnitId, @startDate, @endDate, @plannedHours, @plan,
             @sessions, @lastSession)`,
  );
  for (const fact of facts.classes) {
    const row = classById(db, fact.id);
    classRow.run({
      ...fact,
      name: row?.name ?? '',
      startDate: row?.start_date ?? '',
      endDate: row?.end_date ?? null,
      plan: row?.plan_id ? (planById(db, row.plan_id)?.code ?? null) : null,
    });
  }
  const sessionRow = bundle.prepare(`INSERT INTO sessions (class_id, date, slot) VALUES (?, ?, ?)`);
  for (const session of periodSessions(db, period))
    if (classIds.has(session.classId)) sessionRow.run(session.classId, session.date, session.slot);
}

/** The enrolments by pseudonym, with their courses; returns the people written, by trainee. */
function writeEnrolments(
  bundle: Database.Database,
  db: Db,
  facts: BundleContents['facts'],
  request: BundleRequest,
): Map<number, { person: string; kind: 'city' | 'local' }> {
  // Without an ID number a person has a pseudonym of this bundle alone: drawn at random, from nothing in the
  // bundle or the register, it links them to no other bundle, even for whoever holds the city's key.
  const people = new Map<number, { person: string; kind: 'city' | 'local' }>();
  const personOf = (traineeId: number) => {
    let known = people.get(traineeId);
    if (!known) {
      const id = traineeById(db, traineeId)?.id_number;
      known = id
        ? { person: cityPseudonym(request.cityKey, id), kind: 'city' }
        : { person: `local-${randomBytes(16).toString('hex')}`, kind: 'local' };
      people.set(traineeId, known);
    }
    return known;
  };
  const factOfClass = new Map(facts.classes.map((fact) => [fact.id, fact]));
  const enrolmentRow = bundle.prepare(
    `INSERT INTO enrolments (class_id, person, person_kind, unit_id, category, records, attended, hours,
                             unhoured, completed, online_hours)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const courseRow = bundle.prepare(
    `INSERT INTO courses (id, code, name, category) VALUES (@id, @code, @name, @category)`,
  );
  const courseIds = new Set(facts.enrolments.flatMap((fact) => fact.courseIds?.split(',').map(Number) ?? []));
  for (const id of [...courseIds].sort((a, b) => a - b)) courseRow.run(courseById(db, id));
  const enrolmentCourse = bundle.prepare(
    `INSERT INTO enrolment_courses (enrolment_id, course_id) VALUES (?, ?)`,
  );
  for (const fact of facts.enrolments) {
    const { person, kind } = personOf(fact.traineeId);
    const sessions = factOfClass.get(fact.classId)?.sessions ?? 0;
    const done = isComplete(fact.attended, sessions, request.completionThreshold);
    const enrolmentId = enrolmentRow.run(
      fact.classId,
      person,
      kind,
      fact.unitId,
      fact.category,
      fact.records,
      fact.attended,
      fact.hours,
      fact.unhoured,
      done ? 1 : 0,
      fact.onlineHours ?? 0,
    ).lastInsertRowid;
    for (const course of fact.courseIds?.split(',') ?? []) enrolmentCourse.run(enrolmentId, Number(course));
  }
  return people;
}

/** Projects, mentoring pairs, platform hours, the registered trainees and the totals as the district counted them. */
function writeGroups(
  bundle: Database.Database,
  { facts, projects, registered, total }: BundleContents,
): void {
  const projectRow = bundle.prepare(`INSERT INTO projects (unit_id, source_class_id) VALUES (?, ?)`);
  for (const project of projects) projectRow.run(project.unitId, project.sourceClassId);
  const pairRow = bundle.prepare(`INSERT INTO mentorships (id, unit_id, category) VALUES (?, ?, ?)`);
  for (const pair of facts.mentorships ?? []) pairRow.run(pair.id, pair.unitId, pair.category);
  const platformRow = bundle.prepare(`INSERT INTO platform (unit_id, category, hours) VALUES (?, ?, ?)`);
  for (const record of facts.platform ?? []) platformRow.run(record.unitId, record.category, record.hours);
  const registeredRow = bundle.prepare(
    `INSERT INTO registered (unit_id, category, trainees) VALUES (?, ?, ?)`,
  );
  for (const group of registered) registeredRow.run(group.unitId, group.category, group.count);
  const totalRow = bundle.prepare(`INSERT INTO totals (figure, value) VALUES (?, ?)`);
  for (const figure of TOTAL_FIGURES) totalRow.run(figure, total[figure] ?? null);
}
