import { extname } from 'node:path';
import { UsageError } from '../../errors.js';
import { anonymise } from '../../export/anonymise.js';
import { recordTable } from '../../export/records.js';
import { pseudonymKey } from '../../db/settings.js';
import { writeWhole } from '../../files.js';
import { recordsCsv, recordsXlsx, type ExportFormat } from '../../export/write.js';
import type { ImportKind } from '../../import/fields.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';

export interface ExportOptions {
  format?: ExportFormat;
  out?: string;
  bom: boolean;
  anonymise?: boolean;
}

export async function run(context: CommandContext, kind: ImportKind, options: ExportOptions): Promise<void> {
  const { t, io } = context;
  const byExtension = options.out ? extname(options.out).toLowerCase().slice(1) : '';
  const format: ExportFormat = options.format ?? (byExtension === 'xlsx' ? 'xlsx' : 'csv');
  if (format === 'xlsx' && !options.out) throw new UsageError(t('xlsxNeedsOut'));
  const table = await withDatabase(context, options.anonymise ? 'write' : 'read', (db) => {
    const records = recordTable(db, kind);
    return options.anonymise ? anonymise(records, kind, pseudonymKey(db)) : records;
  });
  if (format === 'xlsx' && options.out) writeWhole(options.out, await recordsXlsx(table), t);
  else if (options.out) writeWhole(options.out, recordsCsv(table, options.bom), t);
  else io.stdout.write(recordsCsv(table, options.bom));
  if (options.out)
    io.stderr.write(`${t('exportWritten', { count: table.rows.length, file: options.out })}\n`);
}
