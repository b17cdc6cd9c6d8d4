/**
 * What `peixun config` keeps in the register: the city's pseudonym key for bundles, the district a bundle speaks
 * for, who hands in the forms (填报单位, 填报人, 联系电话), and the yearly hours each trainee category must reach.
 * Each setting says how it is checked and shown: the city key only by its fingerprint, a phone masked unless
 * `--reveal`.
 */
import { configNames, configValue, removeConfigValue, setConfigValue } from '../db/settings.js';
import type { Db } from '../db/handle.js';
import { districtNames } from '../db/units.js';
import { SHANGHAI_DISTRICTS, unitKey } from '../domain/units.js';
import { PeixunError, problem, type Problem } from '../errors.js';
import { parsePhone } from '../import/normalise.js';
import { DEFAULT_LATE_GRACE_MINUTES } from '../domain/attendance.js';
import { DEFAULT_REQUIRED_HOURS } from '../domain/duty.js';
import { maskPhone } from '../domain/identity.js';
import { DEFAULT_ONLINE_PRESENT_RATIO } from '../domain/online.js';
import { keyFingerprint } from '../privacy/pseudonyms.js';

/**
 * A city key carries at least 128 random bits: 32 hexadecimal digits (`openssl rand -hex 16`), or 22 characters of
 * base64 (`openssl rand -base64 16`). A shorter one, or one of a few characters repeated (`aaaa…`), is refused.
 */
export function cityKeyProblem(key: string): Problem | undefined {
  const hex = /^[0-9a-fA-F]+$/.test(key);
  const base64 = /^[A-Za-z0-9+/_-]+={0,2}$/.test(key);
  const bits = hex ? key.length * 4 : base64 ? key.replace(/=+$/, '').length * 6 : 0;
  // A random key of that length uses many of its alphabet's characters; `aaaa…` or `0101…` uses one or two.
  const distinct = new Set(key).size;
  if (bits < 128 || distinct < (hex ? 8 : 12)) return problem('cityKeyWeak', { bits: 128 });
  return undefined;
}

export function isSecretSetting(name: string): boolean {
  return Object.hasOwn(SETTINGS, name) && SETTINGS[name as keyof typeof SETTINGS].shown === 'secret';
}

interface Setting {
  /** Why a value is refused, or nothing when it is fine; the value as kept. */
  check(value: string, name: string, db: Db): { refused: Problem } | { value: string };
  shown: 'plain' | 'secret' | 'phone';
  /** The value in force while none is set, as `config set` would take it; none: the rule is not applied. */
  fallback?: string;
}

const notEmpty = (value: string, name: string) =>
  value === '' ? { refused: problem('configEmpty', { name }) } : { value };
const hours = (value: string, name: string) =>
  /^\d*\.?\d+$/.test(value) ? { value } : { refused: problem('configHours', { name, value }) };

const SETTINGS = {
  'city-key': {
    check: (value: string) => {
      const weak = cityKeyProblem(value);
      return weak ? { refused: weak } : { value };
    },
    shown: 'secret',
  },
  district: {
    check: (value: string, name: string, db: Db) => checkedDistrict(value, name, db),
    shown: 'plain',
  },
  'report.unit': { check: notEmpty, shown: 'plain' },
  // Before every certificate number (statistics.md, "Certificates"): `宝组培` makes `宝组培2023-K1-001`.
  'certificate.prefix': { check: notEmpty, shown: 'plain' },
  'report.person': { check: notEmpty, shown: 'plain' },
  'report.phone': {
    check: (value: string, name: string) => {
      const phone = parsePhone(value);
      return phone.ok ? { value: phone.value } : { refused: problem('configPhone', { name }) };
    },
    shown: 'phone',
  },
  'required-hours': { check: hours, shown: 'plain', fallback: String(DEFAULT_REQUIRED_HOURS) },
  // Hours of 网络学习 alone a year (statistics.md, "The year's duty"): checked only where set.
  'required-online-hours': { check: hours, shown: 'plain' },
  'online-present-ratio': {
    // A share (0.75) or a fraction (2/3): of an online session's window, what counts as being there.
    check: (value: string, name: string) => {
      const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
      const ratio = fraction
        ? Number(fraction[1]) / Number(fraction[2])
        : /^\d*\.?\d+$/.test(value)
          ? Number(value)
          : NaN;
      return ratio > 0 && ratio <= 1
        ? { value: String(ratio) }
        : { refused: problem('configRatio', { name, value }) };
    },
    shown: 'plain',
    fallback: asFraction(DEFAULT_ONLINE_PRESENT_RATIO),
  },
  'late-grace-minutes': {
    check: (value: string, name: string) =>
      /^\d{1,3}$/.test(value) && Number(value) <= 240
        ? { value: String(Number(value)) }
        : { refused: problem('configMinutes', { name, value }) },
    shown: 'plain',
    fallback: String(DEFAULT_LATE_GRACE_MINUTES),
  },
} satisfies Record<string, Setting>;

/** 2/3 as `config set` takes it, rather than 0.6666666666666666. */
function asFraction(ratio: number): string {
  for (let denominator = 1; denominator <= 12; denominator++) {
    const numerator = Math.round(ratio * denominator);
    if (Math.abs(numerator / denominator - ratio) < 1e-9)
      return denominator === 1 ? String(numerator) : `${numerator}/${denominator}`;
  }
  return String(ratio);
}

/**
 * The district a register speaks for must be one it holds (as it spells it): a register of 宝山区 bundled as
 * 浦东新区, or as 宝山 (a slip), would put its figures under another district's name in the city's roll-up. Before
 * the register holds any district, one of Shanghai's sixteen.
 */
function checkedDistrict(value: string, name: string, db: Db): { refused: Problem } | { value: string } {
  if (value === '') return { refused: problem('configEmpty', { name }) };
  const held = districtNames(db);
  const candidates = held.length > 0 ? held : [...SHANGHAI_DISTRICTS];
  const same = candidates.find((district) => unitKey(district) === unitKey(value));
  if (same) return { value: same };
  const near = candidates.filter(
    (district) => district.startsWith(value) || value.startsWith(district.replace(/(新)?区$/, '')),
  );
  return {
    refused: problem(held.length > 0 ? 'districtNotHeld' : 'districtNotShanghai', {
      value,
      names: (near.length > 0 ? near : candidates).join('、'),
    }),
  };
}

/** `required-hours.社区志愿者`: one trainee category's yearly hours, over `required-hours` (stats/trainee.ts). */
const CATEGORY_HOURS = 'required-hours.';
const CATEGORY_ONLINE_HOURS = 'required-online-hours.';

export type ConfigName =
  keyof typeof SETTINGS | `${typeof CATEGORY_HOURS}${string}` | `${typeof CATEGORY_ONLINE_HOURS}${string}`;
export const CONFIG_NAMES = [
  ...Object.keys(SETTINGS),
  `${CATEGORY_HOURS}<人员类别>`,
  `${CATEGORY_ONLINE_HOURS}<人员类别>`,
];

export interface ConfigEntry {
  name: string;
  set: boolean;
  /** Null when not set, and for a secret; a phone masked unless revealed. */
  value: string | null;
  /** A secret's fingerprint, to compare with the one its sender gave. */
  fingerprint: string | null;
  /** While not set: the value in force (online-present-ratio 2/3), or null where nothing is applied. */
  fallback: string | null;
}

/**
 * Which setting a name is: itself, or for one category's hours the setting every category's shares
 * (`required-hours.社区志愿者` is `required-hours.category`), as `config list` describes it.
 */
export function settingKind(name: string): string {
  for (const prefix of [CATEGORY_HOURS, CATEGORY_ONLINE_HOURS])
    if (name.startsWith(prefix) && name.length > prefix.length) return `${prefix}category`;
  return name;
}

function settingOf(name: string): Setting {
  if (Object.hasOwn(SETTINGS, name)) return SETTINGS[name as keyof typeof SETTINGS];
  if (name.startsWith(CATEGORY_HOURS) && name.length > CATEGORY_HOURS.length)
    return SETTINGS['required-hours'];
  if (name.startsWith(CATEGORY_ONLINE_HOURS) && name.length > CATEGORY_ONLINE_HOURS.length)
    return SETTINGS['required-online-hours'];
  throw new PeixunError(problem('configUnknown', { name, names: CONFIG_NAMES.join(', ') }));
}

function entry(name: string, value: string | undefined, reveal: boolean): ConfigEntry {
  const { shown, fallback } = settingOf(name);
  return {
    name,
    set: value !== undefined,
    value:
      value === undefined || shown === 'secret'
        ? null
        : shown === 'phone' && !reveal
          ? maskPhone(value)
          : value,
    fingerprint: value !== undefined && shown === 'secret' ? keyFingerprint(value) : null,
    // A category's hours fall back to the register's required-hours, which the list shows on its own line.
    fallback: Object.hasOwn(SETTINGS, name) ? (fallback ?? null) : null,
  };
}

export function setConfig(db: Db, name: string, value: string): ConfigEntry {
  const checked = settingOf(name).check(value.trim(), name, db);
  if ('refused' in checked) throw new PeixunError(checked.refused);
  setConfigValue(db, name, checked.value);
  return entry(name, checked.value, false);
}

export function unsetConfig(db: Db, name: string): boolean {
  settingOf(name);
  return removeConfigValue(db, name);
}

export function configEntry(db: Db, name: string, reveal = false): ConfigEntry {
  settingOf(name);
  return entry(name, configValue(db, name), reveal);
}

/** Every setting, set or not, and each category's hours that are set. */
export function configEntries(db: Db, reveal = false): ConfigEntry[] {
  const categories = configNames(db).filter(
    (name) => name.startsWith(CATEGORY_HOURS) || name.startsWith(CATEGORY_ONLINE_HOURS),
  );
  return [...Object.keys(SETTINGS), ...categories].map((name) => configEntry(db, name, reveal));
}

/** The city's key, as set; bundles cannot be made without it. */
export function cityKey(db: Db): string | undefined {
  return configValue(db, 'city-key');
}

/** Who hands a form in, for the block under an .xlsx report; options given win over the settings. */
export function reportSignOff(
  db: Db | undefined,
  given: { unit?: string; person?: string; phone?: string },
): { unit?: string; person?: string; phone?: string } {
  const setting = (name: ConfigName) => (db ? configValue(db, name) : undefined);
  return {
    unit: given.unit ?? setting('report.unit'),
    person: given.person ?? setting('report.person'),
    phone: given.phone ?? setting('report.phone'),
  };
}

/**
 * The district a register speaks for: `config set district`, else the register's one 区. A register holding
 * several districts must say which (a bundle is one district's).
 */
export function registerDistrict(db: Db): string {
  const district = districtSpokenFor(db);
  if (district === undefined) {
    throw new PeixunError(problem('districtUnknown', { names: districtNames(db).join(', ') || '—' }));
  }
  return district;
}

/** {@link registerDistrict}, or undefined where the register holds several districts and names none. */
export function districtSpokenFor(db: Db): string | undefined {
  const chosen = configValue(db, 'district');
  if (chosen) return chosen;
  const districts = districtNames(db);
  return districts.length === 1 ? districts[0] : undefined;
}
