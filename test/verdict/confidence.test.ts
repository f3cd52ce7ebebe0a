import { describe, expect, it } from 'vitest';
import { combineConfidence, CONFIDENCE_CAP, DOUBT, STRENGTH } from '../../src/verdict/confidence.js';

describe('combineConfidence (noisy-OR of independent evidence, less doubts)', () => {
  it('one line of evidence gives its own strength', () => {
    expect(combineConfidence(['availableTrend'])).toBe(STRENGTH.availableTrend);
  });

  it('independent lines combine as 1 − Π(1 − s)', () => {
    expect(combineConfidence(['componentTrend', 'availableTrend'])).toBe(0.88);
  });

  it('the same line twice counts once; the same kind about two series counts twice', () => {
    expect(combineConfidence(['availableTrend', 'availableTrend'])).toBe(0.6);
    expect(combineConfidence(['flatKeySeries:used', 'flatKeySeries:available'])).toBe(0.91);
  });

  it('more evidence never lowers confidence, and it never exceeds the cap', () => {
    const kinds = Object.keys(STRENGTH) as (keyof typeof STRENGTH)[];
    let previous = 0;
    for (let i = 1; i <= kinds.length; i++) {
      const value = combineConfidence(kinds.slice(0, i));
      expect(value).toBeGreaterThanOrEqual(previous);
      expect(value).toBeLessThanOrEqual(CONFIDENCE_CAP);
      previous = value;
    }
    expect(previous).toBe(CONFIDENCE_CAP);
  });

  it('each doubt multiplies by (1 − d), repeated doubts compound', () => {
    expect(combineConfidence(['availableTrend'], ['kernelNotRuledOut'])).toBe(
      Math.round(0.6 * (1 - DOUBT.kernelNotRuledOut) * 100) / 100,
    );
    expect(combineConfidence(['levelShift'], ['extraLevelShift', 'extraLevelShift'])).toBe(0.36);
  });

  it('no evidence means no confidence', () => {
    expect(combineConfidence([])).toBe(0);
  });
});
