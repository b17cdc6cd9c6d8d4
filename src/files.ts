/**
 * Writing files that hold personal data: owner-only from the first byte, complete or not at all. A file is
 * written under a temporary name beside its target (created exclusively, never through a link) and renamed into
 * place once whole: a full disk, a kill or a closed pipe leaves no truncated file, and a symlink planted where
 * the file goes is replaced, its target never touched.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { kill, pid } from 'node:process';
import { dynamicProblem, PeixunError, problem } from './errors.js';
import type { MessageKey } from './i18n/index.js';

/** Files that hold personal data are created readable and writable by their owner only. */
export const PRIVATE_FILE = 0o600;

/** A fresh name beside `file` for its temporary copy, naming the process that writes it. */
export function temporaryBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Temporary copies of `file` that a killed command left beside it (a whole roster, owner-only, that nothing
 * else removes): those of processes no longer running go before a new one is written.
 */
function removeLeftTemporaries(file: string): void {
  const folder = dirname(file);
  const prefix = `.${basename(file)}.`;
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = entry.startsWith(prefix)
      ? /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(entry.slice(prefix.length))?.[1]
      : undefined;
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(folder, entry), { force: true });
  }
}

function isRunning(other: number): boolean {
  try {
    kill(other, 0);
    return true;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Creates `file` empty, owner-only, failing if anything (a file, a link) is already there. */
export function createExclusive(file: string): number {
  return openSync(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    PRIVATE_FILE,
  );
}

/** Writes `data` to `file` whole, or leaves `file` as it was. */
export function writeWhole(file: string, data: string | Uint8Array): void {
  refuseNonRegular(file);
  removeLeftTemporaries(file);
  const temporary = temporaryBeside(file);
  try {
    const fd = createExclusive(temporary);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let written = 0; written < bytes.length;) {
        written += writeSync(fd, bytes, written, bytes.length - written);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw fileError(error, file);
  }
}

/**
 * Lets `produce` fill a file by its own means (SQLite's backup, VACUUM INTO) under a temporary name, created
 * empty and owner-only before it writes a byte, then renames it into place; on failure nothing is left behind.
 */
export async function produceWhole<T>(
  file: string,
  produce: (temporary: string) => Promise<T> | T,
): Promise<T> {
  const temporary = emptyTemporary(file);
  try {
    const value = await produce(temporary);
    renameSync(temporary, file);
    return value;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw fileError(error, file);
  }
}

/** The same, for producers that do not wait (a backup taken inside opening the register). */
export function produceWholeNow<T>(file: string, produce: (temporary: string) => T): T {
  const temporary = emptyTemporary(file);
  try {
    const value = produce(temporary);
    renameSync(temporary, file);
    return value;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw fileError(error, file);
  }
}

function emptyTemporary(file: string): string {
  refuseNonRegular(file);
  removeLeftTemporaries(file);
  const temporary = temporaryBeside(file);
  try {
    closeSync(createExclusive(temporary));
  } catch (error) {
    throw fileError(error, file);
  }
  return temporary;
}

/**
 * Only a regular file (or nothing) may be replaced: a device (`/dev/null`, which root would otherwise replace with a
 * file), a FIFO, a socket or a folder is refused, `--force` or not. A link is replaced, its target untouched.
 */
export function refuseNonRegular(file: string): void {
  let found;
  try {
    found = lstatSync(file);
  } catch {
    return; // Missing is fine: the file is about to be made.
  }
  if (found.isDirectory()) throw new PeixunError(problem('fileIsDirectory', { file }));
  if (!found.isFile() && !found.isSymbolicLink()) throw new PeixunError(problem('outNotRegular', { file }));
}

/** A file the person may not read is theirs to fix: said as such, not as an internal error or a wrong file. */
export function refuseUnreadable(file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new PeixunError(problem('fileUnreadable', { file }));
  }
}

/** The machine's refusals (no such folder, no permission, a full disk) as one line naming the file. */
export function fileError(error: unknown, file: string): Error {
  if (error instanceof PeixunError) return error;
  const code = (error as { code?: string }).code ?? '';
  const reasons: Record<string, MessageKey> = {
    ENOENT: 'fileFolderMissing',
    ENOTDIR: 'fileFolderMissing',
    EACCES: 'filePermission',
    EPERM: 'filePermission',
    EROFS: 'filePermission',
    ENOSPC: 'fileDiskFull',
    EDQUOT: 'fileDiskFull',
    EISDIR: 'fileIsDirectory',
    // A copy SQLite writes (a backup): its words are English.
    SQLITE_FULL: 'fileDiskFull',
  };
  const key = reasons[code];
  if (key) return new PeixunError(dynamicProblem(key, { file }));
  if (
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY')
  )
    return new PeixunError(problem('fileWriteFailed', { file, reason: problem('dbReason.io') }));
  if (code) return new PeixunError(problem('fileWriteFailed', { file, reason: (error as Error).message }));
  return error instanceof Error ? error : new Error(String(error));
}
