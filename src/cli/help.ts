/**
 * commander in the person's language: the headings and choices of its help, and its own errors (unknown
 * command, missing argument, a value not among the choices), which it writes before peixun sees them.
 */
import type { HelpConfiguration } from '@commander-js/extra-typings';
import type { MessageKey, Translator } from '../i18n/index.js';
import type { AnyCommand } from './command.js';
import { displayWidth, wrapText } from '../report/grid.js';

const HEADINGS: Record<string, MessageKey> = {
  'Usage:': 'helpUsage',
  'Options:': 'helpOptions',
  'Commands:': 'helpCommands',
  'Arguments:': 'helpArguments',
  'Global Options:': 'helpGlobalOptions',
};

/** Help with translated headings, and choices listed as `a | b` in the reader's language. */
export function helpIn(t: Translator): HelpConfiguration {
  const withChoices = (description: string, choices: readonly string[] | undefined) =>
    choices ? `${description}${t('helpChoices', { choices: choices.join(' | ') })}` : description;
  return {
    // Chinese characters are two columns wide, and Chinese text has no spaces to break at: commander counts
    // characters and breaks at spaces only, so a Chinese description ran far past the terminal's edge.
    displayWidth: (text) => displayWidth(text),
    boxWrap(text, width) {
      return width < (this.minWidthToWrap ?? 40) ? text : wrapText(text, width).join('\n');
    },
    styleTitle: (title) => {
      const key = HEADINGS[title];
      return key ? t.dynamic(key) : title;
    },
    optionDescription: (option) => withChoices(option.description, option.argChoices),
    argumentDescription: (argument) => withChoices(argument.description, argument.argChoices),
  };
}

/** commander's own error lines, each as one of ours; anything it may add later passes as it is. */
const ERRORS: {
  pattern: RegExp;
  say: (t: Translator, match: RegExpMatchArray, argument: (name: string) => string) => string;
}[] = [
  {
    pattern: /^unknown command '(.*?)'/,
    say: (t, [, name = '']) => t('cliUnknownCommand', { name }),
  },
  {
    pattern: /^unknown option '(.*?)'/,
    say: (t, [, name = '']) => t('cliUnknownOption', { name }),
  },
  {
    pattern: /^missing required argument '(.*?)'/,
    say: (t, [, name = ''], argument) => t('cliMissingArgument', { label: argument(name) }),
  },
  {
    pattern: /^option '(.*?)' argument missing/,
    say: (t, [, option = '']) => t('cliOptionMissingValue', { option: option.split(/[ ,]/)[0] ?? option }),
  },
  {
    pattern: /^too many arguments(?: for '.*?')?\. Expected (\d+) arguments? but got (\d+)\./,
    say: (t, [, expected = '', received = '']) => t('cliTooManyArguments', { expected, received }),
  },
  {
    pattern: /^option '(.*?)' argument '(.*?)' is invalid\. Allowed choices are (.*)\./,
    say: (t, [, option = '', value = '', choices = '']) =>
      t('cliNotAChoice', {
        what: option.split(/[ ,]/)[0] ?? option,
        value,
        choices: choices.split(', ').join(' | '),
      }),
  },
  {
    pattern: /^option '(.*?)' cannot be used with option '(.*?)'/,
    say: (t, [, first = '', second = '']) =>
      t('cliOptionsConflict', {
        first: first.split(/[ ,]/)[0] ?? first,
        second: second.split(/[ ,]/)[0] ?? second,
      }),
  },
  {
    pattern: /^command-argument value '(.*?)' is invalid for argument '(.*?)'\. Allowed choices are (.*)\./,
    say: (t, [, value = '', what = '', choices = ''], argument) =>
      t('cliNotAChoice', { what: argument(what), value, choices: choices.split(', ').join(' | ') }),
  },
];

const SUGGESTION = /\n\(Did you mean (?:one of )?(.*)\?\)/;

/** commander's `error: …` text (with its "Did you mean" line) said in the person's language. */
export function commanderErrorIn(t: Translator, text: string, command?: AnyCommand): string {
  // An argument by what its help calls it (导入类别, 方案名称), not by its name in the usage line (kind, name).
  const argument = (name: string) => {
    const description = command?.registeredArguments.find(
      (declared) => declared.name() === name,
    )?.description;
    return description ? (description.split(/[，（,(]/)[0] ?? description).trim() : name;
  };
  const body = text.replace(/^error: /, '').replace(/\n$/, '');
  const suggestion = SUGGESTION.exec(body);
  const first = body.replace(SUGGESTION, '');
  const known = ERRORS.map(({ pattern, say }) => {
    const match = pattern.exec(first);
    return match ? say(t, match, argument) : undefined;
  }).find((said) => said !== undefined);
  const lines = [`${t('errorPrefix')}${known ?? first}`];
  if (suggestion) lines.push(t('cliDidYouMean', { names: suggestion[1] ?? '' }));
  return `${lines.join('\n')}\n`;
}
