/**
 * Repeat detection keeps each record an import touched that existed before it by id (src/import/seen.ts), in a
 * table of typed arrays rather than a Map: it must answer as a Map does, for any ids in any order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlotsById } from '../src/import/seen.js';

describe('records by id', () => {
  it('answers as a Map does, through growth, repeats and ids past 32 bits', () => {
    const id = fc.oneof(
      // Few ids, so that most come again.
      fc.integer({ min: 1, max: 500 }),
      fc.integer({ min: 1, max: 0x7fffffff }),
      fc.constantFrom(0, 0x80000000, 2 ** 40),
    );
    const step = fc.record({ id, slot: fc.nat(), write: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { minLength: 200, maxLength: 3000, size: 'max' }), (steps) => {
        const table = new SlotsById();
        const expected = new Map<number, number>();
        for (const { id: key, slot, write } of steps) {
          if (write) {
            table.set(key, slot);
            expected.set(key, slot);
          }
          expect(table.get(key)).toBe(expected.get(key));
        }
        expect(table.size).toBe(expected.size);
        for (const [key, slot] of expected) expect(table.get(key)).toBe(slot);
      }),
      { numRuns: 25 },
    );
  });
});
