import { zh } from './zh.js';
import { en } from './en.js';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageKey = keyof typeof zh;
export type Params = Record<string, string | number>;
export type Translator = (key: MessageKey, params?: Params) => string;

const catalogues: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** Returns `t(key, params)` for one language; `{name}` in a message is replaced by `params.name`. */
export function translator(lang: Lang): Translator {
  const catalogue = catalogues[lang];
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/** `--lang`, else `$PEIXUN_LANG`, else Chinese when the locale is Chinese, else English. */
export function resolveLang(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Lang | undefined {
  const chosen = option ?? env.PEIXUN_LANG;
  if (chosen !== undefined) return isLang(chosen) ? chosen : undefined;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function isLang(value: string): value is Lang {
  return value === 'zh' || value === 'en';
}

export const messageKeys = Object.keys(zh) as MessageKey[];
export const catalogueFor = (lang: Lang): Record<MessageKey, string> => catalogues[lang];
