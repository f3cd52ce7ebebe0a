import { describe, expect, it } from 'vitest';
import { countNonRisingPairs, InversionSorter } from '../../../src/detect/stats/inversions.js';
import { seededRandom } from '../random.js';

describe('countNonRisingPairs', () => {
  it('counts the pairs i < j with values[j] ≤ values[i] and returns the values sorted', () => {
    const random = seededRandom(77);
    for (let trial = 0; trial < 30; trial++) {
      const values = Float64Array.from({ length: Math.floor(random() * 200) }, () =>
        Math.floor(random() * 20),
      );
      const original = Float64Array.from(values);
      let expected = 0;
      for (let i = 0; i < values.length; i++)
        for (let j = i + 1; j < values.length; j++)
          if ((values[j] as number) <= (values[i] as number)) expected++;
      const { pairs, sorted } = countNonRisingPairs(values);
      expect(pairs).toBe(expected);
      expect(sorted).toEqual(Float64Array.from(values).sort());
      expect(values).toEqual(original);
    }
  });
});

describe('InversionSorter', () => {
  it('orders positions by (high, low) and counts pairs whose later z is ≤ the earlier one', () => {
    const random = seededRandom(5);
    const sorter = new InversionSorter(300);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(random() * 300);
      const high = Float64Array.from({ length: n }, () => Math.floor(random() * 8));
      const low = Float64Array.from({ length: n }, () => Math.floor(random() * 3) * 1e-20);
      const order = Int32Array.from({ length: n }, (_, i) => i);
      const before = (p: number, q: number): boolean =>
        (high[q] as number) < (high[p] as number) ||
        (high[q] === high[p] && (low[q] as number) <= (low[p] as number));
      let expected = 0;
      for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) if (before(p, q)) expected++;
      expect(sorter.sortCounting(high, low, order)).toBe(expected);
      for (let k = 1; k < n; k++) {
        const a = order[k - 1] as number;
        const b = order[k] as number;
        // Ascending by (high, low); equal keys by position descending.
        expect(a > b ? before(b, a) : !before(a, b)).toBe(true);
      }
    }
  });
});
