/** Class lists: one class (培训班) per row, identified by its code. */
import { MAX_CLASS_HOURS } from '../domain/attendance.js';
import { planPeriod } from '../domain/periods.js';
import type { ClassStore, ClassValues, PlanStore } from '../db/classes.js';
import type { RowWriter } from '../db/rows.js';
import { changedColumns } from '../db/rows.js';
import { parseClassStatus, parseDate, parseDateRange, parseHours } from './normalise.js';
import {
  codeClash,
  requiredTexts,
  type DataRow,
  type FileNotes,
  type KindHandler,
  type PreparedRow,
  type RowReport,
} from './rows.js';
import { optionalField } from './trainees.js';
import type { UnitResolver } from './units.js';

export const DEFAULT_CLASS_TYPE = '其他';

export function classHandler(
  classes: ClassStore,
  plans: PlanStore,
  units: UnitResolver,
  writer: RowWriter,
): KindHandler {
  return {
    beginFile: (): FileNotes => ({}),
    prepare(row, report): PreparedRow | undefined {
      const { code } = requiredTexts(row, report, 'code', 'name');
      // Stored as written (`轮训班（第一期）`); matched elsewhere on its NFKC form.
      const name = row.written('name');
      const { startDate, endDate } = classDates(row, report);
      const plannedHours = optionalField(row, report, 'plannedHours', (cell) =>
        parseHours(cell, MAX_CLASS_HOURS),
      );
      const status = optionalField(row, report, 'status', parseClassStatus);
      const plan = planOnRow(row, report, plans, code, startDate);
      if (report.failed || !startDate) return undefined;
      const organiser = units.resolveOrganiser(row.written('organiser'), { batchId: writer.batchId });
      if (!organiser.ok) return report.problem('organiser', organiser.problem);

      // The class of this code, or the one of the same key (`k1` updates `K1`, whose code stays as it was).
      const { row: existing, clash } = classes.recordFor(code);
      if (clash.length > 0) return codeClash(report, code, clash);
      const values: Partial<ClassValues> = {
        code: existing?.code ?? code,
        name,
        type: row.text('type') || undefined,
        organiser_unit_id: organiser.value?.id,
        start_date: startDate,
        end_date: endDate,
        planned_hours: plannedHours,
        venue: row.written('venue') || undefined,
        status,
        plan_id: plan?.id,
      };
      return {
        existingId: existing?.id,
        signature: JSON.stringify(values),
        write() {
          if (!existing) {
            const inserted = classes.insert(writer, {
              code,
              name,
              type: values.type ?? DEFAULT_CLASS_TYPE,
              organiser_unit_id: organiser.value?.id ?? null,
              start_date: startDate,
              end_date: endDate ?? null,
              planned_hours: plannedHours ?? null,
              venue: values.venue ?? null,
              status: status ?? null,
              plan_id: plan?.id ?? null,
            });
            return { outcome: 'inserted', id: inserted.id };
          }
          const changes = changedColumns(existing, values);
          if (Object.keys(changes).length === 0) return { outcome: 'unchanged', id: existing.id };
          classes.update(writer, existing, changes);
          return { outcome: 'updated', id: existing.id };
        },
      };
    },
  };
}

/**
 * A class's first and last day: from 开始日期 and 结束日期, or from both in one 培训时间 cell (`2023.5.10-5.24`);
 * a file with both says them twice, and where they differ the row is refused.
 */
function classDates(row: DataRow, report: RowReport): { startDate?: string; endDate?: string } {
  const range = optionalField(row, report, 'dates', parseDateRange);
  const startDate = optionalField(row, report, 'startDate', parseDate) ?? range?.start;
  const endDate = optionalField(row, report, 'endDate', parseDate) ?? range?.end;
  if (row.text('startDate') === '' && row.text('dates') === '')
    report.problem(row.has('startDate') ? 'startDate' : 'dates', { code: 'required' });
  if (range && (startDate !== range.start || (range.end !== undefined && endDate !== range.end)))
    report.problem('dates', {
      code: 'classDatesDisagree',
      params: { dates: row.text('dates'), start: startDate ?? '', end: endDate ?? '' },
    });
  if (startDate && endDate && endDate < startDate)
    report.problem('endDate', { code: 'endBeforeStart', params: { end: endDate, start: startDate } });
  return { startDate, endDate };
}

/**
 * The plan a class row names, by its code or its name; one the register does not hold is refused, not made up. A
 * class counts toward its plan only when it starts within the plan's period: said, not silently lost.
 */
function planOnRow(
  row: DataRow,
  report: RowReport,
  plans: PlanStore,
  code: string,
  startDate: string | undefined,
): ReturnType<PlanStore['withCodeOrName']> {
  const planText = row.text('plan');
  const plan = planText ? plans.withCodeOrName(planText) : undefined;
  if (planText && !plan) report.problem('plan', { code: 'planUnknown', params: { value: planText } });
  if (plan && startDate && !report.failed) {
    const own = planPeriod(plan);
    if (startDate < own.from || startDate > own.to)
      report.warn('plan', {
        code: 'classOutsidePlan',
        params: { code, plan: plan.code, start: startDate, from: own.from, to: own.to },
      });
  }
  return plan;
}
