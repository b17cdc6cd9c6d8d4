/**
 * What a report is, in a form that can be stored and computed again: the report kind and every option that
 * changes its figures. Filed reports keep their recipe so today's data can be compared with what was handed in.
 */
import type { Db } from '../db/open.js';
import type { LevelName } from '../db/units.js';
import type { Translator } from '../i18n/index.js';
import { annualSummary } from '../stats/annual.js';
import { classSheet } from '../stats/classSheet.js';
import { coverageReport, type CoverageGrouping } from '../stats/coverage.js';
import type { Period } from '../stats/period.js';
import { summarise, type Grouping } from '../stats/summary.js';
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

export function buildReport(db: Db, recipe: Recipe, t: Translator, heading: ReportHeading): Report {
  switch (recipe.report) {
    case 'quarterly': {
      const summary = summarise(db, recipe, t);
      return { table: quarterlyTable(summary, t, heading), data: summary };
    }
    case 'annual': {
      const annual = annualSummary(db, recipe, t);
      return { table: annualTable(annual, t, heading), data: annual };
    }
    case 'trainee': {
      const record = traineeRecord(db, recipe.query, recipe, t);
      return { table: traineeTable(record, t, heading), data: record };
    }
    case 'class': {
      const sheet = classSheet(db, recipe.code, recipe.completionThreshold, t);
      return { table: classSheetTable(sheet, t, heading), data: sheet };
    }
    case 'coverage': {
      const report = coverageReport(db, recipe);
      return { table: coverageTable(report, t, heading), data: report };
    }
  }
}
