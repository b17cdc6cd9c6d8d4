/**
 * What a report is, in a form that can be stored and computed again: the report kind and every option that
 * changes its figures. Filed reports keep their recipe so today's data can be compared with what was handed in.
 */
import type { Db } from '../db/handle.js';
import type { LevelName } from '../db/units.js';
import { problemJson, type Translator } from '../i18n/index.js';
import { annualSummary } from '../stats/annual.js';
import { classSheet } from '../stats/classSheet.js';
import { coverageReport, type CoverageGrouping } from '../stats/coverage.js';
import type { Period } from '../domain/periods.js';
import type { CrossFigure, CrossRequest } from '../stats/cross.js';
import { crossSummarise } from '../stats/summary.js';
import { summarise, type Grouping } from '../stats/summary.js';
import type { Problem } from '../errors.js';
import { crossTable } from './cross.js';
import { planDelivery } from '../stats/plans.js';
import { planKindsSection, plansTable } from './plans.js';
import { teacherReport } from '../stats/teachers.js';
import { teachersTable } from './teachers.js';
import { venueReport } from '../stats/venues.js';
import { venuesTable } from './venues.js';
import { traineeRecord } from '../stats/trainee.js';
import { yearDutyReport, type DutyRequest } from '../stats/duty.js';
import { dutyTable } from './duty.js';
import { resolveTrainee } from '../register/search.js';
import { classSheetTable } from './classSheet.js';
import { coverageTable } from './coverage.js';
import type { Report } from './renderers.js';
import type { ReportTable } from './model.js';
import { findUnit } from '../register/units.js';
import type { Figures, Summary } from '../stats/engine.js';
import type { CrossSummary } from '../stats/cross.js';
import { annualTable, quarterlyTable, type ReportHeading } from './summaries.js';
import { traineeTable } from './trainee.js';

interface Grouped {
  period: Period;
  by?: Grouping;
  level?: LevelName;
  completionThreshold: number;
  /** A cross table: the columns' grouping (the rows' is `by`) and the figure in its cells. */
  then?: Grouping;
  figure?: CrossFigure;
  /** The plans' delivery beside the figures (`--against-plan`). */
  againstPlan?: boolean;
  /** Only the trainees of this unit and below (`--unit 高境镇`), as typed: found again when a filed report is. */
  unit?: string;
  /** Rows with nothing to count left out, their number said under the table (`--hide-empty`). */
  hideEmpty?: boolean;
}

/** The summary request of a recipe: `--unit` found in the register's tree. */
function requestOf<R extends Grouped>(
  db: Db,
  recipe: R,
  today: string,
): R & { today: string; within?: number } {
  return { ...recipe, today, ...(recipe.unit === undefined ? {} : { within: findUnit(db, recipe.unit).id }) };
}

/** A row of a summary with nothing to count: no class, no sign-in, no project, pair or platform hour. */
function isEmptyRow(row: Figures): boolean {
  return (
    row.classes === 0 &&
    row.participantTimes === 0 &&
    !row.projects &&
    !row.mentoringPairs &&
    !row.platformHours
  );
}

/** A summary without its empty rows (`--hide-empty`), and how many were left out. */
function withoutEmptyRows<S extends Summary>(summary: S, hide: boolean | undefined): [S, number] {
  if (!hide) return [summary, 0];
  const rows = summary.rows.filter((row) => !isEmptyRow(row));
  return [{ ...summary, rows }, summary.rows.length - rows.length];
}

/** The same for a cross table: a row whose every cell is empty. */
function crossWithoutEmptyRows(summary: CrossSummary, hide: boolean | undefined): [CrossSummary, number] {
  if (!hide) return [summary, 0];
  const rows = summary.rows.filter((row) => row.cells.some((cell) => cell !== null && cell !== 0));
  return [{ ...summary, rows }, summary.rows.length - rows.length];
}

/** The notes a filtered summary carries: whose figures they are, and what was left out. */
function filterNotes(t: Translator, recipe: Grouped, hidden: number): string[] {
  return [
    ...(recipe.unit === undefined ? [] : [t('reportWithinUnit', { unit: recipe.unit })]),
    ...(hidden > 0 ? [t('reportHiddenEmpty', { count: hidden })] : []),
  ];
}

/** The cross table a summary's recipe asks for, if it asks for one. */
function crossOf(recipe: Grouped): CrossRequest | undefined {
  return recipe.by && recipe.then
    ? { ...recipe, by: recipe.by, then: recipe.then, figure: recipe.figure ?? 'participantTimes' }
    : undefined;
}

export type Recipe =
  | ({ report: 'quarterly' } & Grouped)
  | ({ report: 'annual' } & Grouped)
  | { report: 'trainee'; query: string; requiredHours?: number; completionThreshold: number }
  | { report: 'class'; code: string; completionThreshold: number }
  | { report: 'coverage'; period: Period; by?: CoverageGrouping; level?: LevelName; list: boolean }
  | { report: 'plans'; period: Period; completionThreshold: number }
  | { report: 'teachers'; period: Period }
  | { report: 'venues'; period: Period }
  | ({ report: 'hours' } & DutyRequest);

/**
 * What a report counts, in no language: the figures a filed report keeps and compares. `today` is the day whose
 * active trainees coverage counts (never part of the recipe: a filed report is counted again on later days).
 */
export function reportFigures(db: Db, recipe: Recipe, today: string): unknown {
  switch (recipe.report) {
    case 'quarterly':
    case 'annual': {
      const cross = crossOf(recipe);
      if (cross) return crossSummarise(db, requestOf(db, cross, today), recipe.report);
      const request = requestOf(db, recipe, today);
      const summary = recipe.report === 'quarterly' ? summarise(db, request) : annualSummary(db, request);
      return recipe.againstPlan ? { ...summary, againstPlan: againstPlan(db, recipe) } : summary;
    }
    case 'plans':
      return planDelivery(db, recipe.period, recipe.completionThreshold);
    case 'teachers':
      return teacherReport(db, recipe.period);
    case 'venues':
      return venueReport(db, recipe.period);
    case 'trainee':
      return traineeRecord(db, resolveTrainee(db, recipe.query), recipe);
    case 'class':
      return classSheet(db, recipe.code, recipe.completionThreshold);
    case 'coverage':
      return coverageReport(db, recipe, today);
    case 'hours':
      return yearDutyReport(db, recipe, today);
  }
}

export function buildReport(
  db: Db,
  recipe: Recipe,
  t: Translator,
  heading: ReportHeading,
  today: string,
): Report {
  switch (recipe.report) {
    case 'quarterly':
    case 'annual':
      return summaryReport(db, recipe, t, heading, today);
    case 'plans': {
      const plans = planDelivery(db, recipe.period, recipe.completionThreshold);
      return { table: plansTable(plans, t, heading, recipe.completionThreshold), data: plans };
    }
    case 'teachers': {
      const teaching = teacherReport(db, recipe.period);
      return { table: teachersTable(teaching, t, heading), data: teaching };
    }
    case 'venues': {
      const use = venueReport(db, recipe.period);
      return { table: venuesTable(use, t, heading), data: saidWarnings(use, t) };
    }
    case 'trainee': {
      const record = traineeRecord(db, resolveTrainee(db, recipe.query), recipe);
      return { table: traineeTable(record, t, heading), data: record };
    }
    case 'class': {
      const sheet = classSheet(db, recipe.code, recipe.completionThreshold);
      return { table: classSheetTable(sheet, t, heading), data: sheet };
    }
    case 'hours': {
      const duty = yearDutyReport(db, recipe, today);
      return { table: dutyTable(duty, t, heading), data: duty };
    }
    case 'coverage': {
      const report = coverageReport(db, recipe, today);
      return { table: coverageTable(report, t, heading), data: report };
    }
  }
}

/** A quarter's or a year's figures: one way, or crossed (`--then`), with the plans' delivery under them if asked. */
function summaryReport(
  db: Db,
  recipe: Extract<Recipe, { report: 'quarterly' | 'annual' }>,
  t: Translator,
  heading: ReportHeading,
  today: string,
): Report {
  const cross = crossOf(recipe);
  if (cross) {
    const [summary, hidden] = crossWithoutEmptyRows(
      crossSummarise(db, requestOf(db, cross, today), recipe.report),
      recipe.hideEmpty,
    );
    const titled = recipe.report === 'quarterly' ? 'reportTitle' : 'annualTitle';
    return {
      table: withNotes(crossTable(summary, t, heading, titled), filterNotes(t, recipe, hidden)),
      data: saidWarnings(summary, t),
    };
  }
  const plans = recipe.againstPlan ? planDelivery(db, recipe.period, recipe.completionThreshold) : undefined;
  const withPlans = (report: Report): Report =>
    plans
      ? {
          table: { ...report.table, sections: [...report.table.sections, planKindsSection(plans, t)] },
          data: { ...(report.data as object), againstPlan: { kinds: plans.kinds, total: plans.total } },
        }
      : report;
  if (recipe.report === 'annual') {
    const [annual, hidden] = withoutEmptyRows(
      annualSummary(db, requestOf(db, recipe, today)),
      recipe.hideEmpty,
    );
    const quarters = annual.quarters.map((quarter) => saidWarnings(quarter, t));
    return withPlans({
      table: withNotes(annualTable(annual, t, heading), filterNotes(t, recipe, hidden)),
      data: { ...saidWarnings(annual, t), quarters },
    });
  }
  const [summary, hidden] = withoutEmptyRows(summarise(db, requestOf(db, recipe, today)), recipe.hideEmpty);
  return withPlans({
    table: withNotes(quarterlyTable(summary, t, heading), filterNotes(t, recipe, hidden)),
    data: saidWarnings(summary, t),
  });
}

/** The plans' delivery over a summary's period, by plan kind: what `--against-plan` adds. */
function againstPlan(db: Db, recipe: Grouped) {
  const plans = planDelivery(db, recipe.period, recipe.completionThreshold);
  return { kinds: plans.kinds, total: plans.total };
}

/** A summary as JSON: its warnings as `{code, message, params}`, for people and programs alike. */
function saidWarnings<S extends { warnings: Problem[] }>(summary: S, t: Translator) {
  return { ...summary, warnings: summary.warnings.map((warning) => problemJson(t, warning)) };
}

/** A table with notes of its own added under those it has. */
function withNotes(table: ReportTable, notes: readonly string[]): ReportTable {
  return notes.length === 0 ? table : { ...table, notes: [...notes, ...table.notes] };
}
