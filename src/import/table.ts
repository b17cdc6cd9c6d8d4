/**
 * From rows of cells to records: finds the header row below any title rows, maps its columns to fields,
 * and drops rows that hold no record (blank lines, a 合计 line, a signature line).
 */
import { dynamicProblem, PeixunError, problem } from '../errors.js';
import {
  acceptedHeaders,
  canonicalHeader,
  headersOf,
  holdsRequired,
  IMPORT_KINDS,
  KEY_FIELDS,
  mapHeader,
  requiredGroups,
  sessionSignInColumns,
  sideBySideBlocks,
  unplacedUnitColumns,
  unreadIdColumn,
  withSubHeader,
  type HeaderMapping,
  type ImportKind,
} from './fields.js';
import type { Slot } from '../domain/attendance.js';
import { cleanText, writtenText, type Cell, type Problem } from './normalise.js';
import type { SourceRow } from './read/index.js';

/** formats.md: the header is among the first 10 non-empty rows. */
const HEADER_SEARCH_ROWS = 10;
/** Blank lines above a header: a title block has a few; this many is a file with no table in it. */
const MAX_BLANK_ROWS_ABOVE_HEADER = 10_000;
const SAMPLE_ROWS = 5;

/**
 * No header row with the required columns. Carries the rows it looked at, so that on a terminal the user can
 * say which column holds what.
 */
export class HeaderNotFoundError extends PeixunError {
  constructor(
    readonly file: string,
    readonly kind: ImportKind,
    readonly rows: readonly SourceRow[],
    /** A workbook's sheets, none of which had the header. */
    sheets: readonly string[] = [],
  ) {
    const found = rows
      .slice(0, HEADER_SEARCH_ROWS)
      .flatMap((row) => row.cells.map((cell) => cleanText(cell)))
      .filter(Boolean)
      .slice(0, 30);
    const other = kindLookingLike(rows.slice(0, HEADER_SEARCH_ROWS), kind);
    const near = other ? undefined : headerLacking(rows.slice(0, HEADER_SEARCH_ROWS), kind);
    super(
      other
        ? problem('headerOtherKind', {
            file,
            kind: dynamicProblem(`kind.${kind}`),
            other: dynamicProblem(`kind.${other}`),
            command: other,
          })
        : near
          ? problem('headerLacks', { file, row: near.row, missing: near.missing.join('、') })
          : problem('headerMissing', { file, kind: dynamicProblem(`kind.${kind}`) }),
      [
        problem('headerFound', { headers: found.join(', ') || '—' }),
        ...(other
          ? []
          : near
            ? near.accepted.map((names) => problem('headerAlsoAccepted', names))
            : [problem('headerAccepted', { headers: acceptedHeaders(kind).join(', ') })]),
        ...(sheets.length > 1 ? [problem('headerSheets', { sheets: sheets.join(', ') })] : []),
      ],
    );
  }
}

/**
 * The row that is plainly this kind's header but for a required column (a class list without 班级编号): three
 * or more of its columns named. Said as such, where "no header found" with every accepted name sent the person
 * looking for a header that is there.
 */
function headerLacking(
  rows: readonly SourceRow[],
  kind: ImportKind,
): { row: number; missing: string[]; accepted: { field: string; headers: string }[] } | undefined {
  let best: { row: SourceRow; columns: HeaderMapping['columns'] } | undefined;
  for (const row of rows) {
    const { columns } = mapHeader(kind, row.cells, {});
    if (columns.size >= 3 && (!best || columns.size > best.columns.size)) best = { row, columns };
  }
  if (!best) return undefined;
  const columns = best.columns;
  const missing = requiredGroups(kind).filter((group) => !group.some((field) => columns.has(field)));
  if (missing.length === 0) return undefined;
  return {
    row: best.row.row,
    missing: missing.map((group) => group.map((field) => canonicalHeader(kind, field)).join('/')),
    accepted: missing.flatMap((group) =>
      group.map((field) => ({
        field: canonicalHeader(kind, field),
        headers: headersOf(kind, field).slice(1).join(', '),
      })),
    ),
  };
}

/**
 * Another kind whose required columns a header row of the file holds (a class list given as a roster); of
 * several, the one that names the most of its columns (a sign-in sheet names people too, and more).
 */
function kindLookingLike(rows: readonly SourceRow[], asked: ImportKind): ImportKind | undefined {
  let best: { kind: ImportKind; columns: number } | undefined;
  for (const kind of IMPORT_KINDS) {
    if (kind === asked) continue;
    for (const row of rows) {
      const mapping = mapHeader(kind, row.cells, {});
      if (holdsRequired(kind, mapping) && (!best || mapping.columns.size > best.columns))
        best = { kind, columns: mapping.columns.size };
    }
  }
  return best?.kind;
}

import type { DataRow, HeaderInfo } from './rows.js';

export type { DataRow, HeaderInfo };

export interface RecordStream {
  header: HeaderInfo;
  /** The data rows, a batch at a time. */
  rows: AsyncGenerator<(DataRow | { skipped: number })[]>;
}

const isBlank = (cells: readonly Cell[]) => cells.every((cell) => cleanText(cell) === '');
/** A totals line writes its word where a name would stand; it is no record. */
const TOTAL_WORDS = new Set(['合计', '总计', '小计', '共计', 'total', 'subtotal']);
const holdsNoKey = (text: string) => text === '' || TOTAL_WORDS.has(text.toLowerCase());

/**
 * A row's cells as a header: a cell merged across columns (签名 drawn two columns wide) is one column's header,
 * the columns it widens blank (formats.md), where reading it as two columns of one name refused the file.
 */
export function headerCells(row: SourceRow): Cell[] {
  const widened = row.widened;
  return widened ? row.cells.map((cell, index) => (widened.includes(index) ? null : cell)) : row.cells;
}

/** Rows one at a time from a source's batches, for the few rows a header search reads. */
class RowCursor {
  private readonly batches;
  private batch: SourceRow[] = [];
  private at = 0;

  constructor(source: AsyncIterable<SourceRow[]>) {
    this.batches = source[Symbol.asyncIterator]();
  }

  async next(): Promise<{ done: true } | { done: false; value: SourceRow }> {
    const row = await this.peek();
    if (row === undefined) return { done: true };
    this.at++;
    return { done: false, value: row };
  }

  /** The next row, left to be read. */
  async peek(): Promise<SourceRow | undefined> {
    while (this.at >= this.batch.length) {
      const next = await this.batches.next();
      if (next.done) return undefined;
      this.batch = next.value;
      this.at = 0;
    }
    return this.batch[this.at];
  }

  /** What is left: the rest of the batch at hand, then the batches still to come. */
  async *rest(): AsyncGenerator<SourceRow[]> {
    if (this.at < this.batch.length) yield this.batch.slice(this.at);
    for (;;) {
      const next = await this.batches.next();
      if (next.done) return;
      yield next.value;
    }
  }
}

export async function readRecords(
  source: AsyncIterable<SourceRow[]>,
  kind: ImportKind,
  file: string,
  aliases: Readonly<Record<string, string>> = {},
): Promise<RecordStream> {
  const iterator = new RowCursor(source);
  const above: SourceRow[] = [];
  let header: HeaderInfo | undefined;
  let seen = 0;
  let blank = 0;
  while (!header) {
    const next = await iterator.next();
    if (next.done) break;
    if (isBlank(next.value.cells)) {
      if (++blank > MAX_BLANK_ROWS_ABOVE_HEADER) throw new HeaderNotFoundError(file, kind, above);
      continue;
    }
    const candidate = { ...next.value, cells: headerCells(next.value) };
    const mapping = mapHeader(kind, candidate.cells, aliases);
    if (holdsRequired(kind, mapping)) {
      header = await headerFrom(iterator, candidate, mapping, above, kind, aliases);
      break;
    }
    above.push(next.value);
    if (++seen >= HEADER_SEARCH_ROWS) break;
  }
  if (!header) {
    // A few rows more, so that whoever maps the columns by hand sees values under each header.
    for (let more = 0; more < SAMPLE_ROWS;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!isBlank(next.value.cells)) {
        above.push(next.value);
        more++;
      }
    }
    throw new HeaderNotFoundError(file, kind, above);
  }
  if (header.mapping.clashes.length > 0) header = inBlocks(header, kind, aliases);
  const clash = header.mapping.clashes[0];
  if (clash) {
    throw new PeixunError(
      problem('rowProblem', {
        file,
        row: header.row,
        column: clash.headers.join(' / '),
        message: problem('headerClash', { header: canonicalHeader(kind, clash.field) }),
      }),
    );
  }
  refuseDroppedColumns(file, kind, header);
  const sessionColumns = sessionSignInColumns(kind, header.cells, header.mapping);
  if (sessionColumns.length > 0) {
    // One line a person, a sign-in column a session of the day (上午签到, 下午签到): each column read as its
    // session's sign-ins. With a 签到 or 时段 column as well, which says what is not certain: refused.
    const other = ['status', 'signedAt', 'slot'].find((field) => header.mapping.columns.has(field));
    if (other !== undefined)
      throw new PeixunError(
        problem('rowProblem', {
          file,
          row: header.row,
          column: sessionColumns.map((column) => column.header).join(' / '),
          message: problem('sessionColumnsAndOther', {
            headers: sessionColumns.map((column) => column.header).join(', '),
            other: header.headerText.get(other) ?? other,
          }),
        }),
      );
    const read = new Set(sessionColumns.map((column) => column.header));
    header.mapping.unknown = header.mapping.unknown.filter((text) => !read.has(text));
    header.sessionColumns = sessionColumns;
  }
  return { header, rows: dataRows(iterator, header, kind) };
}

/**
 * A column whose header names a level of units peixun cannot place (所属片区, 社区居委会): never left out in
 * silence. On a terminal the person says what it is; elsewhere the file is refused.
 */
export class UnplacedUnitColumnError extends PeixunError {
  constructor(
    readonly file: string,
    readonly kind: ImportKind,
    readonly row: number,
    readonly headers: readonly string[],
  ) {
    super(
      problem('rowProblem', {
        file,
        row,
        column: headers.join(' / '),
        message: problem('unitColumnUnplaced', { headers: headers.join(', ') }),
      }),
    );
  }
}

/**
 * A header whose columns repeat side by side (a sheet printed two to a line): the first block's, each line read as
 * a record a block. Any other header as it is (its clash refused).
 */
function inBlocks(
  header: HeaderInfo,
  kind: ImportKind,
  aliases: Readonly<Record<string, string>>,
): HeaderInfo {
  const blocks = sideBySideBlocks(header.cells);
  if (!blocks) return header;
  const cells = header.cells.slice(0, blocks.width);
  const mapping = mapHeader(kind, cells, aliases);
  if (mapping.clashes.length > 0 || !holdsRequired(kind, mapping)) return header;
  const headerText = new Map(
    [...mapping.columns].map(([field, index]) => [field, cleanText(cells[index] ?? '')]),
  );
  return { ...header, cells, mapping, headerText, blocks };
}

/** The header at `row`, with the row under it when that is its second row (withSubHeader), taken from `iterator`. */
async function headerFrom(
  iterator: RowCursor,
  row: SourceRow,
  mapping: HeaderMapping,
  above: readonly SourceRow[],
  kind: ImportKind,
  aliases: Readonly<Record<string, string>>,
): Promise<HeaderInfo> {
  const below = await iterator.peek();
  const twoRows = below?.row === row.row + 1 ? withSubHeader(kind, row.cells, below.cells, aliases) : null;
  if (!twoRows || !below) return describeHeader(row, mapping, above);
  await iterator.next();
  return { ...describeHeader(row, twoRows.mapping, above, twoRows.cells), lastRow: below.row };
}

function describeHeader(
  row: SourceRow,
  mapping: HeaderMapping,
  above: readonly SourceRow[],
  cells: Cell[] = row.cells,
): HeaderInfo {
  const headerText = new Map<string, string>();
  for (const [field, index] of mapping.columns) headerText.set(field, cleanText(cells[index] ?? ''));
  // A title merged across the columns reads the same in each of them: once is enough.
  const titleText = above
    .map((title) =>
      title.cells
        .map((cell) => cleanText(cell))
        .filter((text, index, texts) => text !== '' && text !== texts[index - 1])
        .join(' '),
    )
    .join('\n');
  return {
    row: row.row,
    cells,
    mapping,
    headerText,
    titleText,
    above: above.map((title) => title.cells),
  };
}

async function* dataRows(
  iterator: RowCursor,
  header: HeaderInfo,
  kind: ImportKind,
): AsyncGenerator<(DataRow | { skipped: number })[]> {
  const columns = header.mapping.columns;
  const keyColumns = KEY_FIELDS[kind]
    .map((field) => columns.get(field))
    .filter((index) => index !== undefined);
  // A line of a sheet with a sign-in column a session: one record a session, its status from that column.
  const bySession = header.sessionColumns?.map(({ slot, index, header: text }, order) => ({
    slot,
    header: text,
    columns: new Map([...columns, ['status', index]]),
    part: order + 1,
  }));
  const blocks = header.blocks;
  for await (const batch of iterator.rest()) {
    const records: (DataRow | { skipped: number })[] = [];
    // `block`: the line's block this is, on a sheet printed several to a line (its columns named 姓名（第 2 栏）).
    const add = (record: DataRow, block: number | undefined) =>
      records.push(block === undefined ? record : new BlockRecord(record, block, header.headerText));
    const read = (row: number, cells: Cell[], plain: boolean, block?: number) => {
      if (isBlank(cells)) return;
      if (keyColumns.every((index) => holdsNoKey(cleanText(cells[index] ?? null))))
        records.push({ skipped: row });
      else if (kind === 'form') add(new DataRecord(row, formCells(cells), columns, false), block);
      else if (bySession)
        for (const { slot, columns: own, header: text, part } of bySession)
          add(new SessionRecord(row, cells, own, plain, slot, text, part), block);
      else add(new DataRecord(row, cells, columns, plain), block);
    };
    for (const { row, cells, plain = false } of batch) {
      if (!blocks) read(row, cells, plain);
      else
        blocks.starts.forEach((start, block) =>
          read(row, cells.slice(start, start + blocks.width), plain, block + 1),
        );
    }
    if (records.length > 0) yield records;
  }
}

/** A record of one block of a line (a sheet printed several to a line): its columns said with the block's number. */
class BlockRecord implements DataRow {
  constructor(
    private readonly record: DataRow,
    private readonly block: number,
    private readonly headerText: ReadonlyMap<string, string>,
  ) {}

  get row() {
    return this.record.row;
  }

  get cells() {
    return this.record.cells;
  }

  get plain() {
    return this.record.plain;
  }

  /** Room for a line's session columns within each block. */
  get part() {
    return this.block * 8 + (this.record.part ?? 0);
  }

  cell(field: string): Cell {
    return this.record.cell(field);
  }

  text(field: string): string {
    return this.record.text(field);
  }

  written(field: string): string {
    return this.record.written(field);
  }

  has(field: string): boolean {
    return this.record.has(field);
  }

  headerOf(field: string): Problem | undefined {
    const header = this.record.headerOf?.(field) ?? this.headerText.get(field);
    return header === undefined ? undefined : problem('columnInBlock', { header, block: this.block });
  }
}

/**
 * A form's answers as their cells: `-2` and `-3` (a question skipped, or not shown; numbers in an .xlsx export) are
 * blank, as are the text export's `(跳过)` and `(空)`, and of several choices joined by `┋` the first is kept
 * (formats.md, "Form sign-ins").
 */
function formCells(cells: Cell[]): Cell[] {
  return cells.map((cell) => {
    if (cell === -2 || cell === -3) return '';
    if (typeof cell !== 'string') return cell;
    const text = cell.trim();
    if (FORM_NO_ANSWER.has(text.normalize('NFKC'))) return '';
    return text.includes('┋') ? (text.split('┋')[0] ?? '').trim() : cell;
  });
}

const FORM_NO_ANSWER = new Set(['-2', '-3', '(跳过)', '(空)']);

/** One data row, its cells looked up by field: a class, so that a million rows make no closures. */
class DataRecord implements DataRow {
  constructor(
    readonly row: number,
    readonly cells: Cell[],
    private readonly columns: ReadonlyMap<string, number>,
    readonly plain: boolean,
  ) {}

  cell(field: string): Cell {
    const index = this.columns.get(field);
    return index === undefined ? null : (this.cells[index] ?? null);
  }

  text(field: string): string {
    const cell = this.cell(field);
    // A plain row's cells are their own cleaned text (isPlainRow).
    if (this.plain) return cell === null ? '' : (cell as string);
    return cleanText(cell);
  }

  written(field: string): string {
    return writtenText(this.cell(field));
  }

  has(field: string): boolean {
    return this.columns.has(field);
  }
}

/** A line's sign-in for one session of its day, read from that session's column (上午签到): its slot is the column's. */
class SessionRecord extends DataRecord {
  constructor(
    row: number,
    cells: Cell[],
    columns: ReadonlyMap<string, number>,
    plain: boolean,
    private readonly slot: Slot,
    private readonly statusHeader: string,
    readonly part: number,
  ) {
    super(row, cells, columns, plain);
  }

  override cell(field: string): Cell {
    return field === 'slot' ? this.slot : super.cell(field);
  }

  headerOf(field: string): string | undefined {
    // The slot, too, is the column's: a problem of the session (a date with no such session) names it.
    return field === 'status' || field === 'slot' ? this.statusHeader : undefined;
  }

  override has(field: string): boolean {
    return field === 'slot' || super.has(field);
  }
}

/**
 * Columns that are never left out unread: one naming a unit level peixun cannot place (asked about on a terminal),
 * one that says ID numbers under a header no field takes.
 */
function refuseDroppedColumns(file: string, kind: ImportKind, header: HeaderInfo): void {
  const unplaced = unplacedUnitColumns(kind, header.mapping);
  if (unplaced.length > 0) throw new UnplacedUnitColumnError(file, kind, header.row, unplaced);
  const idColumn = unreadIdColumn(kind, header.mapping);
  if (idColumn !== undefined)
    throw new PeixunError(
      problem('rowProblem', { file, row: header.row, column: idColumn, message: problem('idColumnUnread') }),
    );
}
