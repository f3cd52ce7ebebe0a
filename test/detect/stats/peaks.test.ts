import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPeaks, localMaxima, peakProminences } from '../../../src/detect/stats/peaks.js';
import { seededRandom } from '../random.js';

interface PeakCase {
  name: string;
  x: number[];
  kwargs: { prominence?: number; distance?: number; wlen?: number };
  expected: {
    peaks: number[];
    prominences?: number[];
    left_bases?: number[];
    right_bases?: number[];
    all_local_maxima: number[];
    all_prominences: number[];
    all_left_bases: number[];
    all_right_bases: number[];
  };
}

const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/peaks-reference/find_peaks_vectors.json', import.meta.url), 'utf8'),
) as { cases: PeakCase[] };

/** SciPy's algorithm as written: walk from each peak sample by sample (O(n) per peak). */
function naiveProminences(x: number[], peaks: number[], wlen?: number) {
  return peaks.map((peak) => {
    let from = 0;
    let to = x.length - 1;
    if (wlen !== undefined && wlen > 1) {
      const w = Math.ceil(wlen);
      from = Math.max(peak - (w >> 1), 0);
      to = Math.min(peak + (w >> 1), x.length - 1);
    }
    let leftBase = peak;
    let leftMin = x[peak] as number;
    for (let i = peak; i >= from && (x[i] as number) <= (x[peak] as number); i--) {
      if ((x[i] as number) < leftMin) {
        leftMin = x[i] as number;
        leftBase = i;
      }
    }
    let rightBase = peak;
    let rightMin = x[peak] as number;
    for (let i = peak; i <= to && (x[i] as number) <= (x[peak] as number); i++) {
      if ((x[i] as number) < rightMin) {
        rightMin = x[i] as number;
        rightBase = i;
      }
    }
    return { prominence: (x[peak] as number) - Math.max(leftMin, rightMin), leftBase, rightBase };
  });
}

describe('findPeaks against scipy.signal.find_peaks / peak_prominences', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const all = Array.from(localMaxima(c.x));
    expect(all).toEqual(c.expected.all_local_maxima);
    const prominence = peakProminences(c.x, all, c.kwargs.wlen);
    Array.from(prominence.prominences).forEach((p, k) =>
      expect(p).toBeCloseTo(c.expected.all_prominences[k] as number, 12),
    );
    expect(Array.from(prominence.leftBases)).toEqual(c.expected.all_left_bases);
    expect(Array.from(prominence.rightBases)).toEqual(c.expected.all_right_bases);

    const found = findPeaks(c.x, c.kwargs);
    expect(Array.from(found.peaks)).toEqual(c.expected.peaks);
    if (c.expected.prominences !== undefined) {
      Array.from(found.prominences).forEach((p, k) =>
        expect(p).toBeCloseTo(c.expected.prominences?.[k] as number, 12),
      );
      expect(Array.from(found.leftBases)).toEqual(c.expected.left_bases);
      expect(Array.from(found.rightBases)).toEqual(c.expected.right_bases);
    }
  });
});

describe('peakProminences equals the sample-by-sample walk', () => {
  it('on random series with plateaus and repeated values, with and without a window', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const n = 2 + Math.floor(random() * 300);
      const x = Array.from({ length: n }, () => Math.floor(random() * (seed % 3 === 0 ? 4 : 50)));
      const peaks = Array.from(localMaxima(x));
      for (const wlen of [undefined, 3, 7.5, 40]) {
        const fast = peakProminences(x, peaks, wlen);
        const slow = naiveProminences(x, peaks, wlen);
        expect(Array.from(fast.prominences), `seed ${seed} wlen ${wlen}`).toEqual(
          slow.map((s) => s.prominence),
        );
        expect(Array.from(fast.leftBases)).toEqual(slow.map((s) => s.leftBase));
        expect(Array.from(fast.rightBases)).toEqual(slow.map((s) => s.rightBase));
      }
    }
  });

  it('findPeaks over every local maximum (maxima and valleys only) equals the walk', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed + 1000);
      const n = 2 + Math.floor(random() * (seed % 10 === 0 ? 5000 : 300));
      // Few levels (long plateaus, equal peaks and lows), many levels, or a noisy ramp.
      const levels = seed % 3 === 0 ? 3 : seed % 3 === 1 ? 1000 : 0;
      const x = Array.from({ length: n }, (_, i) =>
        levels > 0 ? Math.floor(random() * levels) : i + Math.floor(random() * 20),
      );
      const slow = naiveProminences(x, Array.from(localMaxima(x)));
      const found = findPeaks(x);
      expect(Array.from(found.prominences), `seed ${seed}`).toEqual(slow.map((s) => s.prominence));
      expect(Array.from(found.leftBases), `seed ${seed}`).toEqual(slow.map((s) => s.leftBase));
      expect(Array.from(found.rightBases), `seed ${seed}`).toEqual(slow.map((s) => s.rightBase));
      const minimum = 1 + Math.floor(random() * 10);
      expect(Array.from(findPeaks(x, { prominence: minimum }).peaks)).toEqual(
        Array.from(localMaxima(x)).filter((_, k) => (slow[k]?.prominence as number) >= minimum),
      );
    }
  });

  it('gives the same answers for peaks passed in any order', () => {
    const random = seededRandom(5);
    const x = Array.from({ length: 500 }, () => Math.floor(random() * 40));
    const peaks = Array.from(localMaxima(x));
    const ordered = peakProminences(x, peaks);
    const reversed = peakProminences(x, [...peaks].reverse());
    expect(Array.from(reversed.prominences).reverse()).toEqual(Array.from(ordered.prominences));
    expect(Array.from(reversed.leftBases).reverse()).toEqual(Array.from(ordered.leftBases));
    expect(Array.from(reversed.rightBases).reverse()).toEqual(Array.from(ordered.rightBases));
  });

  it('never reports the first or last sample, and a flat top once at its middle', () => {
    expect(Array.from(localMaxima([5, 1, 2, 1, 5]))).toEqual([2]);
    expect(Array.from(localMaxima([0, 3, 3, 3, 3, 0]))).toEqual([2]);
    expect(Array.from(localMaxima([0, 1, 2, 3]))).toEqual([]);
    expect(Array.from(localMaxima([1]))).toEqual([]);
  });

  it('handles a long periodic series (SciPy walks O(n) per peak there)', () => {
    const n = 1_000_000;
    const x = Float64Array.from({ length: n }, (_, i) => (i % 1000) + 1e-6 * Math.floor(i / 1000));
    const found = findPeaks(x, { prominence: 500 });
    expect(found.peaks.length).toBe(999);
    expect(found.peaks[0]).toBe(999);
  });
});
