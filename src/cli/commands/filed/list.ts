import { Command } from '@commander-js/extra-typings';
import Table from 'cli-table3';
import { filedStatus } from '../../../filed/filed.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { localTime } from '../../print.js';
import { withDatabase } from '../../database.js';
import { formatOption } from '../../options.js';

const declare = (cli: Cli) =>
  new Command('list').description(cli.t('cmdFiledList')).addOption(formatOption(cli.t, ['table', 'json']));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t, io, color } = context;
  const reports = await withDatabase(context, 'read', (db) => filedStatus(db));
  if (options.format === 'json') {
    io.stdout.write(JSON.stringify(reports, null, 2) + '\n');
    return;
  }
  if (reports.length === 0) {
    io.stderr.write(`${t('noFiled')}\n`);
    return;
  }
  const table = new Table({
    head: (['id', 'when', 'who', 'command', 'hash', 'now'] as const).map((key) =>
      color.bold(t(`filedColumn.${key}`)),
    ),
    style: { head: [], border: [], compact: true },
  });
  for (const report of reports) {
    table.push([
      `#${report.id}`,
      localTime(report.filedAt),
      report.osUser ?? '',
      report.command,
      report.hash.slice(0, 12),
      report.changed ? color.yellow(t('filedChanged')) : t('filedSame'),
    ]);
  }
  io.stdout.write(table.toString() + '\n');
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun filed list', 'peixun filed list --format json'], run);
