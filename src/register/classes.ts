/** Opening, correcting and cancelling classes at the terminal, and recording a session's sign-in. */
import {
  planById,
  classesCoded,
  classNamed,
  classNotFound,
  PlanStore,
  type ClassRow,
  type ClassValues,
} from '../db/classes.js';
import type { Db } from '../db/handle.js';
import { changedColumns } from '../db/rows.js';
import { enrolmentIn, recordAt, rosterOf } from '../db/attendance.js';
import { SessionStore } from '../db/sessions.js';
import { TraineeHistory } from '../db/history.js';
import { UnitStore } from '../db/units.js';
import { dynamicProblem, optionProblem, PeixunError, problem, type Problem } from '../errors.js';
import { planPeriod } from '../domain/periods.js';
import type { MessageKey } from '../i18n/index.js';
import { DEFAULT_CLASS_TYPE } from '../import/classes.js';
import { cleanText, parseClassStatus, parseDate, parseHours } from '../import/normalise.js';
import { isAttended, type AttendanceStatus, type Slot, MAX_CLASS_HOURS } from '../domain/attendance.js';
import { sessionDate, sessionSlot } from '../import/sessions.js';
import { UnitResolver } from '../import/units.js';
import { OptionChecks, textOption } from './options.js';
import { inEditBatch, type EditEnvironment } from './batch.js';
import { byUnitThenName, chineseOrder } from '../order.js';

export interface ClassInput {
  code?: string;
  name?: string;
  type?: string;
  organiser?: string;
  start?: string;
  end?: string;
  hours?: string;
  venue?: string;
  status?: string;
  /** A plan's code or name; "" takes the class out of its plan. */
  plan?: string;
}

export function findClass(db: Db, code: string): ClassRow {
  const row = classNamed(db, cleanText(code).normalize('NFKC'));
  if (!row) throw classNotFound(db, code);
  return row;
}

function classValues(db: Db, input: ClassInput, batchId: number): Partial<ClassValues> {
  const checks = new OptionChecks();
  const start = checks.parse('--start', input.start, parseDate);
  const end = checks.parse('--end', input.end, parseDate);
  const hours = checks.parse('--hours', input.hours, (text) => parseHours(text, MAX_CLASS_HOURS));
  const status = checks.parse('--status', input.status, parseClassStatus);
  let organiserId: number | undefined;
  const organiserText = textOption(input.organiser);
  if (organiserText) {
    const organiser = new UnitResolver(new UnitStore(db)).resolveOrganiser(organiserText, { batchId });
    if (organiser.ok) organiserId = organiser.value?.id;
    else checks.note('--organiser', organiser.problem);
  }
  let planId: number | null | undefined;
  if (input.plan !== undefined) {
    const planText = cleanText(input.plan);
    const plan = planText ? new PlanStore(db).withCodeOrName(planText) : undefined;
    if (planText && !plan) checks.note('--plan', problem('planUnknown', { value: planText }));
    planId = plan ? plan.id : null;
  }
  checks.done();
  return {
    code: textOption(input.code),
    name: textOption(input.name),
    type: textOption(input.type),
    organiser_unit_id: organiserId,
    start_date: start,
    end_date: end,
    planned_hours: hours,
    venue: textOption(input.venue),
    status,
    plan_id: planId,
  };
}

function checkDates(values: { start_date?: string | null; end_date?: string | null }): void {
  if (values.start_date && values.end_date && values.end_date < values.start_date) {
    throw new PeixunError(problem('editRejected'), [
      optionProblem('--end', problem('endBeforeStart', { end: values.end_date, start: values.start_date })),
    ]);
  }
}

export async function addClass(env: EditEnvironment, input: ClassInput) {
  const { db } = env;
  return inEditBatch(env, 'class add', cleanText(input.code ?? ''), (writer) => {
    const values = classValues(db, input, writer.batchId);
    const missing = (['code', 'name', 'start_date'] as const).filter((field) => !values[field]);
    if (missing.length > 0) {
      const options = { code: '--code', name: '--name', start_date: '--start' };
      throw new PeixunError(
        problem('editRejected'),
        missing.map((field) => optionProblem(options[field], problem('required'))),
      );
    }
    // `k1` beside `K1` would make both unnameable: a code is new only under the domain's key.
    const taken = values.code ? classesCoded(db, values.code)[0] : undefined;
    if (taken) {
      throw new PeixunError(problem('classExists', { code: taken.code }));
    }
    checkDates(values);
    const row: ClassValues = {
      code: values.code ?? '',
      name: values.name ?? '',
      type: values.type ?? DEFAULT_CLASS_TYPE,
      organiser_unit_id: values.organiser_unit_id ?? null,
      start_date: values.start_date ?? '',
      end_date: values.end_date ?? null,
      planned_hours: values.planned_hours ?? null,
      venue: values.venue ?? null,
      status: values.status ?? 'planned',
      plan_id: values.plan_id ?? null,
    };
    writer.insert('classes', { ...row });
    return { value: { ...row, outsidePlan: classOutsidePlan(db, row) }, changed: 1 };
  });
}

export async function editClass(env: EditEnvironment, code: string, input: ClassInput) {
  const { db } = env;
  const row = findClass(db, code);
  return inEditBatch(env, 'class edit', row.code, (writer) => {
    const values = classValues(db, input, writer.batchId);
    const taken = values.code
      ? classesCoded(db, values.code).find((other) => other.id !== row.id)
      : undefined;
    if (taken) {
      throw new PeixunError(problem('classExists', { code: taken.code }));
    }
    checkDates({
      start_date: values.start_date ?? row.start_date,
      end_date: values.end_date ?? row.end_date,
    });
    const changes = changedColumns(row, values);
    if (Object.keys(changes).length > 0) writer.update('classes', row, changes);
    // Enrolments count under the group their trainees had on the class's start date.
    if (changes.start_date) new TraineeHistory(db).refreshEnrolmentsOfClass(row.id);
    // The class's code as the register holds it (after the edit), not as it was typed (gj2023-01).
    return {
      value: {
        changes,
        code: values.code ?? row.code,
        outsidePlan: classOutsidePlan(db, { ...row, ...changes }),
      },
      changed: Object.keys(changes).length,
    };
  });
}

/**
 * A class that names a plan but starts outside the plan's period counts toward no plan (statistics.md): said when
 * the class is added or edited, as an import of a class list says it.
 */
export function classOutsidePlan(
  db: Db,
  klass: { code: string; start_date: string; plan_id: number | null },
): Problem | undefined {
  const plan = klass.plan_id === null ? undefined : planById(db, klass.plan_id);
  if (!plan) return undefined;
  const own = planPeriod(plan);
  return klass.start_date < own.from || klass.start_date > own.to
    ? problem('classOutsidePlan', {
        code: klass.code,
        plan: plan.code,
        start: klass.start_date,
        from: own.from,
        to: own.to,
      })
    : undefined;
}

/** A cancelled class counts nowhere; undo brings it back. */
export async function cancelClass(env: EditEnvironment, code: string) {
  const row = findClass(env.db, code);
  return inEditBatch(env, 'class cancel', row.code, (writer) => {
    if (row.status === 'cancelled') return { value: undefined, changed: 0 };
    writer.update('classes', row, { status: 'cancelled' });
    return { value: undefined, changed: 1 };
  });
}

export interface RosterEntry {
  traineeId: number;
  name: string;
  idNumber: string | null;
  unit: string;
  /** The status already recorded for this session, if any. */
  status: string | null;
}

/** How a roster is listed: as enrolled (the roster file's order), by name, or by unit then name. */
export const ROSTER_ORDERS = ['unit', 'name', 'roster'] as const;
export type RosterOrder = (typeof ROSTER_ORDERS)[number];

/** Who is on a class's roster (anyone with a record in it), with what this session already holds for each. */
export function classRoster(
  db: Db,
  classId: number,
  date: string,
  slot: Slot,
  order: RosterOrder = 'unit',
): RosterEntry[] {
  const units = new UnitStore(db);
  const session = new SessionStore(db).find(classId, date, slot);
  const roster = rosterOf(db, classId, session?.id).map(({ unitId, ...row }) => ({
    ...row,
    unit: units.path(unitId),
  }));
  if (order === 'roster') return roster;
  return roster.sort(order === 'name' ? (a, b) => chineseOrder(a.name, b.name) : byUnitThenName);
}

/** The slots of a class's sessions on a date, the timetable's planned ones included. */
export function sessionSlotsOn(db: Db, classId: number, date: string): ReadonlySet<string> {
  return new SessionStore(db).slotsOn(classId, date);
}

/**
 * The session a sign-in at the door is for, by the rules of a sheet: a date within the class's, and without a
 * slot the date's one session (several: which one?).
 */
export function doorSession(db: Db, klass: ClassRow, date: string, slot: Slot | undefined) {
  const dated = sessionDate(klass, date);
  if (!dated.ok) throw new PeixunError(dynamicProblem(dated.problem.code, dated.problem.params));
  const slotted = sessionSlot(sessionSlotsOn(db, klass.id, date), klass, date, slot);
  if (!slotted.ok) throw new PeixunError(dynamicProblem(slotted.problem.code, slotted.problem.params));
  return { date: dated.value, slot: slotted.value };
}

/**
 * One session's sign-in: a status for each trainee named; new faces are enrolled in their group on the class's
 * start. `seen`: the statuses the person saw when they began (a checklist left open): if the session holds others
 * now (a sheet imported meanwhile), nothing is written and the changes are said.
 */
export async function recordSession(
  env: EditEnvironment,
  klass: ClassRow,
  given: { date: string; slot: Slot },
  statuses: ReadonlyMap<number, AttendanceStatus>,
  seen?: ReadonlyMap<number, string | null>,
) {
  const { db } = env;
  return inEditBatch(env, 'attend', `${klass.code} ${given.date} ${given.slot}`.trim(), (writer) => {
    if (seen) refuseChangedMeanwhile(db, klass, given, seen);
    const history = new TraineeHistory(db);
    const sessions = new SessionStore(db);
    const session =
      sessions.find(klass.id, given.date, given.slot) ??
      sessions.insert(writer, { class_id: klass.id, date: given.date, slot: given.slot });
    let changed = 0;
    const counts: Record<AttendanceStatus, number> = {
      present: 0,
      late: 0,
      left_early: 0,
      excused: 0,
      absent: 0,
    };
    for (const [traineeId, status] of statuses) {
      counts[status]++;
      let enrolment: { id: number; batch_id: number } | undefined = enrolmentIn(db, klass.id, traineeId);
      if (!enrolment) {
        const id = writer.insert('enrolments', {
          class_id: klass.id,
          trainee_id: traineeId,
          ...history.groupAt(traineeId, klass.start_date),
        });
        enrolment = { id, batch_id: writer.batchId };
      }
      const record = recordAt(db, enrolment.id, session.id);
      if (!record) {
        writer.insert('attendance', {
          enrolment_id: enrolment.id,
          session_id: session.id,
          status,
          hours: null,
        });
        changed++;
      } else if (record.status !== status) {
        // Hours were the old status's: corrected to present, the sign-in earns the planned share like a blank.
        const nowAttended = isAttended(status) && !isAttended(record.status);
        writer.update('attendance', record, nowAttended ? { status, hours: null } : { status });
        changed++;
      }
    }
    return { value: counts, changed };
  });
}

/** What a checklist's session holds now that it did not when the person began: refused, each change said. */
function refuseChangedMeanwhile(
  db: Db,
  klass: ClassRow,
  given: { date: string; slot: Slot },
  seen: ReadonlyMap<number, string | null>,
): void {
  const now = classRoster(db, klass.id, given.date, given.slot);
  const changed = now
    .filter((entry) => (seen.get(entry.traineeId) ?? null) !== entry.status)
    .map((entry) => ({
      name: entry.name,
      was: seen.get(entry.traineeId) ?? null,
      now: entry.status,
    }));
  if (changed.length === 0) return;
  const lines = changed.map((change) =>
    problem('attendChangedLine', {
      name: change.name,
      was: change.was ? dynamicProblem(`status.${change.was}` as MessageKey) : problem('status.none'),
      now: change.now ? dynamicProblem(`status.${change.now}` as MessageKey) : problem('status.none'),
    }),
  );
  throw new PeixunError(problem('attendChangedMeanwhile', { count: changed.length }), lines);
}
