/** Running the real CLI (bin/peixun.js, the built code) against a temporary database. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { PassThrough } from 'node:stream';
import { threadId } from 'node:worker_threads';
import { inject } from 'vitest';
import { colours, type CommandContext, type Io } from '../src/cli/context.js';
import type { Prompter } from '../src/cli/prompts.js';
import type { Db } from '../src/db/handle.js';
import type { Problem } from '../src/errors.js';
import { say, translator } from '../src/i18n/index.js';

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

/**
 * The CLI as a separate process (bin/peixun.js, the built code): only where a real process is the point (the bin
 * shim, exit codes of the process, signals, two writers). Everything else runs in this process through runCli.
 */
export function spawnCli(
  args: readonly string[],
  env: Record<string, string> = {},
  input?: string,
): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', LANG: 'C', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The CLI run in this process, `main(argv, io)`, as `peixun ARGS` would run in a shell with the given environment
 * (no terminal, no colour, the C locale unless given): same streams, same exit code, no process per command.
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  now: () => Date = () => new Date(),
  /** stderr a terminal (stdout still piped): where progress lines are drawn. */
  stderrIsTTY = false,
): Promise<CliResult> {
  const { main } = await import('../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string | Uint8Array) => (stdout += String(text)), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: stderrIsTTY },
    stdinIsTTY: false,
    env: { NO_COLOR: '1', LANG: 'C', ...env },
    now,
  };
  const code = await main(['node', 'peixun', ...args], io);
  return { code, stdout, stderr };
}

const folders: string[] = [];

/** Removes the folders tempFolder made; after each test file (test/setup.ts, which vitest runs for every file). */
export function removeTempFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'peixun-test-'));
  folders.push(folder);
  return folder;
}

/**
 * An empty register at `folder/peixun.db`, copied from the one the run migrated once (globalSetup.ts); with
 * `fresh`, no file at all, for the command to make (and say it made) as a person's first command would.
 */
function emptyRegister(folder: string, fresh: boolean): string {
  const db = join(folder, 'peixun.db');
  if (!fresh) copyFileSync(inject('registerTemplate'), db);
  return db;
}

/** A database path and a `peixun --db PATH …` runner that fails the test on a non-zero exit. */
export function register({ fresh = false } = {}) {
  const folder = tempFolder();
  const db = emptyRegister(folder, fresh);
  const run = (...args: string[]) => runCli(['--db', db, ...args]);
  const ok = async (...args: string[]) => {
    const result = await run(...args);
    if (result.code !== 0)
      throw new Error(`peixun ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
    return result;
  };
  const json = async <T = Record<string, unknown>>(...args: string[]): Promise<T> =>
    JSON.parse((await ok(...args)).stdout) as T;
  return { folder, db, run, ok, json, file: fileIn(folder) };
}

/** Writes a file of `text` into `folder` and returns its path: a file a test's register imports. */
function fileIn(folder: string) {
  return (name: string, text: string): string => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
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

const smallRegisters = new Map<string, Promise<string>>();

/**
 * test/fixtures/small imported as batches 1 to 3 with the clock `now` (the machine's when not given): imported once
 * a worker, beside the run's empty register (removed with it), and copied for each of the 140 tests that start
 * from it.
 */
function smallRegisterFile(now?: string): Promise<string> {
  const key = now ?? 'machine clock';
  let made = smallRegisters.get(key);
  if (!made) {
    made = (async () => {
      const file = join(
        dirname(inject('registerTemplate')),
        `small-${process.pid}-${threadId}-${smallRegisters.size}.db`,
      );
      copyFileSync(inject('registerTemplate'), file);
      const clock = now === undefined ? undefined : () => new Date(now);
      for (const kind of ['trainees', 'classes', 'attendance']) {
        const result = await runCli(['--db', file, 'import', kind, join(SMALL, `${kind}.csv`)], {}, clock);
        if (result.code !== 0) throw new Error(`importing the small fixture's ${kind}: ${result.stderr}`);
      }
      return file;
    })();
    smallRegisters.set(key, made);
  }
  return made;
}

/** A register holding test/fixtures/small: the trainees, classes and sign-ins docs/statistics.md counts by hand. */
export async function loadedSmall() {
  const made = await smallRegisterFile();
  const peixun = register({ fresh: true });
  copyFileSync(made, peixun.db);
  return peixun;
}

/**
 * A terminal that answers inquirer's prompts: each answer waits for its question to appear, then types its
 * keys, as a person would. Each prompt gets fresh streams (inquirer closes them when it is done).
 */
export function scriptedTerminal(script: { question: string; keys: string }[]) {
  let step = 0;
  const screens: string[] = [];
  let transcript = '';
  const streams = () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      transcript += chunk.toString();
      const next = script[step];
      if (next && screen.includes(next.question)) {
        step++;
        screens.push(screen);
        screen = '';
        setTimeout(() => input.write(next.keys), 5);
      }
    });
    return { input, output };
  };
  return { streams, answered: () => step, screens, transcript: () => transcript };
}

export const KEYS = { down: '\u001b[B', space: ' ', enter: '\r' };

/** A command context as main() builds it, writing to strings, asking through the given prompter. */
export function commandContext(dbPath: string, prompter?: Prompter, lang: 'zh' | 'en' = 'en') {
  const out = { stdout: '', stderr: '' };
  const io: Io = {
    stdout: { write: (text: string | Uint8Array) => (out.stdout += String(text)), isTTY: false },
    stderr: { write: (text: string) => (out.stderr += text), isTTY: false },
    stdinIsTTY: false,
    env: {},
    now: () => new Date('2024-03-04T09:00:00Z'),
  };
  const context: CommandContext = {
    lang,
    t: translator(lang),
    commandLine: 'peixun (test)',
    io,
    dbPath,
    // As `--db PATH`: a register named, never asked about.
    dbNamed: true,
    ...colours(io, true),
    warnAtEnd: (message) => (out.stderr += `${message}\n`),
    prompter,
  };
  return { context, out };
}

/**
 * The CLI run in this process (`main(argv, io)`), against a fresh database: what a person would type, without
 * a process per command. `today` is the clock the commands see.
 */
export function inProcess(today = '2026-11-27T09:00:00Z', { fresh = false } = {}) {
  const folder = tempFolder();
  const db = emptyRegister(folder, fresh);
  const run = (...args: string[]) => runCli(['--db', db, ...args], {}, () => new Date(today));
  const ok = async (...args: string[]) => {
    const result = await run(...args);
    if (result.code !== 0)
      throw new Error(`peixun ${args.join(' ')} exited ${result.code}\n${result.stderr}${result.stdout}`);
    return result;
  };
  const json = async <T = Record<string, unknown>>(...args: string[]): Promise<T> =>
    JSON.parse((await ok(...args)).stdout) as T;
  const file = fileIn(folder);
  return { folder, db, run, ok, json, file };
}

/** {@link inProcess} on a register holding test/fixtures/small, imported on its day. */
export async function inProcessSmall(today = '2026-11-27T09:00:00Z') {
  const peixun = inProcess(today, { fresh: true });
  copyFileSync(await smallRegisterFile(today), peixun.db);
  return peixun;
}

/** The total row of a register's quarterly report, as JSON (2023Q3, the small fixture's quarter, unless named). */
export async function quarterTotal<T = Record<string, unknown>>(
  peixun: ReturnType<typeof register>,
  quarter = '2023Q3',
): Promise<T> {
  return (await peixun.json<{ total: T }>('report', 'quarterly', quarter, '--format', 'json')).total;
}

/** A class's sheet as `report class CODE --format json` gives it: its held sessions and each person's statuses. */
export async function classSheetOf<
  T = { sessions: { date: string; slot: string | null }[]; trainees: { name: string; statuses: string[] }[] },
>(peixun: ReturnType<typeof register>, code: string): Promise<T> {
  return peixun.json<T>('report', 'class', code, '--format', 'json');
}

/**
 * A register in memory holding what `image` (a register's `serialize()`) held, connected as openDatabase connects:
 * property tests start each of their runs from one, where migrating and importing the same start again took most
 * of their time.
 */
export function inMemoryCopy(image: Buffer): Db {
  const db = new Database(image);
  db.pragma('foreign_keys = ON');
  return db;
}

let emptyImage: Buffer | undefined;

/** An empty register in memory, as `openDatabase(':memory:', { create: true })` makes it, without its migrations. */
export async function emptyInMemory(): Promise<Db> {
  if (!emptyImage) {
    const { openDatabase } = await import('../src/db/open.js');
    const db = openDatabase(':memory:', { create: true });
    emptyImage = db.serialize();
    db.close();
  }
  return inMemoryCopy(emptyImage);
}

const smallImages = new Map<string, Buffer>();

/** test/fixtures/small's trainees and classes in a register in memory, imported as of `now`. */
export async function smallInMemory(now: Date): Promise<Db> {
  const made = smallImages.get(now.toISOString());
  if (made) return inMemoryCopy(made);
  const { runImport } = await import('../src/import/run.js');
  const db = await emptyInMemory();
  const env = { db, dbPath: ':memory:', say: english, now: () => now, osUser: 'test', host: 'test' };
  for (const kind of ['trainees', 'classes'] as const) {
    await runImport(env, { kind, files: [join(SMALL, `${kind}.csv`)], dryRun: false, addUnknown: false });
  }
  smallImages.set(now.toISOString(), db.serialize());
  return db;
}

/** Problems said in English, as the CLI says them under --lang en. */
export const english = (said: Problem | string): string => say(translator('en'), said);

/**
 * Saves a workbook in one synchronous write, so that nothing can read it half-written: once, in a suite run under
 * load, peixun found a workbook exceljs's `writeFile` had just written damaged (not reproduced since).
 */
export async function saveWorkbook(
  workbook: { xlsx: { writeBuffer(): Promise<ArrayBuffer> } },
  file: string,
) {
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
}

/**
 * The register at `path` taken back to an earlier schema version (8 to 17), as that peixun would have written the
 * same content: each table made by the migrations of then, each row with its id. Sign-ins carry their session's
 * date, slot, course, mode, teacher and venue on each line again, as before sessions were a table (18). Opening it
 * runs the later migrations again.
 */
export async function olderRegister(path: string, version: number): Promise<void> {
  const { MIGRATIONS } = await import('../src/db/migrations.js');
  const current = new Database(path, { readonly: true });
  const older = new Database(':memory:');
  try {
    for (const migration of MIGRATIONS.slice(0, version)) {
      if (typeof migration === 'string') older.exec(migration);
      else migration(older, []);
    }
    older.pragma('foreign_keys = OFF');
    const columnsOf = (db: Database.Database, table: string) =>
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter(Boolean);
    const tables = older
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[];
    const signInLine = (row: Record<string, unknown>) => {
      const session = current.prepare(`SELECT * FROM sessions WHERE id = ?`).get(row.session_id) as
        Record<string, unknown> | undefined;
      const { session_id: _session, ...rest } = row;
      return {
        ...rest,
        date: session?.date,
        slot: session?.slot,
        course_id: session?.course_id ?? null,
        online: session?.online ?? 0,
        teacher: session?.teacher ?? null,
        venue: session?.venue ?? null,
      };
    };
    for (const table of tables) {
      const columns = columnsOf(older, table);
      const rows = current.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<
        string,
        unknown
      >[];
      const insert = older.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
      );
      for (const stored of rows) {
        let row: Record<string, unknown> = table === 'attendance' ? signInLine(stored) : stored;
        if (table === 'batch_changes' && stored.table_name === 'attendance')
          row = { ...stored, before: JSON.stringify(signInLine(JSON.parse(String(stored.before)))) };
        insert.run(Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
      }
    }
    older.pragma(`user_version = ${version}`);
    current.close();
    writeFileSync(path, older.serialize());
    for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  } finally {
    if (current.open) current.close();
    older.close();
  }
}
