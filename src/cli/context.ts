/** What every command gets: its language, its streams, the database path, colours. */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { Lang, Translator } from '../i18n/index.js';
import type { Prompter } from './prompts.js';

export interface Io {
  /** `columns`: the terminal's width, when it is one. */
  stdout: { write(text: string | Uint8Array): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdinIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

export interface CommandContext {
  lang: Lang;
  t: Translator;
  /** The command as typed, for the record of a filed report. */
  commandLine: string;
  io: Io;
  dbPath: string;
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
    env: process.env,
    now: () => new Date(),
  };
}

/**
 * `peixun … | head`: when the reader stops reading, the rest of the output has nowhere to go. That is the
 * reader's choice, not a failure: stop quietly, as cat and gh do, instead of an unhandled EPIPE trace.
 */
function quietWhenPipeCloses(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
