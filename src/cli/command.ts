/**
 * How a command file becomes part of the program: its declaration (arguments, options with their parsers, help
 * and examples) and its `run(context, options, ...arguments)`, joined with types inferred from the declaration.
 */
import { Command, type OptionValues } from '@commander-js/extra-typings';
import { resolveLang, translator, type Lang, type Translator } from '../i18n/index.js';
import { displayWidth } from '../report/grid.js';
import { colours, type CommandContext, type Io } from './context.js';

/** Command lines shown under "Examples"; by language where a file name reads better in it. */
export type Examples = readonly string[] | Readonly<Record<Lang, readonly string[]>>;

export type Run<Args extends unknown[], Opts extends OptionValues> = (
  context: CommandContext,
  options: Opts,
  ...args: Args
) => Promise<void>;

/** What a command file is given to declare itself. */
export interface Cli {
  t: Translator;
  lang: Lang;
  /** A command that runs: its help gets the examples; commander's parse hands `run` typed options. */
  leaf<Args extends unknown[], Opts extends OptionValues>(
    command: Command<Args, Opts>,
    examples: Examples,
    run: Run<Args, Opts>,
  ): Command<Args, Opts>;
  /** A noun holding verbs (`trainee list`, `trainee add`); the first verb given as default runs without one. */
  group(
    name: string,
    description: string,
    examples: Examples,
    verbs: AnyCommand[],
    defaultVerb?: string,
  ): AnyCommand;
  /** Every command of the program, loaded (completion scripts walk them all). */
  wholeProgram(): Promise<AnyCommand>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a command of any arguments and options
export type AnyCommand = Command<any[], OptionValues, OptionValues>;

/** The global options every command sees through optsWithGlobals(). */
interface GlobalOptions {
  db?: string;
  lang?: string;
  color?: boolean;
}

/** One run of main(): its streams, what was typed, and the warnings kept for the end of the output. */
export interface Invocation {
  io: Io;
  argv: readonly string[];
  /** The command commander is parsing, for the usage line of an error. */
  active?: AnyCommand;
}

/** How wide an example may be: help is read at 80 columns (a terminal's default, and help piped to a file). */
const EXAMPLE_WIDTH = 80;

/** The "Examples" section of a command's help. */
export function examplesText(lang: Lang, examples: Examples): string {
  const lines = isByLanguage(examples) ? examples[lang] : examples;
  return `\n${translator(lang)('examplesHeading')}\n${lines.map((line) => exampleLines(line).join('\n')).join('\n')}`;
}

/**
 * One example as a shell reads it: too long a command goes on over lines ending in ` \`, broken only between
 * arguments (a quoted argument stays whole, an option keeps its value), so a copied example still runs.
 */
export function exampleLines(command: string, width = EXAMPLE_WIDTH): string[] {
  // An option stays on one line with its first value: `--slot` at a line's end and `上午` below reads as two things.
  const words = (command.match(/(?:"[^"]*"|'[^']*'|\S)+/g) ?? []).reduce<string[]>((joined, word) => {
    const last = joined.at(-1);
    if (last !== undefined && /^--?[^\s]+$/.test(last) && !word.startsWith('-'))
      joined[joined.length - 1] = `${last} ${word}`;
    else joined.push(word);
    return joined;
  }, []);
  const lines: string[] = [];
  let line = '  $';
  words.forEach((word, index) => {
    const next = line.endsWith(' ') ? line + word : `${line} ${word}`;
    const continued = index < words.length - 1 ? `${next} \\` : next;
    if (line !== '  $' && line.trim() !== '' && displayWidth(continued) > width) {
      lines.push(`${line} \\`);
      line = `      ${word}`;
    } else line = next;
  });
  lines.push(line);
  return lines;
}

function isByLanguage(examples: Examples): examples is Readonly<Record<Lang, readonly string[]>> {
  return !Array.isArray(examples);
}

export function createCli(lang: Lang, invocation: Invocation, wholeProgram: () => Promise<AnyCommand>): Cli {
  const t = translator(lang);
  const examplesIn = (examples: Examples) => examplesText(lang, examples);
  return {
    t,
    lang,
    leaf<Args extends unknown[], Opts extends OptionValues>(
      command: Command<Args, Opts>,
      examples: Examples,
      run: Run<Args, Opts>,
    ) {
      command.addHelpText('after', examplesIn(examples));
      // extra-typings passes the arguments, then the options, then the command itself.
      command.action(async (...all: unknown[]) => {
        const options = command.opts();
        const args = all.slice(0, command.registeredArguments.length) as Args;
        const context = contextFor(invocation, command);
        const warnings: string[] = [];
        await run({ ...context, warnAtEnd: (message) => warnings.push(message) }, options, ...args);
        for (const message of warnings) {
          invocation.io.stderr.write(`${context.colorErr.yellow(context.t('warningPrefix') + message)}\n`);
        }
      });
      return command;
    },
    group(name, description, examples, verbs, defaultVerb) {
      const group = new Command(name).description(description).addHelpText('after', examplesIn(examples));
      for (const verb of verbs) group.addCommand(verb, { isDefault: verb.name() === defaultVerb });
      return group;
    },
    wholeProgram,
  };
}

/** The context a command runs in, from the global options as given on its command line. */
function contextFor(invocation: Invocation, command: AnyCommand): CommandContext {
  const { io, argv } = invocation;
  const global = command.optsWithGlobals() as GlobalOptions;
  const lang = resolveLang(global.lang, io.env) ?? 'en';
  return {
    lang,
    t: translator(lang),
    commandLine: ['peixun', ...argv.slice(2)].map(quoteArgument).join(' '),
    io,
    dbPath: global.db ?? io.env.PEIXUN_DB ?? 'peixun.db',
    dbNamed: global.db !== undefined || io.env.PEIXUN_DB !== undefined,
    ...colours(io, global.color === false),
    warnAtEnd: () => undefined,
    prompter: io.prompter,
  };
}

function quoteArgument(argument: string): string {
  return /^[\w./:=@,+\-\u4e00-\u9fff]+$/u.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
