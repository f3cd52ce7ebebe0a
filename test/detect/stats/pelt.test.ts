import { describe, expect, it } from 'vitest';
import { pelt, PrefixSums, tcpdDefaultPelt } from '../../../src/detect/stats/pelt.js';
import { seededNormal, seededRandom } from '../random.js';
import { covering, fMeasure, loadTcpd, reference, TCPD_ALL } from '../tcpd.js';

describe('TCPDBench metrics (metrics.py doctests)', () => {
  it('F1 with margin 5', () => {
    expect(fMeasure({ 1: [], 2: [10], 3: [50] }, [10])).toBeCloseTo(0.9090909090909091, 12);
    expect(fMeasure({ 1: [], 2: [10], 3: [50] }, [])).toBeCloseTo(0.8, 12);
  });
  it('covering', () => {
    expect(covering({ 1: [10, 20], 2: [10], 3: [0, 5] }, [10, 20], 45)).toBeCloseTo(0.7962962962962963, 12);
  });
});

describe('tcpdDefaultPelt reproduces TCPDBench default PELT exactly', () => {
  it.each(TCPD_ALL)('%s: change points, F1 and cover; the zero baseline too', (name) => {
    const series = loadTcpd(name);
    const row = reference.rows[name];
    const cps = tcpdDefaultPelt(series.values);
    expect(cps).toEqual(row?.pelt_default_cps_0based);
    const n = series.values.length;
    expect(fMeasure(series.annotations, cps)).toBeCloseTo(row?.pelt_default_f1 as number, 9);
    expect(covering(series.annotations, cps, n)).toBeCloseTo(row?.pelt_default_cover as number, 9);
    expect(fMeasure(series.annotations, [])).toBeCloseTo(row?.zero_f1 as number, 9);
    expect(covering(series.annotations, [], n)).toBeCloseTo(row?.zero_cover as number, 9);
  });
});

/** Optimal partitioning by brute force: O(n²) dynamic programming without pruning. */
function optimalCost(
  n: number,
  cost: (a: number, b: number) => number,
  penalty: number,
  minLength: number,
): number {
  const best = new Float64Array(n + 1).fill(Infinity);
  best[0] = -penalty;
  for (let t = minLength; t <= n; t++) {
    for (let tau = 0; tau <= t - minLength; tau++) {
      if (tau !== 0 && tau < minLength) continue;
      best[t] = Math.min(best[t] as number, (best[tau] as number) + cost(tau, t) + penalty);
    }
  }
  return best[n] as number;
}

function totalCost(ends: number[], cost: (a: number, b: number) => number, penalty: number): number {
  let start = 0;
  let total = -penalty;
  for (const end of ends) {
    total += cost(start, end) + penalty;
    start = end;
  }
  return total;
}

describe('pelt', () => {
  it('finds the optimal segmentation (pruning loses nothing for a squared-error cost)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(seed);
      const normal = seededNormal(seed);
      const n = 5 + Math.floor(random() * 120);
      let level = 0;
      const x = Array.from({ length: n }, () => {
        if (random() < 0.05) level += 4 * normal();
        return level + normal();
      });
      const prefix = new PrefixSums(x);
      const cost = (a: number, b: number): number => prefix.squaredDeviation(a, b);
      const penalty = 2 * Math.log(n) + random() * 5;
      const ends = pelt(n, cost, { penalty });
      expect(ends.at(-1)).toBe(n);
      expect(totalCost(ends, cost, penalty)).toBeCloseTo(optimalCost(n, cost, penalty, 1), 8);
    }
  });

  it('respects the minimum segment length and a custom length rule', () => {
    const x = [0, 0, 0, 9, 0, 0, 0, 0, 5, 5, 5, 5];
    const prefix = new PrefixSums(x);
    const cost = (a: number, b: number): number => prefix.squaredDeviation(a, b);
    expect(pelt(x.length, cost, { penalty: 1 })).toEqual([3, 4, 8, 12]);
    const ends = pelt(x.length, cost, { penalty: 1, minSegmentLength: 3 });
    let start = 0;
    for (const end of ends) {
      expect(end - start).toBeGreaterThanOrEqual(3);
      start = end;
    }
    expect(ends).toContain(8);
    expect(pelt(x.length, cost, { penalty: 1, longEnough: (a, b) => b - a >= 5 })).toEqual([7, 12]);
    expect(pelt(4, cost, { penalty: 1, minSegmentLength: 3 })).toEqual([4]);
    expect(pelt(0, cost, { penalty: 1 })).toEqual([]);
  });
});
