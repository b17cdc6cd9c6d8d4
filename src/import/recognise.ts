/**
 * What a file is, from its sheets and headers, for `peixun import FOLDER|FILE…` without a kind (cli.md): each kind
 * whose required columns a header row holds is a candidate; the columns it would use, the columns only it has (a
 * sign-in column, join times, a submission time …) and the words of the file's title and name decide among them.
 * A file no kind fits, or two fit equally, is refused with the kinds it came closest to.
 */
import { basename } from 'node:path';
import { PeixunError, problem } from '../errors.js';
import {
  IMPORT_KINDS,
  isKindHeader,
  kindSpec,
  mapHeader,
  sessionSignInColumns,
  withSubHeader,
  type ImportKind,
} from './fields.js';
import { cleanText } from './normalise.js';
import { openTable, type SourceRow } from './read/index.js';
import { headerCells } from './table.js';

/** The order kinds are imported in: what a file names must be there before it (kinds/index.ts). */
export const DEPENDENCY_ORDER: readonly ImportKind[] = IMPORT_KINDS;

/** How far down a sheet its header is looked for. */
const ROWS_LOOKED_AT = 30;

export interface Recognised {
  file: string;
  kind: ImportKind;
}

/** Each file's kind, or a refusal naming every file that could not be placed and the kinds it came closest to. */
export async function recogniseFiles(files: readonly string[]): Promise<Recognised[]> {
  const recognised: Recognised[] = [];
  const unplaced: ReturnType<typeof problem>[] = [];
  for (const file of files) {
    const outcome = await recogniseFile(file);
    if ('kind' in outcome) recognised.push({ file, kind: outcome.kind });
    else
      unplaced.push(
        problem('fileKindUnknown', {
          file,
          closest: outcome.closest.length > 0 ? outcome.closest.join(', ') : '—',
        }),
      );
  }
  if (unplaced.length > 0)
    throw new PeixunError(problem('filesUnplaced', { count: unplaced.length }), unplaced);
  return recognised;
}

async function recogniseFile(file: string): Promise<{ kind: ImportKind } | { closest: ImportKind[] }> {
  const first = await openTable(file, {});
  const sheets = first.info.sheets ?? [];
  const scores = new Map<ImportKind, number>();
  const near = new Map<ImportKind, number>();
  for (const sheet of sheets.length > 1 ? sheets : [undefined]) {
    const source =
      sheet === undefined || sheet === first.info.sheet ? first : await openTable(file, { sheet });
    const rows = await firstRows(source.rows);
    const title = `${rows.map((row) => row.cells.map((cell) => cleanText(cell)).join(' ')).join('\n')}\n${basename(file)}\n${sheet ?? ''}`;
    for (const [kind, score] of scoresOf(rows, title))
      scores.set(kind, Math.max(scores.get(kind) ?? 0, score));
    for (const [kind, columns] of nearnessOf(rows)) near.set(kind, Math.max(near.get(kind) ?? 0, columns));
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best && (!second || second[1] < best[1])) return { kind: best[0] };
  const tied = ranked.filter(([, score]) => score === best?.[1]).map(([kind]) => kind);
  const closest =
    tied.length > 0
      ? tied
      : [...near]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 2)
          .map(([kind]) => kind);
  return { closest };
}

async function firstRows(source: AsyncIterable<SourceRow[]>): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const batch of source) {
    rows.push(...batch);
    if (rows.length >= ROWS_LOOKED_AT) break;
  }
  return rows.slice(0, ROWS_LOOKED_AT);
}

/** Each kind a header row of these fits: the columns it would use, its own columns, its title words. */
function scoresOf(rows: readonly SourceRow[], title: string): Map<ImportKind, number> {
  const scores = new Map<ImportKind, number>();
  for (const kind of IMPORT_KINDS) {
    const spec = kindSpec(kind);
    const titled = spec.titleWords?.test(title) ? 2 : 0;
    for (const [at, row] of rows.entries()) {
      // A header of two rows (a group cell over the columns it heads) is read as table.ts reads it.
      const below = rows[at + 1];
      const twoRows = below?.row === row.row + 1 ? withSubHeader(kind, headerCells(row), below.cells) : null;
      const cells = twoRows?.cells ?? headerCells(row);
      const mapping = twoRows?.mapping ?? mapHeader(kind, cells, {});
      if (!isKindHeader(kind, cells, mapping)) continue;
      // A day's sheet's sign-in columns by session (上午签到, 下午签到) are a sign-in sheet's own, and count.
      const bySession = sessionSignInColumns(kind, cells, mapping).length;
      // A class's roster names its class, in a column or in its title (`示范培训班 报名名单`): else it is a roster.
      if (kind === 'enrolments' && !mapping.columns.has('classCode') && titled === 0) continue;
      const score = mapping.columns.size + bySession + titled;
      if (score > (scores.get(kind) ?? 0)) scores.set(kind, score);
    }
  }
  return scores;
}

/** For a file no kind fits: how many columns each kind would have used, the most of any header row. */
function nearnessOf(rows: readonly SourceRow[]): Map<ImportKind, number> {
  const near = new Map<ImportKind, number>();
  for (const kind of IMPORT_KINDS)
    for (const row of rows) {
      const columns = mapHeader(kind, headerCells(row), {}).columns.size;
      if (columns > 0 && columns > (near.get(kind) ?? 0)) near.set(kind, columns);
    }
  return near;
}
