import { extname } from 'node:path';
import type { Db } from '../../db/open.js';
import { UnitStore, type LevelName } from '../../db/units.js';
import { UsageError } from '../../errors.js';
import { maskPersonalNumbers, parseDate } from '../../import/normalise.js';
import { fileNow } from '../../filed/filed.js';
import { writeWhole } from '../../files.js';
import { buildReport, type Recipe } from '../../report/recipes.js';
import {
  BINARY_FORMATS,
  isFormatName,
  renderers,
  type FormatName,
  type Report,
} from '../../report/renderers.js';
import {
  customPeriod,
  parseQuarterLabel,
  quarterPeriod,
  yearPeriod,
  type Period,
} from '../../stats/period.js';
import { DEFAULT_COMPLETION_THRESHOLD, type Grouping } from '../../stats/summary.js';
import { DEFAULT_REQUIRED_HOURS } from '../../stats/trainee.js';
import { osUser } from '../os.js';
import type { CommandContext } from '../context.js';
import { chooseTrainee } from '../choose.js';
import { withDatabase } from '../database.js';

/** The output options every report shares. */
export interface OutputOptions {
  format?: FormatName;
  out?: string;
  bom: boolean;
  organisation?: string;
  /** Keep the report on record as handed in (`peixun filed`). */
  file?: boolean;
}

export interface SummaryOptions extends OutputOptions {
  year?: string;
  quarter?: string;
  from?: string;
  to?: string;
  by?: Grouping;
  level?: LevelName;
  completionThreshold?: string;
}

const EXTENSION_FORMATS: Record<string, FormatName> = {
  '.csv': 'csv',
  '.json': 'json',
  '.md': 'md',
  '.txt': 'table',
  '.xlsx': 'xlsx',
  '.html': 'html',
  '.htm': 'html',
};

export async function runQuarterly(
  context: CommandContext,
  label: string | undefined,
  options: SummaryOptions,
) {
  if (label !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new UsageError(context.t('fromToOrYear'));
  }
  const request = summaryRequest(context, options, () => quarterOf(context, label, options));
  await produce(context, { report: 'quarterly', ...request }, options);
}

export async function runAnnual(context: CommandContext, options: SummaryOptions) {
  const request = summaryRequest(context, options, () => {
    if (options.year === undefined) throw new UsageError(context.t('yearMissing'));
    return yearPeriod(year(context, options.year));
  });
  await produce(context, { report: 'annual', ...request }, options);
}

export async function runTrainee(
  context: CommandContext,
  query: string,
  options: OutputOptions & { requiredHours?: string; completionThreshold?: string },
) {
  const requiredHours =
    options.requiredHours === undefined ? DEFAULT_REQUIRED_HOURS : Number(options.requiredHours);
  if (options.requiredHours !== undefined && !/^\d*\.?\d+$/.test(options.requiredHours)) {
    throw new UsageError(context.t('badRequiredHours', { value: options.requiredHours }));
  }
  const completionThreshold = threshold(context, options.completionThreshold);
  // The person is chosen once (on a terminal, from the candidates); the report names them by record number.
  const chosen = await withDatabase(context, 'read', (db) => chooseTrainee(context, db, query));
  await produce(
    context,
    { report: 'trainee', query: `#${chosen.id}`, requiredHours, completionThreshold },
    options,
  );
}

export async function runClass(
  context: CommandContext,
  code: string,
  options: OutputOptions & { completionThreshold?: string },
) {
  const completionThreshold = threshold(context, options.completionThreshold);
  await produce(context, { report: 'class', code, completionThreshold }, options);
}

export async function runCoverage(
  context: CommandContext,
  options: OutputOptions & {
    year?: string;
    from?: string;
    to?: string;
    by?: 'category' | 'unit';
    level?: LevelName;
    list?: boolean;
  },
) {
  const { t } = context;
  const period = periodOf(context, options, () => {
    if (options.year === undefined) throw new UsageError(t('yearMissing'));
    return yearPeriod(year(context, options.year));
  });
  if (options.level && options.by !== 'unit') throw new UsageError(t('levelNeedsUnit'));
  const recipe: Recipe = {
    report: 'coverage',
    period,
    by: options.by,
    level: options.level,
    list: Boolean(options.list),
  };
  await produce(context, recipe, options);
}

function year(context: CommandContext, text: string): number {
  if (!/^\d{4}$/.test(text)) throw new UsageError(context.t('badYear', { value: text }));
  return Number(text);
}

function quarterOf(context: CommandContext, label: string | undefined, options: SummaryOptions): Period {
  const { t } = context;
  if (label !== undefined) {
    const parsed = parseQuarterLabel(label);
    if (!parsed) throw new UsageError(t('badQuarterLabel', { value: label }));
    if (options.year !== undefined || options.quarter !== undefined) throw new UsageError(t('quarterTwice'));
    return quarterPeriod(parsed.year, parsed.quarter);
  }
  if (options.year === undefined || options.quarter === undefined) throw new UsageError(t('quarterMissing'));
  const quarter = Number(options.quarter.replace(/^q/i, ''));
  if (![1, 2, 3, 4].includes(quarter)) throw new UsageError(t('badQuarter', { value: options.quarter }));
  return quarterPeriod(year(context, options.year), quarter);
}

/** `--from/--to` give any period; otherwise the report's own (a quarter, a year). */
function periodOf(
  context: CommandContext,
  options: { from?: string; to?: string; year?: string; quarter?: string },
  otherwise: () => Period,
): Period {
  const { t } = context;
  if (options.from === undefined && options.to === undefined) return otherwise();
  if (options.from === undefined || options.to === undefined) throw new UsageError(t('fromToTogether'));
  if (options.year !== undefined || options.quarter !== undefined) throw new UsageError(t('fromToOrYear'));
  const from = parseDate(options.from);
  const to = parseDate(options.to);
  if (!from.ok) throw new UsageError(t('badOptionDateNamed', { option: '--from', value: options.from }));
  if (!to.ok) throw new UsageError(t('badOptionDateNamed', { option: '--to', value: options.to }));
  if (to.value < from.value) throw new UsageError(t('fromAfterTo'));
  return customPeriod(from.value, to.value);
}

function threshold(context: CommandContext, text: string | undefined): number {
  if (text === undefined) return DEFAULT_COMPLETION_THRESHOLD;
  const value = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || value <= 0 || value > 1) {
    throw new UsageError(context.t('badThreshold', { value: text }));
  }
  return value;
}

/** Checks every option before the database is opened, naming the option at fault. */
function summaryRequest(context: CommandContext, options: SummaryOptions, own: () => Period) {
  const { t } = context;
  const period = periodOf(context, options, own);
  if (options.level && options.by !== 'unit' && options.by !== 'organiser')
    throw new UsageError(t('levelNeedsUnit'));
  if (options.level === 'community' && options.by === 'organiser') throw new UsageError(t('organiserLevel'));
  return {
    period,
    by: options.by,
    level: options.level,
    completionThreshold: threshold(context, options.completionThreshold),
  };
}

export function outputFormat(
  context: CommandContext,
  options: { format?: FormatName; out?: string },
): FormatName {
  const { t, io } = context;
  let format: FormatName = options.format ?? 'table';
  if (!options.format && options.out) {
    const byExtension = EXTENSION_FORMATS[extname(options.out).toLowerCase()];
    if (!byExtension) throw new UsageError(t('outExtension', { file: options.out }));
    format = byExtension;
  }
  if (!isFormatName(format)) throw new UsageError(t('badFormat', { value: format }));
  if (BINARY_FORMATS.includes(format) && !options.out && io.stdout.isTTY) {
    throw new UsageError(t('binaryNeedsOut', { format }));
  }
  return format;
}

/** The organising unit on a printed report: --organisation, $PEIXUN_ORGANISATION, else the register's one district. */
function organisation(context: CommandContext, db: Db, options: OutputOptions): string {
  if (options.organisation) return options.organisation;
  if (context.io.env.PEIXUN_ORGANISATION) return context.io.env.PEIXUN_ORGANISATION;
  const districts = new UnitStore(db).all().filter((unit) => unit.level === 1);
  return districts.length === 1 ? (districts[0]?.name ?? '') : '';
}

/** Builds the report; with --file, also keeps it on record, in the same transaction. */
async function produce(context: CommandContext, recipe: Recipe, options: OutputOptions): Promise<void> {
  const format = outputFormat(context, options);
  const { t, io } = context;
  const { report, filed } = await withDatabase(context, options.file ? 'write' : 'read', (db) => {
    const report = buildReport(db, recipe, t, { organisation: organisation(context, db, options) });
    if (!options.file) return { report, filed: undefined };
    const filed = db
      .transaction(() =>
        fileNow(db, {
          recipe,
          data: report.data,
          // Kept and listed by `filed list`: an ID number or phone typed on it is kept masked.
          command: maskPersonalNumbers(context.commandLine),
          filedAt: io.now().toISOString(),
          osUser: osUser(),
        }),
      )
      .immediate();
    return { report, filed };
  });
  await writeReport(context, report, format, options);
  if (filed) io.stderr.write(`${t('reportFiled', { id: filed.id, hash: filed.hash.slice(0, 12) })}\n`);
}

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
  });
  if (options.out) {
    writeWhole(options.out, output, t);
    io.stderr.write(`${t('reportWritten', { file: options.out })}\n`);
  } else {
    io.stdout.write(output);
  }
  for (const warning of report.table.warnings)
    io.stderr.write(`${colorErr.yellow(t('warningPrefix') + warning)}\n`);
}
