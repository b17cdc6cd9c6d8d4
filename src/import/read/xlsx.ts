/**
 * .xlsx workbooks, streamed row by row, only the sheet asked for, so memory stays bounded whatever the file's
 * length. The package (which part is which sheet, the shared texts, the styles) comes first from xlsxPackage.ts,
 * which also refuses hostile files. Cells keep their types: date cells arrive as dates, numbers as numbers (so an
 * ID number Excel stored as a number is recognised).
 *
 * The sheet's XML is read here with saxes rather than by exceljs's WorksheetReader: that one needs every cell's
 * `r` reference (platform exports leave it out), knows none of the East-Asian built-in date formats (27–36,
 * 50–58: `yyyy"年"m"月"d"日"`) and can only be reached through its workbook reader, which depended on the order
 * of the zip's entries.
 */
import { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { PeixunError, problem } from '../../errors.js';
import type { Cell } from '../normalise.js';
import type { ReadOptions, SourceRow, TableSource } from './source.js';
import {
  columnNumber,
  localName,
  openWorkbookPackage,
  type MergedRange,
  type WorkbookPackage,
} from './xlsxPackage.js';

/** Rows a batch at a time. */
const BATCH_ROWS = 500;

export async function readXlsx(file: string, options: ReadOptions): Promise<TableSource> {
  const workbook = openWorkbookPackage(file);
  if (!workbook || workbook.sheets.length === 0) throw new PeixunError(problem('xlsxBroken', { file }));
  const names = workbook.sheets.map((sheet) => sheet.name);
  const sheet = options.sheet
    ? workbook.sheets.find((candidate) => candidate.name === options.sheet)
    : workbook.sheets[0];
  if (!sheet) {
    throw new PeixunError(
      problem('sheetMissing', { file, sheet: options.sheet ?? '', sheets: names.join(', ') }),
    );
  }
  let yielded = 0;
  return {
    info: { sheet: sheet.name, sheets: names },
    rows: (async function* () {
      try {
        const texts = workbook.sharedStringsPath
          ? await sharedStrings(workbook, workbook.sharedStringsPath)
          : [];
        const values = new CellValues(texts, dateStyles(workbook), workbook.date1904);
        const merged = new MergedCells(sheet.merges);
        for await (const rows of sheetRows(workbook.stream(sheet.path), values)) {
          yielded += rows.length;
          yield rows.map(({ row, cells }) => {
            const filled = merged.fill(row, cells);
            const widened = merged.widened();
            return widened.length > 0 ? { row, cells: filled, widened } : { row, cells: filled };
          });
        }
      } catch (error) {
        if (error instanceof PeixunError) throw error;
        // The zip's or the XML's own words are English and name internals: the person gets what to do.
        throw new PeixunError(problem('xlsxBroken', { file }));
      }
    })(),
    fractionRead: () => (sheet.rows > 0 ? Math.min(1, yielded / sheet.rows) : 1),
  };
}

/**
 * Feeds a part's bytes to a SAX parser and hands on what its handlers collected, a batch at a time. UTF-8
 * characters split between chunks are joined by the decoder.
 */
async function* parsed<T>(
  stream: Readable,
  handlers: (parser: SaxesParser, collected: T[]) => void,
  batch = BATCH_ROWS,
): AsyncGenerator<T[]> {
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  const collected: T[] = [];
  handlers(parser, collected);
  for await (const chunk of stream) {
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
    if (collected.length >= batch) yield collected.splice(0);
  }
  parser.write(decoder.decode()).close();
  if (collected.length > 0) yield collected.splice(0);
}

/** OOXML writes characters XML cannot hold as `_x000D_`; `_x005F_` escapes a literal underscore. */
function unescaped(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/**
 * Collects the text of `<t>` elements, leaving out phonetic runs (`<rPh>`: furigana, pinyin guides), which
 * Excel shows only on request. Used for shared strings and inline strings alike.
 */
class TextRuns {
  private depthInPhonetic = 0;
  private inText = false;
  private text = '';

  open(name: string) {
    if (name === 'rPh') this.depthInPhonetic++;
    else if (name === 't' && this.depthInPhonetic === 0) this.inText = true;
  }
  close(name: string) {
    if (name === 'rPh') this.depthInPhonetic--;
    else if (name === 't') this.inText = false;
  }
  add(text: string) {
    if (this.inText) this.text += text;
  }
  take(): string {
    const text = unescaped(this.text);
    this.text = '';
    return text;
  }
}

async function sharedStrings(workbook: WorkbookPackage, path: string): Promise<string[]> {
  const texts: string[] = [];
  for await (const batch of parsed<string>(
    workbook.stream(path),
    (parser, collected) => {
      const runs = new TextRuns();
      parser.on('opentag', (tag) => runs.open(localName(tag.name)));
      parser.on('closetag', (tag) => {
        const name = localName(tag.name);
        if (name === 'si') collected.push(runs.take());
        else runs.close(name);
      });
      parser.on('text', (text) => runs.add(text));
      parser.on('cdata', (text) => runs.add(text));
    },
    10_000,
  ))
    for (const text of batch) texts.push(text);
  return texts;
}

/**
 * The built-in number formats that show dates or times (ECMA-376 part 1, 18.8.30): 14–22 everywhere, 27–36 and
 * 50–58 in East-Asian locales (`yyyy"年"m"月"d"日"`, `h"时"mm"分"`), 45–47 minutes and seconds.
 */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A format code that shows a date or time: a y, m, d, h or s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  // A format with several sections shows dates only if its first (positive numbers') section does.
  return /[ymdhs]/i.test(bare.split(';')[0] ?? '');
}

/** Which style indexes (a cell's `s`) show dates. */
function dateStyles(workbook: WorkbookPackage): Set<number> {
  const dates = new Set<number>();
  if (!workbook.stylesPath) return dates;
  const formats = new Map<number, string>();
  const cellFormats: number[] = [];
  let inCellFormats = false;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attribute = (key: string) => {
      for (const [qualified, value] of Object.entries(tag.attributes))
        if (localName(qualified) === key) return String(value);
      return undefined;
    };
    if (name === 'numFmt') formats.set(Number(attribute('numFmtId')), attribute('formatCode') ?? '');
    else if (name === 'cellXfs') inCellFormats = true;
    else if (name === 'xf' && inCellFormats) cellFormats.push(Number(attribute('numFmtId') ?? 0));
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'cellXfs') inCellFormats = false;
  });
  try {
    parser.write(workbook.text(workbook.stylesPath)).close();
  } catch {
    // Damaged styles: numbers stay numbers, as in a workbook without styles.
  }
  cellFormats.forEach((id, index) => {
    const custom = formats.get(id);
    if (custom !== undefined ? isDateFormat(custom) : builtInDate(id)) dates.add(index);
  });
  return dates;
}

/** A cell's value from its type (`t`), style and text, as Excel shows it. */
class CellValues {
  constructor(
    private readonly texts: readonly string[],
    private readonly dates: ReadonlySet<number>,
    private readonly date1904: boolean,
  ) {}

  value(type: string, style: number, text: string | undefined, inline: string | undefined): Cell {
    if (type === 'inlineStr') return inline ?? (text === undefined ? null : unescaped(text));
    if (text === undefined) return null;
    switch (type) {
      case 's':
        return this.texts[Number(text)] ?? null;
      case 'str':
        return unescaped(text);
      case 'b':
        return text.trim() !== '0' && text.trim().toLowerCase() !== 'false';
      case 'e':
        return null;
      case 'd': {
        const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
        return Number.isNaN(date.getTime()) ? text : date;
      }
      default: {
        if (text.trim() === '') return null;
        const number = Number(text);
        if (Number.isNaN(number)) return text;
        if (!this.dates.has(style)) return number;
        // Days since 1899-12-30 (1900 system) or 1904-01-01, as exceljs counted them.
        return new Date(Math.round((number - 25569 + (this.date1904 ? 1462 : 0)) * 86_400_000));
      }
    }
  }
}

/**
 * A sheet's rows as Excel numbers them. A row or cell without its `r` reference follows the one before it, as
 * the format allows and platform exports write them.
 */
function sheetRows(stream: Readable, values: CellValues): AsyncGenerator<SourceRow[]> {
  return parsed<SourceRow>(stream, (parser, collected) => {
    let row: SourceRow | undefined;
    let rowNumber = 0;
    let column = 0;
    let cell: { type: string; style: number; text?: string; inline?: string } | undefined;
    let inValue = false;
    let inInline = false;
    const runs = new TextRuns();
    parser.on('opentag', (tag) => {
      const name = localName(tag.name);
      const attributes = tag.attributes as Record<string, string>;
      if (name === 'row') {
        rowNumber = Number(attributes.r) || rowNumber + 1;
        row = { row: rowNumber, cells: [] };
        column = 0;
      } else if (name === 'c' && row) {
        const reference = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(attributes.r ?? '');
        column = reference?.[1] ? columnNumber(reference[1].toUpperCase()) : column + 1;
        cell = { type: attributes.t ?? 'n', style: Number(attributes.s ?? 0) };
      } else if (cell && name === 'v') {
        inValue = true;
        cell.text = '';
      } else if (cell && name === 'is') {
        inInline = true;
      } else if (inInline) {
        runs.open(name);
      }
    });
    const addText = (text: string) => {
      if (inValue && cell) cell.text += text;
      else if (inInline) runs.add(text);
    };
    parser.on('text', addText);
    parser.on('cdata', addText);
    parser.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 'v') inValue = false;
      else if (name === 'is' && cell) {
        inInline = false;
        cell.inline = runs.take();
      } else if (inInline) runs.close(name);
      else if (name === 'c' && cell && row) {
        row.cells[column - 1] = values.value(cell.type, cell.style, cell.text, cell.inline);
        cell = undefined;
      } else if (name === 'row' && row) {
        collected.push({ row: row.row, cells: Array.from(row.cells, (value) => value ?? null) });
        row = undefined;
      }
    });
  });
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

  /** Of the row just filled, the columns (from 0) a range merged across them fills from a column to their left. */
  widened(): number[] {
    const columns: number[] = [];
    for (const range of this.active.keys())
      for (let column = range.left + 1; column <= range.right; column++) columns.push(column - 1);
    return columns;
  }
}
