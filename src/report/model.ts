/**
 * What every report becomes before it is written: titled sections of typed columns. Each renderer (terminal
 * table, CSV, Markdown, .xlsx, HTML) takes this one shape, so a new report needs no new renderer and a new
 * format serves every report.
 */
export type CellKind = 'text' | 'count' | 'hours' | 'rate';
export type CellValue = string | number | null;

export interface Column {
  label: string;
  /** A heading for a terminal too narrow for the label (`Times` for Participant-times), said under the table. */
  short?: string;
  kind: CellKind;
}

export interface Section {
  heading?: string;
  columns: Column[];
  rows: CellValue[][];
  /** How many of the last rows are totals. */
  totals: number;
  /**
   * Rows are groups labelled in the first column: a page draws a bar chart for every figure column, or for
   * the last one only (the whole year beside its quarters).
   */
  chart?: 'every' | 'last';
}

export interface ReportTable {
  title: string;
  /** The period and the organising unit, for the head of a printed page. */
  subtitle: string;
  sections: Section[];
  notes: string[];
  /** 统计口径: the definitions the figures follow, threshold included. */
  definitions: string[];
  warnings: string[];
  /** Under a form to hand in (.xlsx): 填报单位, 填报人, 联系电话, 填报日期, each with its value or blank. */
  signOff?: { label: string; value: string }[];
}

/** Rates as percentages with one decimal, hours always with one (33.0, 6.6), a missing rate as —. */
export function formatCell(kind: CellKind, value: CellValue): string {
  if (value === null) return kind === 'text' ? '' : '—';
  if (typeof value === 'string') return value;
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'hours') return value.toFixed(1);
  return String(value);
}

export function formattedRows(section: Section): string[][] {
  return section.rows.map((row) =>
    row.map((cell, index) => formatCell(section.columns[index]?.kind ?? 'text', cell)),
  );
}

/** A stored UTC timestamp as the clock on the wall shows it: `2026-11-27 13:06:47`, local time. */
export function localTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/** A section of text columns (`kind` where a column holds hours) and no totals. */
export function plainSection(
  heading: string,
  columns: (string | [string, CellKind])[],
  rows: CellValue[][],
): Section {
  return {
    heading,
    columns: columns.map((column) =>
      typeof column === 'string' ? { label: column, kind: 'text' } : { label: column[0], kind: column[1] },
    ),
    rows,
    totals: 0,
  };
}
