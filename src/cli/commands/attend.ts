import { Command } from '@commander-js/extra-typings';
import { PeixunError, UsageError } from '../../errors.js';
import {
  ATTENDANCE_STATUSES,
  isAttended,
  type AttendanceStatus,
  type Slot,
} from '../../domain/attendance.js';
import { localDate } from '../../domain/dates.js';
import {
  classRoster,
  doorSession,
  findClass,
  recordSession,
  sessionSlotsOn,
  type RosterEntry,
} from '../../register/classes.js';
import type { ClassRow } from '../../db/classes.js';
import type { Db } from '../../db/handle.js';
import { displayWidth, pad } from '../../report/grid.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { dateOption, formatOption, RESULT_FORMATS, slotOption } from '../options.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../database.js';
import { prompterFor, type Prompter } from '../prompts.js';
import { chooseTrainee } from '../choose.js';
import { describeHit, nameMatchesTyping, type TraineeHit } from '../../register/search.js';

const declare = (cli: Cli) => {
  const { t } = cli;
  return new Command('attend')
    .description(t('cmdAttend'))
    .argument('<class>', t('argClass'))
    .addOption(dateOption(t, '--date <date>', t('optAttendDate')))
    .addOption(slotOption(t, 'optAttendSlot'))
    .option('--present <trainee...>', t('optPresent'))
    .option('--late <trainee...>', t('optLate'))
    .option('--left-early <trainee...>', t('optLeftEarly'))
    .option('--excused <trainee...>', t('optExcused'))
    .option('--absent <trainee...>', t('optAbsent'))
    .addOption(formatOption(t, RESULT_FORMATS))
    .option('--json', t('optJsonFormat'));
};

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/** Each status and the option that names its trainees. */
const STATUS_OPTIONS = {
  present: 'present',
  late: 'late',
  left_early: 'leftEarly',
  excused: 'excused',
  absent: 'absent',
} as const satisfies Record<AttendanceStatus, keyof Options>;

/**
 * Sign-in at the door. On a terminal: the roster as a checklist to tick, then who of the rest was late, left
 * early or excused.
 * From a script: `--present ID…` and the like; the rest of the roster is recorded absent unless already recorded.
 */
export async function run(context: CommandContext, options: Options, code: string): Promise<void> {
  const { t, io } = context;
  const scripted = ATTENDANCE_STATUSES.some((status) => (options[STATUS_OPTIONS[status]]?.length ?? 0) > 0);
  const prompter = scripted ? undefined : await prompterFor(context);
  if (!scripted && !prompter) throw new UsageError(t('attendNeedsList'));
  if (options.date === undefined && scripted) throw new UsageError(t('missingOption', { option: '--date' }));
  const date = options.date ?? localDate(io.now());
  let givenSlot: Slot | undefined = options.slot || undefined;
  await withDatabase(context, 'write', async (db) => {
    const klass = findClass(db, code);
    // On a terminal, a day of several sessions asks which one; elsewhere the rules refuse it.
    const slots = [...sessionSlotsOn(db, klass.id, date)].sort();
    if (!givenSlot && slots.length > 1 && prompter) {
      givenSlot = await prompter.select(
        t('askSession', { date }),
        slots.map((value) => ({ name: value || t('noSlot'), value: value as Slot })),
      );
    }
    const { slot } = doorSession(db, klass, date, givenSlot);
    const roster = classRoster(db, klass.id, date, slot);
    const statuses = prompter
      ? await tickedAtTheDoor(context, db, prompter, klass, { date, slot }, roster)
      : await namedInOptions(context, db, options, roster);
    const env = writeEnvironment(context, db);
    // A checklist stays open while people come in: what it showed is checked again before it writes.
    const seen = prompter ? new Map(roster.map((entry) => [entry.traineeId, entry.status])) : undefined;
    // Not named and recorded before: left as recorded (namedInOptions), and said.
    const kept = roster.filter((entry) => !statuses.has(entry.traineeId)).length;
    const { value, batchId } = await watchingFiled(context, db, () =>
      recordSession(env, klass, { date, slot }, statuses, seen),
    );
    if (options.json || options.format === 'json') {
      // For scripts: the session, how many of each status, and the batch (null: nothing changed).
      io.stdout.write(
        `${JSON.stringify({ class: klass.code, date, slot: slot || null, counts: value, kept, batchId })}\n`,
      );
      return;
    }
    const summary = t('attendRecorded', {
      code: klass.code,
      date,
      slot,
      present: value.present,
      late: value.late,
      leftEarly: value.left_early,
      excused: value.excused,
      absent: value.absent,
    });
    io.stdout.write(`${summary}\n`);
    if (kept > 0) io.stdout.write(`${t('attendKept', { count: kept })}\n`);
    io.stdout.write(
      batchId === null
        ? `${t('nothingToChange')}\n`
        : `${context.color.green(t('batchWritten', { id: batchId }))}\n`,
    );
  });
}

/**
 * On a terminal: the roster as a checklist to tick (typing filters it); then, of those not ticked, a second list
 * to pick the few who were late, left early or excused, each asked which; the others are absent. A class of 55
 * with 5 away is two lists and a question or two, not 55 questions.
 */
async function tickedAtTheDoor(
  context: CommandContext,
  db: Db,
  prompter: Prompter,
  klass: ClassRow,
  session: { date: string; slot: Slot },
  roster: RosterEntry[],
): Promise<Map<number, AttendanceStatus>> {
  const { t } = context;
  if (roster.length === 0) throw new UsageError(t('rosterEmpty', { code: klass.code }));
  const statuses = new Map<number, AttendanceStatus>();
  const nameWidth = roster.reduce((widest, entry) => Math.max(widest, displayWidth(entry.name)), 0);
  const byId = new Map(roster.map((entry) => [entry.traineeId, entry]));
  const walkIns: string[] = [];
  const tick = (
    message: string,
    entries: RosterEntry[],
    checked: (entry: RosterEntry) => boolean,
    onWalkIn?: (typed: string) => void,
  ) =>
    prompter.checkbox(
      message,
      entries.map((entry) => ({
        // Units in one column, whatever the length of the name before them (王芳, 欧阳小明).
        name: `${pad(entry.name, nameWidth)}  ${entry.unit}`,
        value: entry.traineeId,
        checked: checked(entry),
      })),
      (choice, typed) => {
        const entry = byId.get(choice.value);
        return entry !== undefined && nameMatchesTyping(entry.name, entry.unit, typed);
      },
      onWalkIn,
    );
  const ticked = new Set(
    await tick(
      t('attendTick', { code: klass.code, name: klass.name, ...session }),
      roster,
      (entry) => isAttended(entry.status),
      (typed) => walkIns.push(typed),
    ),
  );
  for (const id of await walkedIn(context, db, walkIns)) ticked.add(id);
  for (const id of ticked) {
    // A tick keeps a late or early-leaving record as it was: the tick says "was there", not how.
    const recorded = byId.get(id)?.status;
    statuses.set(id, recorded === 'late' || recorded === 'left_early' ? recorded : 'present');
  }
  const rest = roster.filter((entry) => !ticked.has(entry.traineeId));
  const notAbsent = (status: string | null): status is 'late' | 'left_early' | 'excused' =>
    status === 'late' || status === 'left_early' || status === 'excused';
  const excepted = new Set(
    rest.length === 0
      ? []
      : await tick(t('attendRestPick', { count: rest.length }), rest, (entry) => notAbsent(entry.status)),
  );
  for (const entry of rest) {
    if (!excepted.has(entry.traineeId)) {
      statuses.set(entry.traineeId, 'absent');
      continue;
    }
    const status = await prompter.select(
      t('attendRest', { name: entry.name }),
      (['late', 'left_early', 'excused'] as const).map((value) => ({
        name: t(`status.${value}`),
        value,
      })),
      notAbsent(entry.status) ? entry.status : 'late',
    );
    statuses.set(entry.traineeId, status);
  }
  return statuses;
}

/**
 * Who came without being on the class's list, as typed at the checklist: each found in the register (on a
 * terminal, one of several namesakes chosen), enrolled by the sign-in; a name the register does not hold is said
 * and left out, never made up.
 */
async function walkedIn(context: CommandContext, db: Db, typed: readonly string[]): Promise<number[]> {
  const found: TraineeHit[] = [];
  for (const name of typed) {
    try {
      found.push(await chooseTrainee(context, db, name));
    } catch (error) {
      if (!(error instanceof PeixunError)) throw error;
      context.io.stderr.write(`${context.t('walkInUnknown', { name })}\n`);
    }
  }
  if (found.length > 0)
    context.io.stderr.write(
      `${context.t('walkInRecorded', { names: found.map(describeHit).join(context.t('listSeparator')) })}\n`,
    );
  return found.map((hit) => hit.id);
}

/**
 * From a script: `--present`, `--late`… name who; the rest of the roster is absent where the session has no record
 * of them yet. A record already there (a sheet imported, an earlier `attend`) stays: `--present 王五` for one
 * latecomer must not make the session's thirty others absent; `--absent` names whom to change to absent.
 */
async function namedInOptions(
  context: CommandContext,
  db: Db,
  options: Options,
  roster: RosterEntry[],
): Promise<Map<number, AttendanceStatus>> {
  const statuses = new Map<number, AttendanceStatus>();
  for (const status of ATTENDANCE_STATUSES) {
    for (const text of options[STATUS_OPTIONS[status]] ?? []) {
      const trainee = await chooseTrainee(context, db, text);
      if (statuses.has(trainee.id)) throw new UsageError(context.t('attendTwice', { name: trainee.name }));
      statuses.set(trainee.id, status);
    }
  }
  for (const entry of roster)
    if (!statuses.has(entry.traineeId) && entry.status === null) statuses.set(entry.traineeId, 'absent');
  return statuses;
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun attend PX2024-001',
      'peixun attend PX2024-001 --date 2024-03-04 --slot 上午 --present 0013 002X --late 王五 --left-early 孙七 --excused 赵六',
      'peixun attend PX2024-001 --date 2024-03-04 --present 0013 --json',
    ],
    run,
  );
