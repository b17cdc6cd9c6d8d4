import { reportFigures, type Recipe } from '../report/recipes.js';
import { localDate } from '../domain/dates.js';
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { WriteEnvironment } from '../db/batches.js';
import { automaticBackup } from '../db/maintenance.js';
import { asDatabaseError, isEmptyRegister, openDatabase, removeRegister, type Db } from '../db/open.js';
import { changedBetween, currentHashes } from '../filed/filed.js';
import { say } from '../i18n/index.js';
import type { CommandContext } from './context.js';
import { machineOf } from './os.js';

/**
 * Opens the command's database, runs the work, and always closes it. `write` creates a missing register; if
 * the command then commits nothing (a rejected import, `--dry-run`), the new file goes again. `init` keeps it.
 */
export async function withDatabase<T>(
  context: CommandContext,
  mode: 'read' | 'write' | 'init',
  work: (db: Db) => Promise<T> | T,
): Promise<T> {
  const busy = Number(context.io.env.PEIXUN_BUSY_TIMEOUT_MS);
  const creating = mode === 'write' && !existsSync(context.dbPath);
  if (creating) await mayCreateRegister(context);
  const db = openDatabase(context.dbPath, {
    create: mode !== 'read',
    busyTimeoutMs: Number.isFinite(busy) && busy >= 0 ? busy : undefined,
    beforeMigration: (opened, from) => {
      automaticBackup(opened, context.dbPath, `before-migration-v${from}`, context.io.now());
    },
    onMigrationNotes: (notes) => {
      for (const note of notes) context.warnAtEnd(say(context.t, note));
    },
  });
  let empty = false;
  try {
    return await work(db);
  } catch (error) {
    // A damaged page met while reading, a full disk met while writing: the register's state, not a defect.
    throw asDatabaseError(error, context.dbPath);
  } finally {
    try {
      empty = creating && isEmptyRegister(db);
    } catch {
      empty = false; // Whatever went wrong, a register that may hold something stays.
    }
    db.close();
    if (empty) removeRegister(context.dbPath);
    else if (creating && !context.registerSaid && existsSync(context.dbPath))
      context.io.stderr.write(`${context.t('registerCreated', { path: shownPath(context.dbPath) })}\n`);
  }
}

/** A register's path as a person finds it again: as given inside the current folder, else in full. */
function shownPath(path: string): string {
  const inside = relative(process.cwd(), resolve(path));
  return isAbsolute(path) || inside.startsWith('..') || isAbsolute(inside) ? resolve(path) : inside;
}

/**
 * A register made where none was meant (an import typed in the wrong folder) is a second register nobody reports
 * from. On a terminal, a register not named by `--db` or `$PEIXUN_DB` is made only when the person says so.
 */
async function mayCreateRegister(context: CommandContext): Promise<void> {
  if (context.dbNamed) return;
  // Loaded only here: most commands open a register that is there.
  const { prompterFor } = await import('./prompts.js');
  const prompter = await prompterFor(context);
  if (!prompter) return;
  const path = resolve(context.dbPath);
  if (!(await prompter.confirm(context.t('askCreateRegister', { path }), true)))
    throw new UsageError(context.t('registerNotCreated', { path }));
}

/**
 * Runs a command that writes, and warns at its end when it changed the figures of a report already handed in
 * (a late import, an undo).
 */
export async function watchingFiled<T>(context: CommandContext, db: Db, work: () => Promise<T>): Promise<T> {
  const before = currentHashes(figuresToday(context), db);
  const result = await work();
  if (before.size > 0) {
    for (const id of changedBetween(db, before, currentHashes(figuresToday(context), db))) {
      context.warnAtEnd(context.t('filedChangedWarning', { id }));
    }
  }
  return result;
}

/** The environment of a command that writes: who runs it, on which host, and when. */
export function writeEnvironment(context: CommandContext, db: Db): WriteEnvironment {
  const { user, host } = machineOf(context.io);
  return {
    db,
    dbPath: context.dbPath,
    say: (said) => say(context.t, said),
    now: context.io.now,
    osUser: user,
    host,
  };
}

/** A recipe's figures as they stand on the command's day (coverage counts the trainees active that day). */
export function figuresToday(context: CommandContext) {
  const today = localDate(context.io.now());
  return (db: Db, recipe: Recipe) => reportFigures(db, recipe, today);
}
