/**
 * The records one import has written so far, by their id, to tell a harmless repeat from a conflicting one.
 * A million sign-in rows pass through here. Records the import inserts get consecutive ids, so they are kept
 * in typed arrays indexed from the first of them (about ten bytes a row); only records that existed before
 * the import (updated or left unchanged) go into a map.
 */
import type { Written } from './rows.js';

export interface SeenRecord {
  signature: number;
  outcome: Written | 'rejected';
  file: string;
  row: number;
  /** Which record of its line (DataRow.part). */
  part?: number;
}

/** 0 marks a free slot of the typed arrays. */
const OUTCOMES: (SeenRecord['outcome'] | undefined)[] = [
  undefined,
  'inserted',
  'updated',
  'unchanged',
  'rejected',
];

/** FNV-1a: enough to tell one row's values from another's that shares its record. */
export function signatureHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

class Slots {
  signatures = new Uint32Array(1024);
  rows = new Uint32Array(1024);
  files = new Uint16Array(1024);
  outcomes = new Uint8Array(1024);

  ensure(at: number): void {
    if (at < this.rows.length) return;
    let length = this.rows.length;
    while (length <= at) length *= 2;
    const grow = <T extends Uint32Array | Uint16Array | Uint8Array>(
      array: T,
      make: (size: number) => T,
    ): T => {
      const next = make(length);
      next.set(array);
      return next;
    };
    this.signatures = grow(this.signatures, (size) => new Uint32Array(size));
    this.rows = grow(this.rows, (size) => new Uint32Array(size));
    this.files = grow(this.files, (size) => new Uint16Array(size));
    this.outcomes = grow(this.outcomes, (size) => new Uint8Array(size));
  }
}

/**
 * Record ids to their slot, by open addressing over typed arrays: a Map took about fifty bytes an entry, and a
 * million-row file imported again (every row unchanged) holds a million of them. 0 marks a free key (ids start
 * at 1); an id past 32 bits, should a register ever reach one, goes into a Map.
 */
export class SlotsById {
  private keys = new Int32Array(1024);
  private slots = new Int32Array(1024);
  private readonly large = new Map<number, number>();
  size = 0;

  get(id: number): number | undefined {
    if (id > 0x7fffffff || id < 1) return this.large.get(id);
    for (let at = home(id, this.keys.length); ; at = (at + 1) & (this.keys.length - 1)) {
      const key = this.keys[at] ?? 0;
      if (key === 0) return undefined;
      if (key === id) return this.slots[at];
    }
  }

  set(id: number, slot: number): void {
    if (id > 0x7fffffff || id < 1) {
      if (!this.large.has(id)) this.size++;
      this.large.set(id, slot);
      return;
    }
    // At most half full: probes stay short.
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    if (this.place(this.keys, this.slots, id, slot)) this.size++;
  }

  /** Puts the pair in; true when the id was not there before. */
  private place(keys: Int32Array, slots: Int32Array, id: number, slot: number): boolean {
    for (let at = home(id, keys.length); ; at = (at + 1) & (keys.length - 1)) {
      const key = keys[at] ?? 0;
      if (key === 0 || key === id) {
        keys[at] = id;
        slots[at] = slot;
        return key === 0;
      }
    }
  }

  private grow(): void {
    const keys = new Int32Array(this.keys.length * 2);
    const slots = new Int32Array(this.slots.length * 2);
    for (let at = 0; at < this.keys.length; at++) {
      const key = this.keys[at] ?? 0;
      if (key !== 0) this.place(keys, slots, key, this.slots[at] ?? 0);
    }
    this.keys = keys;
    this.slots = slots;
  }
}

/** Where an id's search starts in a table of `length` (a power of two): consecutive ids spread over it. */
function home(id: number, length: number): number {
  return (Math.imul(id, 0x9e3779b1) >>> 0) & (length - 1);
}

export class SeenKeys {
  private readonly fileNames: string[] = [];
  /** Records inserted by this import, at (id - firstInserted). */
  private readonly inserted = new Slots();
  private firstInserted: number | undefined;
  /** Records that existed before: id → slot in `earlier`. */
  private readonly earlierIndex = new SlotsById();
  private readonly earlier = new Slots();
  private readonly parts = new Map<number, number>();

  private locate(id: number, create: boolean): { slots: Slots; at: number } | undefined {
    if (this.firstInserted !== undefined && id >= this.firstInserted) {
      const at = id - this.firstInserted;
      if (!create && (at >= this.inserted.outcomes.length || this.inserted.outcomes[at] === 0))
        return undefined;
      return { slots: this.inserted, at };
    }
    let at = this.earlierIndex.get(id);
    if (at === undefined) {
      if (!create) return undefined;
      at = this.earlierIndex.size;
      this.earlierIndex.set(id, at);
    }
    return { slots: this.earlier, at };
  }

  get(id: number): SeenRecord | undefined {
    const place = this.locate(id, false);
    if (!place) return undefined;
    const { slots, at } = place;
    return {
      signature: slots.signatures[at] ?? 0,
      outcome: OUTCOMES[slots.outcomes[at] ?? 0] ?? 'rejected',
      file: this.fileNames[slots.files[at] ?? 0] ?? '',
      row: slots.rows[at] ?? 0,
      part: this.parts.get(id) ?? 0,
    };
  }

  set(id: number, record: SeenRecord): void {
    if (this.firstInserted === undefined && record.outcome === 'inserted') this.firstInserted = id;
    const place = this.locate(id, true);
    if (!place) return;
    const { slots, at } = place;
    slots.ensure(at);
    let file = this.fileNames.indexOf(record.file);
    if (file < 0) file = this.fileNames.push(record.file) - 1;
    slots.signatures[at] = record.signature;
    slots.rows[at] = record.row;
    slots.files[at] = file;
    slots.outcomes[at] = OUTCOMES.indexOf(record.outcome);
    // Few records are one of several on their line (a block, a session column): kept apart, not a byte each.
    if (record.part) this.parts.set(id, record.part);
    else if (this.parts.size > 0) this.parts.delete(id);
  }
}
