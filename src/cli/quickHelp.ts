/**
 * `peixun --help` and `peixun <command> --help` answered from texts written when peixun is built, without
 * loading commander and both languages' messages: those are about 100 ms of a 150 ms start, on a command people
 * type to find their way. Only the plain shapes below are answered here; anything else, or a build without the
 * texts, goes through the program, and a test holds the texts equal to what the program prints.
 */
import { readFileSync } from 'node:fs';
import { resolveLang, type Lang } from '../i18n/lang.js';

export interface HelpText {
  text: string;
  /** Nothing in it was wrapped: a terminal of any width from commander's plain 80 columns up shows the same. */
  anyWidth: boolean;
}
/** Each language's help, by command path (`''` the program, `report quarterly` a verb). */
export type HelpTexts = Record<Lang, Record<string, HelpText>>;

export const HELP_TEXTS_URL = new URL('./help-texts.json', import.meta.url);
/** commander's width when output is not a terminal. */
export const PLAIN_WIDTH = 80;

interface Out {
  isTTY?: boolean;
  columns?: number;
}

/**
 * The help `argv` asks for, if it is `[--lang L] [command …] --help` or `[--lang L] help [command …]` and the
 * texts hold that command; else undefined (the program answers).
 */
export function helpFor(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  stdout: Out,
  texts: HelpTexts,
): string | undefined {
  let words = argv.slice(2);
  let option: string | undefined;
  if (words[0] === '--lang' && words.length > 1) [option, words] = [words[1], words.slice(2)];
  else if (words[0]?.startsWith('--lang='))
    [option, words] = [words[0].slice('--lang='.length), words.slice(1)];
  // `peixun help report quarterly` is `peixun report quarterly --help` (src/cli/main.ts).
  if (words[0] === 'help') words = words.slice(1);
  else if (words.at(-1) === '--help' || words.at(-1) === '-h') words = words.slice(0, -1);
  else return undefined;
  if (!words.every((word) => /^[a-z][a-z-]*$/.test(word))) return undefined;
  const path = words.join(' ');
  const lang = resolveLang(option, env);
  const help = lang && Object.hasOwn(texts[lang], path) ? texts[lang][path] : undefined;
  if (!help) return undefined;
  // commander wraps to the terminal's width, and to 80 columns when output is not a terminal.
  const width = stdout.isTTY ? (stdout.columns ?? PLAIN_WIDTH) : PLAIN_WIDTH;
  return width === PLAIN_WIDTH || (help.anyWidth && width > PLAIN_WIDTH) ? help.text : undefined;
}

/** Prints the help this process asks for from the build's texts; false when the program must answer. */
export function answerHelpFromBuild(): boolean {
  let texts: HelpTexts;
  try {
    texts = JSON.parse(readFileSync(HELP_TEXTS_URL, 'utf8')) as HelpTexts;
  } catch {
    return false; // A build without the texts: the program prints its help itself.
  }
  const text = helpFor(process.argv, process.env, process.stdout, texts);
  if (text === undefined) return false;
  // `peixun --help | head`: the reader stopping early is not a failure (as for every command, src/cli/context.ts).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.stdout.write(text);
  return true;
}
