/** Keeping the people of the register right: add, edit, mark as left, merge two records of one person. */
import { aliasRowsOf } from '../db/aliases.js';
import { certificatesOfEnrolment } from '../db/certificates.js';
import { mentorshipRowsOf } from '../db/mentorships.js';
import { TraineeHistory } from '../db/history.js';
import type { Db } from '../db/handle.js';
import type { RowWriter } from '../db/rows.js';
import { changedColumns } from '../db/rows.js';
import { traineeById, traineeByIdNumber, type TraineeRow, type TraineeValues } from '../db/trainees.js';
import { enrolmentsOfTrainee, recordsOfEnrolment } from '../db/attendance.js';
import { sessionById } from '../db/sessions.js';
import { classById } from '../db/classes.js';
import { UnitStore } from '../db/units.js';
import { optionProblem, PeixunError, problem } from '../errors.js';
import { cleanText, parseDate, parseGender, parseIdNumber, parsePhone } from '../import/normalise.js';
import { birthDateFromId, genderFromId, maskIdNumber } from '../domain/identity.js';
import { localDate } from '../domain/dates.js';
import { DEFAULT_CATEGORY } from '../import/trainees.js';
import { UnitResolver } from '../import/units.js';
import { inEditBatch, type EditEnvironment } from './batch.js';
import { OptionChecks, textOption } from './options.js';
import { describeHit, type TraineeHit } from './search.js';

/** What a person typed: every field optional; an edit changes only what is given. */
export interface TraineeInput {
  name?: string;
  idNumber?: string;
  gender?: string;
  birthDate?: string;
  phone?: string;
  unit?: string;
  position?: string;
  category?: string;
}

/** Checks and normalises input with the import's own rules; a problem names the option at fault. */
export function traineeValues(db: Db, input: TraineeInput, batchId: number): Partial<TraineeValues> {
  const checks = new OptionChecks();
  const idNumber = checks.parse('--id-number', input.idNumber, parseIdNumber);
  let gender = checks.parse('--gender', input.gender, parseGender);
  let birthDate = checks.parse('--birth-date', input.birthDate, parseDate);
  const phone = checks.parse('--phone', input.phone, parsePhone);
  if (idNumber) {
    gender = genderFromId(idNumber);
    birthDate = birthDateFromId(idNumber);
  }
  let unitId: number | undefined;
  const unitText = textOption(input.unit);
  if (unitText) {
    const units = new UnitResolver(new UnitStore(db));
    const unit = units.resolve({ district: '', subdistrict: '', community: '', unit: unitText }, { batchId });
    if (unit.ok) unitId = unit.value?.id;
    else checks.note('--unit', unit.problem);
  }
  if (input.name !== undefined && !textOption(input.name)) checks.note('--name', problem('required'));
  checks.done();
  return {
    name: textOption(input.name)?.replace(/\s+/g, ''),
    id_number: idNumber,
    gender,
    birth_date: birthDate,
    phone: cleared(input.phone) ? null : phone,
    unit_id: unitId,
    position: cleared(input.position) ? null : textOption(input.position),
    category: textOption(input.category),
  };
}

/** `--phone ""`: given, and empty, clears what the register holds (absent leaves it as it is). */
const cleared = (value: string | undefined) => value !== undefined && textOption(value) === undefined;

function traineeRow(db: Db, id: number): TraineeRow {
  const row = traineeById(db, id);
  if (!row) throw new Error(`trainee ${id} vanished inside its own transaction`);
  return row;
}

export async function addTrainee(env: EditEnvironment, input: TraineeInput) {
  const { db } = env;
  return inEditBatch(env, 'trainee add', cleanText(input.name ?? ''), (writer) => {
    const values = traineeValues(db, input, writer.batchId);
    if (!values.name)
      throw new PeixunError(problem('editRejected'), [optionProblem('--name', problem('required'))]);
    if (values.id_number) {
      const existing = traineeByIdNumber(db, values.id_number);
      if (existing)
        throw new PeixunError(
          problem('traineeExists', { name: existing.name, id: maskIdNumber(existing.id_number) }),
        );
    }
    const row: TraineeValues = {
      id_number: values.id_number ?? null,
      name: values.name,
      gender: values.gender ?? null,
      birth_date: values.birth_date ?? null,
      phone: values.phone ?? null,
      unit_id: values.unit_id ?? null,
      position: values.position ?? null,
      category: values.category ?? DEFAULT_CATEGORY,
      left_on: null,
    };
    const id = writer.insert('trainees', { ...row });
    new TraineeHistory(db).begin(writer, id, localDate(env.now()), row);
    return { value: { id, ...row }, changed: 1 };
  });
}

/** Changes what is given; a new unit or category holds from `from` on, earlier classes keep the old one. */
export async function editTrainee(
  env: EditEnvironment,
  target: TraineeHit,
  input: TraineeInput,
  from: string,
) {
  const { db } = env;
  return inEditBatch(env, 'trainee edit', describeHit(target), (writer) => {
    const values = traineeValues(db, input, writer.batchId);
    if (values.id_number && values.id_number !== target.id_number) {
      const other = traineeByIdNumber(db, values.id_number);
      if (other)
        throw new PeixunError(
          problem('traineeExists', { name: other.name, id: maskIdNumber(other.id_number) }),
        );
    }
    const row = traineeRow(db, target.id);
    const { unit_id, category, ...others } = values;
    const changes: Partial<TraineeValues> = changedColumns(row, others);
    if (Object.keys(changes).length > 0) writer.update('trainees', row, changes);
    const history = new TraineeHistory(db);
    // An edit names the unit exactly: a coarser one is a real move, not a roster's shorthand. A statement is
    // kept even when it says what the history already implies on that date: a later one must not cover it.
    if (history.state(writer, target.id, from, { unit_id, category }, { exact: true })) {
      if (unit_id !== undefined) changes.unit_id = unit_id;
      if (category !== undefined) changes.category = category;
    }
    return { value: { changes }, changed: Object.keys(changes).length };
  });
}

/** Marks a trainee as having left on a date (today if none): they no longer count as registered for coverage. */
export async function leaveTrainee(env: EditEnvironment, target: TraineeHit, date: string | null) {
  return inEditBatch(env, 'trainee leave', describeHit(target), (writer) => {
    const row = traineeRow(env.db, target.id);
    const changes = changedColumns(row, { left_on: date });
    if ('left_on' in changes) writer.update('trainees', row, changes);
    return { value: undefined, changed: Object.keys(changes).length };
  });
}

/**
 * Two records of one person become one: `keep` stays, `drop`'s classes and sign-ins move to it, its details
 * fill what `keep` lacks, and it is deleted. Refused where both have a record for the same session, or two
 * different ID numbers (two people).
 */
export async function mergeTrainees(env: EditEnvironment, keep: TraineeHit, drop: TraineeHit) {
  const { db } = env;
  if (keep.id === drop.id) throw new PeixunError(problem('mergeSelf'));
  if (keep.id_number && drop.id_number && keep.id_number !== drop.id_number) {
    throw new PeixunError(
      problem('mergeTwoIds', { keep: maskIdNumber(keep.id_number), drop: maskIdNumber(drop.id_number) }),
    );
  }
  return inEditBatch(env, 'trainee merge', `${describeHit(keep)} ← ${describeHit(drop)}`, (writer) => {
    const recordsOf = (enrolmentId: number) => recordsOfEnrolment(db, enrolmentId);
    const kept = new Map(
      enrolmentsOfTrainee(db, keep.id).map((enrolment) => [enrolment.class_id, enrolment]),
    );
    const dropped = enrolmentsOfTrainee(db, drop.id);
    // Checked before anything moves: two records for one session cannot become one person's.
    const clashes: string[] = [];
    for (const enrolment of dropped) {
      const target = kept.get(enrolment.class_id);
      if (!target) continue;
      const sessions = new Set(recordsOf(target.id).map((record) => record.session_id));
      for (const record of recordsOf(enrolment.id)) {
        if (!sessions.has(record.session_id)) continue;
        const code = classById(db, enrolment.class_id)?.code ?? `#${enrolment.class_id}`;
        const session = sessionById(db, record.session_id);
        clashes.push(`${code} ${session?.date ?? ''} ${session?.slot ?? ''}`.trim());
      }
    }
    if (clashes.length > 0) throw new PeixunError(problem('mergeClash'), clashes);
    let moved = 0;
    for (const enrolment of dropped) {
      const target = kept.get(enrolment.class_id);
      if (!target) {
        writer.update('enrolments', enrolment, { trainee_id: keep.id });
        moved++;
        continue;
      }
      for (const record of recordsOf(enrolment.id)) {
        writer.update('attendance', record, { enrolment_id: target.id });
        moved++;
      }
      // Its certificates are the kept enrolment's (one of them then void, as a reissue would make it).
      for (const certificate of certificatesOfEnrolment(db, enrolment.id))
        writer.update('certificates', certificate, { enrolment_id: target.id });
      writer.delete('enrolments', enrolment);
    }
    const keepRow = traineeRow(db, keep.id);
    const dropRow = traineeRow(db, drop.id);
    const history = new TraineeHistory(db);
    history.mergeInto(writer, keep.id, drop.id);
    // The other record's mentoring pairs become the kept one's; a pair of the two records with each other goes.
    for (const pair of mentorshipRowsOf(db, drop.id)) {
      const moved = {
        mentor_id: pair.mentor_id === drop.id ? keep.id : pair.mentor_id,
        mentee_id: pair.mentee_id === drop.id ? keep.id : pair.mentee_id,
      };
      if (moved.mentor_id === moved.mentee_id) writer.delete('mentorships', pair);
      else writer.update('mentorships', pair, moved);
    }
    // Nicknames of the other record name the kept one.
    for (const alias of aliasRowsOf(db, drop.id)) writer.update('aliases', alias, { trainee_id: keep.id });
    writer.delete('trainees', dropRow);
    // What the kept record lacks, the other may know.
    const filled = changedColumns(keepRow, {
      id_number: keepRow.id_number ?? dropRow.id_number ?? undefined,
      gender: keepRow.gender ?? dropRow.gender ?? undefined,
      birth_date: keepRow.birth_date ?? dropRow.birth_date ?? undefined,
      phone: keepRow.phone ?? dropRow.phone ?? undefined,
      position: keepRow.position ?? dropRow.position ?? undefined,
    });
    if (Object.keys(filled).length > 0) writer.update('trainees', keepRow, filled);
    return { value: { moved, filled }, changed: 1 };
  });
}

export type { RowWriter };
