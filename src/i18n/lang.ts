/**
 * Which language a person reads, decided from the command line and the environment alone: kept apart from the
 * catalogues so that `peixun --help` can choose its language without loading every message.
 */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

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
