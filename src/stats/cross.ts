/**
 * A cross table (`--by unit --then category`, `--by unit,category`): one figure for every pair of groups, with the
 * figure of each row's group and each column's group at the ends and the total in the corner. Each of them is
 * counted, not added up: the 人数 of a row is the people of that row, whatever columns they are in. The rows and
 * columns are those the one-way summary has (every unit with active trainees, in register order), so a form handed in
 * every quarter keeps its shape.
 */
import type { UnitTree } from '../domain/units.js';
import type { Problem } from '../errors.js';
import {
  factsWithin,
  Accumulator,
  compareGroups,
  groupingFor,
  NONE_GROUP,
  registeredTrainees,
  shortenUnitLabels,
  warningsFor,
  type ClassFact,
  type EnrolmentFact,
  type Figures,
  type Grouping,
  type GroupingRule,
  type PeriodFacts,
  type SummaryRequest,
} from './engine.js';
import { isComplete } from '../domain/attendance.js';
import type { Period } from '../domain/periods.js';
import type { LevelName } from '../domain/units.js';

/** The figures a cross table's cells can hold. */
export const CROSS_FIGURES = [
  'participantTimes',
  'participants',
  'classes',
  'hours',
  'hoursPerParticipant',
  'attendanceRate',
  'completionRate',
  'coverage',
] as const satisfies readonly (keyof Figures)[];
export type CrossFigure = (typeof CROSS_FIGURES)[number];

/** Groupings a cross table can pair: each decides from a class or an enrolment, not from single sessions. */
export const CROSS_GROUPINGS = ['class-type', 'organiser', 'category', 'unit'] as const;

export interface CrossRequest extends SummaryRequest {
  by: Grouping;
  then: Grouping;
  figure: CrossFigure;
}

export interface CrossSummary {
  report: string;
  period: Period;
  by: Grouping;
  then: Grouping;
  level: LevelName | null;
  figure: CrossFigure;
  completionThreshold: number;
  columns: string[];
  rows: { group: string; cells: (number | null)[]; total: number | null }[];
  /** The figure of each column's group, then of everything. */
  columnTotals: (number | null)[];
  total: number | null;
  warnings: Problem[];
}

const PAIR = '\u0001';

/**
 * The cross table from a period's facts, counted by the engine's accumulators: pure, as the one-way summary is
 * (engine.ts). The register's cross table is summary.ts's `crossSummarise`; the city's, the roll-up's.
 */
export function countCross(
  allFacts: PeriodFacts,
  units: UnitTree,
  request: CrossRequest,
  report = 'quarterly',
): CrossSummary {
  const facts = factsWithin(allFacts, units, request.within);
  const first = groupingFor(request, units);
  const second = groupingFor({ ...request, by: request.then }, units);
  if (!first || !second || first.of === 'session' || second.of === 'session')
    throw new Error('cross tables pair groupings of classes or trainees');
  const { classes, enrolments } = facts;
  const { tables, cells, total } = accumulated(facts, first, second, request.completionThreshold);
  // Coverage needs trainee groups on both sides; a row or column of trainees still has its own.
  const active = () => facts.registered ?? [];
  const registeredBy = (rule: GroupingRule) =>
    rule.of === 'trainee' ? registeredTrainees(active(), rule.key) : undefined;
  const rowRegistered = registeredBy(first);
  const columnRegistered = registeredBy(second);
  const cellRegistered =
    first.of === 'trainee' && second.of === 'trainee'
      ? registeredTrainees(active(), (fact) => `${first.key(fact)}${PAIR}${second.key(fact)}`)
      : undefined;
  // statistics.md: groups are never dropped, here as rows and columns.
  for (const key of rowRegistered?.keys() ?? []) intoGroup(tables.rows, key);
  for (const key of columnRegistered?.keys() ?? []) intoGroup(tables.columns, key);

  const rows = ordered(first, tables.rows, rowRegistered);
  const columns = ordered(second, tables.columns, columnRegistered);
  const figure = request.figure;
  const totalRegistered = rowRegistered ?? columnRegistered;
  return {
    report,
    period: request.period,
    by: request.by,
    then: request.then,
    level: request.level ?? null,
    figure,
    completionThreshold: request.completionThreshold,
    columns: columns.figures.map((column) => column.group ?? ''),
    rows: rows.keys.map((rowKey, index) => ({
      group: rows.figures[index]?.group ?? '',
      cells: columns.keys.map((columnKey) => {
        const key = `${rowKey}${PAIR}${columnKey}`;
        const registered = cellRegistered ? (cellRegistered.get(key) ?? 0) : undefined;
        return (cells.get(key) ?? new Accumulator()).figures(null, registered)[figure];
      }),
      total: rows.figures[index]?.[figure] ?? null,
    })),
    columnTotals: columns.figures.map((column) => column[figure]),
    total: total.figures(
      null,
      totalRegistered ? [...totalRegistered.values()].reduce((sum, count) => sum + count, 0) : undefined,
    )[figure],
    warnings: warningsFor(classes, enrolments, request.period),
  };
}

/** A grouping a cross table pairs: of classes or of trainees (sessions are no side of one). */
type CrossRule = Exclude<GroupingRule, { of: 'session' }>;

function intoGroup(map: Map<string, Accumulator>, key: string): Accumulator {
  let found = map.get(key);
  if (!found) map.set(key, (found = new Accumulator()));
  return found;
}

/** Each class and enrolment counted into its row, its column, its cell and the total. */
function accumulated(facts: PeriodFacts, first: CrossRule, second: CrossRule, completionThreshold: number) {
  const { classes, enrolments } = facts;
  const classById = new Map(classes.map((fact) => [fact.id, fact]));
  const byClass = first.of === 'class' && second.of === 'class';
  const keyOf = (rule: CrossRule, enrolment: EnrolmentFact, klass: ClassFact) =>
    rule.of === 'class' ? rule.key(klass) : rule.of === 'trainee' ? rule.key(enrolment) : NONE_GROUP;
  const tables = { rows: new Map<string, Accumulator>(), columns: new Map<string, Accumulator>() };
  const cells = new Map<string, Accumulator>();
  const total = new Accumulator();
  for (const klass of classes) {
    total.addClass(klass.id);
    if (first.of === 'class') intoGroup(tables.rows, first.key(klass)).addClass(klass.id);
    if (second.of === 'class') intoGroup(tables.columns, second.key(klass)).addClass(klass.id);
    if (byClass) intoGroup(cells, `${first.key(klass)}${PAIR}${second.key(klass)}`).addClass(klass.id);
  }
  for (const enrolment of enrolments) {
    const klass = classById.get(enrolment.classId);
    if (!klass) continue;
    const done = isComplete(enrolment.attended, klass.sessions, completionThreshold);
    const row = keyOf(first, enrolment, klass);
    const column = keyOf(second, enrolment, klass);
    total.addEnrolment(enrolment, done, false);
    intoGroup(tables.rows, row).addEnrolment(enrolment, done, first.of !== 'class');
    intoGroup(tables.columns, column).addEnrolment(enrolment, done, second.of !== 'class');
    intoGroup(cells, `${row}${PAIR}${column}`).addEnrolment(enrolment, done, !byClass);
  }
  return { tables, cells, total };
}

/** A side's groups in the report's order (none last), each with its figures. */
function ordered(rule: GroupingRule, map: Map<string, Accumulator>, registered?: Map<string, number>) {
  const keys = [...map.keys()].sort(
    (a, b) => Number(a === NONE_GROUP) - Number(b === NONE_GROUP) || compareGroups(rule.unit, a, b),
  );
  const figures = keys.map((key) =>
    (map.get(key) ?? new Accumulator()).figures(
      rule.label(key),
      registered ? (registered.get(key) ?? 0) : undefined,
    ),
  );
  if (rule.unit) shortenUnitLabels(figures);
  return { keys, figures };
}
