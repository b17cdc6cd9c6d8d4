import { Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import type { Translator } from '../../../i18n/index.js';
import { parseClassStatus } from '../../../import/normalise.js';
import { listClasses } from '../../../register/listing.js';
import { classListTable } from '../../../report/listings.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { withPeriod, yearOption } from '../../options.js';
import { limited, outputTo, withListOutput, writeReport } from '../../output.js';

/** 计划/进行中/已结业/已取消 or planned/running/finished/cancelled. */
const statusParser = (t: Translator) => (text: string) => {
  const status = parseClassStatus(text);
  if (!status.ok) throw new UsageError(t('badClassStatus', { value: text }));
  return status.value;
};

const declare = (cli: Cli) =>
  withListOutput(
    cli.t,
    withPeriod(
      cli.t,
      new Command('list')
        .description(cli.t('cmdClassList'))
        .option('--type <type>', cli.t('optFilterType'))
        .option('--organiser <unit>', cli.t('optFilterOrganiser'))
        .addOption(yearOption(cli.t))
        .addOption(new Option('--status <status>', cli.t('optClassStatus')).argParser(statusParser(cli.t))),
    ),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const format = await outputTo(context, options);
  const { t } = context;
  // A listing's period may be open-ended: --from alone lists from that day on.
  const given = options.from !== undefined || options.to !== undefined;
  if (given && options.year !== undefined) throw new UsageError(t('fromToOrYear'));
  if (options.from !== undefined && options.to !== undefined && options.to < options.from)
    throw new UsageError(t('fromAfterTo'));
  const period =
    options.year !== undefined
      ? { from: `${options.year}-01-01`, to: `${options.year}-12-31` }
      : { from: options.from, to: options.to };
  const classes = await withDatabase(context, 'read', (db) =>
    listClasses(db, {
      type: options.type,
      organiser: options.organiser,
      from: period.from,
      to: period.to,
      status: options.status,
    }),
  );
  const { shown, note } = limited(t, classes, options.limit);
  const table = classListTable(shown, t);
  table.title = t('classListTitle', { count: classes.length });
  if (note) table.notes.push(note);
  await writeReport(context, { table, data: shown }, format, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    ['peixun class list --year 2023 --type 轮训', 'peixun class list --organiser 高境镇 --format json'],
    run,
  );
