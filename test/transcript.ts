/**
 * The tutorial's terminal sessions, read and replayed: each `$ command` with the screen the tutorial shows under it,
 * run in this process in a given folder, on one screen (stdout and stderr interleaved as a terminal shows them,
 * and the final line of each question asked). A line `…` in the tutorial stands for lines left out.
 */
import { readdirSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { inquirerPrompter } from '../src/cli/prompts.js';
import type { Io } from '../src/cli/context.js';
import { translator, type Lang } from '../src/i18n/index.js';
import { scriptedTerminal } from './helpers.js';

export interface Step {
  /** The command line as the tutorial shows it, comment removed. */
  line: string;
  shown: string;
}

/** Every terminal session (a code block whose lines start with `$ `) between two markers of a document. */
export function sessions(readme: string, from: string, to: string): Step[][] {
  const part = readme.slice(readme.indexOf(from), readme.indexOf(to));
  // Fences pair up in order; a block with an info string (```text, ```sh) is a picture or a recipe, not a session.
  const blocks: string[] = [];
  let open: { plain: boolean; lines: string[] } | undefined;
  for (const line of part.split('\n')) {
    if (!line.startsWith('```')) open?.lines.push(line);
    else if (!open) open = { plain: line === '```', lines: [] };
    else {
      if (open.plain) blocks.push(open.lines.join('\n'));
      open = undefined;
    }
  }
  return blocks
    .filter((block) => block.startsWith('$ '))
    .map((block) =>
      block
        .split(/^\$ /m)
        .filter(Boolean)
        .map((part) => {
          const [line = '', ...output] = part.split('\n');
          return {
            line: line.replace(/\s{2,}#.*$/, '').trim(),
            shown: output.join('\n').replace(/\s+$/, ''),
          };
        }),
    );
}

/** `peixun a "b c"` as a shell splits it: words, double quotes, `NAME=value` before the command, globs. */
export function parseCommand(line: string, cwd: string): { env: Record<string, string>; argv: string[] } {
  const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [name = '', value = ''] = (words.shift() ?? '').split('=');
    env[name] = value;
  }
  const argv = words.flatMap((word) => (word.includes('*') ? glob(word, cwd) : [word]));
  return { env, argv };
}

/** `folder/*.csv`: the files of one folder matching the pattern, sorted as a shell sorts them. */
function glob(pattern: string, cwd: string): string[] {
  const slash = pattern.lastIndexOf('/');
  const folder = slash >= 0 ? pattern.slice(0, slash) : '.';
  const name = new RegExp(
    `^${pattern
      .slice(slash + 1)
      .replace(/\./g, '\\.')
      .replace(/\*/g, '.*')}$`,
  );
  return readdirSync(`${cwd}/${folder}`)
    .filter((file) => name.test(file))
    .sort()
    .map((file) => (slash >= 0 ? `${folder}/${file}` : file));
}

/** Whether what was printed is what the document shows: equal, or equal around the lines `…` stands for. */
export function matchesShown(printed: string, shown: string): boolean {
  const actual = printed.replace(/\s+$/, '');
  const parts = shown.split(/^…$/m).map((part) => part.replace(/^\n|\n$/g, ''));
  if (parts.length === 1) return actual === shown;
  let at = 0;
  for (const [index, part] of parts.entries()) {
    if (part === '') continue;
    const found = index === 0 ? (actual.startsWith(part) ? 0 : -1) : actual.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
    if (index === parts.length - 1 && at !== actual.length) return false;
  }
  return true;
}

/**
 * A screen for one command: what it writes, in order, and the final line of each question it asks through a
 * terminal that types `keys` (each waits for its question to appear, as a person would).
 */
export function screen(options: {
  keys?: { question: string; keys: string }[];
  lang: Lang;
  columns?: number;
  env: Record<string, string>;
  now: () => Date;
}) {
  let text = '';
  // The keys are typed by the terminal the other prompt tests use; this screen only watches what it shows.
  const keys = options.keys ?? [];
  const typist = scriptedTerminal(keys);
  /** What each question put on the screen so far; its last line stays there once the next thing is written. */
  const asked: { rendered: string }[] = [];
  const settle = () => {
    for (const { rendered } of asked.splice(0)) {
      // Redrawn in place (cursor up, erase line), the answer follows the question's last drawing on one line; it
      // wraps at 80 columns, as on a terminal that wide.
      const plain = stripVTControlCharacters(rendered);
      const at = plain.lastIndexOf('✔');
      if (at >= 0) text += `${plain.slice(at).trimEnd()}\n`;
    }
  };
  const streams = () => {
    settle();
    const given = typist.streams();
    const question = { rendered: '' };
    asked.push(question);
    given.output.on('data', (chunk: Buffer) => (question.rendered += chunk.toString()));
    return given;
  };
  const write = (chunk: string | Uint8Array) => {
    settle();
    text += String(chunk);
  };
  const terminal = options.columns !== undefined;
  const io: Io = {
    stdout: { write, isTTY: terminal },
    stderr: { write, isTTY: terminal },
    stdinIsTTY: terminal,
    env: { NO_COLOR: '1', LANG: 'C', ...options.env },
    now: options.now,
    // The tutorial's sessions were run by root on a machine called vm: its tables of batches say so.
    machine: { user: 'root', host: 'vm' },
  };
  return {
    io,
    withPrompts: async () => {
      if (options.keys) io.prompter = await inquirerPrompter(streams, translator(options.lang));
      return io;
    },
    text: () => {
      settle();
      return text;
    },
    unanswered: () => keys.length - typist.answered(),
  };
}
