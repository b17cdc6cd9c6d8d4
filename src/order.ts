/**
 * The order people read Chinese lists in: pinyin, as a Chinese-locale collator sorts. One collator for the whole
 * process: `localeCompare(…, 'zh-CN')` looks the locale up again on every call, seconds over 100,000 names.
 */
const collator = new Intl.Collator('zh-CN');

export const chineseOrder: (a: string, b: string) => number = collator.compare;

/** Rosters and listings: by unit path, then by name. */
export const byUnitThenName = (a: { unit: string; name: string }, b: { unit: string; name: string }) =>
  chineseOrder(a.unit, b.unit) || chineseOrder(a.name, b.name);
