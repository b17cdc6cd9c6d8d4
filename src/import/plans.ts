/** Training plans (培训计划): what a year's or a quarter's classes are meant to deliver, named by a code. */
import type { PlanRow, PlanStore } from '../db/classes.js';
import type { RowWriter } from '../db/rows.js';
import { cleanText, parseHours, type Cell, type Parsed } from './normalise.js';
import { problem } from '../errors.js';
import { requiredTexts, type FileNotes, type KindHandler, type PreparedRow } from './rows.js';
import { optionalField } from './trainees.js';
import type { UnitResolver } from './units.js';
import { upsert } from './courses.js';

/** A plan's hours are participants' hours summed: a city's year can plan hundreds of thousands. */
const MAX_PLAN_HOURS = 10_000_000;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** 2024, 2024年. */
export function parseYear(cell: Cell): Parsed<number> {
  const text = cleanText(cell).replace(/年(度)?$/, '');
  return /^(19|20)\d{2}$/.test(text)
    ? ok(Number(text))
    : { ok: false, problem: problem('yearValue', { value: cleanText(cell) }) };
}

/** 3, Q3, 第三季度, 三季度, 第3季度, 2024Q3, 2024年第三季度; 全年 (or empty) for a plan of the whole year. */
export function parseQuarter(cell: Cell): Parsed<number | null> {
  const text = cleanText(cell);
  if (/^(全年|全年度|年度)$/.test(text)) return ok(null);
  const match = /^(?:\d{4}\s*(?:年|-)?\s*)?(?:q|第)?([1-4一二三四])(?:季度?)?$/i.exec(text);
  const digit = match?.[1] ?? '';
  const quarter = '1234'.includes(digit) ? Number(digit) : '一二三四'.indexOf(digit) + 1;
  return match && quarter > 0
    ? ok(quarter)
    : { ok: false, problem: problem('quarterValue', { value: text }) };
}

/** A number of classes or participant-times: a whole number, 0 or more. */
export function parseCount(cell: Cell): Parsed<number> {
  const text = typeof cell === 'number' ? String(cell) : cleanText(cell);
  return /^\d+$/.test(text)
    ? ok(Number(text))
    : { ok: false, problem: problem('countValue', { value: text }) };
}

export function planHandler(plans: PlanStore, units: UnitResolver, writer: RowWriter): KindHandler {
  return {
    beginFile: (): FileNotes => ({}),
    prepare(row, report): PreparedRow | undefined {
      const { code } = requiredTexts(row, report, 'code', 'name');
      const name = row.written('name');
      const year = optionalField(row, report, 'year', parseYear);
      if (row.text('year') === '') report.problem('year', { code: 'required' });
      const quarter = optionalField(row, report, 'quarter', parseQuarter);
      // `2024Q3` in a plan of 2023 says two different things: refused rather than one of them believed.
      const quarterYear = /^(\d{4})/.exec(row.text('quarter'))?.[1];
      if (quarterYear && year !== undefined && Number(quarterYear) !== year) {
        report.problem('quarter', { code: 'quarterOtherYear', params: { value: row.text('quarter'), year } });
      }
      const plannedClasses = optionalField(row, report, 'plannedClasses', parseCount);
      const plannedParticipantTimes = optionalField(row, report, 'plannedParticipantTimes', parseCount);
      const plannedHours = optionalField(row, report, 'plannedHours', (cell) =>
        parseHours(cell, MAX_PLAN_HOURS),
      );
      if (report.failed || year === undefined) return undefined;
      const organiser = units.resolveOrganiser(row.written('organiser'), { batchId: writer.batchId });
      if (!organiser.ok) return report.problem('organiser', organiser.problem);
      const given: Partial<Omit<PlanRow, 'id' | 'batch_id'>> = {
        code,
        name,
        kind: row.text('kind') || undefined,
        year,
        quarter: quarter ?? undefined,
        organiser_unit_id: organiser.value?.id,
        target_category: row.text('targetCategory') || undefined,
        planned_classes: plannedClasses,
        planned_participant_times: plannedParticipantTimes,
        planned_hours: plannedHours,
      };
      return upsert(
        plans,
        writer,
        report,
        {
          code,
          name,
          kind: given.kind ?? null,
          year,
          quarter: quarter ?? null,
          organiser_unit_id: organiser.value?.id ?? null,
          target_category: given.target_category ?? null,
          planned_classes: plannedClasses ?? null,
          planned_participant_times: plannedParticipantTimes ?? null,
          planned_hours: plannedHours ?? null,
        },
        given,
      );
    },
  };
}
