import { randomBytes } from 'node:crypto';
import type { Db } from './open.js';

/** The secret behind anonymised exports: made once per register, so one person keeps one pseudonym. */
export function pseudonymKey(db: Db): string {
  const found = db.prepare(`SELECT value FROM settings WHERE key = 'pseudonym_key'`).pluck().get() as
    string | undefined;
  if (found) return found;
  const key = randomBytes(32).toString('hex');
  db.prepare(`INSERT INTO settings (key, value) VALUES ('pseudonym_key', ?)`).run(key);
  return key;
}
