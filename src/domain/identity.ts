/**
 * The resident ID number (GB 11643-1999) and the phone: what an ID number says of its holder, and how both are shown
 * without `--reveal`: masked, in every table, message, prompt and file but the records a person exports to import
 * again. The ground floor: imports nothing of peixun but the floor itself.
 */
import { isValidIsoDate } from './dates.js';

// GB 11643-1999: weighted sum of the first 17 digits mod 11 picks the check character.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** Digits 7–14 of an ID number (its format checked) are a real date from 1900 on. */
export function hasBirthDate(idNumber: string): boolean {
  const birth = idNumber.slice(6, 14);
  return (
    isValidIsoDate(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`) &&
    Number(birth.slice(0, 4)) >= 1900
  );
}

/**
 * An ID number valid as it stands: 17 digits, its check character (a capital X), its birth
 * date. Nearly every ID cell of a large file is one, and needs none of the cleaning the rest get; anything else
 * goes the long way, which gives the same answer for these and the reasons for the rest.
 */
export function isValidIdNumber(text: string): boolean {
  if (text.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    sum += digit * (ID_WEIGHTS[i] ?? 0);
  }
  return text[17] === ID_CHECK[sum % 11] && hasBirthDate(text);
}

export function birthDateFromId(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** The 17th character is odd for men, even for women. */
export function genderFromId(idNumber: string): Gender {
  return Number(idNumber[16]) % 2 === 1 ? '男' : '女';
}

export type Gender = '男' | '女';

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
