/**
 * The order people read Chinese lists in: pinyin, as a Chinese-locale collator sorts. One collator for the whole
 * process, made when first needed (making it costs milliseconds every command would pay at start-up):
 * `localeCompare(…, 'zh-CN')` looks the locale up again on every call, seconds over 100,000 names.
 */
let collator: Intl.Collator | undefined;

export function chineseOrder(a: string, b: string): number {
  collator ??= new Intl.Collator('zh-CN');
  return collator.compare(a, b);
}

/** Rosters and listings: by unit path, then by name. */
export const byUnitThenName = (a: { unit: string; name: string }, b: { unit: string; name: string }) =>
  chineseOrder(a.unit, b.unit) || chineseOrder(a.name, b.name);
