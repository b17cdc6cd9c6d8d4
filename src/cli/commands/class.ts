import type { Db } from '../../db/open.js';
import { UsageError } from '../../errors.js';
import { cleanText, parseClassStatus, parseDate, parseHours } from '../../import/normalise.js';
import { addClass, cancelClass, editClass, findClass, type ClassInput } from '../../register/classes.js';
import { listClasses } from '../../register/listing.js';
import { classListTable } from '../../report/listings.js';
import { buildReport } from '../../report/recipes.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../../stats/summary.js';
import type { CommandContext } from '../context.js';
import { printCreated } from '../print.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../database.js';
import { validateWith } from '../../register/options.js';
import { confirmed, prompterFor, type Prompter } from '../prompts.js';
import { outputFormat, writeReport } from './report.js';
import { type ListOptions } from './trainee.js';

export async function runList(
  context: CommandContext,
  options: ListOptions & {
    type?: string;
    organiser?: string;
    from?: string;
    to?: string;
    year?: string;
    status?: string;
  },
) {
  const { t } = context;
  let from = options.from;
  let to = options.to;
  if (options.year !== undefined) {
    if (!/^\d{4}$/.test(options.year)) throw new UsageError(t('badYear', { value: options.year }));
    from = `${options.year}-01-01`;
    to = `${options.year}-12-31`;
  }
  for (const [option, value] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (value !== undefined && !parseDate(value).ok)
      throw new UsageError(t('badOptionDateNamed', { option, value }));
  }
  const status = options.status === undefined ? undefined : parseClassStatus(options.status);
  if (status && !status.ok) throw new UsageError(t('badClassStatus', { value: options.status ?? '' }));
  const classes = await withDatabase(context, 'read', (db) =>
    listClasses(db, {
      type: options.type,
      organiser: options.organiser,
      from: from === undefined ? undefined : (parseDate(from) as { value: string }).value,
      to: to === undefined ? undefined : (parseDate(to) as { value: string }).value,
      status: status?.ok ? status.value : undefined,
    }),
  );
  await writeReport(
    context,
    { table: classListTable(classes, t), data: classes },
    outputFormat(context, options),
    options,
  );
}

export async function runShow(context: CommandContext, code: string, options: ListOptions) {
  await withDatabase(context, 'read', async (db) => {
    const report = buildReport(
      db,
      { report: 'class', code, completionThreshold: DEFAULT_COMPLETION_THRESHOLD },
      context.t,
      {
        organisation: '',
      },
    );
    await writeReport(context, report, outputFormat(context, options), options);
  });
}

type ClassOptions = ClassInput;

const given = (input: ClassInput) => Object.values(input).some((value) => value !== undefined);

async function askClass(context: CommandContext, prompter: Prompter, db: Db, input: ClassInput) {
  const { t } = context;
  const answer = { ...input };
  const check = <T>(parse: Parameters<typeof validateWith<T>>[1]) => validateWith(t, parse);
  const required = (value: string) => (cleanText(value) ? true : t('required'));
  answer.code ??= await prompter.input(t('askClassCode'), required);
  answer.name ??= await prompter.input(t('askClassName'), required);
  if (answer.type === undefined) {
    const types = db.prepare(`SELECT DISTINCT type FROM classes ORDER BY type`).pluck().all() as string[];
    const other = '\u0000other';
    const chosen = await prompter.select(t('askClassType'), [
      ...types.map((type) => ({ name: type, value: type })),
      { name: t('otherValue'), value: other },
    ]);
    answer.type = chosen === other ? await prompter.input(t('askClassTypeText'), () => true) : chosen;
  }
  answer.start ??= await prompter.input(t('askStart'), (value) =>
    cleanText(value) ? check(parseDate)(value) : t('required'),
  );
  answer.end ??= await prompter.input(t('askEnd'), check(parseDate));
  answer.hours ??= await prompter.input(
    t('askHours'),
    check((text) => parseHours(text, 2000)),
  );
  answer.organiser ??= await prompter.input(t('askOrganiser'), () => true);
  answer.venue ??= await prompter.input(t('askVenue'), () => true);
  return answer;
}

export async function runAdd(context: CommandContext, options: ClassOptions) {
  const { t, io } = context;
  let input: ClassInput = { ...options };
  await withDatabase(context, 'write', async (db) => {
    if (!input.code || !input.name || !input.start) {
      const prompter = await prompterFor(context);
      if (!prompter) {
        const missing = (['code', 'name', 'start'] as const)
          .filter((field) => !input[field])
          .map((field) => `--${field}`);
        throw new UsageError(t('missingOption', { option: missing.join(', ') }));
      }
      input = await askClass(context, prompter, db, input);
    }
    const { value, batchId, created } = await addClass(writeEnvironment(context, db), input);
    printCreated(context, created);
    io.stdout.write(`${context.color.green(t('classAdded', { code: value.code, batch: batchId ?? 0 }))}\n`);
  });
}

export async function runEdit(context: CommandContext, code: string, options: ClassOptions) {
  const { t, io } = context;
  if (!given(options)) throw new UsageError(t('editNothing'));
  await withDatabase(context, 'write', async (db) => {
    const env = writeEnvironment(context, db);
    const { value, batchId, created } = await watchingFiled(context, db, () => editClass(env, code, options));
    printCreated(context, created);
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(
        `${context.color.green(t('classEdited', { code, fields: Object.keys(value.changes).join(', '), batch: batchId }))}\n`,
      );
  });
}

export async function runCancel(context: CommandContext, code: string, options: { yes?: boolean }) {
  const { t, io } = context;
  await withDatabase(context, 'write', async (db) => {
    const klass = findClass(db, code, t);
    if (!(await confirmed(context, options.yes, t('confirmCancel', { code: klass.code, name: klass.name }))))
      return;
    const env = writeEnvironment(context, db);
    const { batchId } = await watchingFiled(context, db, () => cancelClass(env, code));
    if (batchId === null) io.stdout.write(`${t('nothingToChange')}\n`);
    else
      io.stdout.write(`${context.color.green(t('classCancelled', { code: klass.code, batch: batchId }))}\n`);
  });
}
