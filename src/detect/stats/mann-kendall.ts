/**
 * Mann-Kendall trend test and the two autocorrelation-aware variants of pyMannKendall
 * (mmhs013/pyMannKendall, HEAD ec2e3ab): Hamed & Rao (1998) and Yue & Wang (2004).
 *
 * Conventions follow pyMannKendall so that its results reproduce (test/fixtures/mk-reference):
 * NaN values are dropped (the series is compressed) before S; var(S) is tie-corrected,
 * (n(n−1)(2n+5) − Σ t(t−1)(2t+5))/18; z = (S − sign S)/√var(S); p is two-sided normal;
 * Tau = S/(n(n−1)/2) (tau-a, no tie correction).
 *
 * S is computed in O(n log n) by counting inversions with a merge sort (inversions.ts), instead of
 * pyMannKendall's O(n²) loop.
 *
 * The variants multiply var(S) by a factor from the autocorrelation of the series detrended with
 * Sen's slope. pyMannKendall's defaults use every lag (O(n²) here, see autocorrelation.ts). The trend
 * detector does not use them: it takes the rank autocorrelations of an AR(1) model (monotonic-growth.ts).
 * Hamed-Rao follows HEAD, which takes |Σ| in the factor (fix for pyMannKendall issue #29: v1.4.3
 * could give a negative var(S) and a NaN p); Yue-Wang can still give a factor ≤ 0 (then z and p are
 * NaN), as in pyMannKendall.
 */

import { autocorrelation } from './autocorrelation.js';
import { countNonRisingPairs } from './inversions.js';
import { normalQuantile, twoSidedPValue } from './normal.js';
import { finiteValues } from './robust.js';
import { senIntercept, senSlope } from './sen-slope.js';

export interface MannKendallResult {
  /** Number of finite values used. */
  n: number;
  /** Mann-Kendall score: Σ over pairs i < j of sign(v_j − v_i). */
  s: number;
  /** Variance of S (tie-corrected; multiplied by the variance factor in the modified tests). */
  varS: number;
  /** Standardised statistic (S − sign S)/√varS. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Kendall's tau-a, S/(n(n−1)/2); NaN for fewer than 2 values. */
  tau: number;
}

export interface ModifiedMannKendallResult extends MannKendallResult {
  /** Factor applied to the plain var(S) to account for autocorrelation (n/n* in Hamed-Rao's notation). */
  varianceFactor: number;
  /** Sen's slope per index step (NaN gaps keep their index, as in pyMannKendall's sens_slope). */
  slope: number;
  /** pyMannKendall's intercept: median(v) − median(index)·slope. */
  intercept: number;
}

export interface ModifiedTestOptions {
  /**
   * Number of lags in the autocorrelation correction. Default: all (n − 1), as pyMannKendall's
   * `lag=None`.
   */
  lag?: number;
  /** Significance level of the Hamed-Rao filter on the autocorrelations. Default 0.05. */
  alpha?: number;
}

/** The finite values in their original order. */
export const compressFinite = finiteValues;

/** Mann-Kendall score and tie-corrected variance of values in time order; NaN values are dropped. */
export function mannKendallScore(values: ArrayLike<number>): { n: number; s: number; varS: number } {
  const finite = compressFinite(values);
  const n = finite.length;
  // S = rising pairs − falling pairs = N − 2·(non-rising pairs) + (tied pairs): one merge sort counts
  // the non-rising pairs and leaves the values sorted for the tie groups.
  const { pairs: nonRising, sorted } = countNonRisingPairs(finite);
  let tiedPairs = 0;
  let tieTerm = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    const t = end - start;
    if (t > 1) {
      tiedPairs += (t * (t - 1)) / 2;
      tieTerm += t * (t - 1) * (2 * t + 5);
    }
    start = end;
  }
  const s = n < 2 ? 0 : (n * (n - 1)) / 2 - 2 * nonRising + tiedPairs;
  return { n, s, varS: (n * (n - 1) * (2 * n + 5) - tieTerm) / 18 };
}

/** Original Mann-Kendall test (pyMannKendall `original_test`), without Sen's slope. */
export function mannKendall(values: ArrayLike<number>): MannKendallResult {
  const { n, s, varS } = mannKendallScore(values);
  return withVariance(n, s, varS);
}

/** z, p and tau for a score S with the given variance (after any correction factor). */
export function withVariance(n: number, s: number, varS: number): MannKendallResult {
  const z = s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  return { n, s, varS, z, pValue: twoSidedPValue(z), tau: n >= 2 ? s / (0.5 * n * (n - 1)) : NaN };
}

/**
 * Hamed & Rao (1998) variance factor n/n* from the ranks of a detrended series: 1 + 2/(n(n−1)(n−2))·
 * |Σ_{i ≤ maxLag} (n−i)(n−i−1)(n−i−2)·ρ_i| over the lags whose rank autocorrelation ρ_i lies outside
 * ±z_{1−α/2}/√n. The |…| is pyMannKendall HEAD's fix for issue #29. 1 for fewer than 3 values.
 */
export function hamedRaoVarianceFactor(residuals: ArrayLike<number>, maxLag: number, alpha = 0.05): number {
  const n = residuals.length;
  if (n < 3) return 1;
  const acf = autocorrelation(averageRanks(residuals), maxLag);
  const bound = normalQuantile(1 - alpha / 2) / Math.sqrt(n);
  let sum = 0;
  for (let i = 1; i < acf.length; i++) {
    const rho = acf[i] as number;
    if (rho >= -bound && rho <= bound) continue;
    sum += (n - i) * (n - i - 1) * (n - i - 2) * rho;
  }
  return 1 + (2 / (n * (n - 1) * (n - 2))) * Math.abs(sum);
}

/**
 * Hamed & Rao's variance factor n/n* when the series' noise is AR(1) with coefficient φ (0 ≤ φ ≤ 1):
 * 1 + 2/(n(n−1)(n−2))·Σ_{k=1}^{n−3} (n−k)(n−k−1)(n−k−2)·ρ_k with the rank autocorrelation of a
 * Gaussian AR(1), ρ_k = (6/π)·asin(φ^k/2) (Spearman's correlation of a bivariate normal with
 * correlation φ^k). The sum stops once φ^k < 1e-12 (the rest adds less than that relative), so it is
 * O(min(n, log(1e-12)/log φ)).
 */
export function ar1RankVarianceFactor(phi: number, n: number): number {
  if (n < 3 || !(phi > 0)) return 1;
  const rho1 = Math.min(1, phi);
  let sum = 0;
  let power = 1;
  for (let k = 1; k <= n - 3; k++) {
    power *= rho1;
    if (power < 1e-12) break;
    sum += (n - k) * (n - k - 1) * (n - k - 2) * (6 / Math.PI) * Math.asin(power / 2);
  }
  return 1 + (2 / (n * (n - 1) * (n - 2))) * sum;
}

/**
 * Yue & Wang (2004) variance factor from a detrended series: 1 + 2·Σ_{i ≤ maxLag} (1 − i/n)·ρ_i with
 * ρ the autocorrelation of the values (not ranks), unfiltered. Can be ≤ 0 with many lags.
 */
export function yueWangVarianceFactor(residuals: ArrayLike<number>, maxLag: number): number {
  const n = residuals.length;
  const acf = autocorrelation(residuals, maxLag);
  let sum = 0;
  for (let i = 1; i < acf.length; i++) sum += (1 - i / n) * (acf[i] as number);
  return 1 + 2 * sum;
}

/** pyMannKendall `hamed_rao_modification_test` (HEAD). */
export function hamedRaoMannKendall(
  values: ArrayLike<number>,
  options: ModifiedTestOptions = {},
): ModifiedMannKendallResult {
  return modifiedTest(values, options, (residuals, maxLag) =>
    hamedRaoVarianceFactor(residuals, maxLag, options.alpha ?? 0.05),
  );
}

/** pyMannKendall `yue_wang_modification_test`. */
export function yueWangMannKendall(
  values: ArrayLike<number>,
  options: ModifiedTestOptions = {},
): ModifiedMannKendallResult {
  return modifiedTest(values, options, yueWangVarianceFactor);
}

function modifiedTest(
  values: ArrayLike<number>,
  options: ModifiedTestOptions,
  varianceFactor: (residuals: Float64Array, maxLag: number) => number,
): ModifiedMannKendallResult {
  const { n, s, varS } = mannKendallScore(values);
  // pyMannKendall: Sen's slope over the original index (gaps keep their place), then the compressed
  // series is detrended with index 1..n.
  const index = Float64Array.from({ length: values.length }, (_, i) => i);
  const slope = senSlope(index, values);
  const intercept = senIntercept(index, values, slope);
  const finite = compressFinite(values);
  const residuals = finite.map((v, i) => v - (i + 1) * slope);
  const factor = varianceFactor(residuals, options.lag ?? n - 1);
  return { ...withVariance(n, s, varS * factor), varianceFactor: factor, slope, intercept };
}

/** Ranks 1..n with ties given their average rank (scipy `rankdata`, method 'average'). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end] as number] === values[order[start] as number]) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 … end
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    start = end;
  }
  return ranks;
}
