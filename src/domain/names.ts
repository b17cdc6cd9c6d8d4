/**
 * One rule for matching what people name: a person, a unit, a teacher, a venue (and one for codes, below). Names are stored as written and
 * matched on their key: NFKC (full-width to half-width), no spaces, no invisible characters, and no dot between
 * the parts of a name (阿不都·热合曼, typed with any of the dots keyboards offer, or none).
 */
import { withoutInvisible } from './text.js';

export function nameKey(name: string): string {
  // Printable ASCII but space and full stop, and the unified ideographs, are their own form: most names, at a
  // tenth the cost.
  if (PLAIN_NAME.test(name)) return name;
  return withoutInvisible(name).normalize('NFKC').replace(NAME_SEPARATORS, '');
}

/**
 * A code as people type it (a class's, a course's, a plan's), matched on one form: NFKC (full-width `ＰＸ２０２３`
 * is `PX2023`) in capitals of every script (`é1` is `É1`, as `k1` is `K1`). Every lookup of a code, in an import
 * or a command, folds with this.
 */
export function codeKey(code: string): string {
  return withoutInvisible(code).normalize('NFKC').toUpperCase();
}

/** The characters that are their own name form: printable ASCII but space and full stop, the unified ideographs. */
const PLAIN_NAME_RANGES: readonly (readonly [number, number])[] = [
  [0x21, 0x2d],
  [0x2f, 0x7e],
  [0x4e00, 0x9fff],
];
const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
const PLAIN_NAME = new RegExp(
  `^[${PLAIN_NAME_RANGES.map(([from, to]) => hex(from) + '-' + hex(to)).join('')}]*$`,
);

/**
 * For SQLite: a GLOB pattern of the names holding a character outside those, the only names whose match form may
 * not be the name itself (the same ranges as `nameKey`'s shortcut, so a register finds them without reading
 * everyone's name into JavaScript).
 */
export const NOT_PLAIN_NAME_GLOB = `*[^${PLAIN_NAME_RANGES.map(
  ([from, to]) => `${String.fromCodePoint(from)}-${String.fromCodePoint(to)}`,
).join('')}]*`;
/** Spaces, and the dots written between the parts of a name: · • ・ ‧ ∙ ⋅ and the full stop (NFKC's ．). */
const NAME_SEPARATORS = /[\s.\u00b7\u2022\u2027\u2219\u22c5\u30fb]+/g;

/**
 * A class's name as a title may write it otherwise, for finding the class a sheet's title names when its name is
 * not there as written: NFKC, without spaces, brackets and punctuation, and numbers in Chinese numerals as digits
 * (（第三期） → 第3期, 第十一街道 → 第11街道, 二〇二三年 → 2023年). Both the title and the names are keyed alike.
 */
export function titleNameKey(text: string): string {
  return withoutInvisible(text)
    .normalize('NFKC')
    .replace(/[\s()[\]{}【】〔〕<>《》「」『』"'“”‘’,，、.。:：;；!！?？·•・\-—–_~～]/gu, '')
    .replace(/[零〇一二两三四五六七八九十百]+/gu, chineseNumber);
}

const CHINESE_DIGITS = '零一二三四五六七八九';

function digitOf(character: string): number {
  if (character === '〇') return 0;
  if (character === '两') return 2;
  return CHINESE_DIGITS.indexOf(character);
}

/** 十一 as 11, 二十三 as 23, 一百零五 as 105; 二〇二三 (digit by digit, no 十 or 百) as 2023. */
function chineseNumber(numerals: string): string {
  if (!/[十百]/u.test(numerals)) return [...numerals].map(digitOf).join('');
  let total = 0;
  let digit = 0;
  for (const character of numerals) {
    if (character === '十' || character === '百') {
      total += (digit || 1) * (character === '十' ? 10 : 100);
      digit = 0;
    } else digit = digitOf(character);
  }
  return String(total + digit);
}
