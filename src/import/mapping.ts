/**
 * When a file's headers are unfamiliar: which row is probably the header, which required fields it lacks,
 * and what each column holds, so that a person can say which column is which.
 */
import { fieldForHeader, requiredGroups, type ImportKind } from './fields.js';
import { cleanText, parseDate, parseIdNumber } from './normalise.js';
import type { SourceRow } from './read/index.js';

export interface ColumnChoice {
  header: string;
  samples: string[];
  /** The field its header already names, if any. */
  field?: string;
}

export interface MappingQuestion {
  headerRow: number;
  /** Each group needs one of its fields; the first is the one to ask for. */
  missing: readonly (readonly string[])[];
  columns: ColumnChoice[];
}

/** The header is taken to be the row with the most filled cells; its columns are offered with sample values. */
export function mappingQuestion(kind: ImportKind, rows: readonly SourceRow[]): MappingQuestion | undefined {
  const filled = (row: SourceRow) => row.cells.filter((cell) => cleanText(cell) !== '').length;
  const header = rows.reduce<SourceRow | undefined>(
    (best, row) => (!best || filled(row) > filled(best) ? row : best),
    undefined,
  );
  if (!header) return undefined;
  const below = rows.filter((row) => row.row > header.row).slice(0, 3);
  const columns = header.cells
    .map((cell, index) => ({
      header: cleanText(cell),
      samples: below.map((row) => cleanText(row.cells[index] ?? null)).filter(Boolean),
      field: fieldForHeader(kind, cell),
    }))
    .filter((column) => column.header !== '');
  const known = new Set(columns.map((column) => column.field).filter(Boolean));
  const missing = requiredGroups(kind).filter((group) => !group.some((field) => known.has(field)));
  return { headerRow: header.row, missing, columns };
}

/**
 * The field a column's values most likely hold, for the question to start on: ID numbers (18 characters, check
 * digit right), mobile phones, dates, 男/女, a street or town, a person's name (two to four Chinese
 * characters). Every sample must agree; none, or a mix: no guess.
 */
export function likelyField(kind: ImportKind, samples: readonly string[]): string | undefined {
  if (samples.length === 0) return undefined;
  const all = (test: (value: string) => boolean) => samples.every(test);
  if (all((value) => parseIdNumber(value).ok)) return 'idNumber';
  if (all((value) => /^1\d{10}$/.test(value))) return 'phone';
  if (all((value) => value === '男' || value === '女')) return 'gender';
  if (all((value) => parseDate(value).ok)) return kind === 'trainees' ? 'birthDate' : 'date';
  if (all((value) => /(区|县)$/u.test(value))) return 'district';
  if (all((value) => /(街道|镇|乡)$/u.test(value))) return 'subdistrict';
  if (all((value) => /(居委|居委会|村)$/u.test(value))) return 'community';
  if (all((value) => /^\p{Script=Han}{2,4}$/u.test(value))) return 'name';
  return undefined;
}
