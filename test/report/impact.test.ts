import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/model/series.js';
import { measureImpact, secondsInZone } from '../../src/report/impact.js';

const GIB = 2 ** 30;
const MIN_MS = 60_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');

function series(
  name: string,
  metric: Series['metric'],
  values: number[],
  unit: Series['unit'] = 'bytes',
): Series {
  return {
    name,
    metric,
    unit,
    t: Float64Array.from(values.map((_, i) => T0 + i * MIN_MS)),
    v: Float64Array.from(values),
    source: { file: 'x.csv', format: 'generic-csv' },
  };
}

describe('secondsInZone', () => {
  it('counts each sample in the zone for the time to the next one', () => {
    const s = series('a', 'mem.used', [1, 5, 5, 1, 5]);
    // Samples 1 and 2 stand for a minute each; the last sample for one typical interval.
    expect(secondsInZone(s, (v) => v > 2)).toBe(180);
  });

  it('does not count a scrape gap as time in the zone', () => {
    const s = series('a', 'mem.used', [5, 5, 5, 5]);
    s.t[3] = T0 + 60 * MIN_MS; // a 57-minute hole after the third sample
    // 1 + 1 + capped 2 (twice the typical minute) + 1 for the last sample.
    expect(secondsInZone(s, () => true)).toBe(5 * 60);
  });
});

describe('measureImpact', () => {
  it('measures near exhaustion on MemAvailable when given, and the peak of used', () => {
    const used = series(
      'used',
      'mem.used',
      [10, 15.5, 15.8, 12].map((g) => g * GIB),
    );
    const available = series(
      'avail',
      'mem.available',
      [6, 1.5, 1.2, 4].map((g) => g * GIB),
    );
    const impact = measureImpact({ series: [used, available], primary: 'used', totalBytes: 16 * GIB })!;
    expect(impact.observedSeconds).toBe(180);
    expect(impact.used).toMatchObject({ series: 'used', peak: 15.8 * GIB, peakFraction: 15.8 / 16 });
    expect(impact.used!.peakAt).toBe(new Date(T0 + 2 * MIN_MS).toISOString());
    // 15.5 and 15.8 GiB are ≥ 90 % of 16 GiB (14.4 GiB).
    expect(impact.used!.secondsAboveThreshold).toBe(120);
    expect(impact.available).toMatchObject({ min: 1.2 * GIB, minFraction: 1.2 / 16 });
    // 1.5 and 1.2 GiB are ≤ 10 % of 16 GiB (1.6 GiB).
    expect(impact.available!.secondsBelowThreshold).toBe(120);
    expect(impact.nearExhaustionBasis).toBe('available');
    expect(impact.nearExhaustionSeconds).toBe(120);
  });

  it('falls back to used without MemAvailable, and cannot tell without a total', () => {
    const used = series(
      'used',
      'mem.used',
      [10, 15, 15, 15].map((g) => g * GIB),
    );
    const withTotal = measureImpact({ series: [used], primary: 'used', totalBytes: 16 * GIB })!;
    expect(withTotal.nearExhaustionBasis).toBe('used');
    expect(withTotal.nearExhaustionSeconds).toBe(180);
    const withoutTotal = measureImpact({ series: [used], primary: 'used', totalBytes: null })!;
    expect(withoutTotal.used!.peakFraction).toBeNull();
    expect(withoutTotal.nearExhaustionSeconds).toBeNull();
    expect(withoutTotal.nearExhaustionBasis).toBeNull();
  });

  it('reads a percent series as a fraction of the total by itself', () => {
    const used = series('pct', 'mem.used', [50, 95, 92, 60], 'percent');
    const impact = measureImpact({ series: [used], primary: 'pct', totalBytes: null })!;
    expect(impact.used!.peakFraction).toBeCloseTo(0.95, 10);
    expect(impact.nearExhaustionSeconds).toBe(120);
  });

  it('is undefined without series', () => {
    expect(measureImpact({ series: [], primary: null, totalBytes: null })).toBeUndefined();
  });
});
