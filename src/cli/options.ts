/**
 * The options several commands share, declared once: each parses and checks its value as commander reads it,
 * so a bad value is a usage error (exit 2) before any file or database is touched. Choices shown in help are the
 * domain's own constants, the same lists the code checks.
 */
import { DEFAULT_COMPLETION_THRESHOLD } from '../domain/attendance.js';
import { localDate } from '../domain/dates.js';
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { LEVELS, type LevelName } from '../db/units.js';
import { UsageError } from '../errors.js';
import { parseDate, parseSlot } from '../import/normalise.js';
import { SLOTS, type Slot } from '../domain/attendance.js';
import { LANGS, translator, type MessageKey, type Translator } from '../i18n/index.js';
import {
  customPeriod,
  parseQuarterLabel,
  quarterPeriod,
  yearPeriod,
  type Period,
} from '../domain/periods.js';

/** Level names as `--level` takes them. */
export const LEVEL_NAMES = Object.keys(LEVELS) as (keyof typeof LEVELS)[];

/** A date in any form formats.md accepts, as YYYY-MM-DD; the message names the option. */
export function dateParser(t: Translator, option: string) {
  return (text: string): string => {
    const parsed = parseDate(text);
    if (!parsed.ok) throw new UsageError(t('badOptionDateNamed', { option, value: text }));
    return parsed.value;
  };
}

export function yearParser(t: Translator) {
  return (text: string): number => {
    if (!/^\d{4}$/.test(text)) throw new UsageError(t('badYear', { value: text }));
    return Number(text);
  };
}

export function quarterParser(t: Translator) {
  return (text: string): number => {
    const quarter = Number(text.replace(/^q/i, ''));
    if (![1, 2, 3, 4].includes(quarter)) throw new UsageError(t('badQuarter', { value: text }));
    return quarter;
  };
}

/** A share above 0 and at most 1, such as 0.8. */
export function ratioParser(t: Translator) {
  return (text: string): number => {
    // As the help shows the default (6/7), or as people say it (80%).
    const written = text.trim();
    const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(written);
    const percent = /^(\d*\.?\d+)\s*[%％]$/.exec(written);
    const value = fraction
      ? Number(fraction[1]) / Number(fraction[2])
      : percent
        ? Number(percent[1]) / 100
        : /^\d*\.?\d+$/.test(written)
          ? Number(written)
          : Number.NaN;
    if (!(value > 0 && value <= 1)) throw new UsageError(t('badThreshold', { value: text }));
    return value;
  };
}

/** Hours a person must attend in a year: a number ≥ 0. */
export function hoursParser(t: Translator) {
  return (text: string): number => {
    if (!/^\d*\.?\d+$/.test(text)) throw new UsageError(t('badRequiredHours', { value: text }));
    return Number(text);
  };
}

/** 上午/下午/晚上, or am/pm/evening; the slot as stored. */
export function slotParser(t: Translator) {
  return (text: string): Slot => {
    const parsed = parseSlot(text);
    if (!parsed.ok) throw new UsageError(t('badSlot', { value: text }));
    return parsed.value;
  };
}

/** A whole number above 0 (`--limit 20`). */
export function countParser(t: Translator, option: string) {
  return (text: string): number => {
    if (!/^\d+$/.test(text) || Number(text) <= 0)
      throw new UsageError(t('badCount', { option, value: text }));
    return Number(text);
  };
}

/** A record number as `3` or `#3`; `message` names what the number is of. */
export function numberParser(t: Translator, message: 'badBatchId' | 'badFiledId') {
  return (text: string): number => {
    const number = Number(text.replace(/^#/, ''));
    if (!/^#?\d+$/.test(text) || !Number.isInteger(number) || number <= 0) {
      throw new UsageError(t(message, { value: text }));
    }
    return number;
  };
}

export const dateOption = <Flags extends `--${string} <${string}>`>(
  t: Translator,
  flags: Flags,
  help: string,
) => new Option(flags, help).argParser(dateParser(t, flags.split(' ')[0] ?? flags));

export const yearOption = (t: Translator) =>
  new Option('--year <year>', t('optYear')).argParser(yearParser(t));

export const slotOption = (
  t: Translator,
  help: 'optSlot' | 'optAttendSlot' | 'optSheetSlot' | 'optSessionSlot',
) => new Option('--slot <slot>', t(help, { choices: SLOTS.join('|') })).argParser(slotParser(t));

/** `--completion-threshold`: the one place the default (domain/attendance.ts) is given to a command. */
export const ratioOption = (t: Translator) =>
  new Option('--completion-threshold <ratio>', t('optThreshold'))
    .argParser(ratioParser(t))
    .default(DEFAULT_COMPLETION_THRESHOLD);

/** What a command that writes says when done: sentences for a person, or JSON for a program. */
export const RESULT_FORMATS = ['table', 'json'] as const;

/** `--format` with the formats this command can write; the help lists them. */
export const formatOption = <const Format extends string>(t: Translator, formats: readonly Format[]) =>
  new Option('--format <format>', t('optFormat')).choices(formats);

/** Where a listing or report goes: a file (format from its extension unless --format), and CSV's BOM. */
export function withOut<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
  help = t('optOut'),
) {
  return command
    .option('--out <file>', help)
    .option('--force', t('optForce'))
    .option('--no-bom', t('optNoBom'));
}

/** `--from/--to`: any period, instead of the report's own. */
export function withPeriod<Args extends unknown[], Opts extends OptionValues>(
  t: Translator,
  command: Command<Args, Opts>,
) {
  return command
    .addOption(dateOption(t, '--from <date>', t('optFrom')))
    .addOption(dateOption(t, '--to <date>', t('optTo')));
}

/**
 * A value as the code names it or as the tables show it, in either language (`--status 已离开`, `--by 人员类别`);
 * help lists the codes.
 */
export function choiceParser<const Value extends string>(
  t: Translator,
  option: string,
  values: readonly Value[],
  labels: Partial<Record<Value, MessageKey>>,
  aliases: Readonly<Record<string, Value>> = {},
) {
  const known = new Map<string, Value>(Object.entries(aliases));
  for (const value of values) {
    known.set(value.toLowerCase(), value);
    const label = labels[value];
    if (label) for (const lang of LANGS) known.set(translator(lang).dynamic(label).toLowerCase(), value);
  }
  return (text: string): Value => {
    const value = known.get(text.trim().toLowerCase());
    if (value === undefined)
      throw new UsageError(t('cliNotAChoice', { what: option, value: text, choices: values.join(' | ') }));
    return value;
  };
}

const LEVEL_LABELS = Object.fromEntries(LEVEL_NAMES.map((level) => [level, `level.${level}`])) as Record<
  LevelName,
  MessageKey
>;

/** The shorter words people use for a grouping, beside the tables' own (所属单位, 人员类别, 班级类型). */
const GROUPING_WORDS: Readonly<Record<string, string>> = {
  单位: 'unit',
  类别: 'category',
  学员类别: 'category',
  类型: 'class-type',
  班级类别: 'class-type',
  培训类型: 'class-type',
  主办: 'organiser',
  教师: 'teacher',
  老师: 'teacher',
  师资: 'teacher',
};

/** `--by` over the given groupings, and `--level` for units; `--by 街镇` is `--by unit --level subdistrict`. */
export function withGrouping<Args extends unknown[], Opts extends OptionValues, const By extends string>(
  t: Translator,
  command: Command<Args, Opts>,
  groupings: readonly By[],
) {
  const labels = Object.fromEntries(groupings.map((by) => [by, `by.${by}`])) as Record<By, MessageKey>;
  const aliases = Object.fromEntries(
    Object.entries(GROUPING_WORDS).filter(([, by]) => (groupings as readonly string[]).includes(by)),
  ) as Record<string, By>;
  const grouping = choiceParser(t, '--by', groupings, labels, aliases);
  const level = choiceParser(t, '--by', LEVEL_NAMES, LEVEL_LABELS);
  const one = (text: string): { by: By; level?: LevelName } => {
    try {
      return { by: grouping(text) };
    } catch (notAGrouping) {
      if (!groupings.includes('unit' as By)) throw notAGrouping;
      try {
        return { by: 'unit' as By, level: level(text) };
      } catch {
        throw notAGrouping;
      }
    }
  };
  // `--by unit,category`: a cross table, as `--by unit --then category`.
  const byOrLevel = (text: string): { by: By; level?: LevelName; then?: By } => {
    const [head = '', tail, ...more] = text.split(/[,，]/);
    if (tail === undefined) return one(text);
    if (more.length > 0) throw new UsageError(t('crossTwoGroupings', { value: text }));
    const first = one(head);
    const second = one(tail);
    return { by: first.by, level: first.level ?? second.level, then: second.by };
  };
  return command
    .addOption(new Option('--by <grouping>', t('optBy')).choices(groupings).argParser(byOrLevel))
    .addOption(levelOption(t));
}

/** `--level district|subdistrict|community`, or as the tables name them (区, 街镇, 居村). */
export const levelOption = (t: Translator) =>
  new Option('--level <level>', t('optLevel'))
    .choices(LEVEL_NAMES)
    .argParser(choiceParser(t, '--level', LEVEL_NAMES, LEVEL_LABELS));

export interface PeriodOptions {
  from?: string;
  to?: string;
  year?: number;
  quarter?: number;
}

/** `--from/--to` give any period; otherwise the command's own (a quarter, a year). */
export function periodOf(t: Translator, options: PeriodOptions, otherwise: () => Period): Period {
  if (options.from === undefined && options.to === undefined) return otherwise();
  if (options.from === undefined || options.to === undefined) throw new UsageError(t('fromToTogether'));
  if (options.year !== undefined || options.quarter !== undefined) throw new UsageError(t('fromToOrYear'));
  if (options.to < options.from) throw new UsageError(t('fromAfterTo'));
  return customPeriod(options.from, options.to);
}

/** The year a quarter written without one (`三季度`, `Q3`) is in: the person's year today. */
export function thisYear(context: { io: { now: () => Date } }): number {
  return Number(localDate(context.io.now()).slice(0, 4));
}

/** A quarter as `2023Q3` (or as people write it, domain/periods.ts), or as `--year 2023 --quarter 3`; never both. */
export function quarterOf(
  t: Translator,
  label: string | undefined,
  options: PeriodOptions,
  year: number,
): Period {
  if (label !== undefined) {
    const parsed = parseQuarterLabel(label, year);
    if (!parsed) throw new UsageError(t('badQuarterLabel', { value: label }));
    if (options.year !== undefined || options.quarter !== undefined) throw new UsageError(t('quarterTwice'));
    return quarterPeriod(parsed.year, parsed.quarter);
  }
  if (options.year === undefined || options.quarter === undefined) throw new UsageError(t('quarterMissing'));
  return quarterPeriod(options.year, options.quarter);
}

/** A year (`2024`, `--year 2024`) or one of its quarters (`2024Q3`, `--year 2024 --quarter 3`). */
export function yearOrQuarter(
  t: Translator,
  label: string | undefined,
  options: PeriodOptions,
  year: number,
): Period {
  if (label !== undefined && (options.year !== undefined || options.quarter !== undefined))
    throw new UsageError(t('quarterTwice'));
  if (label !== undefined) {
    const quarter = parseQuarterLabel(label, year);
    if (quarter) return quarterPeriod(quarter.year, quarter.quarter);
    if (/^\d{4}$/.test(label.trim())) return yearPeriod(Number(label.trim()));
    throw new UsageError(t('badQuarterLabel', { value: label }));
  }
  if (options.year === undefined) throw new UsageError(t('yearMissing'));
  return options.quarter === undefined
    ? yearPeriod(options.year)
    : quarterPeriod(options.year, options.quarter);
}

/** The year a command needs, or `--from/--to`. */
export function yearOf(t: Translator, options: PeriodOptions): Period {
  if (options.year === undefined) throw new UsageError(t('yearMissing'));
  return yearPeriod(options.year);
}

/** `--by` and `--level` as one grouping: `--level` given wins over the level a `--by 街镇` implies. */
export function groupingOf<By extends string>(options: {
  by?: { by: By; level?: LevelName; then?: By };
  level?: LevelName;
}) {
  return { by: options.by?.by, level: options.level ?? options.by?.level, then: options.by?.then };
}
