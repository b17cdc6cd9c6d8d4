/** Rosters (花名册): one trainee per row, identified by ID number, else by name within the unit. */
import type { RowWriter } from '../db/rows.js';
import type { TraineeKey, TraineeStore, TraineeValues } from '../db/trainees.js';
import type { Unit } from '../db/units.js';
import { parseDate, parseGender, parseIdNumber, parsePhone, type Cell, type Parsed } from './normalise.js';
import { birthDateFromId, genderFromId, maskIdNumber } from '../domain/identity.js';
import { nameKey } from '../domain/names.js';
import { signatureOf, type FileNotes, type KindHandler, type PreparedRow, type RowReport } from './rows.js';
import type { DataRow } from './rows.js';
import { unitProblemField, type UnitResolver } from './units.js';

export { DEFAULT_CATEGORY } from '../db/history.js';
import { DEFAULT_CATEGORY } from '../db/history.js';

/** The field's value, undefined when the cell is empty or wrong (a wrong one is reported). */
export function optionalField<T>(
  row: DataRow,
  report: RowReport,
  field: string,
  parse: (cell: Cell) => Parsed<T>,
): T | undefined {
  if (row.text(field) === '') return undefined;
  const parsed = parse(row.cell(field));
  if (parsed.ok) return parsed.value;
  report.problem(field, parsed.problem);
  return undefined;
}

export function unitCells(row: DataRow) {
  return {
    district: row.written('district'),
    subdistrict: row.written('subdistrict'),
    community: row.written('community'),
    unit: row.written('unit'),
  };
}

/** `王芳 (宝山区/高境镇/高境一村居委, 310113********123X)`: enough to choose, without revealing the ID. */
export function describeTrainee(
  trainee: TraineeKey,
  units: UnitResolver,
  unitOf: (id: number | null) => Unit | undefined,
) {
  const unit = unitOf(trainee.unit_id);
  const details = [
    unit ? units.describe(unit) : '',
    maskIdNumber(trainee.id_number) || `#${trainee.id}`,
  ].filter(Boolean);
  return `${trainee.name} (${details.join(', ')})`;
}

export interface TraineeMatchContext {
  trainees: TraineeStore;
  units: UnitResolver;
  unitOf: (id: number | null) => Unit | undefined;
  isWithin: (unitId: number | null, ancestorId: number) => boolean;
}

/** Trainees of this name in this unit or below it (anywhere, when no unit is given), from what an import holds in memory. */
export function traineesNamedIn(context: TraineeMatchContext, name: string, unit: Unit | null): TraineeKey[] {
  const named = context.trainees.named(name);
  return unit ? named.filter((trainee) => context.isWithin(trainee.unit_id, unit.id)) : named;
}

export function traineeHandler(context: TraineeMatchContext, writer: RowWriter): KindHandler {
  return {
    beginFile: (): FileNotes => ({}),
    finish: () => context.trainees.write(),
    prepare(row, report): PreparedRow | undefined {
      const name = row.text('name');
      if (name === '') report.problem('name', { code: 'required' });
      const idNumber = optionalField(row, report, 'idNumber', parseIdNumber);
      let gender = optionalField(row, report, 'gender', parseGender);
      let birthDate = optionalField(row, report, 'birthDate', parseDate);
      const phone = optionalField(row, report, 'phone', parsePhone);
      if (idNumber) {
        const fromId = genderFromId(idNumber);
        if (gender && gender !== fromId)
          report.warn('gender', { code: 'genderDisagrees', params: { value: gender, fromId } });
        gender = fromId;
        const bornFromId = birthDateFromId(idNumber);
        if (birthDate && birthDate !== bornFromId) {
          report.warn('birthDate', {
            code: 'birthDisagrees',
            params: { value: birthDate, fromId: bornFromId },
          });
        }
        birthDate = bornFromId;
      }
      if (report.failed) return undefined;
      const cells = unitCells(row);
      const unit = context.units.resolve(cells, { batchId: writer.batchId });
      if (!unit.ok) {
        const field = unitProblemField(cells, unit.problem, row.has('unit') ? 'unit' : 'community');
        return report.problem(field, unit.problem);
      }

      let existing: TraineeKey | undefined;
      let completes = false;
      if (idNumber) {
        existing = context.trainees.withIdNumber(idNumber);
        // A record made earlier from a name-only sheet gets its ID number now: only one of the same name in
        // the very unit the row names (a row without a unit completes nobody).
        if (!existing && unit.value) {
          const unitId = unit.value.id;
          const withoutId = context.trainees
            .namedWithoutIdNumber(name)
            .filter((trainee) => trainee.unit_id === unitId);
          if (withoutId.length === 1) {
            existing = withoutId[0];
            completes = true;
          }
        }
      } else {
        const candidates = traineesNamedIn(context, name, unit.value);
        if (candidates.length > 1) {
          const list = candidates
            .map((trainee) => describeTrainee(trainee, context.units, context.unitOf))
            .join('; ');
          return report.problem('name', { code: 'traineeAmbiguous', params: { name, candidates: list } });
        }
        existing = candidates[0];
      }

      // A roster row naming a coarser unit than the one on record (a 街镇 for a 居村 member) moves nobody: the
      // history keeps the finer unit (src/db/history.ts, effective units).
      const values: Partial<TraineeValues> = {
        id_number: idNumber,
        // The same name written otherwise (阿不都热合曼 for 阿不都·热合曼) is no new name: the register's stays.
        name: existing && nameKey(existing.name) === nameKey(name) ? undefined : name,
        gender,
        birth_date: birthDate,
        phone,
        unit_id: unit.value?.id,
        position: row.text('position') || undefined,
        category: row.text('category') || undefined,
      };
      if (completes && unit.value) {
        report.warn('idNumber', {
          code: 'recordCompleted',
          params: { name, unit: context.units.describe(unit.value) },
        });
      }
      const agreesWithWritten = () => {
        if (!existing) return false;
        const stored = context.trainees.row(existing);
        return (Object.entries(values) as [keyof TraineeValues, unknown][]).every(([column, value]) => {
          const held = stored[column];
          if (value === undefined || held === null || held === value) return true;
          // A coarser unit holding the one on record says nothing new of the person (a 街镇 for its 居村).
          return column === 'unit_id' && context.isWithin(held as number, value as number);
        });
      };
      return {
        existingId: existing?.id,
        // Every value, in a fixed order (as JSON: 0.3 s of a 200,000-row roster's profile).
        signature: signatureOf([
          idNumber,
          name,
          gender,
          birthDate,
          phone,
          unit.value?.id,
          values.position,
          values.category,
        ]),
        write() {
          if (!existing) {
            const inserted = context.trainees.insert(writer, {
              id_number: idNumber ?? null,
              name,
              gender: gender ?? null,
              birth_date: birthDate ?? null,
              phone: phone ?? null,
              unit_id: unit.value?.id ?? null,
              position: values.position ?? null,
              category: values.category ?? DEFAULT_CATEGORY,
              left_on: null,
            });
            return { outcome: 'inserted', id: inserted.id };
          }
          // Empty cells keep what the register has: a roster without phones must not erase them.
          const changed = context.trainees.update(writer, existing, values);
          return { outcome: changed ? 'updated' : 'unchanged', id: existing.id };
        },
        agreesWithWritten,
      };
    },
  };
}
