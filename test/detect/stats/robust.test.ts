import { describe, expect, it } from 'vitest';
import {
  median,
  quantile,
  quantiles,
  quickSelect,
  scaledMad,
  typicalIntervalMs,
} from '../../../src/detect/stats/robust.js';
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

  it('equals the sorted definition on long inputs (sampled selection), repeated and edge quantiles', () => {
    const random = seededRandom(13);
    for (let trial = 0; trial < 12; trial++) {
      const length = 601 + Math.floor(random() * 30_000);
      const values = Array.from({ length }, () =>
        random() < 0.01 ? NaN : trial % 3 === 0 ? Math.floor(random() * 50) : random() * 1e6,
      );
      const qs = [0.05, 0.01, 0.99, 0.5, 0.05, 0, 1, 0.999, 0.0001];
      expect(quantiles(values, qs)).toEqual(qs.map((q) => sortedQuantile(values, q)));
    }
  });
});

describe('quickSelect', () => {
  it('returns the k-th smallest and partitions around it, on short and on sampled (> 600) ranges', () => {
    const random = seededRandom(1);
    for (let trial = 0; trial < 60; trial++) {
      const length = 1 + Math.floor(random() * (trial < 30 ? 100 : 20_000));
      // Few distinct values (many ties) in half the trials, continuous values in the other half.
      const values = Float64Array.from({ length }, () =>
        trial % 2 === 0 ? Math.floor(random() * 10) : random() * 1e9 - 5e8,
      );
      const sorted = Float64Array.from(values).sort();
      const k = Math.floor(random() * length);
      expect(quickSelect(values, k)).toBe(sorted[k]);
      for (let i = 0; i < k; i++) expect(values[i]).toBeLessThanOrEqual(sorted[k] as number);
      for (let i = k + 1; i < length; i++) expect(values[i]).toBeGreaterThanOrEqual(sorted[k] as number);
      expect(Float64Array.from(values).sort()).toEqual(sorted);
    }
  });

  it('handles sorted, reversed and constant inputs', () => {
    for (const values of [
      Float64Array.from({ length: 5000 }, (_, i) => i),
      Float64Array.from({ length: 5000 }, (_, i) => -i),
      new Float64Array(5000).fill(7),
    ]) {
      const sorted = Float64Array.from(values).sort();
      for (const k of [0, 1, 2499, 2500, 4999]) expect(quickSelect(values, k)).toBe(sorted[k]);
    }
  });

  it('median averages the two middle values for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('typicalIntervalMs', () => {
  it('is the upper median of the positive steps between finite points; 1 without any', () => {
    expect(typicalIntervalMs([0, 10, 20, 30])).toBe(10);
    // steps 10, 10, 0 (skipped), 50, 10 → upper median of [10, 10, 50, 10] = 10
    expect(typicalIntervalMs([0, 10, 20, 20, 70, 80])).toBe(10);
    // steps 5, 20, 20 → 20
    expect(typicalIntervalMs([0, 5, 25, 45])).toBe(20);
    // with values: the NaN point is skipped, so the steps are 10 and 30 → upper median 30
    expect(typicalIntervalMs([0, 10, 20, 40], [1, 2, NaN, 4])).toBe(30);
    expect(typicalIntervalMs([5, 5, 5])).toBe(1);
    expect(typicalIntervalMs([])).toBe(1);
  });
});
