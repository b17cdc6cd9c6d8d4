/**
 * How a command file becomes part of the program: its declaration (arguments, options with their parsers, help
 * and examples) and its `run(context, options, ...arguments)`, joined with types inferred from the declaration.
 */
import { Command, type OptionValues } from '@commander-js/extra-typings';
import { resolveLang, translator, type Lang, type Translator } from '../i18n/index.js';
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

/** The "Examples" section of a command's help. */
export function examplesText(lang: Lang, examples: Examples): string {
  const lines = isByLanguage(examples) ? examples[lang] : examples;
  return `\n${translator(lang)('examplesHeading')}\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
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
    ...colours(io, global.color === false),
    warnAtEnd: () => undefined,
    prompter: io.prompter,
  };
}

function quoteArgument(argument: string): string {
  return /^[\w./:=@,+\-\u4e00-\u9fff]+$/u.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
