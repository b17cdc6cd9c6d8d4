/**
 * `--skip-invalid`: the rejected rows of each file go to `<file>.rejected.csv`, with their original columns
 * and a reason, ready to correct and import again on their own.
 */
import { problem, type Problem } from '../errors.js';
import { writeWhole } from '../files.js';
import { toCsv } from '../spreadsheet.js';
import { cleanText, type Cell } from './normalise.js';
import type { RowProblem } from './rows.js';

export interface RejectedRow {
  file: string;
  row: number;
  /** The row as read; unknown until a pass reads it again (the earlier row of a conflicting repeat). */
  cells: Cell[] | undefined;
  problems: RowProblem[];
  /**
   * A record a file's rows make together (a person of a meeting list, from all their joins), numbered by its first
   * row: set aside apart from the rows themselves, which still count.
   */
  derived?: boolean;
  /** Which record of its line (DataRow.part): a line of several is set aside one record at a time. */
  part?: number;
}

export function rejectsFileFor(file: string): string {
  return `${file}.rejected.csv`;
}

/** Writes one rejects file per source file with rejected rows; returns source file → what was written. */
export function writeRejects(
  rows: readonly RejectedRow[],
  headers: ReadonlyMap<string, { cells: Cell[]; implied: Record<string, string> }>,
  say: (said: Problem | string) => string,
): Map<string, { file: string; rows: number }> {
  const written = new Map<string, { file: string; rows: number }>();
  for (const [file, header] of headers) {
    const rejected = rows.filter((row) => row.file === file).sort((a, b) => a.row - b.row);
    if (rejected.length === 0) continue;
    const width = header.cells.length;
    // Values a sheet took from its title travel as columns, since the rejects file has no title.
    const implied = Object.entries(header.implied);
    const head = [
      ...header.cells.map((cell) => cleanText(cell)),
      ...implied.map(([name]) => name),
      say(problem('rejectReason')),
    ];
    const body = rejected.map((row) => {
      const cells = Array.from({ length: width }, (_, index) => cleanText(row.cells?.[index] ?? null));
      const reason = row.problems
        .map(({ column, message }) => (column ? `${say(column)}: ${say(message)}` : say(message)))
        .join('; ');
      return [...cells, ...implied.map(([, value]) => value), reason];
    });
    const target = rejectsFileFor(file);
    writeWhole(target, toCsv([head, ...body], true));
    written.set(file, { file: target, rows: rejected.length });
  }
  return written;
}
