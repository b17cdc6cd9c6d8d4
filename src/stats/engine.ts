/**
 * The figure engine: the figures of statistics.md counted from a period's facts (its classes, their enrolments, its
 * projects, mentoring pairs and platform hours, the active trainees per group), in total, by a grouping, or as a
 * cross table (cross.ts). Pure: the facts come from the register (summary.ts) or from districts' bundles
 * (bundle/rollup.ts), the unit tree and the day are handed in, so both are counted by one piece of code.
 */
import { isComplete } from '../domain/attendance.js';
import type { Period } from '../domain/periods.js';
import { LEVELS, UnitTree, type LevelName, type Unit } from '../domain/units.js';
import { problem, type Problem } from '../errors.js';
import { chineseOrder } from '../order.js';

export const GROUPINGS = [
  'class-type',
  'organiser',
  'category',
  'unit',
  'course-category',
  'teacher',
] as const;

/** A city's roll-up also groups by the district whose bundle a class came in. */
export const ROLLUP_GROUPINGS = ['district', 'class-type', 'organiser', 'category', 'unit'] as const;

export type Grouping = (typeof GROUPINGS)[number] | (typeof ROLLUP_GROUPINGS)[number];

export interface Figures {
  group: string | null;
  classes: number;
  participantTimes: number;
  participants: number;
  hours: number;
  hoursPerParticipant: number | null;
  attendanceRate: number | null;
  completionRate: number | null;
  coverage: number | null;
  /** Distinct courses named by the sessions counted in the row. */
  courses: number;
  /** Practice projects approved in the period; null where rows are not groups of classes or units. */
  projects: number | null;
  /**
   * Mentoring pairs (带教) active at some time in the period, under the mentee's group on the pair's first day;
   * null where rows are groups of classes. The key only where the period has pairs.
   */
  mentoringPairs?: number | null;
  /**
   * Where the period has online sessions or platform hours: `hours` split by how its sessions were held, and the
   * hours learnt on the online platform (outside any class; null where rows are groups of classes).
   */
  offlineHours?: number;
  onlineHours?: number;
  platformHours?: number | null;
}

export interface SummaryRequest {
  period: Period;
  by?: Grouping;
  level?: LevelName;
  completionThreshold: number;
  /** Only the trainees of this unit and the units under it (`--unit 高境镇`), as its row of a by-unit table. */
  within?: number;
}

export interface Summary {
  report: string;
  period: Period;
  by: Grouping | null;
  level: LevelName | null;
  completionThreshold: number;
  rows: Figures[];
  total: Figures;
  /** Said by the renderers; filed reports leave them out of the figures they compare. */
  warnings: Problem[];
}

export interface ClassFact {
  id: number;
  code: string;
  type: string;
  organiserUnitId: number | null;
  plannedHours: number | null;
  sessions: number;
  lastSession: string | null;
  /** In a roll-up: the district whose bundle the class came in. */
  district?: string;
  /** The training plan the class delivers. */
  planId?: number | null;
}

export interface EnrolmentFact {
  classId: number;
  traineeId: number;
  unitId: number | null;
  category: string;
  records: number;
  attended: number;
  hours: number;
  /** Attended records that had no hours and whose class has none planned: credited 0. */
  unhoured: number;
  /** Comma-separated ids of the courses its records name. */
  courseIds: string | null;
  /** With --by course-category or teacher: the sessions' course category or teacher this fact covers. */
  sessionGroup?: string;
  /** Of `hours`, those of sessions held online (线上); absent where the register has no online session. */
  onlineHours?: number;
}

export interface ProjectFact {
  unitId: number | null;
  sourceClassId: number | null;
  /** In a roll-up: the district whose bundle the project came in. */
  district?: string;
}

/** Groupings of sign-in records rather than of classes or trainees, and what each reads off a record. */
export type SessionGrouping = 'course-category' | 'teacher';

/** The key of the row for trainees or classes with no value for the grouping . */
export const NONE_GROUP = '\u0000none';

/** That row's group in JSON; tables show it as 未填 / (none). */
export const NONE_LABEL = '(none)';

/**
 * Rows for units above the level asked for: classes the district itself ran, at 街镇 level, are the district's,
 * not "(none)". Tables show them as 区级 / 街镇级.
 */
export const LEVEL_LABELS = { 1: '(district level)', 2: '(subdistrict level)' } as const;

const LEVEL_GROUPS: Record<number, string> = { 1: '\u0000level1', 2: '\u0000level2' };

/** Active trainees of one unit and category: coverage's denominators. */
export interface RegisteredGroup {
  unitId: number | null;
  category: string;
  count: number;
}

/**
 * What a summary is counted from: the period's classes, their enrolments' facts, its projects; and, where they
 * do not come from the register itself (a roll-up of bundles), the active trainees per group.
 */
export interface PeriodFacts {
  classes: ClassFact[];
  enrolments: EnrolmentFact[];
  projects: ProjectFact[];
  registered?: RegisteredGroup[];
  /** Mentoring pairs active in the period, with the mentee's group on the pair's first day. */
  mentorships?: MentorshipFact[];
  /** Online-platform hours completed in the period, with the trainee's group on that day. */
  platform?: PlatformFact[];
  /** With --by course-category or teacher: each enrolment's records split by their sessions' group. */
  sessionEnrolments?: EnrolmentFact[];
}

export interface PlatformFact {
  id: number;
  unitId: number | null;
  category: string;
  hours: number;
  /** In a roll-up: the district whose bundle the record came in. */
  district?: string;
}

export interface MentorshipFact {
  id: number;
  unitId: number | null;
  category: string;
  /** In a roll-up: the district whose bundle the pair came in. */
  district?: string;
}

/**
 * The facts of one unit's trainees (that unit and every unit under it): their enrolments, sign-ins by session,
 * pairs, platform hours, projects and coverage's denominators, and the classes they attended. The figures are those
 * of the unit's row in a table by unit, so a street's report and the district's row for it agree.
 */
export function factsWithin(
  facts: PeriodFacts,
  units: UnitTree | undefined,
  within: number | undefined,
): PeriodFacts {
  if (within === undefined) return facts;
  if (!units) throw new Error('a unit filter needs the unit tree');
  const inside = (fact: { unitId: number | null }) => units.isWithin(fact.unitId, within);
  const enrolments = facts.enrolments.filter(inside);
  const attended = new Set(enrolments.map((fact) => fact.classId));
  return {
    classes: facts.classes.filter((fact) => attended.has(fact.id)),
    enrolments,
    projects: facts.projects.filter(inside),
    ...(facts.registered ? { registered: facts.registered.filter(inside) } : {}),
    ...(facts.mentorships ? { mentorships: facts.mentorships.filter(inside) } : {}),
    ...(facts.platform ? { platform: facts.platform.filter(inside) } : {}),
    ...(facts.sessionEnrolments ? { sessionEnrolments: facts.sessionEnrolments.filter(inside) } : {}),
  };
}

/**
 * The facts of consecutive periods as those of the one they make up (a year of its quarters): a class belongs to
 * the period of its start date, so each class, its enrolments and each project are in exactly one of them.
 */
export function joinedFacts(parts: readonly PeriodFacts[]): PeriodFacts {
  return {
    classes: parts
      .flatMap((part) => part.classes)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    enrolments: parts.flatMap((part) => part.enrolments),
    projects: parts.flatMap((part) => part.projects),
    // A pair active in two quarters is one pair of the year.
    mentorships: [
      ...new Map(parts.flatMap((part) => part.mentorships ?? []).map((pair) => [pair.id, pair])).values(),
    ],
    platform: parts.flatMap((part) => part.platform ?? []),
  };
}

/**
 * The figures of statistics.md from a period's facts, in total and by the grouping asked for: a function of its
 * arguments alone (no register, no clock), so that a district's register and the city's bundles are counted by the
 * same code. `units` is needed for a grouping by unit or organiser only.
 */
export function countSummary(
  facts: PeriodFacts,
  units: UnitTree | undefined,
  request: SummaryRequest,
  report = 'quarterly',
): Summary {
  return new SummaryCounter(units, request, report).add(facts).summary();
}

/**
 * {@link countSummary} fed a part of the facts at a time (a roll-up: one bundle after another), so that what it
 * holds is the groups' counters (each group's distinct people, classes and courses), never the facts themselves.
 * Each part's classes, enrolments and the rest must be whole: an enrolment comes with its class. `summary()` is
 * asked once, after the last part.
 */
export class SummaryCounter {
  private readonly grouping: GroupingRule | undefined;
  private readonly groups = new Map<string, Accumulator>();
  private readonly total = new Accumulator();
  /** Active trainees per group (coverage), where the rows are groups of trainees. */
  private readonly registered: Map<string, number> | undefined;
  private pairs = 0;
  private readonly pairsByGroup = new Map<string, number>();
  private online = false;
  private platformHours = 0;
  private readonly platformByGroup = new Map<string, number>();
  private readonly noAttendance: string[] = [];
  private readonly laterSessions: string[] = [];
  private unhoured = 0;
  private readonly unhouredClasses = new Set<string>();
  /** Where pairs and platform hours count: trainees' groups, or a district's in a roll-up by district. */
  private readonly placeOf: ((fact: MentorshipFact | PlatformFact) => string) | undefined;

  constructor(
    private readonly units: UnitTree | undefined,
    private readonly request: SummaryRequest,
    private readonly report = 'quarterly',
  ) {
    const grouping = request.by === undefined ? undefined : groupingFor(request, units ?? new UnitTree());
    this.grouping = grouping;
    this.registered = grouping?.of === 'trainee' ? new Map() : undefined;
    this.placeOf =
      grouping?.of === 'trainee'
        ? (fact) => grouping.key(fact)
        : grouping?.of === 'class' && grouping.factKey
          ? grouping.factKey
          : undefined;
  }

  private accumulator(key: string): Accumulator {
    let found = this.groups.get(key);
    if (!found) this.groups.set(key, (found = new Accumulator()));
    return found;
  }

  add(allFacts: PeriodFacts): this {
    const { grouping, total, request } = this;
    const facts = factsWithin(allFacts, this.units, request.within);
    const { classes, enrolments, projects } = facts;
    const classById = new Map(classes.map((fact) => [fact.id, fact]));
    for (const fact of classes) {
      total.addClass(fact.id);
      if (grouping?.of === 'class') this.accumulator(grouping.key(fact)).addClass(fact.id);
      if (fact.sessions === 0) this.noAttendance.push(fact.code);
      if (fact.lastSession && fact.lastSession > request.period.to) this.laterSessions.push(fact.code);
    }
    for (const enrolment of enrolments) {
      const klass = classById.get(enrolment.classId);
      if (!klass) continue;
      const done = isComplete(enrolment.attended, klass.sessions, request.completionThreshold);
      total.addEnrolment(enrolment, done, false);
      if (grouping?.of === 'class')
        this.accumulator(grouping.key(klass)).addEnrolment(enrolment, done, false);
      if (grouping?.of === 'trainee')
        this.accumulator(grouping.key(enrolment)).addEnrolment(enrolment, done, true);
      if ((enrolment.onlineHours ?? 0) > 0) this.online = true;
      if (enrolment.unhoured > 0) {
        this.unhoured += enrolment.unhoured;
        this.unhouredClasses.add(klass.code);
      }
    }
    if (grouping?.of === 'session') {
      // An enrolment's records split by their sessions' course category or teacher; completion is not theirs to count.
      for (const fact of facts.sessionEnrolments ?? []) {
        this.accumulator(fact.sessionGroup || NONE_GROUP).addEnrolment(fact, null, true);
      }
    }
    total.projects = (total.projects ?? 0) + projects.length;
    for (const project of projects) {
      if (grouping?.of === 'class' && grouping.factKey) {
        this.accumulator(grouping.factKey(project)).addProject();
      } else if (grouping?.of === 'class') {
        const klass = project.sourceClassId === null ? undefined : classById.get(project.sourceClassId);
        if (klass) this.accumulator(grouping.key(klass)).addProject();
      } else if (grouping?.unit && grouping.of === 'trainee') {
        this.accumulator(grouping.unit.key(project.unitId)).addProject();
      }
    }
    if (this.registered && grouping?.of === 'trainee') {
      for (const [key, count] of registeredTrainees(facts.registered ?? [], grouping.key)) {
        this.registered.set(key, (this.registered.get(key) ?? 0) + count);
        // statistics.md: groups are never dropped; a group of active trainees nobody trained still has its row.
        this.accumulator(key);
      }
    }
    const { placeOf } = this;
    for (const pair of facts.mentorships ?? []) {
      this.pairs++;
      if (placeOf) {
        const key = placeOf(pair);
        this.accumulator(key);
        this.pairsByGroup.set(key, (this.pairsByGroup.get(key) ?? 0) + 1);
      }
    }
    for (const record of facts.platform ?? []) {
      this.online = true;
      this.platformHours += record.hours;
      if (placeOf) {
        const key = placeOf(record);
        this.accumulator(key);
        this.platformByGroup.set(key, (this.platformByGroup.get(key) ?? 0) + record.hours);
      }
    }
    return this;
  }

  summary(): Summary {
    const { grouping, groups, total, registered, request, placeOf } = this;
    const projectsCounted =
      grouping?.of === 'class' || (grouping?.of === 'trainee' && grouping.unit !== undefined);
    if (!projectsCounted) for (const accumulated of groups.values()) accumulated.projects = null;
    if (this.pairs > 0) {
      total.mentoringPairs = this.pairs;
      for (const [key, accumulated] of groups)
        accumulated.mentoringPairs = placeOf ? (this.pairsByGroup.get(key) ?? 0) : null;
    }
    // Online and offline: shown where the period has online sessions or platform hours (statistics.md).
    if (this.online) {
      total.splitOnline(0);
      total.addPlatform(this.platformHours);
      for (const [key, accumulated] of groups) {
        accumulated.splitOnline(placeOf ? 0 : null);
        const hours = this.platformByGroup.get(key);
        if (hours !== undefined) accumulated.addPlatform(hours);
      }
    }
    const rows = [...groups.entries()]
      .sort(
        ([a], [b]) =>
          Number(a === NONE_GROUP) - Number(b === NONE_GROUP) || compareGroups(grouping?.unit, a, b),
      )
      .map(([key, accumulated]) =>
        accumulated.figures(
          grouping ? grouping.label(key) : key,
          registered ? (registered.get(key) ?? 0) : undefined,
        ),
      );
    if (grouping?.unit) shortenUnitLabels(rows);
    const totalRegistered = registered
      ? [...registered.values()].reduce((sum, count) => sum + count, 0)
      : undefined;
    return {
      report: this.report,
      period: request.period,
      by: request.by ?? null,
      level: request.by === 'unit' || request.by === 'organiser' ? (request.level ?? null) : null,
      completionThreshold: request.completionThreshold,
      rows,
      total: total.figures(null, totalRegistered),
      warnings: this.warnings(),
    };
  }

  private warnings(): Problem[] {
    const { period } = this.request;
    return [
      ...(this.noAttendance.length > 0
        ? [
            problem('warnNoAttendance', {
              count: this.noAttendance.length,
              codes: codesList(this.noAttendance),
            }),
          ]
        : []),
      ...(this.laterSessions.length > 0
        ? [
            problem('warnLaterSessions', {
              count: this.laterSessions.length,
              codes: codesList(this.laterSessions),
              to: period.to,
            }),
          ]
        : []),
      ...(this.unhoured > 0
        ? [problem('warnNoHours', { count: this.unhoured, codes: codesList([...this.unhouredClasses]) })]
        : []),
    ];
  }
}

/** Units in the order the register learnt them (a roster's own order); other groups in pinyin order. */
export function compareGroups(unitGroups: UnitGroups | undefined, a: string, b: string): number {
  const rank = unitGroups?.rank;
  if (rank) return (rank(a) ?? 0) - (rank(b) ?? 0);
  return chineseOrder(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export class Accumulator {
  private readonly classIds = new Set<number>();
  private readonly traineeIds = new Set<number>();
  private participantTimes = 0;
  private hours = 0;
  private records = 0;
  private attended = 0;
  private enrolments = 0;
  private completed: number | null = 0;
  private readonly courseIds = new Set<string>();
  projects: number | null = 0;
  /** Left undefined where the period has no pairs: the figure is then not in the summary at all. */
  mentoringPairs: number | null | undefined;
  private onlineHours = 0;
  /** Online-platform hours; undefined where the period has nothing online (no split shown), null for classes. */
  platformHours: number | null | undefined;

  /** Shows hours split into offline and online, and platform hours (null for rows of classes). */
  splitOnline(platformHours: number | null): void {
    if (this.platformHours === undefined) this.platformHours = platformHours;
  }

  addPlatform(hours: number): void {
    this.platformHours = (this.platformHours ?? 0) + hours;
  }

  addClass(id: number): void {
    this.classIds.add(id);
  }

  addProject(): void {
    this.projects = (this.projects ?? 0) + 1;
  }

  /** In a trainee grouping a class counts for the group when one of its enrolments from the group attended. */
  addEnrolment(enrolment: EnrolmentFact, complete: boolean | null, classFromEnrolment: boolean): void {
    this.enrolments++;
    this.records += enrolment.records;
    this.attended += enrolment.attended;
    this.hours += enrolment.hours;
    this.onlineHours += enrolment.onlineHours ?? 0;
    if (complete === null) this.completed = null;
    else if (complete && this.completed !== null) this.completed++;
    for (const id of enrolment.courseIds?.split(',') ?? []) this.courseIds.add(id);
    if (enrolment.attended > 0) {
      this.participantTimes++;
      this.traineeIds.add(enrolment.traineeId);
      if (classFromEnrolment) this.classIds.add(enrolment.classId);
    }
  }

  figures(group: string | null, registered: number | undefined): Figures {
    const participants = this.traineeIds.size;
    // Shares of planned hours are fractions: keep sums free of floating-point dust.
    const hours = Math.round(this.hours * 1e6) / 1e6;
    return {
      group,
      classes: this.classIds.size,
      participantTimes: this.participantTimes,
      participants,
      hours,
      hoursPerParticipant: ratio(hours, participants),
      attendanceRate: ratio(this.attended, this.records),
      completionRate: this.completed === null ? null : ratio(this.completed, this.enrolments),
      coverage: registered === undefined ? null : ratio(participants, registered),
      courses: this.courseIds.size,
      projects: this.projects,
      ...(this.mentoringPairs !== undefined ? { mentoringPairs: this.mentoringPairs } : {}),
      ...(this.platformHours !== undefined
        ? {
            offlineHours: Math.round((this.hours - this.onlineHours) * 1e6) / 1e6,
            onlineHours: Math.round(this.onlineHours * 1e6) / 1e6,
            platformHours: this.platformHours === null ? null : Math.round(this.platformHours * 1e6) / 1e6,
          }
        : {}),
    };
  }
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export type GroupingRule =
  | {
      of: 'class';
      key: (fact: ClassFact) => string;
      label: (key: string) => string;
      unit?: UnitGroups;
      /**
       * Where a project, a mentoring pair or a platform hour counts in this grouping of classes, when it can be
       * placed at all: the district whose bundle it came in, whatever its class.
       */
      factKey?: (fact: { district?: string }) => string;
    }
  | {
      of: 'trainee';
      key: (fact: { unitId: number | null; category: string }) => string;
      label: (key: string) => string;
      unit?: UnitGroups;
    }
  | { of: 'session'; by: SessionGrouping; label: (key: string) => string; unit?: undefined };

export interface UnitGroups {
  key: (unitId: number | null) => string;
  rank: (key: string) => number | undefined;
}

export function groupingFor(request: SummaryRequest, units: UnitTree): GroupingRule | undefined {
  const noneLabel = (key: string) =>
    key === NONE_GROUP
      ? NONE_LABEL
      : key === LEVEL_GROUPS[1]
        ? LEVEL_LABELS[1]
        : key === LEVEL_GROUPS[2]
          ? LEVEL_LABELS[2]
          : key;
  switch (request.by) {
    case undefined:
      return undefined;
    case 'class-type':
      return { of: 'class', key: (fact) => fact.type || NONE_GROUP, label: noneLabel };
    case 'district':
      return {
        of: 'class',
        key: (fact) => fact.district || NONE_GROUP,
        label: noneLabel,
        factKey: (fact) => fact.district || NONE_GROUP,
      };
    case 'category':
      return { of: 'trainee', key: (fact) => fact.category || NONE_GROUP, label: noneLabel };
    case 'course-category':
    case 'teacher':
      return { of: 'session', by: request.by, label: noneLabel };
    case 'organiser': {
      const unitKey = unitKeyAt(units, request.level);
      return {
        of: 'class',
        key: (fact) => unitKey.key(fact.organiserUnitId),
        label: noneLabel,
        unit: unitKey,
      };
    }
    case 'unit': {
      const unitKey = unitKeyAt(units, request.level);
      return { of: 'trainee', key: (fact) => unitKey.key(fact.unitId), label: noneLabel, unit: unitKey };
    }
  }
}

/** Group key of a unit: the path of its ancestor at the level asked for (the unit itself without --level). */
function unitKeyAt(units: UnitTree, level: LevelName | undefined) {
  const ids = new Map<string, number>();
  // Tens of thousands of enrolments name a few thousand units: each unit's group is worked out once.
  const keys = new Map<number | null, string>();
  return {
    key(unitId: number | null): string {
      const known = keys.get(unitId);
      if (known !== undefined) return known;
      const unit: Unit | undefined = level ? units.ancestorAt(unitId, LEVELS[level]) : units.get(unitId);
      const own = units.get(unitId);
      // A unit above the level asked for (a class the district ran, at 街镇 level) has a row of its level.
      const above = !unit && own && level && own.level < LEVELS[level] ? LEVEL_GROUPS[own.level] : undefined;
      const path = unit ? units.path(unit.id) : (above ?? NONE_GROUP);
      if (unit) ids.set(path, unit.id);
      keys.set(unitId, path);
      return path;
    },
    rank: (key: string) => ids.get(key),
  };
}

/** A unit row shows the unit's own name, or its whole path where two rows' units share a name. */
export function shortenUnitLabels(rows: Figures[]): void {
  const lastPart = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const names = new Map<string, number>();
  for (const row of rows) {
    if (row.group && row.group !== NONE_LABEL)
      names.set(lastPart(row.group), (names.get(lastPart(row.group)) ?? 0) + 1);
  }
  for (const row of rows) {
    if (row.group && row.group !== NONE_LABEL && names.get(lastPart(row.group)) === 1)
      row.group = lastPart(row.group);
  }
}

/** Active trainees per group: the denominators of coverage. */
export function registeredTrainees(
  groups: readonly RegisteredGroup[],
  key: (fact: { unitId: number | null; category: string }) => string,
) {
  const counts = new Map<string, number>();
  for (const group of groups) {
    const name = key(group);
    counts.set(name, (counts.get(name) ?? 0) + group.count);
  }
  return counts;
}

/** A warning names the classes it is about, the first twenty of them: a long list helps nobody. */
function codesList(codes: readonly string[]): string {
  const shown = codes.slice(0, 20).join(', ');
  return codes.length > 20 ? `${shown} … (+${codes.length - 20})` : shown;
}

export function warningsFor(classes: ClassFact[], enrolments: EnrolmentFact[], period: Period): Problem[] {
  const warnings: Problem[] = [];
  const without = classes.filter((fact) => fact.sessions === 0).map((fact) => fact.code);
  if (without.length > 0)
    warnings.push(problem('warnNoAttendance', { count: without.length, codes: codesList(without) }));
  const later = classes
    .filter((fact) => fact.lastSession && fact.lastSession > period.to)
    .map((fact) => fact.code);
  if (later.length > 0) {
    warnings.push(
      problem('warnLaterSessions', { count: later.length, codes: codesList(later), to: period.to }),
    );
  }
  const unhoured = enrolments.reduce((sum, fact) => sum + fact.unhoured, 0);
  if (unhoured > 0) {
    const byId = new Map(classes.map((fact) => [fact.id, fact.code]));
    const codes = [
      ...new Set(enrolments.filter((fact) => fact.unhoured > 0).map((fact) => byId.get(fact.classId) ?? '')),
    ];
    warnings.push(problem('warnNoHours', { count: unhoured, codes: codesList(codes) }));
  }
  return warnings;
}
