/** What every command gets: its language, its streams, the database path, colours. */
import { spawn } from 'node:child_process';
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import { langOfCommandLine, translator, type Lang, type Translator } from '../i18n/index.js';
import { EXIT } from './exit.js';
import type { Prompter } from './prompter.js';
import { wrapText } from '../report/grid.js';

export interface Io {
  /** `columns`: the terminal's width, when it is one. */
  stdout: { write(text: string | Uint8Array): unknown; isTTY?: boolean; columns?: number; rows?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stdinIsTTY: boolean;
  /** The first line of standard input (a secret piped in: `peixun config set city-key < key.txt`). */
  readLine?: () => Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Who runs the command and on which host, as batches and filed reports record them; absent: the OS's. */
  machine?: { user: string; host: string };
  /** Shows long output a screen at a time, on a terminal (`$PAGER`, else `less -FRX`); absent, it is written. */
  page?: (text: string) => Promise<void>;
  /** Questions asked through other streams than the process's terminal (a scripted terminal in tests). */
  prompter?: Prompter;
}

export interface CommandContext {
  lang: Lang;
  t: Translator;
  /** The command as typed, for the record of a filed report. */
  commandLine: string;
  io: Io;
  dbPath: string;
  /** Whether the register was named (`--db`, `$PEIXUN_DB`) rather than taken as `peixun.db` in this folder. */
  dbNamed?: boolean;
  /** Set where the command says itself where its register is (the demo): no "new register made" line. */
  registerSaid?: boolean;
  /** Colours for stdout; plain when it is not a colour terminal, or with NO_COLOR / --no-color. */
  color: ChalkInstance;
  /** Colours for stderr, decided the same way. */
  colorErr: ChalkInstance;
  /** Warnings that belong at the end of the command's output, after its results. */
  warnAtEnd(message: string): void;
  /** Questions asked another way than at the process's terminal (tests); else inquirer on a terminal. */
  prompter?: Prompter;
}

export function colours(io: Io, disabled: boolean): { color: ChalkInstance; colorErr: ChalkInstance } {
  // chalk decides from the terminal and FORCE_COLOR; peixun adds NO_COLOR and --no-color on top.
  const off = disabled || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const level = (stream: { isTTY?: boolean }) => (off || !stream.isTTY ? 0 : chalk.level || 1);
  return { color: new Chalk({ level: level(io.stdout) }), colorErr: new Chalk({ level: level(io.stderr) }) };
}

export function processIo(): Io {
  quietWhenPipeCloses(process.stdout);
  quietWhenPipeCloses(process.stderr);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    readLine: () => firstLine(process.stdin),
    env: process.env,
    now: () => new Date(),
    page: (text) => throughPager(text, process.env),
  };
}

/**
 * Long output on a terminal goes through a pager, as git and gh do: `$PEIXUN_PAGER`, else `$PAGER`, else
 * `less -FRX` (which prints and quits when it fits the screen). A pager that will not start is no reason to
 * lose the output: it is written as it is.
 */
function throughPager(text: string, env: NodeJS.ProcessEnv): Promise<void> {
  const command = env.PEIXUN_PAGER ?? env.PAGER ?? 'less -FRX';
  return new Promise((resolve) => {
    const write = () => {
      process.stdout.write(text);
      resolve();
    };
    if (command.trim() === '' || command.trim() === 'cat') return write();
    const pager = spawn(command, {
      shell: true,
      stdio: ['pipe', 'inherit', 'inherit'],
      // peixun writes UTF-8 whatever the locale says: less, in a locale it does not know, would show bytes.
      env: { LESS: 'FRX', LESSCHARSET: 'utf-8', ...env },
    });
    pager.on('error', write);
    pager.stdin.on('error', () => undefined); // The person quit the pager before the end: that is fine.
    // 127: the shell found no such pager; the output is written instead of lost.
    pager.on('close', (code) => (code === 127 ? write() : resolve()));
    pager.stdin.end(text);
  });
}

/**
 * `peixun … | head`: when the reader stops reading, the rest of the output has nowhere to go. That is the
 * reader's choice, not a failure: stop quietly, as cat and gh do, instead of an unhandled EPIPE trace.
 */
function quietWhenPipeCloses(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // `peixun … > file` on a full disk: one line saying so and a failure, never a trace. A failing stderr has
    // nowhere to say anything.
    if (stream !== process.stderr) {
      const t = translator(langOfCommandLine(process.argv, process.env) ?? 'en');
      const full = error.code === 'ENOSPC' || error.code === 'EDQUOT';
      process.stderr.write(
        `${t('errorPrefix')}${full ? t('outputDiskFull') : t('outputFailed', { reason: error.code ?? error.message })}\n`,
      );
    }
    process.exit(EXIT.failure);
  });
}

/** The first line of a stream (all of it when it has no line end), without its line end. */
async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    const end = text.search(/\r?\n/);
    if (end >= 0) return text.slice(0, end);
    if (text.length > 4096) break;
  }
  return text;
}

/**
 * A message for stderr in lines: on a terminal, wrapped between words at its width, as the tables are (a path or
 * an option name is never cut where the terminal would cut it); elsewhere one line.
 */
export function stderrLines(io: Io, text: string): string[] {
  const width = io.stderr.isTTY ? (io.env.COLUMNS ? Number(io.env.COLUMNS) : io.stderr.columns) : undefined;
  return width ? text.split('\n').flatMap((line) => wrapText(line, width)) : [text];
}
