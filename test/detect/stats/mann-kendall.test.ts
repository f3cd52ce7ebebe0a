import { describe, expect, it } from 'vitest';
import { autocorrelation } from '../../../src/detect/stats/autocorrelation.js';
import {
  ar1RankVarianceFactor,
  averageRanks,
  hamedRaoMannKendall,
  hamedRaoVarianceFactor,
  mannKendall,
  mannKendallScore,
  yueWangMannKendall,
  yueWangVarianceFactor,
  type MannKendallResult,
} from '../../../src/detect/stats/mann-kendall.js';
import { senLine } from '../../../src/detect/stats/sen-slope.js';
import { seededRandom } from '../random.js';
import { expectClose, referenceCases, referenceInput, type ReferenceOutput } from './reference.js';

function expectMatchesReference(actual: MannKendallResult, expected: ReferenceOutput): void {
  expect(actual.s).toBe(expected.s);
  expectClose(actual.varS, expected.var_s as number);
  expectClose(actual.tau, expected.Tau as number);
  expectClose(actual.z, expected.z as number);
  if (expected.p === 0) {
    // pyMannKendall's 1 − Φ(|z|) underflows to 0; ours is tiny but positive.
    expect(actual.pValue).toBeGreaterThan(0);
    expect(actual.pValue).toBeLessThan(1e-6);
  } else {
    // pyMannKendall computes p as 2·(1 − Φ(|z|)), which cancels below ~1e-6; ours does not.
    expectClose(actual.pValue, expected.p as number, (expected.p as number) < 1e-5 ? 1e-8 : 1e-9);
  }
}

describe('Mann-Kendall against pyMannKendall (HEAD ec2e3ab)', () => {
  it.each(referenceCases('original_test').map((c) => [c.input, c] as const))(
    'original_test on %s',
    (_, c) => {
      const values = referenceInput(c.input);
      const expected = c.computed_HEAD_ec2e3ab;
      expectMatchesReference(mannKendall(values), expected);
      const index = values.map((_, i) => i);
      const line = senLine(index, values);
      expectClose(line.slope, expected.slope);
      expectClose(line.intercept, expected.intercept);
    },
  );

  it('computes S and var(S) exactly on the small inputs', () => {
    expect(mannKendall(referenceInput('inc5'))).toMatchObject({ n: 5, s: 10, varS: 250 / 15, tau: 1 });
    expect(mannKendall(referenceInput('dec5'))).toMatchObject({ s: -10, tau: -1 });
    // ties7: groups of 2 and 3 → (7·6·19 − 2·1·9 − 3·2·11)/18
    expect(mannKendall(referenceInput('ties7'))).toMatchObject({ s: 17, varS: (798 - 18 - 66) / 18 });
    expect(mannKendall(referenceInput('arbitrary_1d_data')).n).toBe(353);
  });

  const hamedRao = referenceCases('hamed_rao_modification_test');
  it.each(hamedRao.map((c) => [c.input, JSON.stringify(c.kwargs), c] as const))(
    'hamed_rao_modification_test on %s %s',
    (_, __, c) => {
      const result = hamedRaoMannKendall(referenceInput(c.input), c.kwargs);
      expectMatchesReference(result, c.computed_HEAD_ec2e3ab);
      expectClose(result.slope, c.computed_HEAD_ec2e3ab.slope);
      expectClose(result.intercept, c.computed_HEAD_ec2e3ab.intercept);
    },
  );

  it('keeps var(S) positive where pyMannKendall 1.4.3 went negative (issue #29)', () => {
    const result = hamedRaoMannKendall(referenceInput('issue29_series2'));
    expect(result.varS).toBeGreaterThan(0);
    expect(result.pValue).not.toBeNaN();
  });

  const yueWang = referenceCases('yue_wang_modification_test');
  it.each(yueWang.map((c) => [c.input, JSON.stringify(c.kwargs), c] as const))(
    'yue_wang_modification_test on %s %s',
    (_, __, c) => {
      const result = yueWangMannKendall(referenceInput(c.input), c.kwargs);
      expectMatchesReference(result, c.computed_HEAD_ec2e3ab);
      expectClose(result.slope, c.computed_HEAD_ec2e3ab.slope);
    },
  );

  it('covers every reference case of the functions implemented here', () => {
    expect(referenceCases('original_test').length).toBe(7);
    expect(hamedRao.length).toBe(4);
    expect(yueWang.length).toBe(4);
  });
});

function bruteForceScore(values: number[]): { s: number; varS: number } {
  const finite = values.filter((v) => !Number.isNaN(v));
  const n = finite.length;
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) s += Math.sign((finite[j] as number) - (finite[i] as number));
  const counts = new Map<number, number>();
  for (const v of finite) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t * (t - 1) * (2 * t + 5);
  return { s, varS: (n * (n - 1) * (2 * n + 5) - ties) / 18 };
}

describe('mannKendallScore', () => {
  it('equals the O(n²) definition on random inputs with ties and gaps', () => {
    for (let trial = 0; trial < 200; trial++) {
      const random = seededRandom(trial + 1);
      const n = 1 + Math.floor(random() * 400);
      const levels = 1 + Math.floor(random() * 30); // few levels → many ties
      const values = Array.from({ length: n }, () =>
        random() < 0.03 ? NaN : Math.floor(random() * levels) + (random() < 0.5 ? 0 : 0.5),
      );
      const expected = bruteForceScore(values);
      const actual = mannKendallScore(values);
      expect(actual.s).toBe(expected.s);
      expect(actual.varS).toBe(expected.varS);
    }
  });

  it('gives a neutral result for fewer than two values', () => {
    expect(mannKendall([])).toMatchObject({ n: 0, s: 0, z: 0, pValue: 1 });
    expect(mannKendall([NaN, 3])).toMatchObject({ n: 1, s: 0, pValue: 1 });
    expect(mannKendall([3]).tau).toBeNaN();
  });

  it('handles a million points (the O(n²) loop would not finish)', () => {
    const random = seededRandom(5);
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => i + random() * 1000);
    const { s } = mannKendallScore(values);
    expect(s).toBeGreaterThan(0.99 * 5e11);
  });
});

describe('variance factors', () => {
  it('Hamed-Rao never shrinks var(S) and is 1 for fewer than 3 values', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = seededRandom(seed);
      const values = Array.from({ length: 50 }, (_, i) => Math.sin(i / (1 + seed)) + random());
      expect(hamedRaoVarianceFactor(values, 10)).toBeGreaterThanOrEqual(1);
    }
    expect(hamedRaoVarianceFactor([1, 2], 1)).toBe(1);
  });

  it('Yue-Wang can go to zero or below with many lags; z and p are then NaN, as in pyMannKendall', () => {
    const alternating = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1) + i * 0.01);
    expect(yueWangVarianceFactor(alternating, 1)).toBeLessThan(0.2);
    const sawtooth = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4];
    expect(yueWangVarianceFactor(sawtooth, 11)).toBeLessThan(1);
  });
});

describe('helpers', () => {
  it('averageRanks matches scipy rankdata(method="average")', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30, 20, 20]))).toEqual([1.5, 4, 1.5, 6, 4, 4]);
  });

  it('autocorrelation: lag 0 is 1, a constant series gives zeros, lags capped at n − 1', () => {
    const acf = autocorrelation([1, 2, 3, 4], 10);
    expect(acf.length).toBe(4);
    expect(acf[0]).toBe(1);
    // mean 2.5, centred (−1.5, −0.5, 0.5, 1.5): c0 = 5/4, c1 = (0.75 − 0.25 + 0.75)/4
    expectClose(acf[1] as number, 1.25 / 5, 1e-15);
    expect(Array.from(autocorrelation([7, 7, 7], 2))).toEqual([0, 0, 0]);
  });
});

describe('ar1RankVarianceFactor', () => {
  it("is Hamed-Rao's factor with the rank autocorrelations of an AR(1)", () => {
    for (const [phi, n] of [
      [0.5, 50],
      [0.9, 200],
      [0.99, 30],
    ] as const) {
      let sum = 0;
      for (let k = 1; k <= n - 3; k++)
        sum += (n - k) * (n - k - 1) * (n - k - 2) * (6 / Math.PI) * Math.asin(phi ** k / 2);
      expect(ar1RankVarianceFactor(phi, n)).toBeCloseTo(1 + (2 / (n * (n - 1) * (n - 2))) * sum, 9);
    }
    expect(ar1RankVarianceFactor(0, 100)).toBe(1);
    // n / n* approaches (1 + φ)/(1 − φ)-like inflation for long series: 19 at φ = 0.9 for normal values
    expect(ar1RankVarianceFactor(0.9, 100_000)).toBeGreaterThan(15);
  });
});
