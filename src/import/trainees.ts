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
  return new RosterRows(context, writer);
}

/** What a roster row says of its person, checked against the ID number (which decides gender and birth date). */
interface RosterPerson {
  name: string;
  idNumber: string | undefined;
  gender: string | undefined;
  birthDate: string | undefined;
  phone: string | undefined;
}

/** A roster's rows: each a person, found by ID number (or by name within the unit) and written or updated. */
class RosterRows implements KindHandler {
  constructor(
    private readonly context: TraineeMatchContext,
    private readonly writer: RowWriter,
  ) {}

  beginFile(): FileNotes {
    return {};
  }

  finish(): void {
    this.context.trainees.write();
  }

  prepare(row: DataRow, report: RowReport): PreparedRow | undefined {
    const { context } = this;
    const person = personOnRow(row, report);
    if (report.failed) return undefined;
    const cells = unitCells(row);
    const unit = context.units.resolve(cells, { batchId: this.writer.batchId });
    if (!unit.ok) {
      const field = unitProblemField(cells, unit.problem, row.has('unit') ? 'unit' : 'community');
      return report.problem(field, unit.problem);
    }
    const found = this.existing(person, unit.value, report);
    if (!found) return undefined;
    const { existing, completes } = found;
    const { name } = person;
    // A roster row naming a coarser unit than the one on record (a 街镇 for a 居村 member) moves nobody: the
    // history keeps the finer unit (src/db/history.ts, effective units).
    const values: Partial<TraineeValues> = {
      id_number: person.idNumber,
      // The same name written otherwise (阿不都热合曼 for 阿不都·热合曼) is no new name: the register's stays.
      name: existing && nameKey(existing.name) === nameKey(name) ? undefined : name,
      gender: person.gender,
      birth_date: person.birthDate,
      phone: person.phone,
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
    return this.written(person, existing, values);
  }

  /**
   * The person on record the row speaks of, if any; undefined when the name alone cannot tell (refused). A
   * record made earlier from a name-only sheet gets its ID number now: only one of the same name in the very
   * unit the row names (a row without a unit completes nobody).
   */
  private existing(
    { name, idNumber }: RosterPerson,
    unit: Unit | null,
    report: RowReport,
  ): { existing: TraineeKey | undefined; completes: boolean } | undefined {
    const { context } = this;
    if (!idNumber) {
      const candidates = traineesNamedIn(context, name, unit);
      if (candidates.length <= 1) return { existing: candidates[0], completes: false };
      const list = candidates
        .map((trainee) => describeTrainee(trainee, context.units, context.unitOf))
        .join('; ');
      return report.problem('name', { code: 'traineeAmbiguous', params: { name, candidates: list } });
    }
    const existing = context.trainees.withIdNumber(idNumber);
    if (existing || !unit) return { existing, completes: false };
    const withoutId = context.trainees
      .namedWithoutIdNumber(name)
      .filter((trainee) => trainee.unit_id === unit.id);
    return withoutId.length === 1
      ? { existing: withoutId[0], completes: true }
      : { existing, completes: false };
  }

  /** The row as written: a new trainee, or the one on record with the row's values (blank cells keep theirs). */
  private written(
    person: RosterPerson,
    existing: TraineeKey | undefined,
    values: Partial<TraineeValues>,
  ): PreparedRow {
    const { context, writer } = this;
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
        person.idNumber,
        person.name,
        person.gender,
        person.birthDate,
        person.phone,
        values.unit_id,
        values.position,
        values.category,
      ]),
      write: () => {
        if (!existing) {
          const inserted = context.trainees.insert(writer, {
            id_number: person.idNumber ?? null,
            name: person.name,
            gender: person.gender ?? null,
            birth_date: person.birthDate ?? null,
            phone: person.phone ?? null,
            unit_id: values.unit_id ?? null,
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
  }
}

/** The row's person: gender and birth date from the ID number where it has one (a cell that disagrees is warned). */
function personOnRow(row: DataRow, report: RowReport): RosterPerson {
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
  return { name, idNumber, gender, birthDate, phone };
}
