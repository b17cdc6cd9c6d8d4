/**
 * .xlsx workbooks, streamed row by row through exceljs's WorkbookReader, only the sheet asked for, so memory
 * stays bounded whatever the file's length. The workbook's outline (sheet names, merged ranges) comes first from
 * xlsxLimits.ts, which also refuses hostile files. Cells keep their types: date cells arrive as dates, numbers
 * as numbers (so an ID number Excel stored as a number is recognised).
 */
import ExcelJS from 'exceljs';
import { PeixunError, problem } from '../../errors.js';
import type { Cell } from '../normalise.js';
import type { ReadOptions, TableSource } from './source.js';
import { inspectXlsx, type MergedRange } from './xlsxLimits.js';

/** Rows a batch at a time. */
const BATCH_ROWS = 500;

export async function readXlsx(file: string, options: ReadOptions): Promise<TableSource> {
  const outline = inspectXlsx(file);
  if (!outline || outline.sheets.length === 0) throw new PeixunError(problem('xlsxBroken', { file }));
  const names = outline.sheets.map((sheet) => sheet.name);
  const sheet = options.sheet
    ? outline.sheets.find((candidate) => candidate.name === options.sheet)
    : outline.sheets[0];
  if (!sheet) {
    throw new PeixunError(
      problem('sheetMissing', { file, sheet: options.sheet ?? '', sheets: names.join(', ') }),
    );
  }
  const sheetId = Number(/sheet(\d+)\.xml$/.exec(sheet.path)?.[1]);
  const total = outline.rows.get(sheet.path) ?? 0;
  let yielded = 0;
  const merged = new MergedCells(outline.merges.get(sheet.path) ?? []);
  return {
    info: { sheet: sheet.name, sheets: names },
    rows: (async function* () {
      try {
        const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
          worksheets: 'emit',
          sharedStrings: 'cache',
          styles: 'cache',
          hyperlinks: 'ignore',
          entries: 'ignore',
        });
        for await (const worksheet of reader) {
          const rows = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { id: number };
          if (rows.id !== sheetId) {
            for await (const _ of rows) void _;
            continue;
          }
          let batch: { row: number; cells: Cell[] }[] = [];
          for await (const row of rows) {
            yielded++;
            batch.push({ row: row.number, cells: merged.fill(row.number, rowCells(row)) });
            if (batch.length >= BATCH_ROWS) {
              yield batch;
              batch = [];
            }
          }
          if (batch.length > 0) yield batch;
        }
      } catch (error) {
        if (error instanceof PeixunError) throw error;
        // The zip or XML library's own words are English and name its internals: the person gets what to do.
        throw new PeixunError(problem('xlsxBroken', { file }));
      }
    })(),
    fractionRead: () => (total > 0 ? Math.min(1, yielded / total) : 1),
  };
}

function rowCells(row: ExcelJS.Row): Cell[] {
  const cells: Cell[] = [];
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    cells[column - 1] = plainValue(cell.value);
  });
  return Array.from(cells, (cell) => cell ?? null);
}

/**
 * formats.md: every cell of a merged range reads the range's value, as Excel shows it (a date merged down the
 * rows of one session belongs to each of them). The top-left cell comes first in a stream; its value is kept
 * until the range's last row has passed.
 */
class MergedCells {
  /** Ranges not reached yet, by top row; ranges under way, with their value. */
  private readonly waiting: MergedRange[];
  private readonly active = new Map<MergedRange, Cell>();
  constructor(ranges: readonly MergedRange[]) {
    this.waiting = [...ranges].sort((a, b) => b.top - a.top);
  }

  fill(rowNumber: number, cells: Cell[]): Cell[] {
    for (let next = this.waiting.at(-1); next && next.top <= rowNumber; next = this.waiting.at(-1)) {
      this.waiting.pop();
      // A range whose top row is missing from the file (blank) reads blank, as in Excel.
      this.active.set(next, next.top === rowNumber ? (cells[next.left - 1] ?? null) : null);
    }
    for (const [range, value] of this.active) {
      if (rowNumber > range.bottom) {
        this.active.delete(range);
        continue;
      }
      for (let column = range.left; column <= range.right; column++) cells[column - 1] = value;
    }
    return Array.from(cells, (cell) => cell ?? null);
  }
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
