import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from '../../errors.js';
import { isFormatName, renderers, type FormatName } from '../../report/renderers.js';
import { parseQuarterLabel, quarterPeriod } from '../../stats/period.js';
import { DEFAULT_COMPLETION_THRESHOLD, summarise, type Grouping, type Summary } from '../../stats/summary.js';
import type { LevelName } from '../../db/units.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';

export interface ReportOptions {
  year?: string;
  quarter?: string;
  by?: Grouping;
  level?: LevelName;
  completionThreshold?: string;
  format?: FormatName;
  out?: string;
  bom: boolean;
}

const EXTENSION_FORMATS: Record<string, FormatName> = {
  '.csv': 'csv',
  '.json': 'json',
  '.md': 'md',
  '.txt': 'table',
};

export async function run(
  context: CommandContext,
  label: string | undefined,
  options: ReportOptions,
): Promise<void> {
  const request = reportRequest(context, label, options);
  const summary = await withDatabase(context, 'read', (db) =>
    summarise(db, { ...request, completionThreshold: request.completionThreshold }, context.t),
  );
  writeReport(context, summary, request.format, options);
}

/** Checks every option before the database is opened, naming the option at fault. */
export function reportRequest(context: CommandContext, label: string | undefined, options: ReportOptions) {
  const { t } = context;
  let year: number;
  let quarter: number;
  if (label !== undefined) {
    const parsed = parseQuarterLabel(label);
    if (!parsed) throw new UsageError(t('badQuarterLabel', { value: label }));
    if (options.year !== undefined || options.quarter !== undefined) throw new UsageError(t('quarterTwice'));
    ({ year, quarter } = parsed);
  } else {
    if (options.year === undefined || options.quarter === undefined)
      throw new UsageError(t('quarterMissing'));
    year = Number(options.year);
    quarter = Number(options.quarter.replace(/^q/i, ''));
    if (!/^\d{4}$/.test(options.year)) throw new UsageError(t('badYear', { value: options.year }));
    if (![1, 2, 3, 4].includes(quarter)) throw new UsageError(t('badQuarter', { value: options.quarter }));
  }
  if (options.level && options.by !== 'unit' && options.by !== 'organiser') {
    throw new UsageError(t('levelNeedsUnit'));
  }
  if (options.level === 'community' && options.by === 'organiser') throw new UsageError(t('organiserLevel'));
  let completionThreshold = DEFAULT_COMPLETION_THRESHOLD;
  if (options.completionThreshold !== undefined) {
    completionThreshold = Number(options.completionThreshold);
    if (
      !/^\d*\.?\d+$/.test(options.completionThreshold) ||
      completionThreshold <= 0 ||
      completionThreshold > 1
    ) {
      throw new UsageError(t('badThreshold', { value: options.completionThreshold }));
    }
  }
  let format: FormatName = options.format ?? 'table';
  if (!options.format && options.out) {
    const byExtension = EXTENSION_FORMATS[extname(options.out).toLowerCase()];
    if (!byExtension) throw new UsageError(t('outExtension', { file: options.out }));
    format = byExtension;
  }
  if (!isFormatName(format)) throw new UsageError(t('badFormat', { value: format }));
  return {
    period: quarterPeriod(year, quarter),
    by: options.by,
    level: options.level,
    completionThreshold,
    format,
  };
}

export function writeReport(
  context: CommandContext,
  summary: Summary,
  format: FormatName,
  options: { out?: string; bom: boolean },
): void {
  const { t, io, color, colorErr } = context;
  const toTerminal = !options.out && format === 'table';
  const text = renderers[format](summary, {
    t,
    bom: options.bom,
    paintHeader: toTerminal ? (cell) => color.bold(cell) : undefined,
  });
  if (options.out) {
    writeFileSync(options.out, text);
    io.stderr.write(`${t('reportWritten', { file: options.out })}\n`);
  } else {
    io.stdout.write(text);
  }
  for (const warning of summary.warnings)
    io.stderr.write(`${colorErr.yellow(t('warningPrefix') + warning)}\n`);
}
