import { describe, expect, it } from 'vitest';
import { median, quantile, quantiles, scaledMad } from '../../../src/detect/stats/robust.js';
import { seededRandom } from '../random.js';

/** numpy.quantile, linear method, by sorting. */
function sortedQuantile(values: number[], q: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

describe('robust order statistics', () => {
  it('quantile and median equal the sorted definition, skipping NaN', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 50; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
        random() < 0.1 ? NaN : Math.floor(random() * 30),
      );
      if (values.every(Number.isNaN)) continue;
      for (const q of [0, 0.01, 0.25, 0.5, 0.99, 1])
        expect(quantile(values, q)).toBeCloseTo(sortedQuantile(values, q), 12);
      expect(median(values)).toBeCloseTo(sortedQuantile(values, 0.5), 12);
    }
    expect(median([])).toBeNaN();
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('scaledMad is 1.4826 × the median absolute deviation', () => {
    expect(scaledMad([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 12);
    expect(scaledMad([5, 5, 5])).toBe(0);
  });
});

describe('quantiles', () => {
  it('equals quantile for each, in any order', () => {
    const random = seededRandom(9);
    for (let trial = 0; trial < 30; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 80) }, () => Math.floor(random() * 25));
      const qs = [0.99, 0.01, 0.5, 0.5, 0.25];
      expect(quantiles(values, qs)).toEqual(qs.map((q) => quantile(values, q)));
    }
    expect(quantiles([], [0.5])).toEqual([NaN]);
  });
});
