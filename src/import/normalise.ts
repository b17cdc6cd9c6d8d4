/**
 * Cell rules of formats.md: each function takes one raw cell and returns the stored value or a problem.
 * Pure functions, so each rule has its own one-line tests.
 */
import { dynamicProblem, type Problem, type ProblemParams } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import { SLOTS, type AttendanceStatus, type Slot } from '../domain/attendance.js';
import { isoDate, isValidIsoDate, twoDigits } from '../domain/dates.js';
import {
  hasBirthDate,
  idCheckCharacter,
  isValidIdNumber,
  maskIdNumber,
  maskPhone,
  type Gender,
} from '../domain/identity.js';
import { nameKey } from '../domain/names.js';
import { PLAIN_TEXT, withoutInvisible } from '../domain/text.js';
import { fromSpreadsheetSafe } from '../spreadsheet.js';

/** A cell as a reader hands it over: text from CSV; typed values from .xlsx. */
export type Cell = string | number | boolean | Date | null;

export type { Problem };
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: MessageKey, params?: ProblemParams): Parsed<never> => ({
  ok: false,
  problem: params === undefined ? { code } : { code, params },
});

const CJK = '\\p{Script=Han}';
const spaceBetweenCjk = new RegExp(`(?<=${CJK})\\s+(?=${CJK})`, 'gu');

/** NFKC (full-width → half-width), trimmed; spaces between CJK characters removed (`王  芳` → `王芳`). */
export function cleanText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string' && PLAIN_TEXT.test(cell)) return fromSpreadsheetSafe(cell);
  if (cell instanceof Date) return isoDate(cell);
  // Characters that print as nothing go first: kept, 王\u200b芳 would be a second 王芳 (the import says so).
  const text = fromSpreadsheetSafe(withoutInvisible(String(cell)).normalize('NFKC').trim());
  return text.replace(spaceBetweenCjk, '').replace(/\s+/g, ' ');
}

/** C0 and C1 control characters but tab and line breaks: in a stored name they would reach a terminal raw. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlCharacter(cell: Cell): boolean {
  return typeof cell === 'string' && CONTROL_CHARACTERS.test(cell);
}

/** A name as written (`轮训班（第一期）`): trimmed, runs of spaces made one, but not NFKC-normalised. */
export function writtenText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoDate(cell);
  return fromSpreadsheetSafe(withoutInvisible(String(cell)).trim()).replace(/\s+/g, ' ');
}

/** Header cells also lose every inner space and are case-folded, so `身份证 号码` and `ID_Number` match. */
export function headerKey(cell: Cell): string {
  return withoutInvisible(cleanText(cell)).replace(/\s+/g, '').toLowerCase().replace(QUESTION_NUMBER, '');
}

/** A form's question number before its header: `1、姓名`, `Q2.手机号码`, `3）所在单位` (formats.md, Form sign-ins). */
const QUESTION_NUMBER = /^q?\d{1,3}[、.:)）](?=\D)/;

const EXCEL_SCIENTIFIC = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;

/**
 * An 18-character resident ID number. Excel turns a long digit string into a number, which shows as
 * `3.10113E+17` or loses its last digits to zeros (`310113198205128000`); both get a message that says so.
 */
export function parseIdNumber(cell: Cell): Parsed<string> {
  if (typeof cell === 'string' && isValidIdNumber(cell)) return ok(cell);
  if (typeof cell === 'number') return fail('excelNumber');
  const text = withoutTextMark(cleanText(cell).replace(/\s+/g, '')).toUpperCase();
  if (EXCEL_SCIENTIFIC.test(text)) return fail('excelNumber');
  // Messages show a wrong number masked too: it is usually one digit away from a real person's.
  if (!/^\d{17}[\dX]$/.test(text)) return fail('idFormat', { value: maskIdNumber(text) });
  if (text[17] !== idCheckCharacter(text.slice(0, 17))) {
    if (text.endsWith('000')) return fail('excelNumber');
    return fail('idChecksum', { value: maskIdNumber(text) });
  }
  if (!hasBirthDate(text)) return fail('idBirthDate', { value: maskIdNumber(text) });
  return ok(text);
}

/**
 * What a word of a cell means, from a table of the words a rule accepts: the table's own entries only. A plain
 * object would also answer `constructor` or `__proto__` with what every object inherits, and a cell holding one
 * would pass its rule with a function for a value.
 */
export function wordIn<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

const GENDERS: Record<string, Gender> = {
  男: '男',
  男性: '男',
  m: '男',
  male: '男',
  女: '女',
  女性: '女',
  f: '女',
  female: '女',
};

export function parseGender(cell: Cell): Parsed<Gender> {
  const gender = wordIn(GENDERS, cleanText(cell).toLowerCase());
  return gender ? ok(gender) : fail('genderValue', { value: cleanText(cell) });
}

const MOBILE = /^(?:\+?86)?1\d{10}$/;
/** A landline with its area code: 0, two or three digits of area, seven or eight of number (021-56781234). */
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

/** Beijing's 010 and 020–029 are the area codes of three characters; the others have four (0571). */
const SHORT_AREA_CODE = /^0(?:10|2\d)/;

/**
 * A mainland mobile (11 digits starting with 1, optionally +86) or a landline with its area code, written with
 * spaces, `-` or brackets as people do; anything else (`1380000`, a word) is refused. Excel's scientific
 * notation is named as such. Stored in one form (`13800138000`, `021-56781234`), so that the same number
 * written otherwise by another office's file is no change.
 */
/**
 * A number written with the apostrophe that keeps a spreadsheet from turning it into a number (`'310113…`,
 * `'13800138000`), as systems export ID numbers and phones: the apostrophe is no part of it.
 */
function withoutTextMark(text: string): string {
  return /^'[\d+]/.test(text) ? text.slice(1) : text;
}

export function parsePhone(cell: Cell): Parsed<string> {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) return fail('excelNumber');
  const text = withoutTextMark(cleanText(cell));
  if (EXCEL_SCIENTIFIC.test(text)) return fail('excelNumber');
  const digits = text.replace(/[\s\-()]/g, '');
  if (!/^\+?[\d\- ()]{5,20}$/.test(text) || !(MOBILE.test(digits) || LANDLINE.test(digits))) {
    return fail('phoneFormat', { value: maskPhone(text) });
  }
  if (MOBILE.test(digits)) return ok(digits.slice(-11));
  const area = SHORT_AREA_CODE.test(digits) ? 3 : 4;
  return ok(`${digits.slice(0, area)}-${digits.slice(area)}`);
}

// Excel's 1900 date system counts 1900-02-29, which never was; serials from 61 on are one day ahead of a
// plain count from 1899-12-31, so they count from 1899-12-30.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/**
 * formats.md: a serial number counts as a date only between 1990-01-01 (32874) and 2100-12-31 (73415); any other
 * short number in a date column (`230705`, `0706`) is a typing slip, not a date.
 */
const MIN_EXCEL_SERIAL = 32_874;
const MAX_EXCEL_SERIAL = 73_415;

export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < MIN_EXCEL_SERIAL || serial > MAX_EXCEL_SERIAL) return undefined;
  return isoDate(new Date(EXCEL_EPOCH_MS + serial * DAY_MS));
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * A rule that reads nothing but its cell, each text worked out once: a sign-in sheet repeats a few dates, slots and
 * marks over thousands of rows. The results are shared, and never changed by those who get them.
 */
function onceForEachText<R>(rule: (cell: Cell) => R): (cell: Cell) => R {
  const seen = new Map<string, R>();
  // The text before, and what it gave: the next row's cell is most often the same.
  let lastText: string | undefined;
  let lastResult: R | undefined;
  return (cell) => {
    if (typeof cell !== 'string') return rule(cell);
    if (cell === lastText) return lastResult as R;
    let result = seen.get(cell);
    if (result === undefined && !seen.has(cell)) {
      // A column of a million different texts (names) would only fill memory: start again.
      if (seen.size >= 4096) seen.clear();
      result = rule(cell);
      seen.set(cell, result);
    }
    lastText = cell;
    lastResult = result;
    return result as R;
  };
}

/** `2023-07-05`, `2023/7/5`, `2023.7.5`, `2023年7月5日`, `20230705`, a date cell, or an Excel serial (`45112`). */
export const parseDate: (cell: Cell) => Parsed<string> = onceForEachText(parseDateCell);

/** Sunday first, as Date.getUTCDay counts; 天 is Sunday too (index 7, taken modulo 7). */
const WEEKDAYS = '日一二三四五六天';
const WEEKDAY = /[(（]?(?:周|星期|礼拜)([日一二三四五六天])[)）]?$/;
/** A 星期 column's cell: the same words, the 周 or 星期 before the day optional (`三`). */
const WEEKDAY_CELL = /^[(（]?(?:周|星期|礼拜)?([日一二三四五六天])[)）]?$/;

/**
 * A 星期 column beside a date (`周三`, `星期三`, `三`): the date's own day of the week, else a problem: a date typed
 * wrong whose weekday is right would put a session on another day without a word. Blank: nothing to check.
 */
export function weekdayOnDate(cell: Cell, iso: string): Problem | undefined {
  const text = cleanText(cell).replace(/\s+/g, '');
  if (text === '') return undefined;
  const written = WEEKDAY_CELL.exec(text)?.[1];
  if (written === undefined) return { code: 'weekdayValue', params: { value: text } };
  return wrongWeekday(iso, weekdayNumber(written), `${iso} ${text}`);
}

/** 三 as 3, 日 and 天 as 0: Sunday first, as Date.getUTCDay counts. */
function weekdayNumber(written: string): number {
  return WEEKDAYS.indexOf(written) % 7;
}

/**
 * The one rule of a written day of the week, wherever it stands (a date cell, a title, a 星期 column): the date's
 * own, else refused naming the date's (`value` as the person wrote it).
 */
function wrongWeekday(iso: string, weekday: number, value: string): Problem | undefined {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  if (day === weekday) return undefined;
  return {
    code: 'dateWeekday',
    params: { value, date: iso, weekday: dynamicProblem(`weekday.${day}` as MessageKey) },
  };
}

function parseDateCell(cell: Cell): Parsed<string> {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? fail('dateValue', { value: '' }) : ok(isoDate(cell));
  if (typeof cell === 'number') {
    const iso = excelSerialToIso(cell);
    return iso ? ok(iso) : fail('dateValue', { value: String(cell) });
  }
  const text = cleanText(cell).replace(/\s+/g, '');
  // A date with a time of day (`2023-07-05 09:00:00`) is still that date; one with its day of the week
  // (`2023年7月5日（周三）`) too, where that is its day.
  const weekday = WEEKDAY.exec(text);
  const dateOnly = text.slice(0, weekday?.index).replace(/[T ]?\d{1,2}:\d{2}(:\d{2})?$/, '');
  for (const form of DATE_FORMS) {
    const match = form.exec(dateOnly);
    if (!match) continue;
    const iso = `${match[1]}-${twoDigits(Number(match[2]))}-${twoDigits(Number(match[3]))}`;
    if (!isValidIsoDate(iso)) return fail('dateImpossible', { value: text });
    const wrong = weekday ? wrongWeekday(iso, weekdayNumber(weekday[1] ?? ''), text) : undefined;
    return wrong ? { ok: false, problem: wrong } : ok(iso);
  }
  if (/^[1-9]\d{4}$/.test(text)) {
    const iso = excelSerialToIso(Number(text));
    if (iso) return ok(iso);
  }
  return fail('dateValue', { value: text });
}

/**
 * A class's dates in one cell, as class lists write them (培训时间): a date, or two joined by 至, 到, ~, — or -,
 * the second without the year or the month the first gives (`2023.5.10-5.24`, `2023年6月1日至6月2日`,
 * `2023年6月1日-2日`). A range whose parts are no dates, or that ends before it starts, is refused.
 */
export const parseDateRange: (cell: Cell) => Parsed<{ start: string; end?: string }> = onceForEachText(
  (cell) => {
    const single = parseDate(cell);
    if (single.ok || typeof cell !== 'string') return single.ok ? ok({ start: single.value }) : single;
    const text = cleanText(cell).replace(/\s+/g, '');
    for (const joint of text.matchAll(/至|到|~|～|—|–|-+/gu)) {
      const start = parseDate(text.slice(0, joint.index));
      if (!start.ok) continue;
      const end = rangeEnd(text.slice(joint.index + joint[0].length), start.value);
      if (end === undefined) continue;
      if (!end.ok) return end;
      if (end.value < start.value) return fail('endBeforeStart', { end: end.value, start: start.value });
      return ok({ start: start.value, end: end.value });
    }
    return fail('dateRangeValue', { value: text });
  },
);

/** The end of a range: a whole date, or a month and day, or a day, in the start's year and month. */
function rangeEnd(text: string, start: string): Parsed<string> | undefined {
  const whole = parseDate(text);
  if (whole.ok) return whole;
  const [year, month] = start.split('-');
  const monthDay = /^(\d{1,2})(?:月|[./-])(\d{1,2})日?$/u.exec(text);
  const day = /^(\d{1,2})日?$/u.exec(text);
  const parts = monthDay ? [monthDay[1], monthDay[2]] : day ? [month, day[1]] : undefined;
  if (!parts) return undefined;
  const iso = `${year}-${twoDigits(Number(parts[0]))}-${twoDigits(Number(parts[1]))}`;
  return isValidIsoDate(iso) ? ok(iso) : fail('dateImpossible', { value: text });
}

/**
 * A date written in free text, such as a sign-in sheet's title `培训日期：2023年7月5日 上午`: the first whole date,
 * else a month and day without a year (`7月12日`), which takes its year from the class (`year` undefined).
 */
export interface TextDate {
  year?: number;
  month: number;
  day: number;
  /** The day of the week written after it (`（周三）`), Sunday 0, as Date.getUTCDay counts. */
  weekday?: number;
}

/** `（周三）`, `星期三`, `礼拜天` right after a date in free text. */
const WEEKDAY_AFTER = /^\s*[(（]?\s*(?:周|星期|礼拜)([日一二三四五六天])/u;

export function findDateInText(text: string): TextDate | undefined {
  const normalised = text.normalize('NFKC');
  const withWeekday = (date: TextDate, after: string): TextDate => {
    const weekday = WEEKDAY_AFTER.exec(after)?.[1];
    return weekday === undefined ? date : { ...date, weekday: weekdayNumber(weekday) };
  };
  const pattern = /(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[-/.](\d{1,2})[-/.](\d{1,2}))/gu;
  for (const match of normalised.matchAll(pattern)) {
    const date = {
      year: Number(match[1]),
      month: Number(match[2] ?? match[4]),
      day: Number(match[3] ?? match[5]),
    };
    if (isValidIsoDate(textDateIso(date, date.year)))
      return withWeekday(date, normalised.slice(match.index + match[0].length));
  }
  for (const match of normalised.matchAll(/(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/gu)) {
    const date = { month: Number(match[1]), day: Number(match[2]) };
    // A leap day is checked once the year is known.
    if (isValidIsoDate(textDateIso(date, 2024)))
      return withWeekday(date, normalised.slice(match.index + match[0].length));
  }
  return undefined;
}

/** A title's date whose written day of the week is not the date's: refused as in a 日期 cell (formats.md). */
export function weekdayProblem(date: TextDate, iso: string, written: string): Problem | undefined {
  if (date.weekday === undefined || !isValidIsoDate(iso)) return undefined;
  return wrongWeekday(iso, date.weekday, written);
}

/** The ISO form of a date found in text, in its own year or else the one given. */
export function textDateIso(date: TextDate, year: number): string {
  return `${date.year ?? year}-${twoDigits(date.month)}-${twoDigits(date.day)}`;
}

/** Hours: a decimal ≥ 0 and at most `max` (24 for a session, 2000 for a class). */
export function parseHours(cell: Cell, max: number): Parsed<number> {
  const text = typeof cell === 'number' ? String(cell) : cleanText(cell);
  if (!/^\d+(\.\d+)?$/.test(text)) return fail('hoursValue', { value: text });
  const hours = Number(text);
  if (hours > max) return fail('hoursTooMany', { value: text, max });
  return ok(hours);
}

const SLOT_ALIASES: Record<string, Slot> = {
  上午: '上午',
  上午场: '上午',
  早上: '上午',
  am: '上午',
  morning: '上午',
  下午: '下午',
  下午场: '下午',
  pm: '下午',
  afternoon: '下午',
  晚上: '晚上',
  晚上场: '晚上',
  晚场: '晚上',
  晚间: '晚上',
  evening: '晚上',
  night: '晚上',
};

/** The whole day: the day's one session, which has no slot (a day of 上午 and 下午 sessions asks which). */
const WHOLE_DAY = new Set(['全天', '整天', '全日', '一天', 'all day', 'full day']);

export const parseSlot: (cell: Cell) => Parsed<Slot> = onceForEachText((cell) => {
  const text = cleanText(cell);
  if (text === '' || WHOLE_DAY.has(text.toLowerCase())) return ok('');
  const slot = wordIn(SLOT_ALIASES, text.toLowerCase());
  return slot ? ok(slot) : fail('slotValue', { value: text });
});

/**
 * A sign-in sheet's 日期 cell: a date, or a month and day whose year is the class's (`5月10日`, as a title may
 * write it), either with the session's slot after it (`2023.5.10上午`, `5月10日 下午`). A month and day written
 * with dots (`5.10`) stays refused: a decimal as much as a date.
 */
export const parseSessionDay: (cell: Cell) => Parsed<{ date: string | TextDate; slot?: Slot }> =
  onceForEachText((cell) => {
    const whole = parseDate(cell);
    if (whole.ok) return ok({ date: whole.value });
    if (typeof cell !== 'string') return whole;
    const text = cleanText(cell).replace(/\s+/g, '');
    const slotWord = Object.keys(SLOT_ALIASES).find(
      (word) => /^[^a-z]+$/u.test(word) && text.endsWith(word) && text.length > word.length,
    );
    const slot = slotWord === undefined ? undefined : SLOT_ALIASES[slotWord];
    const dayText = slotWord === undefined ? text : text.slice(0, -slotWord.length);
    const day = slotWord === undefined ? whole : parseDate(dayText);
    if (day.ok) return ok({ date: day.value, ...(slot ? { slot } : {}) });
    const monthDay = /^(\d{1,2})月(\d{1,2})[日号]$/u.exec(dayText.replace(WEEKDAY, ''));
    if (!monthDay) return day.problem.code === 'dateValue' ? fail('dateValue', { value: text }) : day;
    const date: TextDate = { month: Number(monthDay[1]), day: Number(monthDay[2]) };
    if (!isValidIsoDate(textDateIso(date, 2000))) return fail('dateImpossible', { value: text });
    const weekday = WEEKDAY.exec(dayText)?.[1];
    return ok({
      date: weekday === undefined ? date : { ...date, weekday: weekdayNumber(weekday) },
      ...(slot ? { slot } : {}),
    });
  });

export function findSlotInText(text: string): Slot {
  return SLOTS.find((slot) => text.includes(slot)) ?? '';
}

const STATUS_WORDS: Record<AttendanceStatus, readonly string[]> = {
  // formats.md's words, then the marks and words offices type besides (✔ from Wingdings, v for a tick).
  present: [
    ...['出勤', '到', '已到', '签到', '已签到', '是', '√', '✓', 'y', 'yes', 'present', '1'],
    ...['✔', '☑', '✅', 'v', '出席', '到场', '参加', '已参加', '正常'],
  ],
  late: ['迟到', 'late'],
  left_early: ['早退', 'left early', 'left_early', 'early'],
  excused: ['请假', '事假', '病假', '公假', 'excused', 'leave'],
  absent: [
    ...['缺勤', '缺席', '未到', '旷课', '否', '×', '✗', 'n', 'no', 'absent', '0'],
    ...['✘', '❌', 'x', '缺', '未出席', '未参加'],
  ],
};
/** Read as well, not listed in a refusal, which the words above already make long: more ways to say the same. */
const STATUS_WORDS_TOO: Record<AttendanceStatus, readonly string[]> = {
  present: ['已签', '到会', '参会', '已参会', '实到'],
  late: [],
  left_early: ['中途离开', '中途离场'],
  excused: ['因公请假', '公出', '出差', '产假', '婚假', '丧假', '休假', '年假', '年休假', '调休', '探亲假'],
  absent: ['未签到', '未签', '未到会', '未参会', '缺课'],
};
/**
 * A status word with what offices write after it: `迟到10分钟`, `迟到 5 分`, `请假（病假）`, `病假(住院)`. The word
 * decides, and what follows only says more (the minutes late are not the sign-in time, which a 签到时间 column
 * gives); a bracket naming another status (`出勤（迟到）`) leaves the cell unread.
 */
const QUALIFIED_STATUS = /^(.+?)(?:\d+(?:\.\d+)?(?:分钟|分|小时|h|min)|\(([^()]*)\))$/u;

function qualifiedStatus(text: string): AttendanceStatus | undefined {
  const found = QUALIFIED_STATUS.exec(text.replace(/\s+/g, '').toLowerCase());
  const status = found ? STATUS_BY_WORD.get(found[1] ?? '') : undefined;
  const bracket = found?.[2] ?? '';
  const other = STATUS_PHRASES.some(([word, said]) => said !== status && bracket.includes(word));
  return other ? undefined : status;
}

const STATUS_BY_WORD = new Map<string, AttendanceStatus>(
  [STATUS_WORDS, STATUS_WORDS_TOO].flatMap((table) =>
    Object.entries(table).flatMap(([status, words]) =>
      words.map((word) => [word, status as AttendanceStatus] as const),
    ),
  ),
);
/** The status words of two characters or more, which a bracket's text may hold (`其实请假`). */
const STATUS_PHRASES = [...STATUS_BY_WORD].filter(([word]) => word.length > 1 && !/[A-Za-z]/.test(word));
/**
 * The words a refusal lists, status by status: the Chinese words and the marks. The English words are read too;
 * the English message names them itself, so a Chinese screen is not a mix of both.
 */
const LISTED_STATUS_WORDS = Object.values(STATUS_WORDS)
  .map((words) => words.filter((word) => !/[A-Za-z]/.test(word)).join(' '))
  .join(' / ');

/**
 * A cell that is a time of day, or a date and time, and nothing else: a moment by parseMoment's rules, so that a
 * date that does not exist (`2023/2/30 08:20`) is no sign-in, as it is no date in a 日期 column.
 */
function signInMoment(text: string): Parsed<WallMinutes> | undefined {
  return momentInText(text, ANY_DAY);
}

/** The day a time of day alone is read on when only whether it is a time matters. */
const ANY_DAY = '2000-01-01';

/** A sign-in cell that is blank or one of the status words, whoever's row it is on; undefined for any other. */
const statusWord = onceForEachText(
  (cell): Parsed<{ status: AttendanceStatus; blank: boolean }> | undefined => {
    const text = cleanText(cell);
    if (text === '') return ok({ status: 'absent', blank: true });
    const status = STATUS_BY_WORD.get(text.toLowerCase()) ?? qualifiedStatus(text);
    return status ? ok({ status, blank: false }) : undefined;
  },
);

/**
 * A mark and the time it was made, in either order (`√ 9:10`, `8:55 已签到`, the person's own name and the time):
 * the mark's status, the time the sign-in's (read from the cell as a time written alone is).
 */
function markWithTime(text: string, ownName: string): AttendanceStatus | undefined {
  const words = text.split(' ');
  if (words.length < 2) return undefined;
  const ends: [string, string][] = [
    [words[0] ?? '', words.slice(1).join(' ')],
    [words.at(-1) ?? '', words.slice(0, -1).join(' ')],
  ];
  for (const [word, rest] of ends) {
    const status =
      STATUS_BY_WORD.get(word.toLowerCase()) ??
      (ownName !== '' && nameKey(word) === nameKey(ownName) ? 'present' : undefined);
    if (status && signInMoment(rest)?.ok) return status;
  }
  return undefined;
}

/**
 * A sign-in cell. Blank is absent (an unsigned line on a sign-in sheet); the row's own name, typed as a
 * signature, is present, and so is a time of day (a 签到时间 column).
 */
export function parseStatus(
  cell: Cell,
  ownName: string,
): Parsed<{ status: AttendanceStatus; blank: boolean }> {
  // An .xlsx 签到时间 cell formatted as a time reads as a date and time: when the person signed in.
  if (cell instanceof Date && !Number.isNaN(cell.getTime())) return ok({ status: 'present', blank: false });
  const marked = statusWord(cell);
  if (marked) return marked;
  const text = cleanText(cell);
  if (ownName !== '' && nameKey(text) === nameKey(ownName)) return ok({ status: 'present', blank: false });
  const timed = markWithTime(text, ownName);
  if (timed) return ok({ status: timed, blank: false });
  // A 签到时间 column: the time someone signed in at, or the date and time (formats.md), as a form or an app
  // exports it (2023-09-04 08:20:13, 2023/9/4 下午1:58:10).
  const moment = signInMoment(text);
  if (moment?.ok) return ok({ status: 'present', blank: false });
  // Written as a time, but none (`2023/2/30 08:20`, `25:00`): said as a time, not as an unknown status word.
  if (moment) return fail('momentValue', { value: text });
  return fail('statusValue', { value: text, accepted: LISTED_STATUS_WORDS });
}

export type ClassStatus = 'planned' | 'running' | 'finished' | 'cancelled';
const CLASS_STATUS: Record<string, ClassStatus> = {
  计划: 'planned',
  planned: 'planned',
  进行中: 'running',
  running: 'running',
  已结业: 'finished',
  结业: 'finished',
  finished: 'finished',
  已取消: 'cancelled',
  取消: 'cancelled',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

export function parseClassStatus(cell: Cell): Parsed<ClassStatus> {
  const text = cleanText(cell);
  const status = wordIn(CLASS_STATUS, text.toLowerCase());
  return status ? ok(status) : fail('classStatusValue', { value: text });
}

const MODES: Record<string, 0 | 1> = {
  线上: 1,
  网络: 1,
  在线: 1,
  线上直播: 1,
  online: 1,
  线下: 0,
  现场: 0,
  面授: 0,
  offline: 0,
};

/** 线上 (online) is 1, 线下 (offline, in a room) 0: how a session was held. */
export function parseMode(cell: Cell): Parsed<0 | 1> {
  const text = cleanText(cell).toLowerCase();
  const mode = wordIn(MODES, text);
  return mode === undefined ? fail('modeValue', { value: cleanText(cell) }) : ok(mode);
}

/**
 * The words of a 12-hour clock: before the time as Chinese writes it (下午2:30, 2023/6/12 下午2:05:33, as Excel's
 * Chinese time formats show it), or after it (2:30 PM).
 */
const PERIOD_WORD = '上午|早上|早晨|凌晨|中午|下午|傍晚|晚上|晚间';
const PERIOD_BEFORE = `(?:(${PERIOD_WORD})\\s*)?`;
const PERIOD_AFTER = '(?:\\s*([AaPp]\\.?[Mm]\\.?)(?![A-Za-z]))?';

/**
 * The hour of the day an hour of a clock gives with its period word: 下午2 is 14, 2 PM is 14, 中午1 is 13, 12 AM is 0;
 * an hour written as on a 24-hour clock stays (下午14:00). Undefined where the two disagree (上午15:00, 晚上12:00).
 */
export function hourOfDay(hour: number, period: string | undefined): number | undefined {
  if (hour > 23) return undefined;
  if (!period) return hour;
  switch (period.replaceAll('.', '').toUpperCase()) {
    case '上午':
    case '早上':
    case '早晨':
      return hour <= 12 ? hour : undefined;
    case '凌晨':
      return hour === 12 ? 0 : hour <= 6 ? hour : undefined;
    case 'AM':
      return hour === 12 ? 0 : hour < 12 ? hour : undefined;
    case '中午':
      return hour >= 11 && hour <= 14 ? hour : hour >= 1 && hour <= 2 ? hour + 12 : undefined;
    case '下午':
    case 'PM':
      return hour >= 12 ? hour : hour >= 1 ? hour + 12 : undefined;
    default:
      // 傍晚, 晚上, 晚间
      return hour > 12 ? hour : hour >= 1 && hour < 12 ? hour + 12 : undefined;
  }
}

/** `8:30`, `08:30:00`, `8：30`, `8点30`, `8时30分`, `下午2:30`, `2:30 PM` as minutes after midnight. */
const CLOCK = new RegExp(
  `${PERIOD_BEFORE}(?<!\\d)([01]?\\d|2[0-3])\\s*(?:[:：]|点|时)\\s*([0-5]\\d)(?:\\s*(?:[:：]\\s*[0-5]\\d|分(?:\\s*[0-5]?\\d\\s*秒)?))?(?!\\d)${PERIOD_AFTER}`,
  'u',
);

/**
 * The clock a text holds, read once: minutes after midnight (undefined where the period word and the hour
 * disagree) and the period it is written in (`下午` of 下午2:00, `PM` of 2:00 PM), if any.
 */
function clockIn(text: string): { minutes: number | undefined; period: string | undefined } | undefined {
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  const period = match[1] ?? match[4];
  const hour = hourOfDay(Number(match[2]), period);
  return { minutes: hour === undefined ? undefined : hour * 60 + Number(match[3]), period };
}

function minutesToClock(minutes: number): string {
  return `${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;
}

/**
 * The time of day a cell gives, as minutes after midnight: a time typed (`8:25`), the time part of a date-time
 * (`2023/7/5 8:27:13`, an .xlsx date-time cell), an .xlsx time cell (a date on Excel's day 0), or an Excel time
 * as a fraction of a day. Undefined where it gives none (a signature, a tick).
 */
export function timeOfDayIn(cell: Cell): number | undefined {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    // Cells read from .xlsx are dates in UTC: a time of day has no zone of its own.
    const minutes = cell.getUTCHours() * 60 + cell.getUTCMinutes() + (cell.getUTCSeconds() >= 30 ? 1 : 0);
    return minutes >= 24 * 60 ? 24 * 60 - 1 : minutes;
  }
  if (typeof cell === 'number') {
    if (cell < 0 || cell >= 1) return undefined;
    return Math.min(24 * 60 - 1, Math.round(cell * 24 * 60));
  }
  return clockIn(cleanText(cell))?.minutes;
}

/** {@link timeOfDayIn} of a sign-in column's cell, worked out once per text: a million lines hold a few words. */
export const signInClock: (cell: Cell) => number | undefined = onceForEachText(timeOfDayIn);

/** A session before this hour is a 12-hour clock's afternoon written without its 下午 (`1:30-4:30`). */
const EARLIEST_SESSION_HOUR = 6;

/** In a column of times, 8.30 is half past eight, as timetables write it: not a number of hours. */
function withClockColons(text: string): string {
  return text.replace(/(?<![\d.])(\d{1,2})\.([0-5]\d)(?![\d.])/gu, '$1:$2');
}

/** A time of day as a timetable gives it (`08:30`, `8:30`, `下午2:00`, a time cell), stored as `HH:MM`. */
export function parseClock(cell: Cell): Parsed<string> {
  const text = cell instanceof Date ? '' : withClockColons(cleanText(cell));
  const clock = typeof cell === 'string' ? clockIn(text) : undefined;
  const minutes = typeof cell === 'string' ? clock?.minutes : timeOfDayIn(cell);
  // A text must be the time and nothing more: `8:30前` or `约8:30` is not a time a session starts at.
  if (minutes === undefined || (typeof cell === 'string' && !CLOCK_ONLY.test(text)))
    return fail('clockValue', { value: text });
  // `1:30` in a timetable is the afternoon's half past one written as on a 12-hour clock, not a session before
  // dawn: refused, where reading it as 01:30 would put the session in the morning's slot without a word.
  if (clock && minutes < EARLIEST_SESSION_HOUR * 60 && !clock.period)
    return fail('clockEarly', { value: text, afternoon: minutesToClock(minutes + 12 * 60) });
  return ok(minutesToClock(minutes));
}

const CLOCK_ONLY = new RegExp(`^(?:${PERIOD_WORD})?[\\d:：点时分秒\\s]+(?:[AaPp]\\.?[Mm]\\.?)?$`, 'u');

/**
 * `08:30-11:30`, `8:30—11:30`, `8:30～11:30`, `8:30至11:30`, `下午2:00-5:00`: one cell holding both times of a
 * session. A period written once holds for both times (下午2:00-5:00 ends at 17:00; 2:00-5:00 PM starts at 14:00).
 */
export function parseClockRange(cell: Cell): Parsed<{ start: string; end: string }> {
  const text = withClockColons(cleanText(cell));
  const parts = text.split(/\s*(?:-|–|—|~|～|至|到)\s*/u);
  if (parts.length !== 2) return fail('clockRangeValue', { value: text });
  let [startText = '', endText = ''] = parts;
  const [startPeriod, endPeriod] = [clockIn(startText)?.period, clockIn(endText)?.period];
  if (startPeriod && !endPeriod)
    endText = /^[AaPp]/.test(startPeriod) ? `${endText} ${startPeriod}` : startPeriod + endText;
  if (endPeriod && !startPeriod)
    startText = /^[AaPp]/.test(endPeriod) ? `${startText} ${endPeriod}` : endPeriod + startText;
  const [start, end] = [parseClock(startText), parseClock(endText)];
  if (!start.ok && start.problem.code === 'clockEarly') return start;
  if (!end.ok && end.problem.code === 'clockEarly') return end;
  if (!start.ok || !end.ok) return fail('clockRangeValue', { value: text });
  if (end.value <= start.value) return fail('clockRangeOrder', { value: text });
  return ok({ start: start.value, end: end.value });
}

/** formats.md: a session without a slot of its own takes it from its start (before 12:00 上午, 18:00 下午). */
export function slotFromClock(clock: string): Slot {
  return clock < '12:00' ? '上午' : clock < '18:00' ? '下午' : '晚上';
}

export function clockMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** What a sign-in sheet's title says of its session: `主讲人：张老师`, `地点：高境镇社区党校`, `线上`. */
export interface TitleSessionValues {
  course?: string;
  teacher?: string;
  venue?: string;
  online?: 0 | 1;
}

/**
 * The labels a title row writes before its values. A value ends at a space or a stop, or where the next label
 * begins: a title's cells lose the spaces between Chinese characters when read (`地点：腾讯会议\u3000授课教师：李老师`
 * reads as `地点:腾讯会议授课教师:李老师`), and peixun's own printed sheet writes its title so.
 */
const TITLE_LABEL_WORDS =
  '培训日期|上课日期|日期|培训时间|上课时间|时间|时段|培训地点|上课地点|地点|授课教师|主讲人|授课人|主讲|授课老师|' +
  '课程名称|课程编号|课程|班级编号|班级名称|班级|学时|主办单位|承办单位|授课方式|形式';

function titleLabel(labels: string): RegExp {
  return new RegExp(
    `(?:${labels})\\s*[:：]\\s*([^\\s,，;；、|]+?)(?=$|[\\s,，;；、|]|(?:${TITLE_LABEL_WORDS})\\s*[:：])`,
    'u',
  );
}

const TITLE_LABELS: readonly [keyof Omit<TitleSessionValues, 'online'>, RegExp][] = [
  ['teacher', titleLabel('授课教师|主讲人|授课人|主讲|授课老师')],
  ['venue', titleLabel('培训地点|上课地点|地点')],
  ['course', titleLabel('课程名称|课程编号|课程')],
];

export function sessionValuesInTitle(title: string): TitleSessionValues {
  const values: TitleSessionValues = {};
  for (const [field, pattern] of TITLE_LABELS) {
    const found = pattern.exec(title)?.[1];
    if (found) values[field] = found;
  }
  // 线上 or 线下 alone (not 线上线下, a column's header standing in a title row).
  const modes = [...title.matchAll(/线上(?!线下)|(?<!线上)线下/gu)].map((match) =>
    match[0] === '线上' ? 1 : 0,
  );
  if (modes.length > 0 && modes.every((mode) => mode === modes[0])) values.online = modes[0];
  return values;
}

/** A moment on one clock: minutes since 1970-01-01 00:00 of the wall clock the file was written on. */
export type WallMinutes = number;

/** The wall-clock minutes of a day's clock time (`2023-07-05`, 9 × 60 + 1). */
export function wallMinutes(isoDay: string, minutesOfDay: number): WallMinutes {
  return (
    Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) /
      60_000 +
    minutesOfDay
  );
}

/** The day and clock time of wall-clock minutes. */
export function wallDay(minutes: WallMinutes): { day: string; minutesOfDay: number } {
  const day = isoDate(new Date(Math.floor(minutes / 1440) * 86_400_000));
  return { day, minutesOfDay: minutes - Math.floor(minutes / 1440) * 1440 };
}

const DATE_TIME = new RegExp(
  `^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:\\s*|T)${PERIOD_BEFORE}(\\d{1,2})\\s*[:：时点]\\s*(\\d{1,2})(?:\\s*[:：分]\\s*(\\d{1,2})(?:\\.\\d+)?\\s*秒?)?${PERIOD_AFTER}$`,
  'u',
);
const TIME_ONLY = new RegExp(
  `^${PERIOD_BEFORE}(\\d{1,2})\\s*[:：]\\s*(\\d{2})(?:\\s*[:：]\\s*(\\d{2}))?${PERIOD_AFTER}$`,
  'u',
);

/**
 * When a meeting list says someone joined or left, or a form was submitted: `2023-07-05 09:01:23`,
 * `2023/7/5 9:01`, a spreadsheet's date-and-time cell, or a time of day alone (`09:01:23`: the day comes from the
 * list, `day`). Seconds count: a join at 9:00:40 is 40 seconds into the session.
 */
export function parseMoment(cell: Cell, day?: string): Parsed<WallMinutes> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail('momentValue', { value: '' });
    // A time of day alone, in a spreadsheet: a moment of Excel's day 0, on the list's own day.
    if (cell.getUTCFullYear() < 1901 && day)
      return ok(wallMinutes(day, cell.getUTCHours() * 60 + cell.getUTCMinutes() + cell.getUTCSeconds() / 60));
    return ok(cell.getTime() / 60_000);
  }
  const text = cleanText(cell);
  if (typeof cell === 'number' && cell > 20_000) {
    // A spreadsheet's serial date and time written as a number.
    const date = excelSerialToIso(Math.floor(cell));
    if (date) return ok(wallMinutes(date, Math.round((cell - Math.floor(cell)) * 1440 * 60) / 60));
  }
  return momentInText(text, day) ?? fail('momentValue', { value: text });
}

/**
 * A text written as a moment (a date and time, or a time of day read on `day`): the moment, a problem where it is
 * written so but is none (`2023/2/30 08:20`, `25:00`), undefined where it is not written as one at all.
 */
function momentInText(text: string, day: string | undefined): Parsed<WallMinutes> | undefined {
  const full = DATE_TIME.exec(text);
  if (full) {
    const iso = `${full[1]}-${twoDigits(Number(full[2]))}-${twoDigits(Number(full[3]))}`;
    const hours = hourOfDay(Number(full[5]), full[4] ?? full[8]);
    const [minutes, seconds] = [Number(full[6]), Number(full[7] ?? 0)];
    if (isValidIsoDate(iso) && hours !== undefined && minutes < 60 && seconds < 60)
      return ok(wallMinutes(iso, hours * 60 + minutes + seconds / 60));
    return fail('momentValue', { value: text });
  }
  const time = TIME_ONLY.exec(text);
  if (!time) return undefined;
  const hours = hourOfDay(Number(time[2]), time[1] ?? time[5]);
  const [minutes, seconds] = [Number(time[3]), Number(time[4] ?? 0)];
  if (day && hours !== undefined && minutes < 60 && seconds < 60)
    return ok(wallMinutes(day, hours * 60 + minutes + seconds / 60));
  return fail('momentValue', { value: text });
}

const DURATION_CLOCK = /^(\d+)\s*[:：]\s*(\d{1,2})\s*[:：]\s*(\d{1,2})$/;
const DURATION_WORDS =
  /^(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|min|m))?\s*(?:(\d+)\s*(?:秒|s))?$/iu;

/** How long someone was in a meeting: `0:52:13` (hours, minutes, seconds), `52` minutes, `52分钟`, `1小时5分`. */
export function parseDuration(cell: Cell): Parsed<number> {
  if (typeof cell === 'number')
    return cell >= 0 && cell < 100_000 ? ok(cell) : fail('durationValue', { value: String(cell) });
  if (cell instanceof Date) return ok((cell.getTime() / 60_000) % 1440);
  const text = cleanText(cell);
  const clock = DURATION_CLOCK.exec(text);
  if (clock) return ok(Number(clock[1]) * 60 + Number(clock[2]) + Number(clock[3]) / 60);
  if (/^\d+(\.\d+)?$/.test(text)) return ok(Number(text));
  const words = DURATION_WORDS.exec(text);
  if (text !== '' && words && (words[1] || words[2] || words[3]))
    return ok(Number(words[1] ?? 0) * 60 + Number(words[2] ?? 0) + Number(words[3] ?? 0) / 60);
  return fail('durationValue', { value: text });
}
