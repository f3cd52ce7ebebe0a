import { describe, expect, it } from 'vitest';
import {
  detectTrend,
  trendAutocorrelation,
  trendOnRange,
  trendStatistics,
} from '../../src/detect/monotonic-growth.js';
import { ar1RankVarianceFactor } from '../../src/detect/stats/mann-kendall.js';
import type { Series, Unit } from '../../src/model/series.js';
import { ar1Noise, seededNormal } from './random.js';

const START_MS = Date.UTC(2026, 2, 1);
const MINUTE_MS = 60_000;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

function makeSeries(values: ArrayLike<number>, options: { unit?: Unit; stepMs?: number } = {}): Series {
  const stepMs = options.stepMs ?? MINUTE_MS;
  return {
    name: 'node_memory_used_bytes',
    metric: 'mem.used',
    unit: options.unit ?? 'bytes',
    t: Float64Array.from({ length: values.length }, (_, i) => START_MS + i * stepMs),
    v: Float64Array.from(values),
    source: { file: 'test.csv', format: 'test' },
  };
}

/** A day at one-minute resolution: level + slope·hours + noise. */
function ramp(slopePerHour: number, noiseSd: number, seed: number, n = 1440, level = 8 * GIB): number[] {
  const normal = seededNormal(seed);
  return Array.from({ length: n }, (_, i) =>
    Math.round(level + (slopePerHour * i) / 60 + noiseSd * normal()),
  );
}

describe('detectTrend', () => {
  it('finds growth in a noisy ramp, with the slope per hour within 5 % of the truth', () => {
    const slope = 50 * MIB;
    const finding = detectTrend(makeSeries(ramp(slope, 200 * MIB, 1)));
    expect(finding).not.toBeNull();
    expect(finding?.kind).toBe('monotonic-growth');
    expect(Math.abs((finding?.slopeBytesPerHour as number) / slope - 1)).toBeLessThan(0.05);
    expect(finding?.slopePercentPerHour).toBeUndefined();
    expect(finding?.pValue).toBeLessThan(1e-6);
    expect(finding?.tau).toBeGreaterThan(0);
    expect(finding?.start).toBe('2026-03-01T00:00:00.000Z');
    expect(finding?.end).toBe('2026-03-01T23:59:00.000Z');
    expect(Math.abs((finding?.interceptAtStart as number) - 8 * GIB)).toBeLessThan(20 * MIB);
    expect(finding?.series).toBe('node_memory_used_bytes');
  });

  it('reports a decline as monotonic-decline with a negative slope', () => {
    const finding = detectTrend(makeSeries(ramp(-30 * MIB, 100 * MIB, 2)));
    expect(finding?.kind).toBe('monotonic-decline');
    expect(Math.abs((finding?.slopeBytesPerHour as number) / (-30 * MIB) - 1)).toBeLessThan(0.05);
  });

  it('gives slopePercentPerHour for a percent series', () => {
    const values = ramp(0.5, 2, 3, 1440, 40);
    const finding = detectTrend(makeSeries(values, { unit: 'percent' }));
    expect(finding?.kind).toBe('monotonic-growth');
    expect(finding?.slopeBytesPerHour).toBeUndefined();
    expect(Math.abs((finding?.slopePercentPerHour as number) / 0.5 - 1)).toBeLessThan(0.05);
  });

  it('uses real timestamps: irregular sampling does not change the slope per hour', () => {
    const slope = 40 * MIB;
    const normal = seededNormal(4);
    const t: number[] = [];
    let now = START_MS;
    for (let i = 0; i < 1000; i++) {
      now += (i % 10 === 0 ? 15 : 1) * MINUTE_MS; // gaps every ten samples
      t.push(now);
    }
    const series = makeSeries(t.map(() => 0));
    series.t = Float64Array.from(t);
    series.v = Float64Array.from(
      t,
      (ms) => 8 * GIB + (slope * (ms - START_MS)) / 3_600_000 + 50 * MIB * normal(),
    );
    const finding = detectTrend(series);
    expect(Math.abs((finding?.slopeBytesPerHour as number) / slope - 1)).toBeLessThan(0.05);
  });

  // The bar: ≤ 7 % false positives at α = 0.05 over 500 seeded flat AR(1) series, for every
  // φ up to 0.9 (and beyond), at lengths from 100 to 1440 points (125 series each).
  it.each([0, 0.5, 0.8, 0.9, 0.95])(
    'reads flat AR(1) noise with φ = %s as a trend in at most 7 %% of 500 series',
    (phi) => {
      const lengths = [100, 200, 500, 1440];
      let falsePositives = 0;
      for (let k = 0; k < 500; k++) {
        const n = lengths[k % lengths.length] as number;
        const noise = ar1Noise(n, phi, 1000 * phi + k + 1);
        if (detectTrend(makeSeries(noise.map((e) => 8 * GIB + 64 * MIB * e))) !== null) falsePositives++;
      }
      expect(falsePositives / 500).toBeLessThanOrEqual(0.07);
    },
  );

  it('finds a ramp of 3 noise sds in AR(1) noise (φ = 0.8, 500 points) in most series', () => {
    let found = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const sd = 64 * MIB;
      const noise = ar1Noise(500, 0.8, seed);
      const marginal = sd / Math.sqrt(1 - 0.64);
      const values = noise.map((e, i) => 8 * GIB + sd * e + (3 * marginal * i) / 500);
      if (detectTrend(makeSeries(values))?.kind === 'monotonic-growth') found++;
    }
    expect(found).toBeGreaterThanOrEqual(90);
  });

  it('finds a leak under a smooth daily wave sampled every minute (the level test)', () => {
    // 1.5 days at 1-minute resolution: 45 MiB/h under a ±150 MiB daily wave. The lag-1
    // autocorrelation is ~1, so the rank test alone cannot decide; the rise is 10× the wave's sd.
    const normal = seededNormal(21);
    const values = Array.from(
      { length: 2160 },
      (_, i) =>
        3 * GIB + (45 * MIB * i) / 60 + 150 * MIB * Math.sin((2 * Math.PI * i) / 1440) + 4 * MIB * normal(),
    );
    const stats = trendStatistics(makeSeries(values));
    expect(stats?.phi).toBeGreaterThan(0.99);
    expect(stats?.pValueRank).toBeGreaterThan(0.05);
    expect(stats?.pValueLevel).toBeLessThan(1e-4);
    expect(detectTrend(makeSeries(values))?.kind).toBe('monotonic-growth');
  });

  it('does not read a daily wave with AR(1) noise over 3.4 days as a trend', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const noise = ar1Noise(4900, 0.9, seed);
      const values = noise.map(
        (e, i) => 8 * GIB + 300 * MIB * Math.sin((2 * Math.PI * i) / 1440 + seed) + 16 * MIB * e,
      );
      expect(detectTrend(makeSeries(values)), `seed ${seed}`).toBeNull();
    }
  });

  it('is scale-invariant: the same decision and p-value in bytes ×1024 or ÷100', () => {
    const values = ar1Noise(600, 0.5, 77).map((e, i) => 1e6 * e + 2000 * i);
    const base = trendStatistics(makeSeries(values));
    for (const factor of [1024, 1 / 100]) {
      const scaled = trendStatistics(makeSeries(values.map((v) => v * factor)));
      // ×1024 is exact in binary; ÷100 rounds every value, which moves φ in the last bits only.
      expect(Math.abs((scaled?.pValue as number) / (base?.pValue as number) - 1)).toBeLessThan(1e-9);
      expect(scaled?.slopePerHour).toBeCloseTo((base?.slopePerHour as number) * factor, 6);
    }
  });

  it('returns null for a constant series, fewer than 3 finite points, or a count series', () => {
    expect(detectTrend(makeSeries(new Array(100).fill(5 * GIB)))).toBeNull();
    expect(detectTrend(makeSeries([1, NaN, 3, NaN]))).toBeNull();
    expect(detectTrend(makeSeries([]))).toBeNull();
    expect(detectTrend(makeSeries(ramp(50 * MIB, MIB, 5), { unit: 'count' }))).toBeNull();
  });

  it('skips gaps (NaN) and reports the first and last finite times', () => {
    const values: number[] = ramp(50 * MIB, 10 * MIB, 6, 200);
    values[0] = NaN;
    values[199] = NaN;
    values[50] = NaN;
    const finding = detectTrend(makeSeries(values));
    expect(finding?.start).toBe(new Date(START_MS + MINUTE_MS).toISOString());
    expect(finding?.end).toBe(new Date(START_MS + 198 * MINUTE_MS).toISOString());
  });
});

describe('trendOnRange / trendStatistics', () => {
  it('tests only the given regime (inclusive indices)', () => {
    const flat = ar1Noise(600, 0.3, 8).map((e) => 6 * GIB + 16 * MIB * e);
    const rising = ramp(100 * MIB, 16 * MIB, 9, 600, 6 * GIB);
    const series = makeSeries([...flat, ...rising]);
    expect(trendOnRange(series, 0, 599)).toBeNull();
    const finding = trendOnRange(series, 600, 1199);
    expect(finding?.kind).toBe('monotonic-growth');
    expect(finding?.start).toBe(new Date(START_MS + 600 * MINUTE_MS).toISOString());
    expect(Math.abs((finding?.slopeBytesPerHour as number) / (100 * MIB) - 1)).toBeLessThan(0.05);
  });

  it('returns the fitted line at both ends and the statistics even when not significant', () => {
    const stats = trendStatistics(makeSeries([10, 12, 11, 15, 14, 18, 17, 20]));
    // noisy8 of the reference vectors, one point per minute: Sen slope 1.5 per minute
    expect(stats?.slopePerHour).toBe(90);
    expect(stats?.interceptAtStart).toBe(9.25);
    expect(stats?.fittedEndValue).toBe(9.25 + 1.5 * 7);
    expect(stats?.s).toBe(22);
    expect(stats?.tau).toBeCloseTo(22 / 28, 15);
  });

  it('uses the bias-corrected lag-1 autocorrelation φ = (nφ̂ + 2)/(n − 4), clamped to [0, 1]', () => {
    const residuals = ar1Noise(400, 0.7, 5);
    let mean = 0;
    for (const r of residuals) mean += r / residuals.length;
    let c0 = 0;
    let c1 = 0;
    for (let i = 0; i < residuals.length; i++) {
      c0 += ((residuals[i] as number) - mean) ** 2;
      if (i > 0) c1 += ((residuals[i] as number) - mean) * ((residuals[i - 1] as number) - mean);
    }
    expect(trendAutocorrelation(residuals)).toBeCloseTo((400 * (c1 / c0) + 2) / 396, 12);
    const alternating = Float64Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    expect(trendAutocorrelation(alternating)).toBe(0);
    const stats = trendStatistics(makeSeries(ar1Noise(400, 0.7, 5).map((e) => 1e9 + 1e7 * e)));
    expect(stats?.varianceFactor).toBe(ar1RankVarianceFactor(stats?.phi as number, 400));
    expect(stats?.effectiveN).toBeCloseTo(
      (400 * (1 - (stats?.phi as number))) / (1 + (stats?.phi as number)),
      9,
    );
  });

  it('reports the smaller p-value of the rank and the level test, doubled', () => {
    const stats = trendStatistics(makeSeries(ramp(5 * MIB, 40 * MIB, 13, 600)));
    expect(stats?.pValue).toBe(
      Math.min(1, 2 * Math.min(stats?.pValueRank as number, stats?.pValueLevel as number)),
    );
  });

  it('tests ranges over 20,000 points on every k-th point, keeping the true first and last times', () => {
    const n = 250_000;
    const noise = ar1Noise(n, 0.9, 14);
    const s = makeSeries(
      noise.map((e, i) => 8 * GIB + 10 * MIB * e + (2 * MIB * i) / 360),
      { stepMs: 10_000 },
    );
    const stats = trendStatistics(s);
    expect(stats?.n).toBe(n);
    expect(stats?.stride).toBe(13); // ⌈250,000 / 20,000⌉
    expect(stats?.startMs).toBe(s.t[0]);
    expect(stats?.endMs).toBe(s.t[n - 1]);
    expect(Math.abs((stats?.slopePerHour as number) / (2 * MIB) - 1)).toBeLessThan(0.01);
    expect(stats?.pValue).toBeLessThan(1e-6);
  });

  it('handles series up to 20,000 points on every point', () => {
    const n = 20_000; // 10-second samples for ~2.3 days
    const noise = ar1Noise(n, 0.95, 10);
    const trending = makeSeries(
      noise.map((e, i) => 8 * GIB + 10 * MIB * e + (5 * MIB * i) / 360),
      { stepMs: 10_000 },
    );
    const finding = detectTrend(trending);
    expect(finding?.kind).toBe('monotonic-growth');
    expect(Math.abs((finding?.slopeBytesPerHour as number) / (5 * MIB) - 1)).toBeLessThan(0.05);

    const flat = trendStatistics(
      makeSeries(
        noise.map((e) => 8 * GIB + 10 * MIB * e),
        { stepMs: 10_000 },
      ),
    );
    expect(flat?.n).toBe(n);
    expect(flat?.stride).toBe(1);
    expect(flat?.varianceFactor).toBeGreaterThan(10); // strongly persistent noise inflates var(S)
    expect(flat?.pValue).toBeGreaterThan(0.05);
  });
});
