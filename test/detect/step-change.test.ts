import { describe, expect, it } from 'vitest';
import { detectSteps, stepScale } from '../../src/detect/step-change.js';
import { ar1Noise } from './random.js';
import { GIB, MIB, series } from './synthetic.js';

function withNoise(values: number[], sd: number, seed: number): number[] {
  const noise = ar1Noise(values.length, 0.5, seed);
  return values.map((v, i) => v + sd * (noise[i] as number));
}

describe('detectSteps', () => {
  it('finds a step up and a step down with their magnitudes and positions', () => {
    const values = withNoise(
      Array.from({ length: 600 }, (_, i) => (i < 200 ? 4 * GIB : i < 400 ? 6 * GIB : 3 * GIB)),
      20 * MIB,
      1,
    );
    const steps = detectSteps(series(values));
    expect(steps.map((s) => [s.direction, s.beforeIndex, s.afterIndex])).toEqual([
      ['rise', 199, 200],
      ['drop', 399, 400],
    ]);
    expect(Math.abs((steps[0]?.magnitude as number) / (2 * GIB) - 1)).toBeLessThan(0.05);
    expect(Math.abs((steps[1]?.magnitude as number) / (3 * GIB) - 1)).toBeLessThan(0.05);
  });

  it('joins a step spread over consecutive samples into one', () => {
    const values = withNoise(
      Array.from({ length: 300 }, (_, i) =>
        i < 150 ? 8 * GIB : i < 153 ? 8 * GIB - (i - 149) * 2 * GIB : 2 * GIB,
      ),
      10 * MIB,
      2,
    );
    const steps = detectSteps(series(values));
    expect(steps).toHaveLength(1);
    expect(steps[0]?.beforeIndex).toBe(149);
    expect(steps[0]?.afterIndex).toBe(152); // 8 → 6 → 4 → 2 GiB: the new level from 152
  });

  it('does not read a ramp, noise or a small dip as a step', () => {
    const ramp = withNoise(
      Array.from({ length: 1000 }, (_, i) => 2 * GIB + i * 8 * MIB),
      20 * MIB,
      3,
    );
    expect(detectSteps(series(ramp))).toEqual([]);
    const flat = withNoise(new Array(1000).fill(8 * GIB), 50 * MIB, 4);
    expect(detectSteps(series(flat))).toEqual([]);
    // a nightly dip of 3 % of the level in an otherwise flat series is below 5 % of the level
    const dip = withNoise(
      Array.from({ length: 1000 }, (_, i) => (i % 288 < 4 ? 8 * GIB * 0.97 : 8 * GIB)),
      5 * MIB,
      5,
    );
    expect(detectSteps(series(dip))).toEqual([]);
  });

  it('skips gaps: a step during a gap is one step', () => {
    const values = withNoise(
      Array.from({ length: 300 }, (_, i) => (i < 150 ? 8 * GIB : 2 * GIB)),
      10 * MIB,
      6,
    );
    for (let i = 145; i < 155; i++) values[i] = NaN;
    const steps = detectSteps(series(values));
    expect(steps.map((s) => [s.direction, s.beforeIndex, s.afterIndex])).toEqual([['drop', 144, 155]]);
  });

  it('scales its threshold with the data', () => {
    const values = withNoise(
      Array.from({ length: 400 }, (_, i) => (i < 200 ? 4 * GIB : 6 * GIB)),
      20 * MIB,
      7,
    );
    const base = stepScale(values).threshold;
    expect(stepScale(values.map((v) => v * 1024)).threshold).toBeCloseTo(base * 1024, -3);
    expect(detectSteps(series(values.map((v) => v / 100)))).toHaveLength(1);
  });
});
