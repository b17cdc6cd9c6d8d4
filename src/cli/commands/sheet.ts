import { extname } from 'node:path';
import { Argument, Command, Option } from '@commander-js/extra-typings';
import type { MessageKey } from '../../i18n/index.js';
import { ROSTER_ORDERS, type RosterOrder } from '../../register/classes.js';
import { UsageError } from '../../errors.js';
import { writeWhole } from '../../files.js';
import { localDate } from '../../domain/dates.js';
import { signInSheet } from '../../register/signInSheet.js';
import { signInPage, signInWorkbook } from '../../report/signInSheet.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';
import { choiceParser, dateOption, formatOption, slotOption } from '../options.js';
import { mayReplace } from '../output.js';

const SHEET_FORMATS = ['xlsx', 'html'] as const;
type SheetFormat = (typeof SHEET_FORMATS)[number];

const ORDER_LABELS = {
  unit: 'rosterOrder.unit',
  name: 'rosterOrder.name',
  roster: 'rosterOrder.roster',
} as const satisfies Record<RosterOrder, MessageKey>;

const declare = (cli: Cli) => {
  const { t } = cli;
  return new Command('sheet')
    .description(t('cmdSheet'))
    .addArgument(new Argument('<class>', t('argClass')))
    .addOption(dateOption(t, '--date <date>', t('optSheetDate')))
    .addOption(slotOption(t, 'optSheetSlot'))
    .addOption(
      new Option('--order <order>', t('optSheetOrder'))
        .choices(ROSTER_ORDERS)
        .argParser(choiceParser(t, '--order', ROSTER_ORDERS, ORDER_LABELS)),
    )
    .addOption(formatOption(t, SHEET_FORMATS))
    .option('--out <file>', t('optSheetOut'))
    .option('--force', t('optForce'));
};

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/** A blank sign-in sheet to print; filled in, `import attendance` reads it back onto the same session. */
export async function run(context: CommandContext, options: Options, code: string): Promise<void> {
  const { t, io } = context;
  const byExtension = options.out ? extname(options.out).toLowerCase().slice(1) : '';
  if (options.out && !options.format && !(SHEET_FORMATS as readonly string[]).includes(byExtension))
    throw new UsageError(t('sheetExtension', { file: options.out }));
  const format: SheetFormat = options.format ?? (byExtension === 'html' ? 'html' : 'xlsx');
  const sheet = await withDatabase(context, 'read', (db) =>
    signInSheet(db, code, {
      date: options.date,
      slot: options.slot || undefined,
      today: localDate(io.now()),
      order: options.order,
    }),
  );
  // The file an office would name it: 签到表_K1_2023-07-10_上午.xlsx, in the current folder.
  const out =
    options.out ?? `签到表_${sheet.code}_${sheet.date}${sheet.slot ? `_${sheet.slot}` : ''}.${format}`;
  await mayReplace(context, out, options.force);
  writeWhole(out, format === 'xlsx' ? await signInWorkbook(sheet) : signInPage(sheet));
  const said = { file: out, count: sheet.entries.length, session: `${sheet.date} ${sheet.slot}`.trim() };
  io.stderr.write(`${format === 'xlsx' ? t('sheetWritten', said) : t('sheetWrittenPage', said)}\n`);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun sheet PX2024-001 --date 2024-03-04 --slot 上午',
      'peixun sheet PX2024-001 --format html --out 签到表.html',
      'peixun sheet PX2024-001 --date 2024-03-05 --order roster',
    ],
    run,
  );
