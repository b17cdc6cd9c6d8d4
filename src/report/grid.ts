/**
 * Boxed text tables for the terminal, drawn as cli-table3 draws them in its compact style (the look every peixun
 * table has had), in time linear in the rows: cli-table3 lays out each cell through several passes and needed
 * 7 s for 5,000 rows and 126 s for 20,000, where a listing of a city's trainees has 100,000. Widths of Chinese
 * characters come from string-width. Given the terminal's width, wide text columns wrap to fit it.
 */
import stringWidth from 'string-width';

export interface GridColumn {
  header: string;
  align: 'left' | 'right';
  /** Text that may wrap to fit a narrow terminal (names, units); numbers never wrap. */
  wraps: boolean;
  /** A shorter heading, used when the table whole is wider than the terminal (`Times` for Participant-times). */
  short?: string;
}

export interface DrawnGrid {
  text: string;
  /** Whether the short headings were used, so that the table can say what they stand for. */
  shortHeadings: boolean;
}

/** The narrowest a wrapping column becomes: two Chinese characters. */
const MIN_WRAPPED = 4;

export function drawGrid(
  columns: GridColumn[],
  rows: string[][],
  maxWidth?: number,
  /** Paints a heading (bold on a colour terminal): applied to each heading line once it is laid out, never cut. */
  paint: (text: string) => string = (text) => text,
): DrawnGrid {
  const measured = measureCells(columns, rows, maxWidth !== undefined);
  const layout = layOut(columns, measured, maxWidth);
  // Narrower still, a value or a word would be broken: a record a block instead, as psql's \x shows them.
  if (!layout) return { text: recordBlocks(columns, rows, maxWidth ?? 0, paint), shortHeadings: false };
  const { widths, header } = layout;
  const count = columns.length;
  const line = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${right}`;
  const align = columns.map((column) => column.align);
  /** A row of several lines: its cells wrapped to their columns, side by side. */
  const wrappedRow = (cells: string[][], painted = false): string[] => {
    const wrapped = cells.map((lines, column) =>
      painted ? wrapText(lines.join('\n'), widths[column] ?? 1) : wrapCell(lines, widths[column] ?? 1),
    );
    const height = Math.max(1, ...wrapped.map((lines) => lines.length));
    const out: string[] = [];
    for (let at = 0; at < height; at++) {
      const parts = wrapped.map((lines, column) => {
        const text = lines[at] ?? '';
        const padded = pad(text, widths[column] ?? 1, align[column]);
        return painted && text !== '' ? padded.replace(text, paint(text)) : padded;
      });
      out.push(`│ ${parts.join(' │ ')} │`);
    }
    return out;
  };
  const out = [line('┌', '┬', '┐'), ...wrappedRow(header, true), line('├', '┼', '┤')];
  const parts: string[] = new Array<string>(count);
  for (const [rowIndex, row] of rows.entries()) {
    let oneLine = true;
    for (let index = 0; index < count; index++) {
      const cell = row[index] ?? '';
      const width = measured.cellWidths[rowIndex * count + index] ?? 0;
      const room = (widths[index] ?? 1) - width;
      if (room < 0 || cell.includes('\n')) {
        oneLine = false;
        break;
      }
      parts[index] = align[index] === 'right' ? ' '.repeat(room) + cell : cell + ' '.repeat(room);
    }
    // Nearly every row fits its columns on one line; only those that do not are wrapped.
    if (oneLine) out.push(`│ ${parts.join(' │ ')} │`);
    else out.push(...wrappedRow(row.map((cell) => cell.split('\n'))));
  }
  out.push(line('└', '┴', '┘'));
  return { text: out.join('\n'), shortHeadings: layout.shortHeadings };
}

interface MeasuredCells {
  /** Per column, the widest value. */
  values: number[];
  /** Per column, the widest piece of a value that may not be broken: a word, an ID, a date, a code, a number. */
  pieces: number[];
  /** Each body cell's width, measured once: a listing of 100,000 people is measured, then padded, from here. */
  cellWidths: Int32Array;
}

function measureCells(columns: GridColumn[], rows: string[][], mayWrap: boolean): MeasuredCells {
  const count = columns.length;
  const values = columns.map(() => 1);
  const pieces = columns.map(() => 1);
  const cellWidths = new Int32Array(rows.length * count);
  for (const [rowIndex, row] of rows.entries()) {
    for (let index = 0; index < count; index++) {
      const cell = row[index] ?? '';
      const width = cell.includes('\n')
        ? Math.max(...cell.split('\n').map(displayWidth))
        : displayWidth(cell);
      cellWidths[rowIndex * count + index] = width;
      if (width > (values[index] ?? 1)) values[index] = width;
      // A text column may wrap no narrower than its widest unbreakable piece (a value of one piece: its width).
      if (mayWrap && columns[index]?.wraps && width > (pieces[index] ?? 1)) {
        const widest = widestPiece(cell);
        if (widest > (pieces[index] ?? 1)) pieces[index] = widest;
      }
    }
  }
  return { values, pieces, cellWidths };
}

/**
 * Each column's width and heading lines within `maxWidth`; undefined when the columns fit only by breaking a value
 * or a word.
 */
function layOut(
  columns: GridColumn[],
  { values, pieces }: MeasuredCells,
  maxWidth: number | undefined,
): { widths: number[]; header: string[][]; shortHeadings: boolean } | undefined {
  // Too wide whole: the short headings, rather than `Participant-times` broken into four pieces of a word.
  const headingWidth = (text: string) => Math.max(...text.split('\n').map(displayWidth));
  const whole = columns.reduce(
    (sum, column, index) => sum + Math.max(headingWidth(column.header), values[index] ?? 1) + 3,
    1,
  );
  const shortHeadings =
    maxWidth !== undefined && whole > maxWidth && columns.some((column) => column.short !== undefined);
  const header = columns.map((column) =>
    (shortHeadings && column.short !== undefined ? column.short : column.header).split('\n'),
  );
  // What every column needs whole: its widest value (numbers never wrap), and the widest character of its
  // heading (a Chinese character is two wide); and the widest word of its heading, to break it between words.
  // A heading breaks where help text does (wrapText): its widest unbreakable piece is as narrow as it goes.
  const words = header.map((lines) =>
    Math.max(1, ...lines.flatMap((line) => wrapText(line, 1).map(displayWidth))),
  );
  const widths = header.map((lines, index) => Math.max(1, values[index] ?? 1, ...lines.map(displayWidth)));
  if (maxWidth === undefined) return { widths, header, shortHeadings };
  // The narrowest each column may become: a number whole, a text column's widest unbreakable piece, a heading's
  // widest word. Narrowed in steps, each only as far as needed: long text first to eight columns, then to its floor.
  const floors = widths.map((width, index) =>
    Math.min(
      width,
      Math.max(words[index] ?? 1, columns[index]?.wraps ? (pieces[index] ?? 1) : (values[index] ?? 1)),
    ),
  );
  fitWidths(
    widths,
    widths.map((width, index) => Math.max(floors[index] ?? 1, Math.min(width, 8))),
    maxWidth,
  );
  fitWidths(widths, floors, maxWidth);
  if (widths.reduce((sum, width) => sum + width + 3, 1) > maxWidth) return undefined;
  return { widths, header, shortHeadings };
}

/**
 * A table too wide for the terminal even with every value whole: each row a block of `heading  value` lines under a
 * rule numbering it, the value wrapping between words, Chinese characters or at a `/` only.
 */
function recordBlocks(
  columns: GridColumn[],
  rows: string[][],
  maxWidth: number,
  paint: (text: string) => string,
): string {
  const labels = columns.map((column) => column.header.replace(/\n/g, ''));
  const labelWidth = Math.max(1, ...labels.map(displayWidth));
  const valueWidth = Math.max(MIN_WRAPPED, maxWidth - labelWidth - 3);
  const out: string[] = [];
  for (const [index, row] of rows.entries()) {
    const title = `─[ ${index + 1} ]`;
    out.push(
      `${title}${'─'.repeat(Math.max(0, Math.min(maxWidth, labelWidth + 3 + valueWidth) - displayWidth(title)))}`,
    );
    for (const [column, label] of labels.entries()) {
      const lines = wrapCell((row[column] ?? '').split('\n'), valueWidth);
      for (const [at, text] of lines.entries())
        out.push(
          `${at === 0 ? paint(label) + ' '.repeat(labelWidth - displayWidth(label)) : ' '.repeat(labelWidth)} │ ${text}`,
        );
    }
  }
  return out.join('\n');
}

/**
 * What in a cell may not be broken: a run of narrow characters without a space (an ID number, a date, a code, a
 * number, a word), or a short run of Chinese (a name: four characters or fewer), else one Chinese character; a `/`
 * ends the piece before it (宝山区/ | 高境镇).
 */
const CELL_RUNS =
  /[^\s\u1100-\uffff/]+\/?|\/|[，。、；：！？）》」』”’（《「『“‘]|(?:(?![，。、；：！？）》」』”’（《「『“‘])[\u1100-\uffff])+\/?|\s+/gu;
const NAME_LENGTH = 4;

function cellPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const run of text.match(CELL_RUNS) ?? []) {
    const characters = [...run.replace(/\/$/, '')];
    if (!/^[\u1100-\uffff]/u.test(run) || characters.length <= NAME_LENGTH) pieces.push(run);
    else {
      // A long Chinese run (a class's name) breaks between its characters, its closing `/` kept with the last.
      pieces.push(...characters.slice(0, -1), characters.at(-1) + (run.endsWith('/') ? '/' : ''));
    }
  }
  return pieces;
}

function widestPiece(cell: string): number {
  let widest = 1;
  for (const piece of cellPieces(cell)) {
    const width = displayWidth(piece);
    if (width > widest) widest = width;
  }
  return widest;
}

/**
 * A cell's lines wrapped to `width` between pieces only: never inside an ID, a date, a code or a number. A closing
 * mark (，。）) never starts a line, an opening one (（《) never ends one.
 */
export function wrapCell(lines: string[], width: number): string[] {
  const wrapped: string[] = [];
  for (const line of lines) {
    if (displayWidth(line) <= width) {
      wrapped.push(line);
      continue;
    }
    let current: string[] = [];
    const widthOf = (pieces: string[]) => displayWidth(pieces.join(''));
    for (const piece of cellPieces(line)) {
      if (current.length === 0 || widthOf([...current, piece]) <= width) {
        if (current.length > 0 || !/^\s/.test(piece)) current.push(piece);
        continue;
      }
      if (/^\s/.test(piece)) {
        wrapped.push(current.join('').trimEnd());
        current = [];
        continue;
      }
      // A closing mark does not start the next line, nor an opening one end this one: either way the piece
      // before the break goes down.
      const carried =
        (NO_LINE_START.test(piece) || NO_LINE_END.test(current.at(-1) ?? '')) && current.length > 1
          ? (current.pop() as string)
          : undefined;
      wrapped.push(current.join('').trimEnd());
      current = carried === undefined ? [piece] : [carried, piece];
    }
    wrapped.push(current.join('').trimEnd());
  }
  return wrapped;
}

/** Narrows the widest column above its floor, one character at a time, until the table fits or cannot narrow. */
function fitWidths(widths: number[], floors: number[], maxWidth: number): void {
  const total = () => widths.reduce((sum, width) => sum + width + 3, 1);
  while (total() > maxWidth) {
    let widest = -1;
    for (const [index, width] of widths.entries()) {
      if (width > (floors[index] ?? 1) && (widest < 0 || width > (widths[widest] ?? 0))) widest = index;
    }
    if (widest < 0) return;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
}

/** Marks that close a phrase: a line does not begin with one (the rule of Chinese typesetting, 避头点). */
const NO_LINE_START = /^[，。、；：！？）》」』”’,.;:!?)\]]$/u;

/** Marks that open a phrase: a line does not end with one. */
const NO_LINE_END = /^[（《「『“‘([]$/u;
/**
 * What stays on one line: a run of narrow characters and placeholders without a space (a word, an option,
 * `<文件>.rejected.csv`, `required-hours.<人员类别>`), or one wide character.
 */
const TEXT_UNITS = /(?:<[^\s<>]+>|[^\s\u1100-\uffff])+|\s+|[\s\S]/gu;

/**
 * Running text (help, not table cells) in lines no wider than `width`: lines break at spaces and between Chinese
 * characters, never inside a word or an option's name, never before a closing mark or after an opening one. A word
 * wider than the width alone stays whole on its own line.
 */
export function wrapText(text: string, width: number): string[] {
  const wrapped: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    // Units glued into the pieces a line may break between.
    const pieces: string[] = [];
    let glueNext = false;
    for (const unit of line.match(TEXT_UNITS) ?? []) {
      const last = pieces.length - 1;
      const space = /^\s/.test(unit);
      if (!space && last >= 0 && (glueNext || NO_LINE_START.test(unit)) && !/^\s/.test(pieces[last] ?? '')) {
        pieces[last] += unit;
      } else pieces.push(unit);
      glueNext = NO_LINE_END.test(unit);
    }
    let current = '';
    let pendingSpace = '';
    for (const piece of pieces) {
      if (/^\s/.test(piece)) {
        pendingSpace = current === '' ? '' : piece;
        continue;
      }
      if (current !== '' && displayWidth(current + pendingSpace + piece) > width) {
        wrapped.push(current);
        current = piece;
      } else current += pendingSpace + piece;
      pendingSpace = '';
    }
    wrapped.push(current);
  }
  return wrapped;
}

/** Text padded with spaces to a display width (a Chinese character is two wide). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const room = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? room + text : text + room;
}

const PLAIN = /^[\x20-\x7e]*$/;
const widthsSeen = new Map<string, number>();

/** Columns a text takes on screen: printable ASCII is its length; the rest asks string-width, once per text. */
export function displayWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  let width = widthsSeen.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    // Values repeat down a column (units, categories); a city's worth of distinct names is not kept.
    if (widthsSeen.size < 50_000) widthsSeen.set(text, width);
  }
  return width;
}
