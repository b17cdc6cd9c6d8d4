/**
 * Resident ID numbers found by binary search in typed arrays: 8 bytes a number where a Map from strings took a
 * few hundred (the register's 200,000 ID numbers were most of a large import's heap). An 18-character number is
 * two integers: its first nine digits, and the next eight with the check character (X as 10).
 */
export class IdNumberIndex {
  private readonly high: Int32Array;
  private readonly low: Int32Array;
  /** Anything not of the 18-character form, should a register hold one: kept as it is. */
  private readonly others = new Map<string, number>();

  /** `idNumbers[position]`, each at most once. */
  constructor(idNumbers: readonly string[]) {
    const high = new Int32Array(idNumbers.length);
    const low = new Int32Array(idNumbers.length);
    const order: number[] = [];
    for (const [position, idNumber] of idNumbers.entries()) {
      const split = splitIdNumber(idNumber);
      if (!split) {
        this.others.set(idNumber, position);
        continue;
      }
      high[position] = split[0];
      low[position] = split[1];
      order.push(position);
    }
    // Usually given in order already (the register's ID-number index reads them so): then the sort is one pass.
    order.sort((one, other) => compare(high[one]!, low[one]!, high[other]!, low[other]!));
    this.positions = Int32Array.from(order);
    this.high = Int32Array.from(order, (position) => high[position]!);
    this.low = Int32Array.from(order, (position) => low[position]!);
  }

  /** Where each number sits in the sorted arrays: its position in the list given. */
  private readonly positions: Int32Array;

  /** The position of this ID number in the list given, or -1. */
  find(idNumber: string): number {
    const split = splitIdNumber(idNumber);
    if (!split) return this.others.get(idNumber) ?? -1;
    const [high, low] = split;
    let from = 0;
    let to = this.high.length - 1;
    while (from <= to) {
      const middle = (from + to) >>> 1;
      const order = compare(this.high[middle]!, this.low[middle]!, high, low);
      if (order === 0) return this.positions[middle]!;
      if (order < 0) from = middle + 1;
      else to = middle - 1;
    }
    return -1;
  }
}

const ID_FORM = /^\d{17}[\dX]$/;

function splitIdNumber(idNumber: string): [number, number] | undefined {
  if (!ID_FORM.test(idNumber)) return undefined;
  const check = idNumber.charCodeAt(17) === 88 /* X */ ? 10 : idNumber.charCodeAt(17) - 48;
  return [Number(idNumber.slice(0, 9)), Number(idNumber.slice(9, 17)) * 11 + check];
}

function compare(high: number, low: number, otherHigh: number, otherLow: number): number {
  return high - otherHigh || low - otherLow;
}
