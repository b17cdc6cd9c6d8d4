/**
 * Makes the help texts `peixun --help` is answered from (see quickHelp.ts): every command's help in both
 * languages, printed by the program itself, once when peixun is built.
 */
import type { AnyCommand } from './command.js';
import type { Io } from './context.js';
import { buildProgram, main } from './main.js';
import { LANGS, type Lang } from '../i18n/lang.js';
import type { HelpText, HelpTexts } from './quickHelp.js';

/** Wide enough that commander wraps nothing. */
const UNBOUNDED_WIDTH = 10_000;

export async function makeHelpTexts(): Promise<HelpTexts> {
  const texts = {} as HelpTexts;
  for (const lang of LANGS) {
    texts[lang] = {};
    for (const path of await commandPaths(lang)) texts[lang][path.join(' ')] = await helpText(lang, path);
  }
  return texts;
}

/** The help the program prints for `peixun --lang <lang> <path…> --help`, as commander lays it out. */
export async function printedHelp(lang: Lang, path: readonly string[], width?: number): Promise<string> {
  let printed = '';
  const io = helpIo(
    { write: (text) => (printed += String(text)), isTTY: width !== undefined, columns: width },
    (text) => process.stderr.write(text),
  );
  const exit = await main(['node', 'peixun', '--lang', lang, ...path, '--help'], io);
  if (exit !== 0) throw new Error(`peixun ${path.join(' ')} --help exited ${exit}`);
  return printed;
}

async function helpText(lang: Lang, path: readonly string[]): Promise<HelpText> {
  const text = await printedHelp(lang, path);
  return { text, anyWidth: text === (await printedHelp(lang, path, UNBOUNDED_WIDTH)) };
}

/** Every command's path from the program down: `[]`, `['import']`, `['import', 'trainees']`, … */
async function commandPaths(lang: Lang): Promise<string[][]> {
  const io = helpIo({ write: () => true }, () => true);
  const program = await buildProgram(lang, { io, argv: [] }, () => true);
  const paths: string[][] = [];
  const walk = (command: AnyCommand, path: string[]) => {
    paths.push(path);
    for (const sub of command.commands) walk(sub as AnyCommand, [...path, sub.name()]);
  };
  walk(program, []);
  return paths;
}

/** Streams for making help: no terminal to ask, no environment to choose the language (`--lang` does). */
function helpIo(stdout: Io['stdout'], writeErr: (text: string) => unknown): Io {
  return { stdout, stderr: { write: writeErr }, stdinIsTTY: false, env: {}, now: () => new Date() };
}
