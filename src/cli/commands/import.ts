import { Argument, Command, Option } from '@commander-js/extra-typings';
import { PeixunError, problem, UsageError } from '../../errors.js';
import type { Translator } from '../../i18n/index.js';
import { IMPORT_KINDS, type ImportKind } from '../../import/fields.js';
import { encodingFromOption, ENCODING_CHOICES, ENCODING_NAMES } from '../../import/read/decode.js';
import { jsonText } from '../../report/renderers.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { importAsking } from '../importing.js';
import { importResultJson, printImportResult } from '../print.js';
import { dateOption, formatOption, RESULT_FORMATS, slotOption } from '../options.js';

const declare = (cli: Cli) => {
  const { t } = cli;
  return new Command('import')
    .description(t('cmdImport'))
    .addArgument(new Argument('<kind>', t('argKind')).choices(IMPORT_KINDS))
    .argument('<files...>', t('argFiles'))
    .option('--class <code>', t('optClass'))
    .addOption(dateOption(t, '--date <date>', t('optDate')))
    .addOption(slotOption(t, 'optSlot'))
    .option('--sheet <name>', t('optSheet'))
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

export async function run(context: CommandContext, options: Options, kind: ImportKind, files: string[]) {
  const { t } = context;
  // Which kinds each sign-in option speaks to: a class roster and a timetable name their class as a sheet does.
  for (const [option, given, kinds] of [
    ['--class', options.class, ['attendance', 'enrolments', 'timetable']],
    ['--date', options.date, ['attendance']],
    ['--slot', options.slot, ['attendance']],
    ['--add-unknown', options.addUnknown, ['attendance', 'enrolments']],
  ] as const) {
    if (given !== undefined && !(kinds as readonly string[]).includes(kind))
      throw new UsageError(t('optionOnlyAttendance', { option, kinds: kinds.join(', ') }));
  }
  const result = await importAsking(context, {
    kind,
    files,
    classCode: options.class,
    date: options.date,
    slot: options.slot,
    sheet: options.sheet,
    encoding: options.encoding,
    dryRun: Boolean(options.dryRun),
    addUnknown: Boolean(options.addUnknown),
    skipInvalid: Boolean(options.skipInvalid),
    mapping: options.mapping,
    asOf: options.asOf,
  });
  if (options.json || options.format === 'json')
    context.io.stdout.write(jsonText(importResultJson(t, result)));
  else printImportResult(context, result);
  if (result.problems.length > 0) {
    throw new PeixunError(problem('importRejected', { count: result.counts.rejected }));
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
      ],
    },
    run,
  );
