import { randomBytes } from 'node:crypto';
import { DEFAULT_LATE_GRACE_MINUTES } from '../domain/attendance.js';
import { DEFAULT_ONLINE_PRESENT_RATIO } from '../domain/online.js';
import type { Db } from './handle.js';

/** The secret behind anonymised exports: made once per register, so one person keeps one pseudonym. */
export function pseudonymKey(db: Db): string {
  const found = db.prepare(`SELECT value FROM settings WHERE key = 'pseudonym_key'`).pluck().get() as
    string | undefined;
  if (found) return found;
  const key = randomBytes(32).toString('hex');
  db.prepare(`INSERT INTO settings (key, value) VALUES ('pseudonym_key', ?)`).run(key);
  return key;
}

/** The settings a person chose with `peixun config set`, kept under `config.` in the settings table. */
export function configValue(db: Db, name: string): string | undefined {
  return db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(`config.${name}`) as
    string | undefined;
}

export function setConfigValue(db: Db, name: string, value: string): void {
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(`config.${name}`, value);
}

/** Whether there was a value to remove. */
export function removeConfigValue(db: Db, name: string): boolean {
  return db.prepare(`DELETE FROM settings WHERE key = ?`).run(`config.${name}`).changes > 0;
}

/** The names of every setting made with `peixun config set`. */
export function configNames(db: Db): string[] {
  return (
    db.prepare(`SELECT key FROM settings WHERE key LIKE 'config.%' ORDER BY key`).pluck().all() as string[]
  ).map((key) => key.slice('config.'.length));
}

/** formats.md: in an online session's window for this share of it, present (default 2/3). */
export function onlinePresentRatio(db: Db): number {
  const value = Number(configValue(db, 'online-present-ratio') ?? DEFAULT_ONLINE_PRESENT_RATIO);
  return Number.isFinite(value) && value > 0 && value <= 1 ? value : DEFAULT_ONLINE_PRESENT_RATIO;
}

/** formats.md: a sign-in this many minutes after its session's start is still on time (default 0). */
export function lateGraceMinutes(db: Db): number {
  const value = Number(configValue(db, 'late-grace-minutes') ?? DEFAULT_LATE_GRACE_MINUTES);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_LATE_GRACE_MINUTES;
}
