import { describe, expect, it } from 'vitest';
import { segmentSeries } from '../../src/detect/segmentation.js';
import { seededNormal } from './random.js';
import { covering, fMeasure, loadTcpd, TCPD_REAL } from './tcpd.js';
import { GIB, MIB, series } from './synthetic.js';

const DAY_MS = 86_400_000;

/** TCPD series as a daily series (the metrics only see indices). */
function tcpdChangePoints(name: string): { cps: number[]; n: number; annotations: Record<string, number[]> } {
  const data = loadTcpd(name);
  const s = series(data.values, { stepMs: DAY_MS });
  return { cps: segmentSeries(s).changeIndices, n: data.values.length, annotations: data.annotations };
}

describe('segmentSeries on TCPD (no tuning per series)', () => {
  it('beats TCPDBench default PELT (F1 0.684 / cover 0.656) and reaches F1 ≥ 0.72, cover ≥ 0.68', () => {
    let f1 = 0;
    let cover = 0;
    for (const name of TCPD_REAL) {
      const { cps, n, annotations } = tcpdChangePoints(name);
      f1 += fMeasure(annotations, cps);
      cover += covering(annotations, cps, n);
    }
    expect(TCPD_REAL).toHaveLength(25);
    expect(f1 / TCPD_REAL.length).toBeGreaterThanOrEqual(0.72);
    expect(cover / TCPD_REAL.length).toBeGreaterThanOrEqual(0.68);
  });
});

function noisy(values: number[], sd: number, seed: number): number[] {
  const normal = seededNormal(seed);
  return values.map((v) => v + sd * normal());
}

describe('segmentSeries on synthetic series', () => {
  it('puts a step up and a step down at the first point of each new level', () => {
    const values = noisy(
      Array.from({ length: 600 }, (_, i) => (i < 200 ? 4 * GIB : i < 420 ? 6 * GIB : 3 * GIB)),
      50 * MIB,
      1,
    );
    expect(segmentSeries(series(values)).changeIndices).toEqual([200, 420]);
  });

  it('finds where a ramp starts (a change of slope, not only of level)', () => {
    const values = noisy(
      Array.from({ length: 800 }, (_, i) => 4 * GIB + (i < 500 ? 0 : (i - 500) * 8 * MIB)),
      40 * MIB,
      2,
    );
    const cps = segmentSeries(series(values)).changeIndices;
    expect(cps).toHaveLength(1);
    // Segments are fitted independently (no continuity at the joint), so a kink is placed less
    // sharply than a step: within 5 % of the length here.
    expect(Math.abs((cps[0] as number) - 500)).toBeLessThanOrEqual(40);
  });

  it('finds nothing in white noise or in a clean ramp', () => {
    for (let seed = 1; seed <= 10; seed++) {
      expect(
        segmentSeries(series(noisy(new Array(2000).fill(8 * GIB), 30 * MIB, seed))).changeIndices,
      ).toEqual([]);
      const ramp = noisy(
        Array.from({ length: 2000 }, (_, i) => 2 * GIB + i * MIB),
        30 * MIB,
        seed,
      );
      expect(segmentSeries(series(ramp)).changeIndices).toEqual([]);
    }
  });

  it('allows a change up to the last segment (no cut-off before the end)', () => {
    const values = noisy(
      Array.from({ length: 300 }, (_, i) => (i < 296 ? 4 * GIB : 1 * GIB)),
      20 * MIB,
      3,
    );
    expect(segmentSeries(series(values)).changeIndices).toEqual([296]);
  });

  it('reports a change inside a gap at the first point after it', () => {
    const values = noisy(
      Array.from({ length: 400 }, (_, i) => (i < 200 ? 4 * GIB : 7 * GIB)),
      20 * MIB,
      4,
    );
    for (let i = 190; i < 210; i++) values[i] = NaN;
    expect(segmentSeries(series(values)).changeIndices).toEqual([210]);
  });

  it('does not depend on the unit: ×1/100 and ×1024 give the same change points', () => {
    const values = noisy(
      Array.from({ length: 900 }, (_, i) => (i < 300 ? 4 * GIB + i * MIB : i < 650 ? 2 * GIB : 5 * GIB)),
      40 * MIB,
      5,
    );
    const base = segmentSeries(series(values)).changeIndices;
    expect(base.length).toBeGreaterThan(0);
    for (const factor of [1 / 100, 1024]) {
      expect(segmentSeries(series(values.map((v) => v * factor))).changeIndices).toEqual(base);
    }
  });

  it('places changes at full resolution on long series (segmented on block means first)', () => {
    const n = 200_000;
    const values = noisy(
      Array.from({ length: n }, (_, i) => (i < 123_457 ? 4 * GIB : 6 * GIB)),
      50 * MIB,
      6,
    );
    expect(segmentSeries(series(values, { stepMs: 10_000 })).changeIndices).toEqual([123_457]);
  });

  it('places several changes exactly on a long series with gaps (block sums shifted to each split)', () => {
    const n = 120_000;
    const level = (i: number): number => (i < 30_001 ? 4 * GIB : i < 100_007 ? 7 * GIB : 5 * GIB);
    const values = noisy(
      Array.from({ length: n }, (_, i) => level(i)),
      40 * MIB,
      8,
    );
    // Scrape gaps: every 37th point, and the ten points just before the second change.
    for (let i = 0; i < n; i += 37) values[i] = NaN;
    for (let i = 99_997; i < 100_007; i++) values[i] = NaN;
    const cps = segmentSeries(series(values, { stepMs: 10_000 })).changeIndices;
    expect(cps).toEqual([30_001, 100_007]);
  });

  it('keeps segments at least two sampling intervals long', () => {
    const values = noisy(new Array(500).fill(4 * GIB), 10 * MIB, 7);
    values[250] = 9 * GIB; // one stray sample
    const cps = segmentSeries(series(values)).changeIndices;
    const starts = [0, ...cps, 500];
    for (let k = 1; k < starts.length; k++)
      expect((starts[k] as number) - (starts[k - 1] as number)).toBeGreaterThanOrEqual(3);
  });
});
