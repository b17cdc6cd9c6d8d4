/**
 * ID numbers and phones as peixun shows them without `--reveal`: masked, in every table, message, prompt and file
 * but the records a person exports to import again. The ground floor: imports nothing of peixun.
 */

/** `310113********123X`: enough to tell people apart in a list, not enough to identify anyone. */
export function maskIdNumber(idNumber: string | null): string {
  if (!idNumber) return '';
  // Too short to hide a middle: all of it hidden.
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/**
 * `138****5678`, `021-****5678`. A number of fewer than 11 digits (a refused `1391234`, a landline without its
 * area code) keeps none: its first three and last four would be nearly all of it.
 */
export function maskPhone(phone: string | null): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 11) return phone.replace(/\d/g, '*');
  let index = 0;
  return phone.replace(/\d/g, (digit) => {
    const position = index++;
    return position < 3 || position >= digits.length - 4 ? digit : '*';
  });
}

/**
 * Runs of 11 or more digits (an ID number with or without its X, a mobile, a landline with its area code, a
 * truncated ID number) standing alone in free text: a typed query, a refused cell, a command line kept with a
 * filed report. Shorter numbers (dates, counts, hours) are left: they identify no one.
 */
const PERSONAL_NUMBER = /(?<![0-9A-Za-z])\d{11,20}[Xx]?(?![0-9A-Za-z])/g;

/** Masks every ID number and phone written in free text. */
export function maskPersonalNumbers(text: string): string {
  return text.replace(PERSONAL_NUMBER, (run) =>
    run.length >= 15 ? maskIdNumber(run.toUpperCase()) : maskPhone(run),
  );
}
