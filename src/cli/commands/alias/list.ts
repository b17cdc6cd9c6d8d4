import { Command } from '@commander-js/extra-typings';
import { listAliases } from '../../../register/aliases.js';
import { aliasTable } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { limited, outputTo, withListOutput, writeListing } from '../../output.js';

const declare = (cli: Cli) => withListOutput(cli.t, new Command('list').description(cli.t('cmdAliasList')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t } = context;
  const format = await outputTo(context, options);
  const lines = await withDatabase(context, 'read', (db) => listAliases(db));
  const { shown, note } = limited(t, lines, options.limit);
  const report = { table: aliasTable(shown, t), data: shown };
  if (note) report.table.notes.push(note);
  await writeListing(context, report, lines.length, t('noAliases'), format, options);
}

export default (cli: Cli) => cli.leaf(declare(cli), ['peixun alias list', 'peixun alias list --json'], run);
