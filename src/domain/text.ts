/**
 * Text from outside (a file's cell, a bundle's name, a setting) as peixun keeps and shows it. Characters a reader
 * cannot see make two names that print alike two people (王芳 and 王\u200b芳), and control characters from a file
 * reach the terminal as commands (an `ESC[8m` in a header hides everything after it). The ground floor: imports
 * nothing of peixun.
 */

/**
 * Characters that print as nothing or reorder what follows: zero-width spaces and joiners, the word joiner, the soft
 * hyphen, the byte-order mark, and the bidirectional controls (U+202A–202E, U+2066–2069).
 */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
const HAS_INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/**
 * Text that NFKC, trimming and the space rules leave as it is: visible ASCII and the common CJK ideographs, no
 * space, so nothing that prints as nothing and no control character. Most cells of a large file (codes, dates, ID
 * numbers, names, 出勤) are such, and skip the work.
 */
export const PLAIN_TEXT = /^[\x21-\x7e\u4e00-\u9fff]*$/;

/**
 * Every cell of a row is plain text and none starts with the apostrophe a spreadsheet-safe export puts before
 * `=`: the cell rules would give each back as it is. Worked out where the file is parsed (the parsing worker), so
 * the thread that checks and writes a million rows skips them.
 */
export function isPlainRow(cells: readonly unknown[]): boolean {
  for (const cell of cells) {
    if (typeof cell !== 'string' || cell.charCodeAt(0) === 0x27 || !PLAIN_TEXT.test(cell)) return false;
  }
  return true;
}

/** The text without its invisible characters: what names, units and codes are matched on. */
export function withoutInvisible(text: string): string {
  return HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
}

/** The first invisible character in the text, as `U+200B`, or undefined: such text is refused for keeping. */
export function invisibleIn(text: string): string | undefined {
  const found = HAS_INVISIBLE.exec(text)?.[0];
  return found === undefined ? undefined : codePoint(found);
}

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const SHOWN_ESCAPED =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/**
 * Text from outside as a terminal may show it: every control character (ESC, CR, line breaks), and every invisible
 * one, written out as `\u001b`, so that a file's bytes can neither command the terminal nor hide in a name.
 */
export function visibleText(text: string): string {
  return text.replace(
    SHOWN_ESCAPED,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

const SHOWN_ESCAPED_BUT_LINES =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** {@link visibleText} for text of several lines (a table's cell, a note): its line breaks kept. */
export function visibleLines(text: string): string {
  // Nearly every cell holds nothing to escape: tested once, rather than split and joined.
  if (!SHOWN_ESCAPED_BUT_LINES.test(text)) return text;
  return text.split('\n').map(visibleText).join('\n');
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed the limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
