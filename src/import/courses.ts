/** Course lists (课程) and practice projects (实践项目): records named by a code. */
import { MAX_CLASS_HOURS } from '../domain/attendance.js';
import type { ClassStore, CourseRow, CourseStore, ProjectRow, ProjectStore } from '../db/classes.js';
import type { CodedStore } from '../db/coded.js';
import type { RowWriter } from '../db/rows.js';
import { changedColumns } from '../db/rows.js';
import { parseDate, parseHours } from './normalise.js';
import {
  codeClash,
  requiredTexts,
  type FileNotes,
  type KindHandler,
  type PreparedRow,
  type RowReport,
  type Written,
} from './rows.js';
import { optionalField } from './trainees.js';
import type { UnitResolver } from './units.js';

/**
 * A row for the record of its code (or the one code of the same key: `c1` updates `C1`, whose code stays as it
 * was): inserted when new, else the given columns updated. A code that two records share under the key is refused.
 */
export function upsert<Row extends { id: number; batch_id: number; code: string; name: string }>(
  store: CodedStore<Row>,
  writer: RowWriter,
  report: RowReport,
  values: Omit<Row, 'id' | 'batch_id'>,
  given: Partial<Omit<Row, 'id' | 'batch_id'>>,
): PreparedRow | undefined {
  const { row: existing, clash } = store.recordFor(values.code);
  if (clash.length > 0) return codeClash(report, values.code, clash);
  if (existing) {
    values = { ...values, code: existing.code };
    given = { ...given, code: existing.code };
  }
  return {
    existingId: existing?.id,
    signature: JSON.stringify(given),
    write(): { outcome: Written; id: number } {
      if (!existing) return { outcome: 'inserted', id: store.insert(writer, values).id };
      const changes = changedColumns(existing as Omit<Row, 'id' | 'batch_id'>, given);
      if (Object.keys(changes).length === 0) return { outcome: 'unchanged', id: existing.id };
      store.update(writer, existing, changes);
      return { outcome: 'updated', id: existing.id };
    },
  };
}

export function courseHandler(courses: CourseStore, writer: RowWriter): KindHandler {
  return {
    beginFile: (): FileNotes => ({}),
    prepare(row, report): PreparedRow | undefined {
      const { code } = requiredTexts(row, report, 'code', 'name');
      const name = row.written('name');
      const hours = optionalField(row, report, 'hours', (cell) => parseHours(cell, MAX_CLASS_HOURS));
      if (report.failed) return undefined;
      const given: Partial<Omit<CourseRow, 'id' | 'batch_id'>> = {
        code,
        name,
        category: row.text('category') || undefined,
        hours,
        teacher: row.text('teacher') || undefined,
        method: row.text('method') || undefined,
      };
      return upsert(
        courses,
        writer,
        report,
        {
          code,
          name,
          category: given.category ?? null,
          hours: hours ?? null,
          teacher: given.teacher ?? null,
          method: given.method ?? null,
        },
        given,
      );
    },
  };
}

export function projectHandler(
  projects: ProjectStore,
  classes: ClassStore,
  units: UnitResolver,
  writer: RowWriter,
): KindHandler {
  return {
    beginFile: (): FileNotes => ({}),
    prepare(row, report): PreparedRow | undefined {
      const { code } = requiredTexts(row, report, 'code', 'name');
      const name = row.written('name');
      const approvedOn = optionalField(row, report, 'approvedOn', parseDate);
      const classText = row.text('sourceClass');
      const source = classText ? classes.withCodeOrName(classText) : undefined;
      if (classText && !source)
        report.problem('sourceClass', { code: 'classUnknown', params: { value: classText } });
      if (report.failed) return undefined;
      const unit = units.resolveOrganiser(row.written('unit'), { batchId: writer.batchId });
      if (!unit.ok) return report.problem('unit', unit.problem);
      const given: Partial<Omit<ProjectRow, 'id' | 'batch_id'>> = {
        code,
        name,
        unit_id: unit.value?.id,
        approved_on: approvedOn,
        status: row.text('status') || undefined,
        source_class_id: source?.id,
      };
      return upsert(
        projects,
        writer,
        report,
        {
          code,
          name,
          unit_id: unit.value?.id ?? null,
          approved_on: approvedOn ?? null,
          status: given.status ?? null,
          source_class_id: source?.id ?? null,
        },
        given,
      );
    },
  };
}
