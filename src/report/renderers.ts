/**
 * Output formats as a registry: every renderer takes the same report (its table model, and the domain object
 * for JSON) and returns what to write. Adding a format is adding an entry here.
 */
import { visibleLines } from '../domain/text.js';
import { toCsv } from '../spreadsheet.js';
import { drawGrid, wrapText } from './grid.js';
import { htmlPage } from './html.js';
import { formattedRows, type ReportTable } from './model.js';

export interface Report {
  table: ReportTable;
  /** What `--format json` prints: the figures unrounded, in statistics.md's shape. */
  data: unknown;
}

export interface RenderOptions {
  /** A byte-order mark on CSV, so that Excel and WPS open UTF-8 correctly. */
  bom: boolean;
  /** Paints the table header (only on a colour terminal). */
  paintHeader?: (text: string) => string;
  /** The terminal's width: text columns of a table wrap to fit it. */
  width?: number;
  /** The line under a table whose headings were shortened to fit, from the list of what they stand for. */
  shortHeadings?: (list: string) => string;
}

export type Renderer = (report: Report, options: RenderOptions) => Promise<string | Uint8Array>;

export const renderers = {
  async table({ table }, { paintHeader, width, shortHeadings }) {
    const paint = paintHeader ?? ((text: string) => text);
    // A terminal is given no character of the data's that could command it (a unit named with `ESC[8m`).
    const parts = [visibleLines(table.title)];
    const shortened = new Map<string, string>();
    for (const section of table.sections) {
      if (section.heading) parts.push('', visibleLines(section.heading));
      // On a terminal an empty grid says nothing its title, heading and notes do not (no change, nobody found).
      if (section.rows.length === 0) continue;
      const grid = drawGrid(
        section.columns.map((column) => ({
          header: visibleLines(column.label),
          short: column.short === undefined ? undefined : visibleLines(column.short),
          align: column.kind === 'text' ? ('left' as const) : ('right' as const),
          wraps: column.kind === 'text',
        })),
        formattedRows(section).map((row) => row.map(visibleLines)),
        width,
        paint,
      );
      if (grid.shortHeadings)
        for (const column of section.columns)
          if (column.short && column.short !== column.label) shortened.set(column.short, column.label);
      parts.push(grid.text);
    }
    const legend =
      shortened.size > 0 && shortHeadings
        ? [shortHeadings([...shortened].map(([short, label]) => `${short} = ${label}`).join(', '))]
        : [];
    const lines = [...parts, ...table.notes.map(visibleLines), ...legend];
    // Title and notes wrap to the terminal too; the grids are already drawn to fit it.
    const fitted =
      width === undefined
        ? lines
        : lines.flatMap((line) =>
            line.includes('│') || line.includes('┌') || line.startsWith('─[')
              ? [line]
              : wrapText(line, width),
          );
    return fitted.join('\n') + '\n';
  },

  async csv({ table }, { bom }) {
    const rows: string[][] = [];
    for (const [index, section] of table.sections.entries()) {
      if (index > 0) rows.push([]);
      if (section.heading) rows.push([section.heading]);
      // Row by row: a listing of 200,000 people spread into one call would overflow the stack.
      rows.push(section.columns.map((column) => column.label));
      for (const row of formattedRows(section)) rows.push(row);
    }
    return toCsv(rows, bom);
  },

  async md({ table }) {
    const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const lines = [`## ${escape(table.title)}`];
    for (const section of table.sections) {
      if (section.heading) lines.push('', `### ${escape(section.heading)}`);
      lines.push(
        '',
        `| ${section.columns.map((column) => escape(column.label)).join(' | ')} |`,
        `|${section.columns.map((column) => (column.kind === 'text' ? ' --- ' : ' ---: ')).join('|')}|`,
      );
      for (const row of formattedRows(section)) lines.push(`| ${row.map(escape).join(' | ')} |`);
    }
    lines.push('', ...table.notes.map((note) => `- ${escape(note)}`));
    return lines.join('\n') + '\n';
  },

  async json({ data }) {
    return jsonText(data);
  },

  async xlsx({ table }) {
    const { workbookBytes } = await import('./xlsx.js');
    return workbookBytes(table);
  },

  async html({ table }) {
    return htmlPage(table);
  },

  // Printed pages (A4, the CJK font embedded): a person's 一人一档 record, or any report.
  async pdf({ table }) {
    const { reportPdf } = await import('./pdf.js');
    return reportPdf(table);
  },
} satisfies Record<string, Renderer>;

export type FormatName = keyof typeof renderers;
export const FORMAT_NAMES = Object.keys(renderers) as FormatName[];
/** Formats that are files, not text for a terminal. */
export const BINARY_FORMATS: readonly FormatName[] = ['xlsx', 'pdf'];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(renderers, name);
}

/** JSON as peixun prints it: indented, and a missing value is null, never "" (no unit, no slot, no phone). */
export function jsonText(data: unknown): string {
  return JSON.stringify(data, (_key, value: unknown) => (value === '' ? null : value), 2) + '\n';
}
