import { existsSync } from 'node:fs';
import { Argument, Command, Option } from '@commander-js/extra-typings';
import { PeixunError, problem, UsageError } from '../../errors.js';
import type { Translator } from '../../i18n/index.js';
import { IMPORT_KINDS, type ImportKind } from '../../import/fields.js';
import { encodingFromOption, ENCODING_CHOICES, ENCODING_NAMES } from '../../import/read/decode.js';
import { jsonText } from '../../report/renderers.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { importAsking, importKinds } from '../importing.js';
import { prompterFor } from '../prompts.js';
import { withDatabase, writeEnvironment } from '../database.js';
import { listTrainees } from '../../register/listing.js';
import { addAlias } from '../../register/aliases.js';
import { traineeById } from '../../db/trainees.js';
import { maskIdNumber } from '../../domain/identity.js';
import type { ImportResult } from '../../import/run.js';
import { DEPENDENCY_ORDER, recogniseFiles } from '../../import/recognise.js';
import { expandFolders } from '../../import/read/index.js';
import { visibleText } from '../../domain/text.js';
import { importResultJson, printImportResult } from '../print.js';
import { dateOption, formatOption, RESULT_FORMATS, slotOption } from '../options.js';

const declare = (cli: Cli) => {
  const { t } = cli;
  return new Command('import')
    .description(t('cmdImport'))
    .addArgument(
      new Argument(
        '<kind-or-file>',
        `${t('argKindOrFile')}${t('helpChoices', { choices: IMPORT_KINDS.join(' | ') })}`,
      ),
    )
    .argument('[files...]', t('argFiles'))
    .option('--class <code>', t('optClass'))
    .addOption(dateOption(t, '--date <date>', t('optDate')))
    .addOption(slotOption(t, 'optSlot'))
    .addOption(new Option('--sheet <name>', t('optSheet')).conflicts('allSheets'))
    .option('--all-sheets', t('optAllSheets'))
    .addOption(
      new Option('--encoding <encoding>', t('optEncoding', { choices: ENCODING_NAMES.join('|') })).argParser(
        encodingParser(t),
      ),
    )
    .option('--mapping <name>', t('optMapping'))
    .option('--dry-run', t('optDryRun'))
    .option('--skip-invalid', t('optSkipInvalid'))
    .option('--add-unknown', t('optAddUnknown'))
    .addOption(dateOption(t, '--as-of <date>', t('optAsOf')))
    .addOption(formatOption(t, RESULT_FORMATS))
    .option('--json', t('optJsonFormat'));
};

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/** utf-8, gb18030 (GBK), utf-16le… as named in ENCODING_CHOICES. */
const encodingParser = (t: Translator) => (text: string) => {
  const encoding = encodingFromOption(text);
  if (!encoding)
    throw new UsageError(t('badEncoding', { value: text, choices: ENCODING_CHOICES.join(', ') }));
  return encoding;
};

export async function run(context: CommandContext, options: Options, first: string, rest: string[]) {
  const { t } = context;
  if (!(IMPORT_KINDS as readonly string[]).includes(first)) {
    // A word that is no path (`peixun import people x.csv`): a kind mistyped, not a file.
    if (!existsSync(first) && !/[./\\]/.test(first))
      throw new UsageError(t('importUnknownKind', { kind: first, kinds: IMPORT_KINDS.join(', ') }));
    return importRecognised(context, options, [first, ...rest]);
  }
  const kind = first as ImportKind;
  const files = rest;
  if (files.length === 0) throw new UsageError(t('importNeedsFiles', { kind }));
  // Which kinds each sign-in option speaks to: a class roster and a timetable name their class as a sheet does.
  for (const [option, given, kinds] of [
    ['--class', options.class, ['attendance', 'enrolments', 'timetable', 'meeting', 'form']],
    ['--date', options.date, ['attendance', 'meeting']],
    ['--slot', options.slot, ['attendance', 'meeting']],
    ['--add-unknown', options.addUnknown, ['attendance', 'enrolments', 'meeting', 'form']],
  ] as const) {
    if (given !== undefined && !(kinds as readonly string[]).includes(kind))
      throw new UsageError(t('optionOnlyAttendance', { option, kinds: kinds.join(', ') }));
  }
  let result = await importAsking(context, requestOf(kind, files, options));
  // A meeting list's or form's nicknames no one is known by: on a terminal, asked once, remembered, and imported again.
  if ((kind === 'meeting' || kind === 'form') && (await tiedNicknames(context, unknownNames(result))) > 0)
    result = await importAsking(context, requestOf(kind, files, options));
  if (options.json || options.format === 'json')
    context.io.stdout.write(jsonText(importResultJson(t, result)));
  else printImportResult(context, result);
  if (result.problems.length > 0) {
    throw new PeixunError(problem('importRejected', { count: result.counts.rejected }));
  }
}

function requestOf(kind: ImportKind, files: string[], options: Options) {
  return {
    kind,
    files,
    classCode: options.class,
    date: options.date,
    slot: options.slot,
    sheet: options.sheet,
    allSheets: Boolean(options.allSheets),
    encoding: options.encoding,
    dryRun: Boolean(options.dryRun),
    addUnknown: Boolean(options.addUnknown),
    skipInvalid: Boolean(options.skipInvalid),
    mapping: options.mapping,
    asOf: options.asOf,
  };
}

/** The names a meeting list or form gave that match no trainee (refused rows). */
function unknownNames(result: ImportResult): string[] {
  const names = new Set<string>();
  for (const said of result.problems) {
    const message = said.params?.message;
    if (
      typeof message === 'object' &&
      message.code === 'traineeUnknownName' &&
      typeof message.params?.name === 'string'
    )
      names.add(message.params.name);
  }
  return [...names];
}

/**
 * On a terminal, whom each unknown nickname stands for, from the register's trainees (typed to filter), or no one:
 * each answer tied with `alias add` (one batch each), for this import and every later one. How many were tied.
 */
async function tiedNicknames(context: CommandContext, names: readonly string[]): Promise<number> {
  if (names.length === 0) return 0;
  const prompter = await prompterFor(context);
  if (!prompter) return 0;
  const { t } = context;
  let tied = 0;
  await withDatabase(context, 'write', async (db) => {
    const people = listTrainees(db, { status: 'active' }).map((person) => ({
      name: `${person.name}  ${person.unit}  ${maskIdNumber(person.idNumber) || `#${person.record}`}`,
      value: person.record as number | null,
    }));
    for (const nickname of names) {
      const chosen = await prompter.search(t('aliasAsk', { nickname }), [
        { name: t('aliasSkip'), value: null },
        ...people,
      ]);
      if (chosen === null) continue;
      const trainee = traineeById(db, chosen);
      if (!trainee) continue;
      const hit = { ...trainee, unitPath: '' };
      await addAlias(writeEnvironment(context, db), nickname, hit);
      tied++;
    }
  });
  return tied;
}

/**
 * `peixun import FOLDER|FILE…`: each file's kind recognised from its sheets and headers, the kinds imported in the
 * order they depend on, all in one transaction; what each file was taken for is said first.
 */
async function importRecognised(context: CommandContext, options: Options, paths: string[]) {
  const { t, io } = context;
  for (const [option, given] of [
    ['--class', options.class],
    ['--date', options.date],
    ['--slot', options.slot],
    ['--sheet', options.sheet],
    ['--all-sheets', options.allSheets],
    ['--mapping', options.mapping],
    ['--skip-invalid', options.skipInvalid],
  ] as const) {
    if (given !== undefined) throw new UsageError(t('optionNeedsKind', { option }));
  }
  const recognised = await recogniseFiles(expandFolders(paths));
  const json = Boolean(options.json || options.format === 'json');
  if (!json) {
    io.stdout.write(`${t('recognisedTitle')}\n`);
    for (const { file, kind } of recognised)
      io.stdout.write(`  ${t('recognisedFile', { file: visibleText(file), kind: t(`kind.${kind}`) })}\n`);
  }
  const requests = DEPENDENCY_ORDER.flatMap((kind) => {
    const files = recognised.filter((entry) => entry.kind === kind).map((entry) => entry.file);
    return files.length === 0
      ? []
      : [
          {
            kind,
            files,
            encoding: options.encoding,
            dryRun: Boolean(options.dryRun),
            addUnknown: Boolean(options.addUnknown),
            asOf: options.asOf,
          },
        ];
  });
  const results = await importKinds(context, requests);
  if (json) io.stdout.write(jsonText(results.map((result) => importResultJson(t, result))));
  else for (const result of results) printImportResult(context, result);
  const rejected = results.reduce((sum, result) => sum + result.problems.length, 0);
  if (rejected > 0) {
    const count = results.reduce((sum, result) => sum + result.counts.rejected, 0);
    throw new PeixunError(problem('importRejected', { count }));
  }
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun import trainees 花名册.csv',
        'peixun import trainees 花名册.csv --as-of 2024-01-01',
        'peixun import classes 培训班.csv',
        'peixun import courses 课程.csv',
        'peixun import projects 项目.csv',
        'peixun import enrolments 报名名单.xlsx --class PX2023-001',
        'peixun import timetable 课表.xlsx',
        'peixun import attendance 签到表.csv --dry-run',
        'peixun import attendance 签到表.csv --class PX2023-001 --date 2023-07-05 --slot 上午',
        'peixun import attendance sheets/*.csv --json',
        'peixun import meeting 腾讯会议参会明细.xlsx --class PX2023-001',
        'peixun import form 问卷星签到.xlsx',
        'peixun import 回收/',
      ],
      en: [
        'peixun import trainees roster.csv',
        'peixun import trainees roster.csv --as-of 2024-01-01',
        'peixun import classes classes.csv',
        'peixun import courses courses.csv',
        'peixun import projects projects.csv',
        'peixun import enrolments enrolled.xlsx --class PX2023-001',
        'peixun import timetable timetable.xlsx',
        'peixun import attendance signin.csv --dry-run',
        'peixun import attendance signin.csv --class PX2023-001 --date 2023-07-05 --slot 上午',
        'peixun import attendance sheets/*.csv --json',
        'peixun import meeting participants.xlsx --class PX2023-001',
        'peixun import form qr-signin.xlsx',
        'peixun import returned/',
      ],
    },
    run,
  );
