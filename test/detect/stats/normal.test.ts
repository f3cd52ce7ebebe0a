import { describe, expect, it } from 'vitest';
import {
  erfc,
  normalCdf,
  normalQuantile,
  normalSurvival,
  twoSidedPValue,
} from '../../../src/detect/stats/normal.js';
import { expectClose } from './reference.js';

// Values from scipy.special.erfc / scipy.stats.norm (SciPy 1.17.1).
const ERFC_VALUES: [number, number][] = [
  [-1, 1.8427007929497148],
  [0, 1],
  [0.3, 0.6713732405408726],
  [0.5, 0.4795001221869535],
  [2, 0.004677734981047266],
  [4.5, 1.9661604415428878e-10],
  [6, 2.1519736712498913e-17],
  [10, 2.0884875837625446e-45],
  [26, 5.663192408856145e-296],
];

describe('erfc', () => {
  it.each(ERFC_VALUES)('erfc(%d) matches scipy to ~1e-15 relative', (x, expected) => {
    expectClose(erfc(x), expected, 5e-15);
  });

  it('underflows only beyond the double range and is NaN for NaN', () => {
    expect(erfc(26.5)).toBeGreaterThan(0);
    expect(erfc(30)).toBe(0);
    expect(erfc(-30)).toBe(2);
    expect(erfc(NaN)).toBeNaN();
  });
});

describe('normal distribution', () => {
  it('cdf and survival are symmetric and accurate in the tails', () => {
    expect(normalCdf(0)).toBe(0.5);
    expectClose(normalCdf(-8), normalSurvival(8), 1e-15);
    expectClose(normalSurvival(8), 6.22096057427174e-16, 1e-12);
  });

  it.each([
    [1e-10, -6.361340902404056],
    [0.025, -1.9599639845400545],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
  ])('quantile(%d) matches scipy norm.ppf', (p, expected) => {
    expectClose(normalQuantile(p), expected, 1e-15);
  });

  it('quantile inverts the cdf and handles the ends', () => {
    for (const p of [1e-300, 1e-5, 0.1, 0.3, 0.5, 0.77, 0.98])
      expectClose(normalCdf(normalQuantile(p)), p, 1e-13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('two-sided p stays tiny but positive where 1 − Φ(|z|) would be 0', () => {
    expectClose(twoSidedPValue(10.525418666412948), 6.59675251395861e-26, 1e-12);
    expect(1 - normalCdf(10)).toBe(0);
    expect(twoSidedPValue(10)).toBeGreaterThan(0);
    expect(twoSidedPValue(100)).toBe(Number.MIN_VALUE);
    expect(twoSidedPValue(0)).toBe(1);
    expect(twoSidedPValue(-1.959963984540054)).toBeCloseTo(0.05, 15);
  });
});
