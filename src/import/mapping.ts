/**
 * When a file's headers are unfamiliar: which row is probably the header, which required fields it lacks,
 * and what each column holds, so that a person can say which column is which.
 */
import { fieldForHeader, requiredGroups, type ImportKind } from './fields.js';
import { cleanText } from './normalise.js';
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
