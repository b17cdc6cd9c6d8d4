import Table from 'cli-table3';
import type { MessageKey } from '../../i18n/index.js';
import { diffFiled, filedStatus } from '../../filed/filed.js';
import { UsageError } from '../../errors.js';
import { FIGURE_KEYS, FIGURE_KINDS, type FigureKey } from '../../report/figures.js';
import { formatCell } from '../../report/model.js';
import { NONE_LABEL } from '../../stats/summary.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';

export async function runList(
  context: CommandContext,
  options: { format?: 'table' | 'json' },
): Promise<void> {
  const { t, io, color } = context;
  const reports = await withDatabase(context, 'read', (db) => filedStatus(db, t));
  if (options.format === 'json') {
    io.stdout.write(JSON.stringify(reports, null, 2) + '\n');
    return;
  }
  if (reports.length === 0) {
    io.stderr.write(`${t('noFiled')}\n`);
    return;
  }
  const table = new Table({
    head: ['id', 'when', 'who', 'command', 'hash', 'now'].map((key) =>
      color.bold(t(`filedColumn.${key}` as MessageKey)),
    ),
    style: { head: [], border: [], compact: true },
  });
  for (const report of reports) {
    table.push([
      `#${report.id}`,
      report.filedAt.replace('T', ' ').slice(0, 19),
      report.osUser ?? '',
      report.command,
      report.hash.slice(0, 12),
      report.changed ? color.yellow(t('filedChanged')) : t('filedSame'),
    ]);
  }
  io.stdout.write(table.toString() + '\n');
}

export async function runDiff(
  context: CommandContext,
  id: string,
  options: { json?: boolean },
): Promise<void> {
  const { t, io, color } = context;
  const number = Number(id.replace(/^#/, ''));
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(t('badFiledId', { value: id }));
  // Written to, never changed: tracing a change undoes later batches inside a transaction it rolls back.
  const diff = await withDatabase(context, 'write', (db) => diffFiled(db, number, t, io.now));
  if (options.json) {
    io.stdout.write(JSON.stringify(diff, null, 2) + '\n');
    return;
  }
  io.stdout.write(
    `${t('filedHeader', { id: diff.filed.id, when: diff.filed.filedAt.replace('T', ' ').slice(0, 19), command: diff.filed.command })}\n`,
  );
  if (diff.changes.length === 0) {
    io.stdout.write(`${color.green(t('filedNoChange'))}\n`);
    return;
  }
  const figureNames = new Set<string>(FIGURE_KEYS);
  const label = (part: string) => {
    if (figureNames.has(part)) return t(`figure.${part}` as MessageKey);
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
    head: ['figure', 'filed', 'now', 'batches'].map((key) =>
      color.bold(t(`diffColumn.${key}` as MessageKey)),
    ),
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
