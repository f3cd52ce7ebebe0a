import { describe, expect, it } from 'vitest';
import { logGamma, regularizedBeta, studentTTwoSidedPValue } from '../../../src/detect/stats/student-t.js';
import { twoSidedPValue } from '../../../src/detect/stats/normal.js';

// Reference values: scipy.stats.t.sf(|t|, df)·2 and scipy.special.betainc (SciPy 1.17.1).
describe('Student t', () => {
  it('ln Γ matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(100.5)).toBeCloseTo(361.43554046777757, 9);
  });

  it('regularized incomplete beta matches closed forms', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.6, 3, 1)).toBeCloseTo(0.216, 14);
    expect(regularizedBeta(0.2, 1, 4)).toBeCloseTo(1 - 0.8 ** 4, 14);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });

  it('two-sided p-values match the t distribution', () => {
    // df = 1 is Cauchy: P(|T| ≥ t) = 1 − 2·atan(t)/π
    for (const t of [0.5, 1, 3, 12.706204736174698]) {
      expect(studentTTwoSidedPValue(t, 1)).toBeCloseTo(1 - (2 * Math.atan(t)) / Math.PI, 12);
    }
    // df = 2: P(|T| ≥ t) = 1 − t/√(t² + 2)
    for (const t of [0.2, 2, 4.302652729911275]) {
      expect(studentTTwoSidedPValue(t, 2)).toBeCloseTo(1 - t / Math.sqrt(t * t + 2), 12);
    }
    expect(studentTTwoSidedPValue(-2.086, 20)).toBeCloseTo(0.05, 4); // t_{0.975, 20} = 2.0860
    expect(studentTTwoSidedPValue(0, 7)).toBeCloseTo(1, 12);
    expect(studentTTwoSidedPValue(Infinity, 7)).toBe(0);
  });

  it('approaches the normal for many degrees of freedom', () => {
    expect(studentTTwoSidedPValue(1.96, 1e6)).toBe(twoSidedPValue(1.96));
    expect(Math.abs(studentTTwoSidedPValue(1.96, 5e4) / twoSidedPValue(1.96) - 1)).toBeLessThan(1e-3);
  });

  it('gives tiny p-values without cancelling to zero', () => {
    const p = studentTTwoSidedPValue(50, 30);
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(p / 1.871541765922271e-30 - 1)).toBeLessThan(1e-9);
  });
});
