/** Writing a record table as CSV or .xlsx. Cells a spreadsheet would evaluate stay text in both. */
import stringWidth from 'string-width';
import { toCsv } from '../spreadsheet.js';
import type { RecordTable } from './records.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function recordsCsv(table: RecordTable, bom: boolean): string {
  return toCsv([table.head, ...table.rows.map((row) => row.map(String))], bom);
}

/** An .xlsx workbook; exceljs is loaded only here. Text cells are strings in Text format, never formulas. */
export async function recordsXlsx(table: RecordTable): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.head).font = { bold: true };
  for (const values of table.rows) {
    const row = sheet.addRow(values);
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.numFmt = '@';
    });
  }
  // Columns fit Chinese text, which is two columns wide a character.
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(
      ...[table.head, ...table.rows].map((row) => stringWidth(String(row[index] ?? ''))),
    );
    column.width = Math.min(40, Math.max(8, longest + 2));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
