import { hostname, userInfo } from 'node:os';
import { UsageError } from '../../errors.js';
import type { ImportKind } from '../../import/fields.js';
import { parseDate, type Slot } from '../../import/normalise.js';
import { encodingFromOption, ENCODING_CHOICES } from '../../import/read/decode.js';
import { runImport, type ImportResult } from '../../import/run.js';
import { PeixunError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';
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
  const result = await importFiles(context, {
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
  });
  if (options.json) context.io.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else printImportResult(context, result);
  if (result.problems.length > 0) {
    throw new PeixunError(t('importRejected', { count: result.counts.rejected }));
  }
}

export async function importFiles(
  context: CommandContext,
  request: Parameters<typeof runImport>[1],
): Promise<ImportResult> {
  const progress = progressLine(context);
  try {
    return await withDatabase(context, 'write', (db) =>
      runImport(
        {
          db,
          dbPath: context.dbPath,
          t: context.t,
          now: context.io.now,
          osUser: osUser(),
          host: hostname(),
          onProgress: progress?.update,
        },
        request,
      ),
    );
  } finally {
    progress?.done();
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
