import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../src/report/downsample.js';

function series(
  n: number,
  valueAt: (i: number) => number,
  stepMs = 1000,
): { t: Float64Array; v: Float64Array } {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = 1_700_000_000_000 + i * stepMs;
    v[i] = valueAt(i);
  }
  return { t, v };
}

describe('downsampleMinMax', () => {
  it('returns nothing for an empty series', () => {
    expect(downsampleMinMax(new Float64Array(0), new Float64Array(0))).toEqual([]);
  });

  it('keeps a short series as it is, turning NaN into null', () => {
    const { t, v } = series(5, (i) => (i === 2 ? NaN : i * 10));
    expect(downsampleMinMax(t, v, 10)).toEqual([
      [t[0], 0],
      [t[1], 10],
      [t[2], null],
      [t[3], 30],
      [t[4], 40],
    ]);
  });

  it('bounds the output, keeps first and last point, and stays in time order', () => {
    const { t, v } = series(100_000, (i) => Math.sin(i / 500) * 1000 + i);
    const out = downsampleMinMax(t, v, 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out.length).toBeGreaterThan(1900);
    expect(out[0]).toEqual([t[0], v[0]]);
    expect(out[out.length - 1]).toEqual([t[99_999], v[99_999]]);
    for (let i = 1; i < out.length; i++) expect(out[i]![0]).toBeGreaterThan(out[i - 1]![0]);
  });

  it('emits only real samples and keeps single-sample spikes and drops', () => {
    const { t, v } = series(50_000, (i) => (i === 12_345 ? 1e9 : i === 33_333 ? -1e9 : 100 + (i % 7)));
    const out = downsampleMinMax(t, v, 500);
    const byTime = new Map<number, number>();
    for (let i = 0; i < t.length; i++) byTime.set(t[i]!, v[i]!);
    for (const [time, value] of out) expect(byTime.get(time)).toBe(value);
    const values = out.map(([, value]) => value);
    expect(values).toContain(1e9);
    expect(values).toContain(-1e9);
  });

  it('keeps a gap as a null point between the data on either side, still within the bound', () => {
    const gapStart = 40_000;
    const gapEnd = 41_000;
    const { t, v } = series(100_000, (i) => (i >= gapStart && i < gapEnd ? NaN : i));
    const out = downsampleMinMax(t, v, 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    const nulls = out.filter(([, value]) => value === null);
    expect(nulls.length).toBeGreaterThan(0);
    for (const [time] of nulls) {
      expect(time).toBeGreaterThanOrEqual(t[gapStart]!);
      expect(time).toBeLessThan(t[gapEnd]!);
    }
    // The finite points on both sides of the gap survive, so the line resumes after it.
    const lastBefore = out.filter(([time, value]) => value !== null && time < t[gapStart]!).at(-1);
    const firstAfter = out.find(([time, value]) => value !== null && time >= t[gapEnd]!);
    expect(lastBefore).toBeDefined();
    expect(firstAfter).toBeDefined();
  });

  it('buckets by time, not by index: a dense burst does not eat the budget of a sparse stretch', () => {
    // 10,000 points in the first minute, then one point a minute for 10,000 minutes.
    const n = 20_000;
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      t[i] = i < 10_000 ? i * 6 : 60_000 + (i - 10_000) * 60_000;
      v[i] = i;
    }
    const out = downsampleMinMax(t, v, 1000);
    const inBurst = out.filter(([time]) => time < 60_000).length;
    expect(inBurst).toBeLessThan(10);
    expect(out.length).toBeGreaterThan(900);
  });

  it('handles a series whose points all share one time', () => {
    const t = new Float64Array(5000).fill(42);
    const v = Float64Array.from({ length: 5000 }, (_, i) => i);
    const out = downsampleMinMax(t, v, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out[0]).toEqual([42, 0]);
    expect(out.at(-1)).toEqual([42, 4999]);
  });

  it('keeps, per time bucket, the first minimum, the first maximum and the first gap, in time order', () => {
    // The definition, point by point: bucket = ⌊(t − t₀)/span · buckets⌋ for the inner points.
    const reference = (t: Float64Array, v: Float64Array, maxPoints: number): [number, number | null][] => {
      const n = t.length;
      const hasGap = v.subarray(1, n - 1).some((x) => !Number.isFinite(x));
      const buckets = Math.max(1, Math.floor((maxPoints - 2) / (hasGap ? 3 : 2)));
      const span = (t[n - 1] as number) - (t[0] as number);
      const byBucket = new Map<number, number[]>();
      for (let i = 1; i < n - 1; i++) {
        const b = Math.min(
          buckets - 1,
          Math.max(0, Math.floor((((t[i] as number) - (t[0] as number)) / span) * buckets)),
        );
        byBucket.set(b, [...(byBucket.get(b) ?? []), i]);
      }
      const point = (i: number): [number, number | null] => [
        t[i] as number,
        Number.isFinite(v[i]) ? (v[i] as number) : null,
      ];
      const out = [point(0)];
      for (const indices of [...byBucket.values()]) {
        const finite = indices.filter((i) => Number.isFinite(v[i]));
        const values = finite.map((i) => v[i] as number);
        const kept = new Set<number>();
        if (finite.length > 0) {
          kept.add(finite[values.indexOf(Math.min(...values))] as number);
          kept.add(finite[values.indexOf(Math.max(...values))] as number);
        }
        const gap = indices.find((i) => !Number.isFinite(v[i]));
        if (gap !== undefined) kept.add(gap);
        for (const i of [...kept].sort((a, b) => a - b)) out.push(point(i));
      }
      out.push(point(n - 1));
      return out;
    };
    let state = 11;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let trial = 0; trial < 20; trial++) {
      const n = 3000 + Math.floor(random() * 20_000);
      const t = new Float64Array(n);
      const v = new Float64Array(n);
      let time = 1_700_000_000_000;
      for (let i = 0; i < n; i++) {
        time += random() < 0.01 ? 3_600_000 : 1000 + Math.floor(random() * 3) * 500;
        t[i] = time;
        v[i] = random() < 0.02 && trial % 2 === 0 ? NaN : Math.floor(random() * 50);
      }
      const maxPoints = 100 + Math.floor(random() * 2000);
      expect(downsampleMinMax(t, v, maxPoints)).toEqual(reference(t, v, maxPoints));
    }
  });
});
