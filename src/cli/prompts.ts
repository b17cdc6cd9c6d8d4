/**
 * Questions at the terminal, through inquirer, loaded only when a question is asked. Commands ask through this
 * interface, so tests drive the same inquirer prompts through streams of their own.
 */
import { styleText } from 'node:util';
import { visibleText } from '../domain/text.js';
import { UsageError } from '../errors.js';
import { say, type MessageKey, type Translator } from '../i18n/index.js';
import { cleanText, type Parsed } from '../import/normalise.js';
import type { CommandContext, Io } from './context.js';
import { isPromptExit, type Choice, type Prompter } from './prompter.js';

export type { Choice, Prompter };

const CTRL_D = '\u0004';

type PromptContext = {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  signal: AbortSignal;
};

/** Streams for one question; the terminal's own when not given. */
export type PromptStreams = () => { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };

/**
 * One question on its streams, with a signal that Ctrl-D gives: inquirer stops at Ctrl-C, but at Ctrl-D its line
 * reader closes and the question waits for ever. A person who presses either means to stop.
 */
async function stoppable<T>(
  streams: PromptStreams | undefined,
  ask: (context: PromptContext) => Promise<T>,
): Promise<T> {
  const given = streams?.();
  const input = given?.input ?? process.stdin;
  const controller = new AbortController();
  const onData = (chunk: Buffer | string) => {
    if (String(chunk).includes(CTRL_D)) controller.abort();
  };
  input.on('data', onData);
  try {
    return await ask({ ...given, signal: controller.signal });
  } finally {
    input.removeListener('data', onData);
  }
}

export async function inquirerPrompter(streams?: PromptStreams, t?: Translator): Promise<Prompter> {
  const { createPromptModule } = await import('inquirer');
  const question = <T>(ask: (context: PromptContext) => Promise<T>) => stoppable(streams, ask);
  const theme = t ? promptTheme(t) : undefined;
  // A module per question: inquirer ends a prompt by closing its streams, which on anything but the
  // process's own terminal leaves them unusable for the next one.
  const ask = <T>(asked: Record<string, unknown>): Promise<T> =>
    question(async (context) => {
      const answer = await createPromptModule(context)([{ name: 'value', theme, ...asked } as never]);
      return (answer as { value: T }).value;
    });
  return {
    select: (message, choices, defaultValue) =>
      ask({ type: 'select', message, choices, default: defaultValue }),
    checkbox: async (message, choices, matches, onWalkIn) => {
      const { checklist } = await import('./checklist.js');
      // Ctrl-C with ticks made asks once before they go: a slip of the finger at the door costs a whole class's
      // ticks. Kept, the list opens again as it was.
      const initial = choices.map((choice) => Boolean(choice.checked));
      let ticked: readonly boolean[] = initial;
      for (;;) {
        try {
          return await question((context) =>
            checklist(
              {
                message,
                choices: choices.map((choice, index) => ({ ...choice, checked: ticked[index] })),
                matches,
                pageSize: 20,
                theme,
                onChange: (now) => (ticked = now),
                ...(onWalkIn ? { onWalkIn } : {}),
              },
              context,
            ),
          );
        } catch (stopped) {
          const changes = ticked.filter((value, index) => value !== initial[index]).length;
          if (changes === 0 || !isPromptExit(stopped)) throw stopped;
          const discard = await ask<boolean>({
            type: 'confirm',
            message: t?.('askDiscardTicks', { count: changes }) ?? `Discard ${changes} ticks?`,
            default: false,
          });
          if (discard) throw stopped;
        }
      }
    },
    confirm: async (message, defaultValue = false) =>
      Boolean(await ask({ type: 'confirm', message, default: defaultValue })),
    input: async (message, validate, defaultValue) =>
      String(
        await ask({
          type: 'input',
          message,
          // As on the command line: nothing typed is kept with a character a reader cannot see.
          validate: (value: string) =>
            visibleText(value) === value ? validate(value) : (t?.('typedUnprintable') ?? 'unprintable'),
          default: defaultValue,
        }),
      ),
    secret: async (message) => String(await ask({ type: 'password', message, mask: false })),
    search: (message, choices) =>
      ask({
        type: 'search',
        message,
        pageSize: 12,
        source: (term: string | undefined) =>
          choices.filter((choice) => !term || choice.name.toLowerCase().includes(term.toLowerCase())),
      }),
  };
}

/** Prompts appear only when both stdin and stdout are a terminal (cli.md). */
export function canPrompt(io: Io): boolean {
  return io.stdinIsTTY && Boolean(io.stdout.isTTY);
}

/** The prompter for this command, or undefined where nothing may wait for input. */
export async function prompterFor(context: CommandContext): Promise<Prompter | undefined> {
  if (context.prompter) return context.prompter;
  return canPrompt(context.io) ? inquirerPrompter(undefined, context.t) : undefined;
}

/** A destructive command goes ahead with --yes, or a yes at the terminal; without either, it is a usage error. */
export async function confirmed(
  context: CommandContext,
  yes: boolean | undefined,
  question: string,
): Promise<boolean> {
  if (yes) return true;
  const prompter = await prompterFor(context);
  if (!prompter) throw new UsageError(context.t('needsYes'));
  return prompter.confirm(question);
}

/** For a prompt: validates as you type with a cell rule, saying what is wrong; empty is allowed. */
export function validateWith<T>(
  t: Translator,
  parse: (text: string) => Parsed<T>,
): (value: string) => true | string {
  return (value) => {
    if (cleanText(value) === '') return true;
    const parsed = parse(value);
    return parsed.ok ? true : say(t, parsed.problem);
  };
}

/** The key hints under a list (`↑↓ navigate • ⏎ select`) and Yes/No, in the person's language. */
function promptTheme(t: Translator) {
  const KEYS: Record<string, MessageKey> = {
    space: 'promptKey.space',
    navigate: 'promptAction.navigate',
    select: 'promptAction.select',
    tick: 'promptAction.tick',
    all: 'promptAction.all',
    invert: 'promptAction.invert',
    submit: 'promptAction.submit',
    walkIn: 'promptAction.walkIn',
  };
  const said = (word: string) => {
    const key = KEYS[word];
    return key ? t.dynamic(key) : word;
  };
  return {
    style: {
      keysHelpTip: (keys: [string, string][]) =>
        keys.map(([key, action]) => `${said(key)} ${said(action)}`).join(' • '),
      // After a checklist: how many were ticked, not every name again (a class of 55 fills the screen).
      renderSelectedChoices: (selected: readonly unknown[], all: readonly unknown[]) =>
        t('promptTicked', { count: selected.length, of: all.length }),
      // The search prompt's one fixed English line, when nothing matches what was typed.
      error: (text: string) =>
        styleText('red', `> ${text === 'No results found' ? t('promptNothingMatches') : text}`),
    },
    noMatch: t('promptNoMatch'),
    walkInHint: t('promptWalkInHint'),
    walkIns: (names: readonly string[]) => t('promptWalkIns', { names: names.join(t('listSeparator')) }),
    filterHint: t('promptFilterHint'),
    keywords: {
      yes: t('promptYes'),
      no: t('promptNo'),
      error: () => t('promptYesOrNo'),
    },
  };
}
