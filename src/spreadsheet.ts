/**
 * Cells written for spreadsheets. A cell that begins with `=`, `+`, `-`, `@`, tab or carriage return would be
 * evaluated by Excel or WPS (formula injection); it is written with a leading apostrophe, which spreadsheets
 * show as text and peixun's own readers remove again.
 */
import { stringify } from 'csv-stringify/sync';

const EVALUATED = /^[=+\-@\t\r]/;

export function spreadsheetSafe(text: string): string {
  return EVALUATED.test(text) ? `'${text}` : text;
}

/** Undoes spreadsheetSafe on a cell read back in. */
export function fromSpreadsheetSafe(text: string): string {
  return text.startsWith("'") && EVALUATED.test(text.slice(1)) ? text.slice(1) : text;
}

export const BOM = '\uFEFF';

/** CSV as Excel and WPS open it: CRLF, quoted where needed, UTF-8 with a BOM unless `bom` is false. */
export function toCsv(rows: readonly (readonly string[])[], bom: boolean): string {
  const text = stringify(
    rows.map((row) => row.map(spreadsheetSafe)),
    { record_delimiter: 'windows' },
  );
  return (bom ? BOM : '') + text;
}
