/**
 * What `peixun config` keeps in the register: the city's pseudonym key for bundles and the district a bundle speaks
 * for. Each setting says how it is checked and how it is shown; the city key is a secret and is only ever shown by
 * its fingerprint.
 */
import { configValue, removeConfigValue, setConfigValue } from '../db/settings.js';
import type { Db } from '../db/open.js';
import { LEVELS, UnitStore } from '../db/units.js';
import { PeixunError, problem, type Problem } from '../errors.js';
import { keyFingerprint } from '../privacy/pseudonyms.js';

/** Shortest city key taken: 16 characters leave no key to guess (the city hands out a random 64-hex-digit one). */
export const MIN_CITY_KEY_LENGTH = 16;

interface Setting {
  /** Why a value is refused, or nothing when it is fine. */
  check(value: string): Problem | undefined;
  /** A secret is never shown, only its fingerprint. */
  secret: boolean;
}

const SETTINGS = {
  'city-key': {
    check: (value) =>
      value.length < MIN_CITY_KEY_LENGTH || /\s/.test(value)
        ? problem('cityKeyShort', { min: MIN_CITY_KEY_LENGTH })
        : undefined,
    secret: true,
  },
  district: {
    check: (value) => (value.trim() === '' ? problem('configEmpty', { name: 'district' }) : undefined),
    secret: false,
  },
} satisfies Record<string, Setting>;

export type ConfigName = keyof typeof SETTINGS;
export const CONFIG_NAMES = Object.keys(SETTINGS) as ConfigName[];

export interface ConfigEntry {
  name: ConfigName;
  set: boolean;
  /** Null when not set, and for a secret. */
  value: string | null;
  /** A secret's fingerprint, to compare with the one its sender gave. */
  fingerprint: string | null;
}

function entry(name: ConfigName, value: string | undefined): ConfigEntry {
  const secret = SETTINGS[name].secret;
  return {
    name,
    set: value !== undefined,
    value: value === undefined || secret ? null : value,
    fingerprint: value !== undefined && secret ? keyFingerprint(value) : null,
  };
}

export function isConfigName(name: string): name is ConfigName {
  return (CONFIG_NAMES as string[]).includes(name);
}

function known(name: string): ConfigName {
  if (!isConfigName(name))
    throw new PeixunError(problem('configUnknown', { name, names: CONFIG_NAMES.join(', ') }));
  return name;
}

export function setConfig(db: Db, name: string, value: string): ConfigEntry {
  const setting = known(name);
  const trimmed = value.trim();
  const refused = SETTINGS[setting].check(trimmed);
  if (refused) throw new PeixunError(refused);
  setConfigValue(db, setting, trimmed);
  return entry(setting, trimmed);
}

export function unsetConfig(db: Db, name: string): boolean {
  return removeConfigValue(db, known(name));
}

export function configEntry(db: Db, name: string): ConfigEntry {
  const setting = known(name);
  return entry(setting, configValue(db, setting));
}

export function configEntries(db: Db): ConfigEntry[] {
  return CONFIG_NAMES.map((name) => configEntry(db, name));
}

/** The city's key, as set; bundles cannot be made without it. */
export function cityKey(db: Db): string | undefined {
  return configValue(db, 'city-key');
}

/**
 * The district a register speaks for: `config set district`, else the register's one 区. A register holding
 * several districts must say which (a bundle is one district's).
 */
export function registerDistrict(db: Db): string {
  const chosen = configValue(db, 'district');
  if (chosen) return chosen;
  const districts = new UnitStore(db).all().filter((unit) => unit.level === LEVELS.district);
  const only = districts.length === 1 ? districts[0] : undefined;
  if (!only) {
    throw new PeixunError(
      problem('districtUnknown', { names: districts.map((unit) => unit.name).join(', ') || '—' }),
    );
  }
  return only.name;
}
