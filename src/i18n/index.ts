/**
 * Labels and messages in Chinese and English, one catalogue per area of the program (src/i18n/<lang>/<area>.ts).
 * The Chinese catalogue is the reference: English must have every key, and each message's `{placeholders}` are
 * the parameters its callers must give (checked by the compiler from the Chinese text).
 */
import { maskPersonalNumbers } from '../domain/identity.js';
import { visibleText } from '../domain/text.js';
import type { Lang } from './lang.js';
import { bundle as enBundle } from './en/bundle.js';
import { cli as enCli } from './en/cli.js';
import { db as enDb } from './en/db.js';
import { imports as enImport } from './en/import.js';
import { register as enRegister } from './en/register.js';
import { report as enReport } from './en/report.js';
import { bundle as zhBundle } from './zh/bundle.js';
import { cli as zhCli } from './zh/cli.js';
import { db as zhDb } from './zh/db.js';
import { imports as zhImport } from './zh/import.js';
import { register as zhRegister } from './zh/register.js';
import { report as zhReport } from './zh/report.js';

/** Each area's catalogue, for checking that no key is defined in two of them. */
export const AREAS = {
  zh: [zhCli, zhImport, zhRegister, zhReport, zhDb, zhBundle],
  en: [enCli, enImport, enRegister, enReport, enDb, enBundle],
} as const;

export { LANGS, isLang, langOfCommandLine, resolveLang, type Lang } from './lang.js';

const zh = { ...zhCli, ...zhImport, ...zhRegister, ...zhReport, ...zhDb, ...zhBundle };
type Catalogue = typeof zh;
const en: Record<MessageKey, string> = {
  ...enCli,
  ...enImport,
  ...enRegister,
  ...enReport,
  ...enDb,
  ...enBundle,
};

export type MessageKey = keyof Catalogue;

/**
 * A message as data: its catalogue code and parameters, which may themselves be messages. Code below the CLI
 * returns and throws these (errors.ts), never translated text.
 */
export interface Problem {
  code: MessageKey;
  params?: ProblemParams;
}
export type ProblemParams = { readonly [name: string]: string | number | Problem };
export type Params = Record<string, string | number>;

/** The `{names}` a message's text holds. */
type Placeholders<Text> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
/** A message's parameters: exactly its placeholders (none: no argument needed). */
export type ParamsOf<Key extends MessageKey> = [Placeholders<Catalogue[Key]>] extends [never]
  ? [params?: Params]
  : [params: Record<Placeholders<Catalogue[Key]>, string | number>];

/** A problem's parameters: its placeholders, each a value or a message of its own. */
export type ProblemParamsOf<Key extends MessageKey> = [Placeholders<Catalogue[Key]>] extends [never]
  ? [params?: Record<string, never>]
  : [params: Record<Placeholders<Catalogue[Key]>, string | number | Problem>];

export interface Translator {
  <Key extends MessageKey>(key: Key, ...params: ParamsOf<Key>): string;
  /** A key chosen at run time (a problem's code): its parameters are checked by the catalogue test instead. */
  dynamic(key: MessageKey, params?: Params): string;
}

const catalogues: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** Returns `t(key, params)` for one language; `{name}` in a message is replaced by `params.name`. */
export function translator(lang: Lang): Translator {
  const catalogue = catalogues[lang];
  // `{count:class|classes}`: the singular when the parameter is 1 (English); `{name}`: the parameter.
  const dynamic = (key: MessageKey, params?: Params) =>
    catalogue[key]
      .replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (whole, name: string, one: string, many: string) =>
        params && name in params ? (Number(params[name]) === 1 ? one : many) : whole,
      )
      .replace(/\{(\w+)\}/g, (whole, name: string) =>
        params && name in params ? String(params[name]) : whole,
      );
  return Object.assign(
    <Key extends MessageKey>(key: Key, ...params: ParamsOf<Key>) =>
      dynamic(key, params[0] as Params | undefined),
    { dynamic },
  );
}

/**
 * A problem in words: its parameters that are messages are said first. A text parameter is data (a cell, a header,
 * a file name, a typed query, a bundle's name): its control and invisible characters are shown escaped, never
 * passed to the terminal, and an ID number or phone in it masked (an ID number in a date column, typed for a
 * trainee not found).
 */
export function say(t: Translator, said: Problem | string): string {
  if (typeof said === 'string') return said;
  const params: Params = {};
  for (const [name, value] of Object.entries(said.params ?? {}))
    params[name] =
      typeof value === 'object' ? say(t, value) : typeof value === 'string' ? shownData(value) : value;
  return t.dynamic(said.code, params);
}

/** Text from a file, a setting or a person's typing as a message may show it. */
export function shownData(text: string): string {
  return visibleText(maskPersonalNumbers(text));
}

/** A problem as JSON carries it: the code and parameters for programs, the message for people. */
export interface ProblemJson {
  code: MessageKey;
  message: string;
  params: Record<string, string | number | ProblemJson>;
}

export function problemJson(t: Translator, said: Problem): ProblemJson {
  const params: ProblemJson['params'] = {};
  for (const [name, value] of Object.entries(said.params ?? {}))
    params[name] =
      typeof value === 'object'
        ? problemJson(t, value)
        : typeof value === 'string'
          ? maskPersonalNumbers(value)
          : value;
  return { code: said.code, message: say(t, said), params };
}

export const messageKeys = Object.keys(zh) as MessageKey[];
export const catalogueFor = (lang: Lang): Record<MessageKey, string> => catalogues[lang];
