/**
 * The records one import has written so far, by their id, to tell a harmless repeat from a conflicting one. A
 * million sign-in rows pass through here, so each entry is a small integer key and a few bytes in typed arrays.
 */
import type { Written } from './rows.js';

export interface SeenRecord {
  signature: number;
  outcome: Written | 'rejected';
  file: string;
  row: number;
}

const OUTCOMES: SeenRecord['outcome'][] = ['inserted', 'updated', 'unchanged', 'rejected'];

/** FNV-1a: enough to tell one row's values from another's that shares its key. */
export function signatureHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class SeenKeys {
  private readonly index = new Map<number, number>();
  private readonly files: string[] = [];
  private signatures = new Uint32Array(1024);
  private rows = new Uint32Array(1024);
  private fileIndexes = new Uint16Array(1024);
  private outcomes = new Uint8Array(1024);
  private size = 0;

  get(key: number): SeenRecord | undefined {
    const at = this.index.get(key);
    if (at === undefined) return undefined;
    return {
      signature: this.signatures[at] ?? 0,
      outcome: OUTCOMES[this.outcomes[at] ?? 0] ?? 'rejected',
      file: this.files[this.fileIndexes[at] ?? 0] ?? '',
      row: this.rows[at] ?? 0,
    };
  }

  set(key: number, record: SeenRecord): void {
    let at = this.index.get(key);
    if (at === undefined) {
      at = this.size++;
      if (at >= this.rows.length) this.grow();
      this.index.set(key, at);
    }
    let file = this.files.indexOf(record.file);
    if (file < 0) file = this.files.push(record.file) - 1;
    this.signatures[at] = record.signature;
    this.rows[at] = record.row;
    this.fileIndexes[at] = file;
    this.outcomes[at] = OUTCOMES.indexOf(record.outcome);
  }

  private grow(): void {
    const grown = <T extends Uint32Array | Uint16Array | Uint8Array>(
      array: T,
      make: (length: number) => T,
    ): T => {
      const next = make(array.length * 2);
      next.set(array);
      return next;
    };
    this.signatures = grown(this.signatures, (length) => new Uint32Array(length));
    this.rows = grown(this.rows, (length) => new Uint32Array(length));
    this.fileIndexes = grown(this.fileIndexes, (length) => new Uint16Array(length));
    this.outcomes = grown(this.outcomes, (length) => new Uint8Array(length));
  }
}
