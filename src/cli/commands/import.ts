import { PeixunError, UsageError } from '../../errors.js';
import type { ImportKind } from '../../import/fields.js';
import { parseDate, type Slot } from '../../import/normalise.js';
import { encodingFromOption, ENCODING_CHOICES } from '../../import/read/decode.js';
import { mappingQuestion } from '../../import/mapping.js';
import { runImport, type ImportRequest, type ImportResult } from '../../import/run.js';
import { HeaderNotFoundError } from '../../import/table.js';
import { askMapping } from '../mapping.js';
import { prompterFor } from '../prompts.js';
import type { CommandContext } from '../context.js';
import { watchingFiled, withDatabase, writeEnvironment } from '../database.js';
import { printImportResult } from '../print.js';
import { progressLine } from '../progress.js';

export interface ImportOptions {
  class?: string;
  date?: string;
  slot?: Slot;
  sheet?: string;
  encoding?: string;
  dryRun?: boolean;
  addUnknown?: boolean;
  skipInvalid?: boolean;
  mapping?: string;
  asOf?: string;
  json?: boolean;
}

export async function run(
  context: CommandContext,
  kind: ImportKind,
  files: string[],
  options: ImportOptions,
): Promise<void> {
  const { t } = context;
  // Option values are checked before any file or database is touched.
  const encoding = options.encoding === undefined ? undefined : encodingFromOption(options.encoding);
  if (options.encoding !== undefined && !encoding) {
    throw new UsageError(t('badEncoding', { value: options.encoding, choices: ENCODING_CHOICES.join(', ') }));
  }
  let date: string | undefined;
  if (options.date !== undefined) {
    const parsed = parseDate(options.date);
    if (!parsed.ok) throw new UsageError(t('badOptionDate', { value: options.date }));
    date = parsed.value;
  }
  let asOf: string | undefined;
  if (options.asOf !== undefined) {
    const parsed = parseDate(options.asOf);
    if (!parsed.ok) throw new UsageError(t('badOptionDate', { value: options.asOf }));
    asOf = parsed.value;
  }
  if (kind !== 'attendance') {
    for (const [option, given] of [
      ['--class', options.class],
      ['--date', options.date],
      ['--slot', options.slot],
      ['--add-unknown', options.addUnknown],
    ] as const) {
      if (given !== undefined) throw new UsageError(t('optionOnlyAttendance', { option }));
    }
  }
  const result = await importAsking(context, {
    kind,
    files,
    classCode: options.class,
    date,
    slot: options.slot,
    sheet: options.sheet,
    encoding,
    dryRun: Boolean(options.dryRun),
    addUnknown: Boolean(options.addUnknown),
    skipInvalid: Boolean(options.skipInvalid),
    mapping: options.mapping,
    asOf,
  });
  if (options.json) context.io.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else printImportResult(context, result);
  if (result.problems.length > 0) {
    throw new PeixunError(t('importRejected', { count: result.counts.rejected }));
  }
}

/**
 * Imports; when a file's headers are unfamiliar and a person is at the terminal, asks which column is which
 * and imports again with the answer (saved as a named mapping if they wish). Each file is asked about once.
 */
async function importAsking(context: CommandContext, request: ImportRequest): Promise<ImportResult> {
  const asked = new Set<string>();
  let current = request;
  for (;;) {
    try {
      return await importFiles(context, current);
    } catch (error) {
      if (!(error instanceof HeaderNotFoundError) || asked.has(error.file)) throw error;
      const prompter = await prompterFor(context);
      if (!prompter) throw error;
      const question = mappingQuestion(error.kind, error.rows);
      if (!question || question.missing.length === 0) throw error;
      asked.add(error.file);
      const write = (text: string) => context.io.stderr.write(text);
      const answer = await askMapping(prompter, context.t, error.kind, error.file, question, write);
      const headerAliases = { ...current.headerAliases, ...answer.aliases };
      current = { ...current, headerAliases, saveMappingAs: answer.saveAs ?? current.saveMappingAs };
    }
  }
}

export async function importFiles(
  context: CommandContext,
  request: Parameters<typeof runImport>[1],
): Promise<ImportResult> {
  const progress = progressLine(context);
  try {
    return await withDatabase(context, 'write', (db) =>
      watchingFiled(context, db, () =>
        runImport({ ...writeEnvironment(context, db), onProgress: progress?.update }, request),
      ),
    );
  } finally {
    progress?.done();
  }
}
