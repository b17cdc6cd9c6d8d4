import { Command, Option } from '@commander-js/extra-typings';
import { listUnits } from '../../../register/units.js';
import { unitListTable } from '../../../report/listings.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { levelOption } from '../../options.js';
import { limited, outputTo, withListOutput, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withListOutput(
    cli.t,
    new Command('list')
      .description(cli.t('cmdUnitList'))
      .addOption(new Option('--under <unit>', cli.t('optUnitUnder')))
      .addOption(levelOption(cli.t)),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t } = context;
  const format = await outputTo(context, options);
  const units = await withDatabase(context, 'read', (db) =>
    listUnits(db, { under: options.under, level: options.level }),
  );
  const { shown, note } = limited(t, units, options.limit);
  const table = unitListTable(shown, t);
  if (note) table.notes.push(note);
  const data = shown.map(({ id: _id, ...unit }) => unit);
  await writeReport(context, { table, data }, format, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun unit list',
      'peixun unit list --under 宝山区/高境镇',
      'peixun unit list --level subdistrict --format csv',
    ],
    run,
  );
