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

/** The language of a command line, read before commander runs, so help and errors come in the right language. */
export function langOfCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Lang | undefined {
  let option: string | undefined;
  for (let index = 0; index < argv.length && option === undefined; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--lang') option = argv[index + 1];
    else if (arg.startsWith('--lang=')) option = arg.slice('--lang='.length);
  }
  return resolveLang(option, env);
}

export function isLang(value: string): value is Lang {
  return value === 'zh' || value === 'en';
}
