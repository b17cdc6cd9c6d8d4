/** What a kind of import does with one record, and how it reports what is wrong with it. */
import { dynamicProblem, problem } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import type { Problem } from './normalise.js';
import type { Cell } from './normalise.js';
import type { Slot } from '../domain/attendance.js';

/** How a file's header row maps to a kind's fields (import/fields.ts makes it). */
export interface HeaderMapping {
  /** field → column index */
  columns: Map<string, number>;
  /** header cells that map to no field, named once in a warning */
  unknown: string[];
  /** fields that two columns claim: an error */
  clashes: { field: string; headers: string[] }[];
  /** header cells a person said to leave out (a saved mapping's `-`); among `unknown` too */
  ignored?: string[];
}

export interface SessionSignInColumn {
  slot: Slot;
  index: number;
  header: string;
}

export interface HeaderInfo {
  row: number;
  /** A header of two rows (a group cell over the columns it heads): the second's row. */
  lastRow?: number;
  /** A sheet printed several to a line (sideBySideBlocks): where each block starts; `cells` are the first's. */
  blocks?: { starts: number[]; width: number };
  cells: Cell[];
  mapping: HeaderMapping;
  /** The header cell text of each mapped field, for messages. */
  headerText: Map<string, string>;
  /** A sign-in sheet's sign-in column a session of the day (上午签到, 下午签到), each read as its session's. */
  sessionColumns?: SessionSignInColumn[];
  /** Text of the rows above the header: the sheet's title, its date line. */
  titleText: string;
  /** The rows above the header as cells (a meeting list's 会议主题, 开始时间 with the time a cell's text loses). */
  above: Cell[][];
}

export interface DataRow {
  row: number;
  cells: Cell[];
  /** The raw cell of a field, or null when the file has no such column. */
  cell(field: string): Cell;
  /** The cleaned text of a field ('' when absent or empty): NFKC, for matching and parsing. */
  text(field: string): string;
  /** The text as the person wrote it, trimmed (full-width brackets kept): for names stored and printed. */
  written(field: string): string;
  has(field: string): boolean;
  /** Every cell is text the cell rules keep as it is: nothing to clean, no control or invisible character. */
  readonly plain?: boolean;
  /** The header of the column a field is read from, where it is not the file's column for that field. */
  headerOf?(field: string): string | Problem | undefined;
  /**
   * Which record of its line this is, where a line makes several (a session's sign-in column, a block of a sheet
   * printed two to a line): `--skip-invalid` sets aside that record, not the line. 0 or absent: the whole line.
   */
  readonly part?: number;
}

export type Written = 'inserted' | 'updated' | 'unchanged';

/**
 * A row checked and matched, ready to write. Two rows of one import that land on the same record are one
 * record: the second is a harmless repeat when it carries the same values, a conflict when not.
 */
export interface PreparedRow {
  /** The register's record this row matched, if it exists already (written earlier in this import, or before). */
  existingId: number | undefined;
  /** The values the row would write: equal for a harmless repeat, different for a conflict. */
  signature: string;
  /** Writes the row; returns what happened and the id of the record it wrote to. */
  write(): { outcome: Written; id: number };
  /**
   * For a row whose record an earlier row of the import wrote with other values: whether this one only gives what

   * that one left blank, and otherwise the same (formats.md: a blank cell is no value). Then it completes the
   * record instead of conflicting with it.
   */
  agreesWithWritten?(): boolean;
}

/**
 * The values a row would write as one text: NUL between them, which no cell can hold (a control character in a
 * cell rejects its row), so that different values never read the same (with "|", teacher `王|李` and no venue
 * read as teacher `王` and venue `李|`). Null and undefined are empty.
 */
export function signatureOf(values: readonly unknown[]): string {
  // Joined by hand: `map` and `join` made an array of strings for each of a million rows, only to join it.
  let text = '';
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (index > 0) text += '\u0000';
    if (value !== null && value !== undefined) text += String(value);
  }
  return text;
}

export interface FileContext {
  file: string;
  header: HeaderInfo;
}

/** What a handler answers for a row it keeps, to make records of the file's rows together at its end. */
export const ABSORBED = Symbol('absorbed');

/** A record made of several rows of a file (a person of a meeting list), numbered by its first row. */
export interface DerivedRecord {
  row: number;
  cells: Cell[] | undefined;
  prepare(report: RowReport): PreparedRow | undefined;
}

export interface KindHandler {
  /** Per-file defaults (a sign-in sheet's class and date from its title); returns notes for the result. */
  beginFile(context: FileContext): FileNotes;
  prepare(row: DataRow, report: RowReport): PreparedRow | undefined | typeof ABSORBED;
  /** After a file's last row: the records its kept rows make together, and notes for the result. */
  endFile?(): { records: DerivedRecord[]; notes?: Partial<FileNotes> };
  /** After the last row: writes what the handler still holds back (rows queued to be written together). */
  finish?(): void;
}

export interface FileNotes {
  fromTitle?: { classCode?: string; date?: string; slot?: string };
  /** A sign-in file with no status, signature or time column: every row is counted present (said). */
  noSignInColumn?: boolean;
  /** A sheet's sign-in columns by session, each read as its session's (`上午签到 → 上午`): said, as a line is two. */
  sessionColumns?: { header: string; slot: string }[];
}

const FIELD_LABELS: ReadonlySet<string> = new Set([
  'classCode',
  'date',
  'slot',
  'idNumber',
  'name',
  'unit',
  'community',
  'status',
  'hours',
  'phone',
  'course',
  'teacher',
  'venue',
  'mode',
  'signedAt',
  'time',
  'start',
  'end',
  'mentorName',
  'mentorIdNumber',
  'menteeName',
  'menteeIdNumber',
  'from',
  'to',
]);

/** One thing wrong with a row: the column as the file names it (or its field, said), and what is wrong. */
export interface RowProblem {
  file: string;
  row: number;
  column: string | Problem;
  message: Problem;
  /** Said once already for this file (a class missing from the register): the row is rejected, not listed again. */
  repeated?: boolean;
}

/** `FILE:ROW column: message`, as data. */
export function rowProblem({ file, row, column, message }: RowProblem): Problem {
  return problem('rowProblem', { file, row, column, message });
}

/** Collects what is wrong with one row, and what is worth a warning. */
export class RowReport {
  problems: RowProblem[] = [];
  warnings: Problem[] = [];
  /** Earlier rows of the file this row shows to be wrong too (two lines of one session that disagree). */
  earlier: RowProblem[] = [];
  constructor(
    private readonly context: FileContext,
    readonly row: number,
    /** The record the row is read as, when one of its columns stands for a field (上午签到 for the status). */
    private readonly record?: DataRow,
  ) {}

  /** Fields as another kind's reader names them (`name`), and what this file calls them (`mentorName`). */
  private renamed: Readonly<Record<string, string>> = {};

  /**
   * This row's report for one of several people on it (a mentoring pair): problems with their `name` and
   * `idNumber` are said of the columns the file has for them, and count against the row.
   */
  forFields(renamed: Readonly<Record<string, string>>): RowReport {
    const view = new RowReport(this.context, this.row, this.record);
    view.problems = this.problems;
    view.warnings = this.warnings;
    view.earlier = this.earlier;
    view.renamed = renamed;
    return view;
  }

  private locate(asked: string, message: Problem): RowProblem {
    const field = this.renamed[asked] ?? asked;
    // A field the file has no column for is named in the person's language (日期, not date).
    const known = FIELD_LABELS.has(field) ? dynamicProblem(`field.${field}` as MessageKey) : undefined;
    const column =
      this.record?.headerOf?.(field) ||
      this.context.header.headerText.get(field) ||
      known ||
      problem('fieldLabel', { field });
    return { file: this.context.file, row: this.row, column, message };
  }

  problem(field: string, problem: Problem, repeated = false): undefined {
    this.problems.push({ ...this.locate(field, problem), ...(repeated ? { repeated } : {}) });
    return undefined;
  }

  /** Rejects an earlier row of the same file along with this one, saying why. */
  rejectEarlier(row: number, field: string, problem: Problem): void {
    this.earlier.push({ ...this.locate(field, problem), row });
  }

  warn(field: string, problem: Problem): void {
    this.warnings.push(rowProblem(this.locate(field, problem)));
  }

  get failed(): boolean {
    return this.problems.length > 0;
  }
}

/** The cleaned text of each field, each one that is empty reported as required. */
export function requiredTexts<F extends string>(
  row: { text(field: string): string },
  report: RowReport,
  ...fields: F[]
): Record<F, string> {
  const texts = {} as Record<F, string>;
  for (const field of fields) {
    texts[field] = row.text(field);
    if (texts[field] === '') report.problem(field, { code: 'required' });
  }
  return texts;
}

/** A code that names several records under the domain's key (`k1` where `K1` and `k1` both exist): refused. */
export function codeClash(report: RowReport, code: string, clash: readonly { code: string }[]): undefined {
  return report.problem(
    'code',
    problem('codeClash', { code, codes: clash.map((record) => record.code).join(', ') }),
  );
}
