/**
 * Output formats as a registry: every renderer takes the same summary and returns the text to write.
 * Adding a format is adding an entry here.
 */
import Table from 'cli-table3';
import type { Translator } from '../i18n/index.js';
import type { Summary } from '../stats/summary.js';
import { textTable } from './format.js';
import { toCsv } from '../spreadsheet.js';

export interface RenderOptions {
  t: Translator;
  /** A byte-order mark on CSV, so that Excel and WPS open UTF-8 correctly. */
  bom: boolean;
  /** Paints the table header (only on a colour terminal). */
  paintHeader?: (text: string) => string;
}

export type Renderer = (summary: Summary, options: RenderOptions) => string;

export const renderers = {
  table(summary, { t, paintHeader }) {
    const table = textTable(summary, t);
    const paint = paintHeader ?? ((text: string) => text);
    const grid = new Table({
      head: table.head.map(paint),
      style: { head: [], border: [], compact: true },
      colAligns: ['left', ...table.head.slice(1).map(() => 'right' as const)],
    });
    grid.push(...table.body);
    return [table.title, grid.toString(), ...table.notes].join('\n') + '\n';
  },

  csv(summary, { t, bom }) {
    const table = textTable(summary, t);
    return toCsv([table.head, ...table.body], bom);
  },

  md(summary, { t }) {
    const table = textTable(summary, t);
    const escape = (cell: string) => cell.replace(/\|/g, '\\|');
    const lines = [
      `## ${escape(table.title)}`,
      '',
      `| ${table.head.map(escape).join(' | ')} |`,
      `|${table.head.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
      ...table.body.map((row) => `| ${row.map(escape).join(' | ')} |`),
      '',
      ...table.notes.map((note) => `- ${escape(note)}`),
    ];
    return lines.join('\n') + '\n';
  },

  json(summary) {
    return JSON.stringify(summary, null, 2) + '\n';
  },
} satisfies Record<string, Renderer>;

export type FormatName = keyof typeof renderers;
export const FORMAT_NAMES = Object.keys(renderers) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(renderers, name);
}
