/** Days as peixun writes them (`YYYY-MM-DD`): from a spreadsheet's date, from this machine's clock. */

/** `7` as `07`: months, days, hours and minutes as dates and clocks write them. */
export function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoDate(date: Date): string {
  // Spreadsheet dates carry no zone; readers build them at UTC midnight.
  return `${date.getUTCFullYear()}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

/** The day a clock reads on this machine, as the organiser sees it. */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digits of `text` from `from` to `to` as a number; -1 if any is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `YYYY-MM-DD` naming a day of the calendar (from year 100: Date.UTC reads 0–99 as 1900–1999). */
export function isValidIsoDate(iso: string): boolean {
  if (iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') return false;
  const year = digitsAt(iso, 0, 4);
  const month = digitsAt(iso, 5, 7);
  const day = digitsAt(iso, 8, 10);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}
