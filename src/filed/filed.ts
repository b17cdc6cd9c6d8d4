/**
 * Filed reports: what was handed in stays on record. Today's data is compared with it figure by figure, and
 * each change is traced to the import batches that made it, by undoing the later batches one at a time,
 * newest first, inside a transaction that is always rolled back.
 */
import { createHash } from 'node:crypto';
import { undoBatch, undoBlock } from '../db/batches.js';
import {
  batchesSince,
  batchesUndoneSince,
  fileReport,
  filedReport,
  filedReports,
  type FiledReport,
} from '../db/filed.js';
import { rolledBack, type Db } from '../db/open.js';
import { PeixunError, problem } from '../errors.js';

/**
 * What a recipe counts, in no language (report/recipes.ts's `reportFigures`): handed in by the caller, since the
 * recipes build on every statistic and stand above the register's records.
 */
export type RecipeFigures<R> = (db: Db, recipe: R) => unknown;

/** A recipe as a filed report keeps it: which report, and its options. */
type KeptRecipe = { report: string };

/** What a report says that is no figure: warnings (in the language printed), how a class's sessions were held. */
const NOT_FIGURES = new Set(['warnings', 'held', 'planned']);

/** The figures of a report, without what depends on the language it was printed in. */
export function figuresOf(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(figuresOf);
  if (data && typeof data === 'object') {
    return Object.fromEntries(
      Object.entries(data)
        .filter(([key]) => !NOT_FIGURES.has(key))
        .map(([key, value]) => [key, figuresOf(value)]),
    );
  }
  return data;
}

export function hashFigures(figures: unknown): string {
  return createHash('sha256').update(JSON.stringify(figures)).digest('hex');
}

/** Figures as they stand, or none where the report cannot be made (its class or trainee is gone). */
function computeOrNothing<R>(compute: RecipeFigures<R>, db: Db, recipe: unknown): unknown {
  try {
    // Kept as the recipe was when filed: the caller's recipes read what they wrote.
    return figuresOf(compute(db, recipe as R));
  } catch (error) {
    if (error instanceof PeixunError) return {};
    throw error;
  }
}

export function fileNow(
  db: Db,
  filing: {
    recipe: KeptRecipe;
    data: unknown;
    command: string;
    filedAt: string;
    osUser: string;
    /** The form as printed (JSON), for `filed show`. */
    shown: string;
    /** The filed report this one corrects. */
    replaces?: number;
  },
): { id: number; hash: string } {
  if (filing.replaces !== undefined) checkReplaces(db, filing.recipe, filing.replaces);
  const { data, ...kept } = filing;
  const figures = figuresOf(data);
  const hash = hashFigures(figures);
  const id = fileReport(db, { ...kept, figures, hash, replaces: filing.replaces ?? null });
  return { id, hash };
}

/**
 * A correction replaces a report of the same kind over the same period (a quarter's form by the same quarter's),
 * and one not corrected already: the latest filing of a form is the one that counts.
 */
function checkReplaces(db: Db, recipe: KeptRecipe, replaced: number): void {
  const earlier = filedReport(db, replaced);
  if (!earlier) throw new PeixunError(problem('filedNotFound', { id: replaced }));
  if (earlier.replacedBy !== null)
    throw new PeixunError(problem('filedAlreadyReplaced', { id: replaced, by: earlier.replacedBy }));
  const periodOf = (kept: unknown) => {
    const period = (kept as { period?: { from?: string; to?: string } }).period;
    return period ? `${period.from ?? ''}~${period.to ?? ''}` : '';
  };
  const before = earlier.recipe as KeptRecipe;
  if (before.report !== recipe.report || periodOf(before) !== periodOf(recipe))
    throw new PeixunError(problem('filedReplacesOther', { id: replaced, command: earlier.command }));
}

/** Each filed report's hash as today's data would make it. */
export function currentHashes<R>(compute: RecipeFigures<R>, db: Db): Map<number, string> {
  const hashes = new Map<number, string>();
  for (const report of filedReports(db)) {
    hashes.set(report.id, hashFigures(computeOrNothing(compute, db, report.recipe)));
  }
  return hashes;
}

export interface FiledStatus extends Omit<FiledReport, 'recipe' | 'figures' | 'shown'> {
  report: string;
  changed: boolean;
}

export function filedStatus<R>(compute: RecipeFigures<R>, db: Db): FiledStatus[] {
  const now = currentHashes(compute, db);
  return filedReports(db).map(({ recipe, figures: _figures, shown: _shown, ...report }) => ({
    ...report,
    report: (recipe as KeptRecipe).report,
    changed: now.get(report.id) !== report.hash,
  }));
}

/**
 * Filed reports a command just moved away from what was handed in: their figures changed during the command
 * and now differ from the filed ones. An undo that brings a report back to its filed figures is no news.
 */
export function changedBetween(db: Db, before: Map<number, string>, after: Map<number, string>): number[] {
  const filed = new Map(filedReports(db).map((report) => [report.id, report.hash]));
  return [...after.entries()]
    .filter(([id, hash]) => before.get(id) !== hash && filed.get(id) !== hash)
    .map(([id]) => id);
}

export interface FigureChange {
  /** Where the figure stands: period, group, figure key. */
  path: string[];
  filed: unknown;
  now: unknown;
  /** Batches imported after filing that moved this figure. */
  batches: number[];
}

export interface FiledDiff {
  filed: Omit<FiledReport, 'figures'>;
  changes: FigureChange[];
  /** Batches undone after filing; a change no later batch explains came from one of these. */
  undoneSince: number[];
  /** A batch the trace could not take apart (an undo of it would be refused): changes before it are unexplained. */
  notTakenApart?: number;
}

export function diffFiled<R>(compute: RecipeFigures<R>, db: Db, id: number, now: () => Date): FiledDiff {
  const filed = filedReport(db, id);
  if (!filed) throw new PeixunError(problem('filedNotFound', { id }));
  const recipe = filed.recipe;
  const filedLeaves = leaves(filed.figures);
  const current = leaves(computeOrNothing(compute, db, recipe));
  const changed = [...new Set([...filedLeaves.keys(), ...current.keys()])].filter(
    (path) => !same(filedLeaves.get(path), current.get(path)),
  );
  const blame = new Map<string, number[]>(changed.map((path) => [path, []]));
  let notTakenApart: number | undefined;
  if (changed.length > 0) {
    rolledBack(db, () => {
      let after = current;
      for (const batch of batchesSince(db, filed.lastBatch)) {
        // Newest first, so nothing later builds on it; should it still be refused, the trace stops there and
        // says so: the changes it has not reached are left unexplained, never a failure.
        if (undoBlock(db, batch) !== undefined) {
          notTakenApart = batch;
          break;
        }
        undoBatch(db, batch, now().toISOString());
        const before = leaves(computeOrNothing(compute, db, recipe));
        for (const path of changed)
          if (!same(before.get(path), after.get(path))) blame.get(path)?.push(batch);
        after = before;
      }
    });
  }
  const { figures: _figures, ...rest } = filed;
  return {
    filed: rest,
    changes: changed.map((path) => ({
      path: JSON.parse(path) as string[],
      filed: filedLeaves.get(path) ?? null,
      now: current.get(path) ?? null,
      batches: (blame.get(path) ?? []).sort((a, b) => a - b),
    })),
    undoneSince: batchesUndoneSince(db, filed.filedAt),
    ...(notTakenApart !== undefined ? { notTakenApart } : {}),
  };
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return a === b;
}

/**
 * Every leaf value of a report by its path. Lists of rows are keyed by what names a row (a group, a class
 * code, a year, a period label, a person), so a row that moves in the list is still the same row.
 */
function leaves(data: unknown): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const walk = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, rowName(item) ?? String(index)]));
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    } else {
      found.set(JSON.stringify(path), value);
    }
  };
  walk(data, []);
  return found;
}

function rowName(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const row = item as Record<string, unknown>;
  if ('group' in row) return row.group === null ? '(total)' : String(row.group);
  if (typeof row.code === 'string') return row.code;
  if (typeof row.year === 'string') return row.year;
  const period = row.period as { label?: string } | undefined;
  if (period?.label) return period.label;
  if (typeof row.date === 'string') return `${row.date} ${String(row.slot ?? '')}`.trim();
  if (typeof row.name === 'string') return `${row.name} ${String(row.idNumber ?? row.unit ?? '')}`.trim();
  return undefined;
}

/** A filed report as it was handed in: the printed form where it was kept, and its figures. */
export function filedForm(db: Db, id: number): { shown: unknown; figures: unknown } {
  const filed = filedReport(db, id);
  if (!filed) throw new PeixunError(problem('filedNotFound', { id }));
  return {
    shown: filed.shown === null ? null : (JSON.parse(filed.shown) as unknown),
    figures: filed.figures,
  };
}
