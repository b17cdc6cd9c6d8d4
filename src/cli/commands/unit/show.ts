import { Command } from '@commander-js/extra-typings';
import { showUnit } from '../../../register/units.js';
import { unitDetailTable } from '../../../report/listings.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { outputTo, withFormats, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withFormats(
    cli.t,
    new Command('show').description(cli.t('cmdUnitShow')).argument('<unit>', cli.t('argUnit')),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, text: string): Promise<void> {
  const format = await outputTo(context, options);
  const unit = await withDatabase(context, 'read', (db) => showUnit(db, text));
  const { id: _id, ...data } = unit;
  await writeReport(context, { table: unitDetailTable(unit, context.t), data }, format, options);
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun unit show 宝山区/高境镇'], run);
