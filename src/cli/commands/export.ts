import { extname } from 'node:path';
import { Argument, Command } from '@commander-js/extra-typings';
import { pseudonymKey } from '../../db/settings.js';
import { UsageError } from '../../errors.js';
import { anonymise } from '../../export/anonymise.js';
import { recordTable } from '../../export/records.js';
import { EXPORT_FORMATS, recordsCsv, recordsXlsx, type ExportFormat } from '../../export/write.js';
import { writeWhole } from '../../files.js';
import { RECORD_KINDS, type RecordKind } from '../../import/fields.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';
import { formatOption, withOut } from '../options.js';
import { mayReplace } from '../output.js';

const declare = (cli: Cli) =>
  withOut(
    cli.t,
    new Command('export')
      .description(cli.t('cmdExport'))
      .addArgument(new Argument('<kind>', cli.t('argKind')).choices(RECORD_KINDS))
      .addOption(formatOption(cli.t, EXPORT_FORMATS)),
    cli.t('optOutExport'),
  ).option('--anonymise', cli.t('optAnonymise'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, kind: RecordKind) {
  const { t, io } = context;
  const byExtension = options.out ? extname(options.out).toLowerCase().slice(1) : '';
  const format: ExportFormat = options.format ?? (byExtension === 'xlsx' ? 'xlsx' : 'csv');
  if (format === 'xlsx' && !options.out) throw new UsageError(t('xlsxNeedsOut'));
  if (options.out) await mayReplace(context, options.out, options.force);
  const table = await withDatabase(context, options.anonymise ? 'write' : 'read', (db) => {
    const records = recordTable(db, kind);
    return options.anonymise ? anonymise(records, kind, pseudonymKey(db)) : records;
  });
  if (format === 'xlsx' && options.out) writeWhole(options.out, await recordsXlsx(table));
  else if (options.out) writeWhole(options.out, recordsCsv(table, options.bom));
  else io.stdout.write(recordsCsv(table, options.bom));
  if (options.out)
    io.stderr.write(`${t('exportWritten', { count: table.rows.length, file: options.out })}\n`);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun export trainees --out 学员.csv',
        'peixun export attendance --out 签到.xlsx',
        'peixun export classes --no-bom > classes.csv',
      ],
      en: [
        'peixun export trainees --out trainees.csv',
        'peixun export attendance --out attendance.xlsx',
        'peixun export classes --no-bom > classes.csv',
      ],
    },
    run,
  );
