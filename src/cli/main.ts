/**
 * The command line: the global options, the list of commands, and the only place that turns failures into
 * exit codes. Each command is declared in its own file under commands/, imported when it runs, so `--help`
 * and `--version` stay quick.
 */
import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { visibleText } from '../domain/text.js';
import { PeixunError, UsageError } from '../errors.js';
import {
  LANGS,
  langOfCommandLine,
  say,
  translator,
  type Lang,
  type MessageKey,
  type Translator,
} from '../i18n/index.js';
import { createCli, examplesText, type AnyCommand, type Cli, type Invocation } from './command.js';
import { colours, processIo, stderrLines, type Io } from './context.js';
import { EXIT } from './exit.js';
import { commanderErrorIn, helpIn } from './help.js';
import { isPromptExit } from './prompter.js';
import { PLAIN_WIDTH } from './quickHelp.js';
import { PEIXUN_VERSION } from './version.js';

/** The program's nouns and lone verbs, each loaded only when it runs (or for help that needs it). */
const COMMANDS: readonly { name: string; about: MessageKey; load: () => Promise<{ default: Declare }> }[] = [
  { name: 'init', about: 'cmdInit', load: () => import('./commands/init.js') },
  { name: 'import', about: 'cmdImport', load: () => import('./commands/import.js') },
  { name: 'imports', about: 'cmdImports', load: () => import('./commands/imports/index.js') },
  { name: 'report', about: 'cmdReport', load: () => import('./commands/report/index.js') },
  { name: 'export', about: 'cmdExport', load: () => import('./commands/export.js') },
  { name: 'trainee', about: 'cmdTrainee', load: () => import('./commands/trainee/index.js') },
  { name: 'class', about: 'cmdClass', load: () => import('./commands/class/index.js') },
  { name: 'session', about: 'cmdSession', load: () => import('./commands/session/index.js') },
  { name: 'unit', about: 'cmdUnit', load: () => import('./commands/unit/index.js') },
  { name: 'attend', about: 'cmdAttend', load: () => import('./commands/attend.js') },
  { name: 'sheet', about: 'cmdSheet', load: () => import('./commands/sheet.js') },
  { name: 'certificate', about: 'cmdCertificate', load: () => import('./commands/certificate.js') },
  { name: 'completion', about: 'cmdCompletion', load: () => import('./commands/completion.js') },
  { name: 'db', about: 'cmdDb', load: () => import('./commands/db/index.js') },
  { name: 'filed', about: 'cmdFiled', load: () => import('./commands/filed/index.js') },
  { name: 'mappings', about: 'cmdMappings', load: () => import('./commands/mappings/index.js') },
  { name: 'mentor', about: 'cmdMentor', load: () => import('./commands/mentor/index.js') },
  { name: 'alias', about: 'cmdAlias', load: () => import('./commands/alias/index.js') },
  { name: 'config', about: 'cmdConfig', load: () => import('./commands/config/index.js') },
  { name: 'bundle', about: 'cmdBundle', load: () => import('./commands/bundle.js') },
  { name: 'rollup', about: 'cmdRollup', load: () => import('./commands/rollup.js') },
  { name: 'demo', about: 'cmdDemo', load: () => import('./commands/demo.js') },
];

type Declare = (cli: Cli) => AnyCommand;

const PROGRAM_EXAMPLES = {
  zh: [
    'peixun import trainees 花名册.csv',
    'peixun import classes 培训班.csv',
    'peixun import attendance 签到表.csv',
    'peixun report quarterly 2023Q3 --by unit --level subdistrict',
    'peixun demo',
  ],
  en: [
    'peixun import trainees roster.csv',
    'peixun import classes classes.csv',
    'peixun import attendance signin.csv',
    'peixun report quarterly 2023Q3 --by unit --level subdistrict',
    'peixun demo',
  ],
};

export async function main(argv: readonly string[], given: Io = processIo()): Promise<number> {
  const io = visibleControls(given);
  const lang = langOfCommandLine(argv, io.env) ?? 'en';
  const t = translator(lang);
  const invocation: Invocation = { io, argv };
  // What is typed is stored or matched as typed: a control character or one that prints as nothing (pasted with a
  // name from a chat) would make a name no one can type again, or a setting that commands the terminal.
  const unprintable = argv.slice(2).find((word) => visibleText(word) !== word);
  if (unprintable !== undefined) {
    const { colorErr } = colours(io, false);
    io.stderr.write(
      `${colorErr.red(t('errorPrefix'))}${t('argumentUnprintable', { argument: visibleText(unprintable) })}\n`,
    );
    return EXIT.usage;
  }
  const requested = requestedCommand(argv);
  let program: AnyCommand | undefined;
  try {
    program = await buildProgram(
      lang,
      invocation,
      (name) => name === requested || requested === 'completion',
    );
    await program.parseAsync(helpAsOption(argv, program));
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, t, io, invocation.active ?? program);
  }
}

/**
 * The program with every command named, but only those `load` picks declared in full: the others are their
 * name and description, enough for `peixun --help` and "did you mean", and quick to start.
 */
export async function buildProgram(
  lang: Lang,
  invocation: Invocation,
  load: (name: string) => boolean,
): Promise<AnyCommand> {
  const t = translator(lang);
  const cli = createCli(lang, invocation, () => buildProgram(lang, invocation, () => true));
  const program = new Command('peixun')
    .description(t('programDescription'))
    .version(PEIXUN_VERSION, '-V, --version', t('optVersion'))
    .option('--db <path>', t('optDb'))
    .addOption(new Option('--lang <lang>', t('optLang')).choices(LANGS))
    .option('--no-color', t('optNoColor'))
    .addHelpText('after', examplesText(lang, PROGRAM_EXAMPLES));
  for (const { name, about, load: declare } of COMMANDS) {
    program.addCommand(
      load(name) ? (await declare()).default(cli) : new Command(name).description(t.dynamic(about)),
    );
  }
  // Settings every command shares, from the program down: help in the chosen language, errors as exceptions
  // (main turns them into exit codes), output to the given streams, and which command is being parsed.
  const settle = (command: AnyCommand) => {
    command
      .helpOption('-h, --help', t('optHelp'))
      .showHelpAfterError(t('helpAfterError'))
      .configureOutput({
        writeOut: (text) => invocation.io.stdout.write(text),
        writeErr: (text) => invocation.io.stderr.write(text),
        // Wrapped to the width of the terminal written to (the given streams', not the process's).
        getOutHelpWidth: () =>
          (invocation.io.stdout.isTTY ? invocation.io.stdout.columns : undefined) ?? PLAIN_WIDTH,
        outputError: (text, write) => write(commanderErrorIn(t, text, invocation.active ?? command)),
      })
      .configureHelp(helpIn(t))
      .exitOverride();
    if (command.commands.length > 0) {
      command.helpCommand('help [command]', t('optHelp'));
      command.hook('preSubcommand', (_parent, sub) => {
        invocation.active = sub as AnyCommand;
      });
    }
    for (const sub of command.commands) settle(sub as AnyCommand);
  };
  settle(program);
  return program;
}

/**
 * `peixun help report quarterly` is `peixun report quarterly --help`: commander's own help command looks one
 * level down only. A word that names no command (`peixun help repot`, `peixun repot --help`) is parsed as typed
 * without the help, so that commander says it is unknown, with its suggestion and exit 2, instead of showing the
 * help of the command above it with exit 0.
 */
function helpAsOption(argv: readonly string[], program: AnyCommand): string[] {
  const words = argv.slice(2);
  const at = words.findIndex(
    (word, index) => !word.startsWith('-') && !['--db', '--lang'].includes(words[index - 1] ?? ''),
  );
  if (at < 0) return [...argv];
  if (words[at] === 'help' && at < words.length - 1) {
    const asked = [...words.slice(0, at), ...words.slice(at + 1)];
    return namesUnknownCommand(words.slice(at + 1), program)
      ? [...argv.slice(0, 2), ...asked]
      : [...argv.slice(0, 2), ...asked, '--help'];
  }
  const helpFlags = ['-h', '--help'];
  if (words.some((word) => helpFlags.includes(word)) && namesUnknownCommand(words.slice(at), program))
    return [...argv.slice(0, 2), ...words.filter((word) => !helpFlags.includes(word))];
  return [...argv];
}

/** Whether the command words, read down from the program, reach a word that names none of a command's own. */
function namesUnknownCommand(words: readonly string[], program: AnyCommand): boolean {
  let command = program;
  for (const word of words) {
    // Past a command without subcommands the words are its arguments (`help report quarterly 2023Q3`).
    if (command.commands.length === 0 || command.registeredArguments.length > 0 || word.startsWith('-'))
      return false;
    const sub = command.commands.find(
      (candidate) => candidate.name() === word || candidate.aliases().includes(word),
    );
    if (!sub) return true;
    command = sub as AnyCommand;
  }
  return false;
}

/** The command word typed (`trainee` in `peixun --db x.db trainee list`), skipping global options' values. */
function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2);
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    if (word === '--db' || word === '--lang') index++;
    else if (word === '--') return words[index + 1];
    else if (!word.startsWith('-') && word !== 'help') return word;
  }
  return undefined;
}

/**
 * Nothing peixun prints may drive the terminal: control characters that came with data (an ESC sequence that
 * hides or erases, OSC 52 that writes the clipboard, a carriage return that overwrites a line) are shown as
 * visible codes. What passes is peixun's own: the colours it paints with, CR LF ending CSV lines, and the
 * progress line's return-and-erase at the start of a write to stderr. Data is escaped where it is put into words
 * too (say, tables); this is the last guard.
 */
function visibleControls(io: Io): Io {
  const visible = (text: string) =>
    // A match longer than one character is a whole sequence of our own.
    text.replace(PRINTED_CONTROLS, (match) =>
      match.length > 1 ? match : `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  const wrap = <S extends { write(text: string): unknown; isTTY?: boolean; columns?: number }>(
    stream: S,
    progressLine: boolean,
  ) => ({
    isTTY: stream.isTTY,
    // Read when asked: a terminal's width changes as its window does.
    get columns() {
      return stream.columns;
    },
    write: (text: string | Uint8Array) => {
      if (typeof text !== 'string') return stream.write(text as unknown as string);
      if (progressLine && text.startsWith(ERASE_LINE))
        return stream.write(ERASE_LINE + visible(text.slice(ERASE_LINE.length)));
      return stream.write(visible(text));
    },
  });
  const page = io.page;
  return {
    ...io,
    stdout: wrap(io.stdout, false),
    stderr: wrap(io.stderr, true),
    page: page && ((text: string) => page(visible(text))),
  };
}

/** The progress line's return and erase (progress.ts): passed only as the start of a write to stderr. */
const ERASE_LINE = '\r\u001b[2K';

// The colours chalk paints peixun's text with (bold, red, green, yellow and their ends) whole, CR LF, or any other
// control character but tab and line feed.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const PRINTED_CONTROLS = /\u001b\[(?:1|22|31|32|33|39)m|\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function reportFailure(error: unknown, t: Translator, io: Io, command: AnyCommand | undefined): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT.ok;
    // commander has already printed "error: …" and the command's usage hint.
    return EXIT.usage;
  }
  const { colorErr } = colours(io, false);
  // The prefix in red, the message wrapped between words on a terminal.
  const sayError = (message: string) => {
    const prefix = t('errorPrefix');
    const [first = '', ...rest] = stderrLines(io, prefix + message);
    io.stderr.write(`${colorErr.red(prefix)}${first.slice(prefix.length)}\n`);
    for (const line of rest) io.stderr.write(`${line}\n`);
  };
  if (error instanceof UsageError) {
    sayError(error.message);
    if (command)
      io.stderr.write(`${t('usageHint', { usage: `${commandPath(command)} ${command.usage()}` })}\n`);
    return EXIT.usage;
  }
  // inquirer's answer to Ctrl-C (exit) or Ctrl-D (our abort) at a prompt: the person stopped; nothing was written.
  if (isPromptExit(error)) {
    io.stderr.write(`${t('promptCancelled')}\n`);
    return EXIT.cancelled;
  }
  if (error instanceof PeixunError) {
    sayError(say(t, error.problem));
    for (const detail of error.details) io.stderr.write(`  ${say(t, detail)}\n`);
    return EXIT.failure;
  }
  // A defect in peixun, not the user's doing: say so, with enough to report it.
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(
    `${t('internalError')}\n${io.env.PEIXUN_DEBUG ? message : ((error as Error)?.message ?? message)}\n`,
  );
  return EXIT.internal;
}

function commandPath(command: AnyCommand): string {
  const names: string[] = [];
  for (let current: AnyCommand | null = command; current; current = current.parent as AnyCommand | null)
    names.unshift(current.name());
  return names.join(' ');
}
