import { Command } from '@commander-js/extra-typings';
import Table from 'cli-table3';
import { diffFiled } from '../../../filed/filed.js';
import type { MessageKey } from '../../../i18n/index.js';
import { FIGURE_KEYS, FIGURE_KINDS, type FigureKey } from '../../../report/figures.js';
import { formatCell } from '../../../report/model.js';
import { NONE_LABEL } from '../../../stats/summary.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { localTime } from '../../print.js';
import { withDatabase } from '../../database.js';
import { numberParser } from '../../options.js';

const declare = (cli: Cli) =>
  new Command('diff')
    .description(cli.t('cmdFiledDiff'))
    .argument('<id>', cli.t('argFiled'), numberParser(cli.t, 'badFiledId'))
    .option('--json', cli.t('optJson'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, number: number): Promise<void> {
  const { t, io, color } = context;
  // Written to, never changed: tracing a change undoes later batches inside a transaction it rolls back.
  const diff = await withDatabase(context, 'write', (db) => diffFiled(db, number, io.now));
  if (options.json) {
    io.stdout.write(JSON.stringify(diff, null, 2) + '\n');
    return;
  }
  io.stdout.write(
    `${t('filedHeader', { id: diff.filed.id, when: localTime(diff.filed.filedAt), command: diff.filed.command })}\n`,
  );
  if (diff.changes.length === 0) {
    io.stdout.write(`${color.green(t('filedNoChange'))}\n`);
    return;
  }
  const figureNames = new Set<string>(FIGURE_KEYS);
  const label = (part: string) => {
    if (figureNames.has(part)) return t.dynamic(`figure.${part}` as MessageKey);
    if (part === '(total)' || part === 'total') return t('groupTotal');
    return part === NONE_LABEL ? t('noneGroup') : part;
  };
  // `rows`, `quarters` only say where in the JSON a figure sits; the group or period that follows says it all.
  const path = (parts: string[]) =>
    parts
      .filter((part) => part !== 'rows' && part !== 'quarters')
      .map(label)
      .join(' › ');
  const show = (parts: string[], value: unknown) => {
    const figure = parts[parts.length - 1] ?? '';
    if (typeof value === 'number' && figureNames.has(figure))
      return formatCell(FIGURE_KINDS[figure as FigureKey], value);
    return value === null || value === undefined ? '—' : String(value);
  };
  const table = new Table({
    head: (['figure', 'filed', 'now', 'batches'] as const).map((key) => color.bold(t(`diffColumn.${key}`))),
    style: { head: [], border: [], compact: true },
  });
  for (const change of diff.changes) {
    const batches = change.batches.length > 0 ? change.batches.map((batch) => `#${batch}`).join(', ') : '';
    table.push([path(change.path), show(change.path, change.filed), show(change.path, change.now), batches]);
  }
  io.stdout.write(table.toString() + '\n');
  io.stdout.write(`${t('filedChangeCount', { count: diff.changes.length })}\n`);
  if (diff.undoneSince.length > 0) {
    io.stdout.write(
      `${t('filedUndoneSince', { batches: diff.undoneSince.map((batch) => `#${batch}`).join(', ') })}\n`,
    );
  }
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun filed diff 1', 'peixun filed diff 1 --json'], run);
