/**
 * Where a command's records and figures go: the format (from --format or --out's extension), the terminal or
 * a file written whole, and the options that choose them, declared once for every listing and report.
 */
import { stderrLines } from './context.js';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import type { Db } from '../db/handle.js';
import { PeixunError, problem, UsageError } from '../errors.js';
import { fileNow } from '../filed/filed.js';
import { refuseNonRegular, writeWhole } from '../files.js';
import type { Translator } from '../i18n/index.js';
import { localDate } from '../domain/dates.js';
import { maskPersonalNumbers } from '../domain/identity.js';
import { districtSpokenFor, reportSignOff } from '../register/config.js';
import { buildReport, type Recipe } from '../report/recipes.js';
import {
  BINARY_FORMATS,
  FORMAT_NAMES,
  renderers,
  type FormatName,
  type Report,
} from '../report/renderers.js';
import type { CommandContext } from './context.js';
import { withDatabase } from './database.js';
import { countParser, formatOption, numberParser, withOut } from './options.js';
import { machineOf } from './os.js';
import { prompterFor } from './prompts.js';

const EXTENSION_FORMATS: Record<string, FormatName> = {
  '.csv': 'csv',
  '.json': 'json',
  '.md': 'md',
  '.txt': 'table',
  '.xlsx': 'xlsx',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
};

export interface OutputOptions {
  format?: FormatName;
  /** `--json`: `--format json` for short. */
  json?: boolean;
  out?: string;
  force?: boolean;
  bom: boolean;
}

/** Any format (`--json` for `--format json`), to the terminal or a file. */
export function withFormats<
  Args extends unknown[],
  Opts extends OptionValues,
  const More extends string = never,
>(
  t: Translator,
  command: Command<Args, Opts>,
  /** Formats a command writes besides the reports' (`rollup`: a folder of Parquet). */
  more: readonly More[] = [],
) {
  const formats: readonly (FormatName | More)[] = [...FORMAT_NAMES, ...more];
  return withOut(t, command.addOption(formatOption(t, formats)).option('--json', t('optJsonFormat')));
}

/** A listing's output: any format, a file, `--reveal` for whole ID numbers and phones, `--limit` for the first N. */
export function withListOutput<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return withRecordOutput(t, command).addOption(
    new Option('--limit <n>', t('optLimit')).argParser(countParser(t, '--limit')),
  );
}

/** One person's or class's record: any format, a file, and `--reveal` for whole ID numbers and phones. */
export function withRecordOutput<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return withFormats(t, command).addOption(new Option('--reveal', t('optReveal')));
}

/** The first `limit` records of a listing, and a note of how many there are in all. */
export function limited<T>(
  t: Translator,
  records: T[],
  limit: number | undefined,
): { shown: T[]; note?: string } {
  if (limit === undefined || records.length <= limit) return { shown: records };
  return { shown: records.slice(0, limit), note: t('limitedNote', { shown: limit, count: records.length }) };
}

/** A report's output: any format, a file, the organisation on its title, and `--file` to keep it on record. */
export function withReportOutput<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return withSignOff(
    t,
    withFormats(t, command)
      .option('--organisation <name>', t('optOrganisation'))
      .option('--file', t('optFile'))
      .option('--replaces <id>', t('optReplaces'), numberParser(t, 'badFiledId')),
  );
}

/** Who hands a form in: the block under every .xlsx report (else `peixun config set report.*`). */
export function withSignOff<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return command
    .option('--reporting-unit <name>', t('optReportingUnit'))
    .option('--reporter <name>', t('optReporter'))
    .option('--reporter-phone <phone>', t('optReporterPhone'));
}

/**
 * Where the output goes, settled before any work: the format asked for, else the one --out's extension names,
 * else a table; and --out never replaces an existing file unless --force (on a terminal, the person is asked).
 */
export async function outputTo(context: CommandContext, options: OutputOptions): Promise<FormatName> {
  const format = outputFormat(context, options);
  if (options.out) await mayReplace(context, options.out, options.force);
  return format;
}

/** An existing file is replaced only with --force, or when the person at the terminal says so. */
export async function mayReplace(
  context: CommandContext,
  file: string,
  force: boolean | undefined,
): Promise<void> {
  // A device, a FIFO or a folder is never replaced, --force or not.
  refuseNonRegular(file);
  if (force || !existsSync(file)) return;
  const prompter = await prompterFor(context);
  if (prompter && (await prompter.confirm(context.t('confirmReplace', { file })))) return;
  throw new PeixunError(problem('outExists', { file }));
}

function outputFormat(context: CommandContext, options: OutputOptions): FormatName {
  const { t, io } = context;
  if (options.json && options.format && options.format !== 'json')
    throw new UsageError(t('jsonAndFormat', { format: options.format }));
  let format: FormatName = options.json ? 'json' : (options.format ?? 'table');
  if (options.json) return format;
  if (!options.format && options.out) {
    const byExtension = EXTENSION_FORMATS[extname(options.out).toLowerCase()];
    if (!byExtension) throw new UsageError(t('outExtension', { file: options.out }));
    format = byExtension;
  }
  if (BINARY_FORMATS.includes(format) && !options.out && io.stdout.isTTY) {
    throw new UsageError(t('binaryNeedsOut', { format }));
  }
  return format;
}

/** Renders a report or listing to the terminal or, with --out, to a file written whole; then its warnings. */
export async function writeReport(
  context: CommandContext,
  report: Report,
  format: FormatName,
  options: { out?: string; bom: boolean },
): Promise<void> {
  const { t, io, color, colorErr } = context;
  const toTerminal = !options.out && format === 'table';
  const output = await renderers[format](report, {
    bom: options.bom,
    paintHeader: toTerminal ? (cell) => color.bold(cell) : undefined,
    // On a terminal a table fits its width; piped, it keeps every column whole.
    // (A terminal that does not know its size says 0.)
    width: toTerminal && io.stdout.isTTY ? terminalWidth(io) : undefined,
    shortHeadings: (list) => t('shortHeadings', { list }),
  });
  if (options.out) {
    writeWhole(options.out, output);
    io.stderr.write(`${t('reportWritten', { file: options.out })}\n`);
  } else if (
    toTerminal &&
    io.stdout.isTTY &&
    io.page &&
    longerThanScreen(String(output), io.stdout.rows || 24)
  ) {
    await io.page(String(output));
  } else {
    io.stdout.write(output);
  }
  for (const warning of report.table.warnings)
    for (const line of stderrLines(io, t('warningPrefix') + warning))
      io.stderr.write(`${colorErr.yellow(line)}\n`);
}

export interface ReportOutputOptions extends OutputOptions {
  organisation?: string;
  /** Keep the report on record as handed in (`peixun filed`). */
  file?: boolean;
  /** The filed report this filing corrects. */
  replaces?: number;
  /** Who hands the form in (else `peixun config set report.*`). */
  reportingUnit?: string;
  reporter?: string;
  reporterPhone?: string;
}

/** Builds a report and writes it; with --file, also keeps it on record, in the same transaction. */
export async function produceReport(
  context: CommandContext,
  recipe: Recipe,
  options: ReportOutputOptions,
): Promise<void> {
  const format = await outputTo(context, options);
  const { t, io } = context;
  if (options.replaces !== undefined && !options.file) throw new UsageError(t('filedReplacesNeedsFile'));
  const { report, filed } = await withDatabase(context, options.file ? 'write' : 'read', (db) => {
    const report = buildReport(
      db,
      recipe,
      t,
      { organisation: organisation(context, db, options) },
      localDate(context.io.now()),
    );
    if (format === 'xlsx') report.table.signOff = signOff(context, db, options);
    if (!options.file) return { report, filed: undefined };
    const filed = db
      .transaction(() =>
        fileNow(db, {
          recipe,
          data: report.data,
          // Kept and listed by `filed list`: an ID number or phone typed on it is kept masked.
          command: maskPersonalNumbers(context.commandLine),
          filedAt: io.now().toISOString(),
          osUser: machineOf(io).user,
          // The form as handed in, in the language it was printed: `filed show` prints it again.
          shown: JSON.stringify({ lang: context.lang, report }),
          ...(options.replaces === undefined ? {} : { replaces: options.replaces }),
        }),
      )
      .immediate();
    return { report, filed };
  });
  await writeReport(context, report, format, options);
  if (filed) io.stderr.write(`${t('reportFiled', { id: filed.id, hash: filed.hash.slice(0, 12) })}\n`);
}

/**
 * The block under a form to hand in: who made it and when, with their phone. Without a register
 * (a city rolling bundles up without one), from the options alone.
 */
export function signOff(context: CommandContext, db: Db | undefined, options: ReportOutputOptions) {
  const { t } = context;
  const given = reportSignOff(db, {
    unit: options.reportingUnit,
    person: options.reporter,
    phone: options.reporterPhone,
  });
  const phone = given.phone ?? '';
  return [
    { label: t('signOffUnit'), value: given.unit ?? '' },
    { label: t('signOffPerson'), value: given.person ?? '' },
    // The organiser's office phone, on the form meant to be handed in: as configured, not masked.
    { label: t('signOffPhone'), value: phone },
    { label: t('signOffDate'), value: localDate(context.io.now()) },
  ];
}

/**
 * The organising unit on a printed report: --organisation, $PEIXUN_ORGANISATION, the district the register speaks
 * for (`config set district`, as its bundles say), else the register's one district.
 */
function organisation(context: CommandContext, db: Db, options: ReportOutputOptions): string {
  if (options.organisation) return options.organisation;
  if (context.io.env.PEIXUN_ORGANISATION) return context.io.env.PEIXUN_ORGANISATION;
  return districtSpokenFor(db) ?? '';
}

/**
 * The width a table must fit on a terminal: `$COLUMNS` where the person set it (as ls and git honour it), else the
 * terminal's own; a terminal that does not know its size (0), or one too narrow for any table, is not fitted.
 */
function terminalWidth(io: CommandContext['io']): number | undefined {
  const fromEnv = Number(io.env.COLUMNS);
  const width = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : (io.stdout.columns ?? 0);
  return width >= 20 ? width : undefined;
}

/** More lines than the terminal shows at once (a terminal of unknown height: 24 lines). */
function longerThanScreen(text: string, rows: number): boolean {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
    if (++lines >= rows) return true;
  return false;
}

/**
 * A listing of the register's own records (batches, filed reports, mappings): none, on a terminal, is one line
 * saying so on stderr; otherwise the report, in the format asked for.
 */
export async function writeListing(
  context: CommandContext,
  report: Report,
  count: number,
  none: string,
  format: FormatName,
  options: OutputOptions,
): Promise<void> {
  if (count === 0 && format === 'table' && !options.out) context.io.stderr.write(`${none}\n`);
  else await writeReport(context, report, format, options);
}
