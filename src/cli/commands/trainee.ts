import type { Db } from '../../db/open.js';
import { UnitStore } from '../../db/units.js';
import { UsageError } from '../../errors.js';
import { cleanText, localDate, parseDate, parseIdNumber, parsePhone } from '../../import/normalise.js';
import { duplicatePairs, listTrainees, type TraineeFilter } from '../../register/listing.js';
import { describeHit } from '../../register/search.js';
import {
  addTrainee,
  editTrainee,
  leaveTrainee,
  mergeTrainees,
  type TraineeInput,
} from '../../register/trainees.js';
import { duplicatesTable, personalData, traineeListTable } from '../../report/listings.js';
import { buildReport } from '../../report/recipes.js';
import type { FormatName } from '../../report/renderers.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../../stats/summary.js';
import { DEFAULT_REQUIRED_HOURS, type TraineeRecord } from '../../stats/trainee.js';
import { chooseTrainee } from '../choose.js';
import type { CommandContext } from '../context.js';
import { printCreated } from '../print.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../database.js';
import { validateWith } from '../../register/options.js';
import { confirmed, prompterFor, type Prompter } from '../prompts.js';
import { outputFormat, writeReport } from './report.js';

export interface ListOptions {
  format?: FormatName;
  out?: string;
  bom: boolean;
  reveal?: boolean;
}

export async function runList(
  context: CommandContext,
  options: ListOptions & {
    unit?: string;
    category?: string;
    status?: TraineeFilter['status'];
    search?: string;
  },
) {
  const filter: TraineeFilter = {
    unit: options.unit,
    category: options.category,
    status: options.status ?? 'active',
    search: options.search,
  };
  const people = await withDatabase(context, 'read', (db) => listTrainees(db, filter));
  const data = people.map((person) => ({ ...person, ...personalData(person, Boolean(options.reveal)) }));
  await writeReport(
    context,
    { table: traineeListTable(people, context.t, Boolean(options.reveal)), data },
    outputFormat(context, options),
    options,
  );
}

export async function runShow(context: CommandContext, query: string, options: ListOptions) {
  await withDatabase(context, 'read', async (db) => {
    const hit = await chooseTrainee(context, db, query);
    const report = buildReport(
      db,
      {
        report: 'trainee',
        query: `#${hit.id}`,
        requiredHours: DEFAULT_REQUIRED_HOURS,
        completionThreshold: DEFAULT_COMPLETION_THRESHOLD,
      },
      context.t,
      { organisation: '' },
    );
    if (options.reveal) {
      // The record masks the ID number; asked for whole, every format shows it and the phone alike.
      const details = report.table.sections[0];
      details?.rows.splice(
        1,
        1,
        [context.t('column.idNumber'), hit.id_number ?? ''],
        [context.t('column.phone'), hit.phone ?? ''],
      );
      const record = report.data as TraineeRecord;
      report.data = {
        ...record,
        trainee: { ...record.trainee, idNumber: hit.id_number ?? '', phone: hit.phone ?? null },
      };
    }
    await writeReport(context, report, outputFormat(context, options), options);
  });
}

export async function runDuplicates(context: CommandContext, options: ListOptions) {
  const pairs = await withDatabase(context, 'read', (db) => duplicatePairs(db));
  const reveal = Boolean(options.reveal);
  const data = pairs.map((pair) => ({
    a: { ...pair.a, ...personalData(pair.a, reveal) },
    b: { ...pair.b, ...personalData(pair.b, reveal) },
    evidence: pair.evidence,
  }));
  await writeReport(
    context,
    { table: duplicatesTable(pairs, context.t, reveal), data },
    outputFormat(context, options),
    options,
  );
}

/** commander's options of `trainee add|edit`: the trainee fields, spelt as TraineeInput spells them. */
type InputOptions = TraineeInput & { from?: string };

function inputOf(options: InputOptions): TraineeInput {
  const { name, idNumber, gender, birthDate, phone, unit, position, category } = options;
  return { name, idNumber, gender, birthDate, phone, unit, position, category };
}

const given = (input: TraineeInput) => Object.values(input).some((value) => value !== undefined);

/** On a terminal, asks for what was not given, checking each answer as it is typed. */
async function askTrainee(
  context: CommandContext,
  prompter: Prompter,
  db: Db,
  input: TraineeInput,
  current?: TraineeInput,
): Promise<TraineeInput> {
  const { t } = context;
  const answer: TraineeInput = { ...input };
  const check = <T>(parse: Parameters<typeof validateWith<T>>[1]) => validateWith(t, parse);
  if (answer.name === undefined) {
    answer.name = await prompter.input(
      t('askName'),
      (value) => (cleanText(value) ? true : t('required')),
      current?.name,
    );
  }
  if (answer.idNumber === undefined) {
    answer.idNumber = await prompter.input(t('askIdNumber'), check(parseIdNumber), current?.idNumber);
  }
  if (answer.phone === undefined)
    answer.phone = await prompter.input(t('askPhone'), check(parsePhone), current?.phone);
  if (answer.unit === undefined) {
    const units = new UnitStore(db);
    const paths = units
      .all()
      .map((unit) => units.path(unit.id))
      .sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const choices = [
      ...(current?.unit ? [{ name: t('keepCurrent', { value: current.unit }), value: current.unit }] : []),
      ...paths.map((path) => ({ name: path, value: path })),
      { name: t('noUnit'), value: '' },
    ];
    answer.unit = await prompter.search(t('askUnit'), choices);
  }
  if (answer.category === undefined) {
    const categories = db
      .prepare(`SELECT DISTINCT category FROM trainees ORDER BY category`)
      .pluck()
      .all() as string[];
    const other = '\u0000other';
    const chosen = await prompter.select(
      t('askCategory'),
      [
        ...categories.map((category) => ({ name: category, value: category })),
        { name: t('otherValue'), value: other },
      ],
      current?.category,
    );
    answer.category = chosen === other ? await prompter.input(t('askCategoryText'), () => true) : chosen;
  }
  if (answer.position === undefined)
    answer.position = await prompter.input(t('askPosition'), () => true, current?.position);
  return answer;
}

export async function runAdd(context: CommandContext, options: InputOptions) {
  const { t, io } = context;
  let input = inputOf(options);
  await withDatabase(context, 'write', async (db) => {
    if (input.name === undefined) {
      const prompter = await prompterFor(context);
      if (!prompter) throw new UsageError(t('missingOption', { option: '--name' }));
      input = await askTrainee(context, prompter, db, input);
    }
    const { value, batchId, created } = await addTrainee(writeEnvironment(context, db), input);
    printCreated(context, created);
    io.stdout.write(`${context.color.green(t('traineeAdded', { name: value.name, batch: batchId ?? 0 }))}\n`);
  });
}

export async function runEdit(context: CommandContext, query: string, options: InputOptions) {
  const { t, io } = context;
  let input = inputOf(options);
  await withDatabase(context, 'write', async (db) => {
    const hit = await chooseTrainee(context, db, query);
    if (!given(input)) {
      const prompter = await prompterFor(context);
      if (!prompter) throw new UsageError(t('editNothing'));
      input = await askTrainee(context, prompter, db, input, {
        name: hit.name,
        idNumber: hit.id_number ?? undefined,
        phone: hit.phone ?? undefined,
        unit: hit.unitPath || undefined,
        category: hit.category,
        position: hit.position ?? undefined,
      });
    }
    let from = localDate(io.now());
    if (options.from !== undefined) {
      const parsed = parseDate(options.from);
      if (!parsed.ok) throw new UsageError(t('badOptionDate', { value: options.from }));
      from = parsed.value;
    }
    const env = writeEnvironment(context, db);
    const { value, batchId, created } = await watchingFiled(context, db, () =>
      editTrainee(env, hit, input, from),
    );
    printCreated(context, created);
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(
        `${context.color.green(t('traineeEdited', { name: hit.name, fields: Object.keys(value.changes).join(', '), batch: batchId }))}\n`,
      );
  });
}

export async function runLeave(
  context: CommandContext,
  query: string,
  options: { date?: string; undo?: boolean; yes?: boolean },
) {
  const { t, io } = context;
  let date: string | null = io.now().toISOString().slice(0, 10);
  if (options.undo) date = null;
  else if (options.date) {
    const parsed = parseDate(options.date);
    if (!parsed.ok) throw new UsageError(t('badOptionDate', { value: options.date }));
    date = parsed.value;
  }
  await withDatabase(context, 'write', async (db) => {
    const hit = await chooseTrainee(context, db, query);
    const question = date
      ? t('confirmLeave', { who: describeHit(hit), date })
      : t('confirmReturn', { who: describeHit(hit) });
    if (!(await confirmed(context, options.yes, question))) return;
    const { batchId } = await leaveTrainee(writeEnvironment(context, db), hit, date);
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(
        `${context.color.green(date ? t('traineeLeft', { name: hit.name, date, batch: batchId }) : t('traineeReturned', { name: hit.name, batch: batchId }))}\n`,
      );
  });
}

export async function runMerge(
  context: CommandContext,
  keepQuery: string,
  dropQuery: string,
  options: { yes?: boolean },
) {
  const { t, io } = context;
  await withDatabase(context, 'write', async (db) => {
    const keep = await chooseTrainee(context, db, keepQuery);
    const drop = await chooseTrainee(context, db, dropQuery);
    if (
      !(await confirmed(
        context,
        options.yes,
        t('confirmMerge', { keep: describeHit(keep), drop: describeHit(drop) }),
      ))
    )
      return;
    const env = writeEnvironment(context, db);
    const { value, batchId } = await watchingFiled(context, db, () => mergeTrainees(env, keep, drop));
    io.stdout.write(
      `${context.color.green(t('traineesMerged', { keep: describeHit(keep), moved: value.moved, batch: batchId ?? 0 }))}\n`,
    );
  });
}
