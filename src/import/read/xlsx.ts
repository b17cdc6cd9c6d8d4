/**
 * .xlsx workbooks through exceljs, loaded only when an .xlsx file is imported. Cells keep their types:
 * date cells arrive as dates, numbers as numbers (so an ID number Excel stored as a number is recognised).
 */
import ExcelJS from 'exceljs';
import { PeixunError } from '../../errors.js';
import type { Translator } from '../../i18n/index.js';
import type { Cell } from '../normalise.js';
import type { ReadOptions, SourceRow, TableSource } from './source.js';
import { checkXlsxLimits } from './xlsxLimits.js';

export async function readXlsx(file: string, options: ReadOptions, t: Translator): Promise<TableSource> {
  checkXlsxLimits(file, t);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new PeixunError(t('xlsxBroken', { file, reason: (error as Error).message }));
  }
  const names = workbook.worksheets.map((sheet) => sheet.name);
  const sheet = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets[0];
  if (!sheet) {
    throw new PeixunError(t('sheetMissing', { file, sheet: options.sheet ?? '', sheets: names.join(', ') }));
  }
  const rows = sheetRows(sheet);
  let yielded = 0;
  return {
    info: { sheet: sheet.name },
    rows: (async function* () {
      for (const row of rows) {
        yielded++;
        yield row;
      }
    })(),
    fractionRead: () => (rows.length > 0 ? yielded / rows.length : 1),
  };
}

function sheetRows(sheet: ExcelJS.Worksheet): SourceRow[] {
  const rows: SourceRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell);
    });
    rows.push({ row: row.number, cells: Array.from(cells, (cell) => cell ?? null) });
  });
  return rows;
}

function cellValue(cell: ExcelJS.Cell): Cell {
  // formats.md: every cell of a merged range reads the range's value, as Excel shows it (a date merged down
  // the rows of one session belongs to each of them).
  return plainValue(cell.isMerged ? cell.master.value : cell.value);
}

function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return plainValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  if ('text' in value) return String(value.text);
  if ('error' in value) return null;
  return null;
}
