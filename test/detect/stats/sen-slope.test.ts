import { describe, expect, it } from 'vitest';
import { senIntercept, senLine, senSlope } from '../../../src/detect/stats/sen-slope.js';
import { seededNormal, seededRandom } from '../random.js';
import { expectClose, referenceCases, referenceInput } from './reference.js';

/** The definition: every pair with x_i < x_j, sorted, numpy median. */
function bruteForceSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const slopes = new Float64Array((x.length * (x.length - 1)) / 2);
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x.length; j++) {
      const xi = x[i] as number;
      const xj = x[j] as number;
      const yi = y[i] as number;
      const yj = y[j] as number;
      if (xj > xi && !Number.isNaN(yi) && !Number.isNaN(yj)) slopes[count++] = (yj - yi) / (xj - xi);
    }
  }
  const sorted = slopes.subarray(0, count).sort();
  if (count === 0) return NaN;
  return count % 2 === 1
    ? (sorted[(count - 1) / 2] as number)
    : ((sorted[count / 2 - 1] as number) + (sorted[count / 2] as number)) / 2;
}

/** Irregular integer times (steps of 0–4, so repeated x too), values with many ties, a few gaps. */
function randomPoints(seed: number, n: number): { x: number[]; y: number[] } {
  const random = seededRandom(seed);
  const style = seed % 4;
  const x: number[] = [];
  const y: number[] = [];
  let t = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    t += style === 0 ? 60_000 : Math.floor(random() * 5) * 15_000;
    x.push(t);
    const value =
      style === 1
        ? Math.floor(random() * 4) // heavy ties
        : style === 2
          ? 8e9 + 3 * (t - 1_700_000_000_000) // a perfect line: one slope for every pair
          : Math.round(8e9 + i * 4096 + (random() - 0.5) * 1e6);
    y.push(random() < 0.02 ? NaN : value);
  }
  return { x, y };
}

describe('senSlope against pyMannKendall sens_slope', () => {
  it.each(
    referenceCases('sens_slope')
      .concat(referenceCases('original_test'))
      .map((c) => [c.input, c] as const),
  )('slope and intercept on %s (index as x, gaps keep their index)', (_, c) => {
    const values = referenceInput(c.input);
    const index = values.map((__, i) => i);
    const line = senLine(index, values);
    expectClose(line.slope, c.computed_HEAD_ec2e3ab.slope);
    expectClose(line.intercept, c.computed_HEAD_ec2e3ab.intercept);
    // The fast selection path gives the same bits as listing every slope.
    expect(senSlope(index, values, { maxListedPairs: 16 })).toBe(line.slope);
  });
});

describe('senSlope equals the all-pairs median exactly', () => {
  it('on random inputs with tied x, tied y and gaps, on every selection path', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const random = seededRandom(seed * 31);
      const { x, y } = randomPoints(seed, 2 + Math.floor(random() * 250));
      const expected = bruteForceSlope(x, y);
      for (const maxListedPairs of [2, 16, 200, undefined]) {
        const actual = senSlope(x, y, maxListedPairs === undefined ? {} : { maxListedPairs });
        expect(actual, `seed ${seed}, maxListedPairs ${maxListedPairs}`).toBe(expected);
      }
    }
  });

  it('on a 3,000-point series solved by selection (4.5 million pairs)', () => {
    const { x, y } = randomPoints(7, 3000);
    expect(senSlope(x, y)).toBe(bruteForceSlope(x, y));
  });

  it('does not depend on the input order', () => {
    const { x, y } = randomPoints(11, 200);
    const random = seededRandom(3);
    const order = x.map((_, i) => i).sort(() => random() - 0.5);
    expect(
      senSlope(
        order.map((i) => x[i] as number),
        order.map((i) => y[i] as number),
        { maxListedPairs: 16 },
      ),
    ).toBe(bruteForceSlope(x, y));
  });

  it('is NaN without a pair of distinct x', () => {
    expect(senSlope([], [])).toBeNaN();
    expect(senSlope([1], [5])).toBeNaN();
    expect(senSlope([1, 1, 1], [5, 6, 7])).toBeNaN();
    expect(senSlope([1, 2, 3], [NaN, 4, NaN])).toBeNaN();
    expect(senSlope([1, 2], [4, 6])).toBe(2);
  });

  it('handles long series (an O(n²) method would need 2·10¹⁰ slopes here)', () => {
    const random = seededRandom(9);
    const n = 200_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = 1_700_000_000_000 + i * 10_000;
      y[i] = Math.round(8e9 + i * 1000 + (random() - 0.5) * 1e8);
    }
    expectClose(senSlope(x, y), 0.1, 1e-3); // 1000 bytes per 10 s
  });
});

describe('senSlope on inputs where very many slopes are (nearly) equal', () => {
  /** A ramp at 10-second steps with small AR(1) noise: far-apart pairs all have slope ≈ 0.1. */
  function nearlyEqualSlopes(n: number, noise: number, round: boolean): { x: Float64Array; y: Float64Array } {
    const normal = seededNormal(17);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let e = 0;
    for (let i = 0; i < n; i++) {
      e = 0.8 * e + normal();
      x[i] = i * 10_000;
      const value = 1e9 + i * 1000 + noise * e;
      y[i] = round ? Math.round(value) : value;
    }
    return { x, y };
  }

  it('stays exact when slopes differ only in the last digits (fractional values)', () => {
    const { x, y } = nearlyEqualSlopes(2500, 0.5, false);
    const expected = bruteForceSlope(x, y);
    for (const maxListedPairs of [16, 1000, undefined]) {
      expect(senSlope(x, y, maxListedPairs === undefined ? {} : { maxListedPairs })).toBe(expected);
    }
  });

  it('stays exact when a large share of the slopes are exactly equal (integer values)', () => {
    const { x, y } = nearlyEqualSlopes(2500, 2, true);
    const expected = bruteForceSlope(x, y);
    for (const maxListedPairs of [2, 16, 1000, undefined]) {
      expect(senSlope(x, y, maxListedPairs === undefined ? {} : { maxListedPairs })).toBe(expected);
    }
    // every pair on one line: a single atom holding all slopes
    const line = x.map((xi) => 5 + 3 * xi);
    expect(senSlope(x, line, { maxListedPairs: 16 })).toBe(3);
  });

  it('finishes on long inputs of that kind (the selection never degenerates to listing them)', () => {
    for (const round of [false, true]) {
      const { x, y } = nearlyEqualSlopes(200_000, round ? 3 : 1, round);
      expectClose(senSlope(x, y), 0.1, 1e-6);
    }
  });
});

describe('senIntercept', () => {
  it('uses median(y) − median(x)·slope over the finite points (Conover, as pyMannKendall)', () => {
    expect(senIntercept([0, 1, 2, 3], [1, 3, NaN, 7], 2)).toBe(3 - 1 * 2);
    // slopes −1, 0.5, 1.5, 5/3, 2, 4 → median (1.5 + 5/3)/2; median(x) = 1.5, median(y) = 11.5
    const slope = (1.5 + 5 / 3) / 2;
    expect(senLine([0, 1, 2, 3], [10, 12, 11, 15])).toEqual({ slope, intercept: 11.5 - 1.5 * slope });
  });
});
