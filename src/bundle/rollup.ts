/**
 * The city's summary from districts' bundles: the same figures and definitions as `report quarterly`, counted by
 * the same code (summarise) from the bundles' facts. A person is their pseudonym, so one trained in two districts
 * is one of the city's 人数. Bundles are checked before anything is counted: one key, one period, one bundle per
 * district, and each bundle's rows giving back the totals the district counted itself.
 */
import { UnitTree, unitKey, type LevelName, type Unit } from '../domain/units.js';
import { PeixunError, problem } from '../errors.js';
import { readBundleRows, type BundleHeader, type BundleRows } from './read.js';
import { FORMAT_2_FIGURES, TOTAL_FIGURES } from './make.js';
import { keyFingerprint } from '../privacy/pseudonyms.js';
import { countCross, type CrossFigure, type CrossSummary } from '../stats/cross.js';
import type { Period } from '../domain/periods.js';
import {
  countSummary,
  SummaryCounter,
  type ClassFact,
  type EnrolmentFact,
  type Grouping,
  type PeriodFacts,
  type Summary,
  type SummaryRequest,
} from '../stats/engine.js';

export interface RollupRequest {
  by?: Grouping;
  level?: LevelName;
  completionThreshold: number;
  /** A later bundle of a district replaces an earlier one of the same period, instead of being refused. */
  replace: boolean;
  /** The city's key: every bundle must be sealed under it. */
  cityKey: string;
  /** The period asked for; without one, the first bundle's. */
  period?: Period;
  /** How many districts should have sent a bundle, or their names. */
  expected?: number | readonly string[];
  /** A cross table: the columns' grouping (the rows' is `by`) and the figure in its cells. */
  then?: Grouping;
  figure?: CrossFigure;
}

export interface RollupDistrict {
  district: string;
  file: string;
  hash: string;
  madeAt: string;
  madeBy: string;
  classes: number;
  enrolments: number;
}

export interface RollupSummary extends Summary {
  keyFingerprint: string;
  districts: RollupDistrict[];
  /** Bundles left out because a later one of the same district came too (`--replace`). */
  replaced: RollupDistrict[];
  /** Districts expected and absent: their names where a list was given, else only how many. */
  missing: { count: number; names: string[] | null };
  /** Districts that sent a bundle and are not on the list given. */
  unexpected: string[];
  /** People who attended classes of more than one district (counted once in 人数). */
  multiDistrictParticipants: number;
  /** Participants without an ID number: each district's own, since no pseudonym links them. */
  localParticipants: number;
  /** With `then`: the city's cross table, counted as `report quarterly --by A,B` counts it. */
  cross?: CrossSummary;
  /** Districts whose bundle is of format 1: the figures format 2 added are not available (null). */
  olderFormat: string[];
}

/** A summary whose format-2 figures are unknown: null (shown —), where present or not. */
function withoutFormat2Figures(summary: Summary): Summary {
  const unknown = Object.fromEntries(FORMAT_2_FIGURES.map((figure) => [figure, null]));
  return {
    ...summary,
    rows: summary.rows.map((row) => ({ ...row, ...unknown })),
    total: { ...summary.total, ...unknown },
  };
}

export function rollup(
  all: readonly BundleHeader[],
  request: RollupRequest,
  readRows: (header: BundleHeader) => BundleRows = (header) => readBundleRows(header, request.cityKey),
): RollupSummary {
  const first = all[0];
  if (!first) throw new PeixunError(problem('rollupNoBundles'));
  const fingerprint = keyFingerprint(request.cityKey);
  const period = request.period ?? first.period;
  refuseOthers(all, fingerprint, period);
  const { chosen, replaced } = onePerDistrict(all, request.replace);

  // One bundle at a time: the counters keep each group's distinct people, classes and courses, not the bundles'
  // rows (a cross table alone keeps the facts, to pair its two groupings).
  const units = new MergedUnits();
  const summaryRequest = {
    period,
    by: request.by,
    level: request.level,
    completionThreshold: request.completionThreshold,
  };
  const counter = new SummaryCounter(units, summaryRequest, 'rollup');
  const kept: PeriodFacts[] = [];
  const people = new Map<string, number>();
  // The first district each participant attended in; those met in a second one are counted once.
  const firstDistrict: number[] = [];
  const inSeveral = new Set<number>();
  let localParticipants = 0;
  let nextId = 1;
  for (const [index, bundle] of chosen.entries()) {
    const rows = readRows(bundle);
    const own = bundleFacts(bundle, rows, index, units, people, () => nextId++);
    checkTotals(bundle, rows, own);
    counter.add(own);
    if (request.then) kept.push(own);
    for (const enrolment of own.enrolments) {
      if (enrolment.attended === 0) continue;
      const first = firstDistrict[enrolment.traineeId];
      if (first === undefined) firstDistrict[enrolment.traineeId] = index;
      else if (first !== index) inSeveral.add(enrolment.traineeId);
    }
    localParticipants += new Set(
      rows.enrolments
        .filter((enrolment) => enrolment.personKind === 'local' && enrolment.attended > 0)
        .map((enrolment) => enrolment.person),
    ).size;
  }
  // Format-1 bundles carry no online hours, pairs or platform hours: the city's are then not known.
  const olderFormat = chosen.filter((bundle) => bundle.format < 2).map((bundle) => bundle.district);
  const summary = counter.summary();
  const cross = crossOf(kept, units, summaryRequest, request);
  const districtNames = chosen.map((bundle) => bundle.district);
  const counted = olderFormat.length > 0 ? withoutFormat2Figures(summary) : summary;
  const expected = request.expected;
  return {
    ...counted,
    keyFingerprint: fingerprint,
    olderFormat,
    districts: chosen.map(described),
    replaced: replaced.map(described),
    missing: missingDistricts(districtNames, expected),
    unexpected: typeof expected === 'object' ? districtNames.filter((name) => !expected.includes(name)) : [],
    multiDistrictParticipants: inSeveral.size,
    localParticipants,
    ...(cross ? { cross } : {}),
  };
}

/** Every bundle sealed with the city's key and of the roll-up's period, or the roll-up refused naming the one that is not. */
function refuseOthers(all: readonly BundleHeader[], fingerprint: string, period: Period): void {
  for (const bundle of all) {
    if (bundle.keyFingerprint !== fingerprint) {
      throw new PeixunError(
        problem('bundleOtherKey', {
          file: bundle.file,
          fingerprint: bundle.keyFingerprint,
          expected: fingerprint,
        }),
      );
    }
    if (bundle.period.from !== period.from || bundle.period.to !== period.to) {
      throw new PeixunError(
        problem('bundleOtherPeriod', {
          file: bundle.file,
          period: `${bundle.period.from}~${bundle.period.to}`,
          expected: `${period.from}~${period.to}`,
        }),
      );
    }
  }
}

/** The cross table over every bundle's facts, when one was asked for (`--by` and `--then`). */
function crossOf(
  kept: readonly PeriodFacts[],
  units: MergedUnits,
  summaryRequest: SummaryRequest,
  request: RollupRequest,
): ReturnType<typeof countCross> | undefined {
  if (!request.by || !request.then) return undefined;
  return countCross(
    {
      classes: kept.flatMap((part) => part.classes),
      enrolments: kept.flatMap((part) => part.enrolments),
      projects: kept.flatMap((part) => part.projects),
      registered: kept.flatMap((part) => part.registered ?? []),
    },
    units,
    {
      ...summaryRequest,
      by: request.by,
      then: request.then,
      figure: request.figure ?? 'participantTimes',
    },
    'rollup',
  );
}

function described(bundle: BundleHeader): RollupDistrict {
  return {
    district: bundle.district,
    file: bundle.file,
    hash: bundle.hash,
    madeAt: bundle.madeAt,
    madeBy: bundle.madeBy,
    classes: bundle.classes,
    enrolments: bundle.enrolments,
  };
}

/** Two bundles of one district would count its classes twice: refused, or with --replace the later one kept. */
function onePerDistrict(all: readonly BundleHeader[], replace: boolean) {
  const byDistrict = new Map<string, BundleHeader[]>();
  for (const bundle of all)
    byDistrict.set(bundle.district, [...(byDistrict.get(bundle.district) ?? []), bundle]);
  const chosen: BundleHeader[] = [];
  const replaced: BundleHeader[] = [];
  for (const [district, bundles] of byDistrict) {
    if (bundles.length > 1 && !replace) {
      throw new PeixunError(
        problem('bundleSameDistrict', { district, files: bundles.map((bundle) => bundle.file).join(', ') }),
      );
    }
    // The one made last; of two made at the same moment, the one named last.
    const latest = bundles.reduce((kept, bundle) => (bundle.madeAt >= kept.madeAt ? bundle : kept));
    chosen.push(latest);
    replaced.push(...bundles.filter((bundle) => bundle !== latest));
  }
  return { chosen, replaced };
}

function missingDistricts(present: readonly string[], expected: RollupRequest['expected']) {
  if (expected === undefined) return { count: 0, names: null };
  if (typeof expected === 'number') return { count: Math.max(0, expected - present.length), names: null };
  const names = expected.filter((name) => !present.includes(name));
  return { count: names.length, names };
}

/**
 * Every bundle's units in one tree, found by path: a district's units are its own, under its 区. Numbered in the
 * order they are first met, as a register numbers the units it learns (the order unit rows are shown in).
 */
class MergedUnits extends UnitTree {
  private readonly byPlace = new Map<string, Unit>();
  private readonly ids = new Map<string, number>();
  private count = 0;

  /** The tree's id for a bundle's unit: the tree grows as bundles are read, and counts as it grows. */
  id(bundleIndex: number, bundle: BundleHeader, rows: BundleRows, unitId: number | null): number | null {
    if (unitId === null) return null;
    const key = `${bundleIndex}:${unitId}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const unit = rows.units.find((candidate) => candidate.id === unitId);
    if (!unit) throw new PeixunError(problem('bundleNotOne', { file: bundle.file }));
    const parentId = this.id(bundleIndex, bundle, rows, unit.parentId);
    const place = `${parentId ?? 0}\u0000${unit.level}\u0000${unitKey(unit.name)}`;
    let found = this.byPlace.get(place);
    if (!found) {
      found = { id: ++this.count, parentId, level: unit.level, name: unit.name };
      this.remember(found);
      this.byPlace.set(place, found);
    }
    this.ids.set(key, found.id);
    return found.id;
  }
}

/** A bundle's rows as the facts summarise counts: ids made unique across bundles, people by pseudonym. */
function bundleFacts(
  bundle: BundleHeader,
  rows: BundleRows,
  index: number,
  units: MergedUnits,
  people: Map<string, number>,
  nextId: () => number,
): PeriodFacts {
  const unit = (id: number | null) => units.id(index, bundle, rows, id);
  const classIds = new Map<number, number>();
  const classes: ClassFact[] = rows.classes.map((row) => {
    const id = nextId();
    classIds.set(row.id, id);
    return {
      id,
      code: `${bundle.district}:${row.code}`,
      type: row.type,
      organiserUnitId: unit(row.organiserUnitId),
      plannedHours: row.plannedHours,
      sessions: row.sessions,
      lastSession: row.lastSession,
      district: bundle.district,
    };
  });
  const courses = coursesByEnrolment(rows, index);
  const person = (pseudonym: string) => {
    let id = people.get(pseudonym);
    if (id === undefined) people.set(pseudonym, (id = people.size + 1));
    return id;
  };
  const enrolments: EnrolmentFact[] = rows.enrolments.map((row) => ({
    classId: classIds.get(row.classId) ?? 0,
    traineeId: person(row.person),
    unitId: unit(row.unitId),
    category: row.category,
    records: row.records,
    attended: row.attended,
    hours: row.hours,
    unhoured: row.unhoured,
    courseIds: courses.get(row.id)?.join(',') ?? null,
    ...(row.onlineHours === null ? {} : { onlineHours: row.onlineHours }),
  }));
  return {
    classes,
    enrolments,
    projects: rows.projects.map((project) => ({
      unitId: unit(project.unitId),
      sourceClassId: project.sourceClassId === null ? null : (classIds.get(project.sourceClassId) ?? null),
      district: bundle.district,
    })),
    registered: rows.registered.map((group) => ({ ...group, unitId: unit(group.unitId) })),
    // Ids unique across bundles: a pair is its district's, one of the city's.
    mentorships: rows.mentorships.map((pair) => ({
      id: nextId(),
      unitId: unit(pair.unitId),
      category: pair.category,
      district: bundle.district,
    })),
    platform: rows.platform.map((record) => ({
      id: nextId(),
      unitId: unit(record.unitId),
      category: record.category,
      hours: record.hours,
      district: bundle.district,
    })),
  };
}

/**
 * Each enrolment's courses as keys of the city's: a course is its code and name (format 2), so the same course
 * taught in two districts is one of the city's. A format-1 bundle's courses have no code: each is its district's own.
 */
function coursesByEnrolment(rows: BundleRows, index: number): Map<number, string[]> {
  const courseKey = new Map(
    rows.courses.map((course) => [
      course.id,
      course.code === null
        ? `${index}:${course.id}`
        : `${course.code}\u0001${course.name}`.replace(/,/g, '\u0002'),
    ]),
  );
  const courses = new Map<number, string[]>();
  for (const { enrolmentId, courseId } of rows.enrolmentCourses) {
    courses.set(enrolmentId, [
      ...(courses.get(enrolmentId) ?? []),
      courseKey.get(courseId) ?? `${index}:${courseId}`,
    ]);
  }
  return courses;
}

/** The bundle's rows, counted here, give the totals its district counted: else it was not made by these rules. */
function checkTotals(bundle: BundleHeader, rows: BundleRows, facts: PeriodFacts): void {
  const { total } = countSummary(
    facts,
    undefined,
    { period: bundle.period, completionThreshold: bundle.completionThreshold },
    'bundle',
  );
  for (const figure of TOTAL_FIGURES) {
    // A format-1 bundle states none of format 2's figures, and has no rows to count them from.
    if (!rows.totals.has(figure)) continue;
    const stated = rows.totals.get(figure) ?? null;
    const counted = total[figure] ?? null;
    const equal =
      stated === null || counted === null ? stated === counted : Math.abs(stated - counted) <= 1e-6;
    if (!equal) throw new PeixunError(problem('bundleInconsistent', { file: bundle.file, figure }));
  }
}
