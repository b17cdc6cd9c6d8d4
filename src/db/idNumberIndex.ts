/**
 * Resident ID numbers found through a hash table of typed arrays: 16–24 bytes a number where a Map from
 * strings took a few hundred (the register's 200,000 ID numbers were most of a large import's heap). An
 * 18-character number is held as two integers: its first nine digits, and the next eight with the check
 * character (X as 10).
 */
export class IdNumberIndex {
  /** By position in the list given. */
  private readonly high: Int32Array;
  private readonly low: Int32Array;
  /** Open addressing: position + 1 of the number hashed here, 0 for none; a power of two, at most half full. */
  private readonly slots: Int32Array;
  /** Anything not of the 18-character form, should a register hold one: kept as it is. */
  private readonly others = new Map<string, number>();

  /** `idNumbers[position]`, each at most once. */
  constructor(idNumbers: readonly string[]) {
    this.high = new Int32Array(idNumbers.length);
    this.low = new Int32Array(idNumbers.length);
    let size = 16;
    while (size < idNumbers.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    for (const [position, idNumber] of idNumbers.entries()) {
      if (!splitIdNumber(idNumber)) {
        this.others.set(idNumber, position);
        continue;
      }
      const { high, low } = split;
      this.high[position] = high;
      this.low[position] = low;
      let slot = this.slotOf(high, low);
      while (this.slots[slot] !== 0) slot = (slot + 1) & (this.slots.length - 1);
      this.slots[slot] = position + 1;
    }
  }

  /** The position of this ID number in the list given, or -1. */
  find(idNumber: string): number {
    if (!splitIdNumber(idNumber)) return this.others.get(idNumber) ?? -1;
    const { high, low } = split;
    for (let slot = this.slotOf(high, low); ; slot = (slot + 1) & (this.slots.length - 1)) {
      const held = this.slots[slot] ?? 0;
      if (held === 0) return -1;
      if (this.high[held - 1] === high && this.low[held - 1] === low) return held - 1;
    }
  }

  private slotOf(high: number, low: number): number {
    // Both integers mixed into every bit (MurmurHash3's finaliser): numbers of one district and year differ
    // only in a few digits.
    let hash = Math.imul(high, 0x9e3779b1) ^ low;
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    return (hash ^ (hash >>> 16)) & (this.slots.length - 1);
  }
}

/** The two integers of the number last split: written in place, not a pair made for each of a million lookups. */
const split = { high: 0, low: 0 };

/** Splits an 18-character number (17 digits, then a digit or X) into `split`; false for any other text. */
function splitIdNumber(idNumber: string): boolean {
  if (idNumber.length !== 18) return false;
  let high = 0;
  let low = 0;
  for (let at = 0; at < 17; at++) {
    const digit = idNumber.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return false;
    if (at < 9) high = high * 10 + digit;
    else low = low * 10 + digit;
  }
  const last = idNumber.charCodeAt(17);
  const check = last === 88 /* X */ ? 10 : last - 48;
  if (last !== 88 && (check < 0 || check > 9)) return false;
  split.high = high;
  split.low = low * 11 + check;
  return true;
}
