/** Running the real CLI (bin/peixun.js, the built code) against a temporary database. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'peixun.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const EXAMPLES = join(FIXTURES, 'examples');
export const SMALL = join(FIXTURES, 'small');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], env: Record<string, string> = {}, input?: string): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', LANG: 'C', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'peixun-test-'));
  folders.push(folder);
  return folder;
}

/** A fresh database path and a `peixun --db PATH …` runner that fails the test on a non-zero exit. */
export function register() {
  const folder = tempFolder();
  const db = join(folder, 'peixun.db');
  const run = (...args: string[]) => runCli(['--db', db, ...args]);
  const ok = (...args: string[]) => {
    const result = run(...args);
    if (result.code !== 0)
      throw new Error(`peixun ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
    return result;
  };
  const json = <T = Record<string, unknown>>(...args: string[]): T => JSON.parse(ok(...args).stdout) as T;
  return { folder, db, run, ok, json };
}

/** Every row of every table, for "byte-for-byte unchanged in content" comparisons. */
export function dumpDatabase(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]),
    );
  } finally {
    db.close();
  }
}

/** A register holding test/fixtures/small: the trainees, classes and sign-ins docs/statistics.md counts by hand. */
export function loadedSmall() {
  const peixun = register();
  peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'));
  peixun.ok('import', 'classes', join(SMALL, 'classes.csv'));
  peixun.ok('import', 'attendance', join(SMALL, 'attendance.csv'));
  return peixun;
}
