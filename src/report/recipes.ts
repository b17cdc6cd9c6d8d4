/**
 * What a report is, in a form that can be stored and computed again: the report kind and every option that
 * changes its figures. Filed reports keep their recipe so today's data can be compared with what was handed in.
 */
import type { Db } from '../db/open.js';
import type { LevelName } from '../db/units.js';
import { problemJson, type Translator } from '../i18n/index.js';
import { annualSummary } from '../stats/annual.js';
import { classSheet } from '../stats/classSheet.js';
import { coverageReport, type CoverageGrouping } from '../stats/coverage.js';
import type { Period } from '../stats/period.js';
import { summarise, type Grouping, type Summary } from '../stats/summary.js';
import { traineeRecord } from '../stats/trainee.js';
import { classSheetTable } from './classSheet.js';
import { coverageTable } from './coverage.js';
import type { Report } from './renderers.js';
import { annualTable, quarterlyTable, type ReportHeading } from './summaries.js';
import { traineeTable } from './trainee.js';

interface Grouped {
  period: Period;
  by?: Grouping;
  level?: LevelName;
  completionThreshold: number;
}

export type Recipe =
  | ({ report: 'quarterly' } & Grouped)
  | ({ report: 'annual' } & Grouped)
  | { report: 'trainee'; query: string; requiredHours: number; completionThreshold: number }
  | { report: 'class'; code: string; completionThreshold: number }
  | { report: 'coverage'; period: Period; by?: CoverageGrouping; level?: LevelName; list: boolean };

/** What a report counts, in no language: the figures a filed report keeps and compares. */
export function reportFigures(db: Db, recipe: Recipe): unknown {
  switch (recipe.report) {
    case 'quarterly':
      return summarise(db, recipe);
    case 'annual':
      return annualSummary(db, recipe);
    case 'trainee':
      return traineeRecord(db, recipe.query, recipe);
    case 'class':
      return classSheet(db, recipe.code, recipe.completionThreshold);
    case 'coverage':
      return coverageReport(db, recipe);
  }
}

export function buildReport(db: Db, recipe: Recipe, t: Translator, heading: ReportHeading): Report {
  switch (recipe.report) {
    case 'quarterly': {
      const summary = summarise(db, recipe);
      return { table: quarterlyTable(summary, t, heading), data: saidWarnings(summary, t) };
    }
    case 'annual': {
      const annual = annualSummary(db, recipe);
      const quarters = annual.quarters.map((quarter) => saidWarnings(quarter, t));
      return { table: annualTable(annual, t, heading), data: { ...saidWarnings(annual, t), quarters } };
    }
    case 'trainee': {
      const record = traineeRecord(db, recipe.query, recipe);
      return { table: traineeTable(record, t, heading), data: record };
    }
    case 'class': {
      const sheet = classSheet(db, recipe.code, recipe.completionThreshold);
      return { table: classSheetTable(sheet, t, heading), data: sheet };
    }
    case 'coverage': {
      const report = coverageReport(db, recipe);
      return { table: coverageTable(report, t, heading), data: report };
    }
  }
}

/** A summary as JSON: its warnings as `{code, message, params}`, for people and programs alike. */
function saidWarnings<S extends Summary>(summary: S, t: Translator) {
  return { ...summary, warnings: summary.warnings.map((warning) => problemJson(t, warning)) };
}
