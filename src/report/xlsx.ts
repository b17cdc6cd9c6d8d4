/**
 * A workbook that looks made by a person: a title with the period and organising unit, a bold frozen header,
 * totals in bold, percentages as percentages, columns wide enough for Chinese text, and a second sheet
 * 统计口径 with the definitions. exceljs is loaded only when this format is asked for.
 */
import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { formatCell, type CellKind, type ReportTable } from './model.js';

const NUMBER_FORMATS: Record<CellKind, string | undefined> = {
  text: '@',
  count: '0',
  hours: '0.0',
  rate: '0.0%',
};

export async function workbookBytes(table: ReportTable): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('统计表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true },
  });
  const widest = Math.max(1, ...table.sections.map((section) => section.columns.length));
  const widths: number[] = Array.from({ length: widest }, () => 8);

  const titleRow = sheet.addRow([table.title]);
  titleRow.font = { bold: true, size: 14 };
  sheet.mergeCells(titleRow.number, 1, titleRow.number, widest);
  const subtitleRow = sheet.addRow([table.subtitle]);
  sheet.mergeCells(subtitleRow.number, 1, subtitleRow.number, widest);

  let frozen = false;
  for (const section of table.sections) {
    sheet.addRow([]);
    if (section.heading) sheet.addRow([section.heading]).font = { bold: true };
    const head = sheet.addRow(section.columns.map((column) => column.label));
    head.font = { bold: true };
    head.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    if (!frozen) {
      sheet.views = [{ state: 'frozen', ySplit: head.number }];
      frozen = true;
    }
    section.columns.forEach((column, index) => {
      widths[index] = Math.max(widths[index] ?? 8, stringWidth(column.label) + 2);
    });
    section.rows.forEach((values, position) => {
      const row = sheet.addRow(values.map((value) => (value === null ? '—' : value)));
      if (position >= section.rows.length - section.totals) row.font = { bold: true };
      section.columns.forEach((column, index) => {
        const cell = row.getCell(index + 1);
        const value = values[index] ?? null;
        if (typeof value === 'number') cell.numFmt = NUMBER_FORMATS[column.kind] ?? 'General';
        else {
          cell.numFmt = '@';
          if (value === null && column.kind !== 'text') cell.alignment = { horizontal: 'right' };
        }
        widths[index] = Math.max(widths[index] ?? 8, stringWidth(formatCell(column.kind, value)) + 2);
      });
    });
  }
  if (table.notes.length > 0) sheet.addRow([]);
  for (const note of table.notes) sheet.addRow([note]).font = { italic: true, color: { argb: 'FF555555' } };
  if (table.signOff) {
    sheet.addRow([]);
    // Label and value side by side, as on the paper forms offices hand in.
    for (const { label, value } of table.signOff) {
      const row = sheet.addRow([label, value]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).numFmt = '@';
    }
  }
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = Math.min(width, 50);
  });

  const definitions = workbook.addWorksheet('统计口径');
  definitions.addRow([table.title]).font = { bold: true };
  definitions.addRow([table.subtitle]);
  definitions.addRow([]);
  definitions.getColumn(1).width = 100;
  for (const line of table.definitions) {
    definitions.addRow([line]).getCell(1).alignment = { wrapText: true, vertical: 'top' };
  }

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
