import type { Cell } from '../normalise.js';

/** One row of a file, numbered as a person sees it (the line in a text editor, the row in Excel). */
export interface SourceRow {
  row: number;
  cells: Cell[];
  /** Every cell is text the cell rules keep as it is (`isPlainRow`); left out where a reader does not tell. */
  plain?: boolean;
  /**
   * Columns (from 0) whose cell continues a cell merged across from its left: one cell drawn wider (a 签名 column
   * made wide for signatures), which reads the same value. Left out where there is none, or the reader cannot tell.
   */
  widened?: number[];
}

export type EncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface ReadOptions {
  /** Overrides detection for text files. */
  encoding?: EncodingName;
  /** A sheet of an .xlsx workbook; the first when not given. */
  sheet?: string;
  /** Parse a text file in a worker thread: by default, a file large enough to pay for starting one. */
  parseInWorker?: boolean;
}

/** What a reader found out about the file, for the import result. */
export interface SourceInfo {
  encoding?: EncodingName;
  sheet?: string;
  /** A workbook's sheets, in order. */
  sheets?: string[];
}

export interface TableSource {
  info: SourceInfo;
  /**
   * The rows, in order, a batch at a time (as the reader parsed them): a million rows handed over one promise
   * each spend seconds on the handing over.
   */
  rows: AsyncIterable<SourceRow[]>;
  /** How much of the file has been read, from 0 to 1. */
  fractionRead(): number;
}
