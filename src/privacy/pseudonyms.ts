/**
 * Pseudonyms: a person's stand-in made with a keyed hash (HMAC-SHA-256), the same person always getting the same
 * one under the same key, and no way back to the person without the key. `export --anonymise` uses the register's
 * own key (fake but well-formed names, ID numbers and phones); district bundles use the city's key, so that the
 * city can count a person trained in two districts once without ever seeing an ID number (docs/bundles.md).
 */
import { createHash, createHmac } from 'node:crypto';
import { idCheckCharacter } from '../domain/identity.js';

export function keyedDigest(key: string, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

/**
 * A person's pseudonym in a bundle: HMAC-SHA-256 of the ID number as stored (18 characters, capital X) under the
 * city's key, in hex. Anyone holding the key can compute it from an ID number with any HMAC tool; no one without it
 * can.
 */
export function cityPseudonym(cityKey: string, idNumber: string): string {
  return keyedDigest(cityKey, idNumber).toString('hex');
}

/** Tells keys apart without revealing them: the first 16 hex digits of SHA-256 over a label and the key. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(`peixun city key\u0000${key}`).digest('hex').slice(0, 16);
}

const DAY_MS = 86_400_000;
const FIRST_BIRTH = Date.UTC(1940, 0, 1);
const BIRTH_DAYS = 25_000;

/** An anonymised export's stand-ins for a person: fake name, gender, phone and a well-formed fake ID number. */
export class Pseudonyms {
  private readonly ids = new Map<string, string>();
  private readonly taken = new Set<string>();
  constructor(private readonly key: string) {}

  private digest(text: string): Buffer {
    return keyedDigest(this.key, text);
  }

  name(person: string): string {
    return `学员${this.digest(`name:${person}`).toString('hex').slice(0, 8).toUpperCase()}`;
  }

  gender(person: string): '男' | '女' {
    return (this.digest(`gender:${person}`)[0] ?? 0) % 2 === 0 ? '男' : '女';
  }

  phone(person: string): string {
    return `100${String(this.digest(`phone:${person}`).readUInt32BE(0) % 100_000_000).padStart(8, '0')}`;
  }

  /** Unique within an export: a clash (rare) moves on to the next sequence number. */
  idNumber(person: string): string {
    const known = this.ids.get(person);
    if (known) return known;
    const hash = this.digest(`id:${person}`);
    const birth = new Date(FIRST_BIRTH + (hash.readUInt32BE(0) % BIRTH_DAYS) * DAY_MS)
      .toISOString()
      .slice(0, 10);
    let sequence = hash.readUInt16BE(4) % 1000;
    let id: string;
    do {
      const first17 = `990000${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
      id = first17 + idCheckCharacter(first17);
      sequence = (sequence + 1) % 1000;
    } while (this.taken.has(id));
    this.taken.add(id);
    this.ids.set(person, id);
    return id;
  }
}
