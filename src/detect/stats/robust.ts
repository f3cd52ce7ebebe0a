/**
 * Order statistics on typed arrays in O(n) expected time (selection, not sorting): median, linear
 * quantile (numpy's default), median absolute deviation. NaN values are skipped.
 */

import { quickSelect } from './sen-slope.js';

/** The finite values of `values` in a fresh Float64Array. */
export function finiteValues(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[k++] = v;
  }
  return out;
}

/** k-th and (k+1)-th smallest of a scratch array (rearranged). */
function twoOrderStatistics(scratch: Float64Array, k: number): [number, number] {
  const a = quickSelect(scratch, k);
  if (k + 1 >= scratch.length) return [a, a];
  let b = Infinity;
  for (let i = k + 1; i < scratch.length; i++) if ((scratch[i] as number) < b) b = scratch[i] as number;
  return [a, b];
}

/** Linear-interpolated quantile (q in [0, 1], numpy's default) of the finite values; NaN if none. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const scratch = finiteValues(values);
  const n = scratch.length;
  if (n === 0) return NaN;
  const position = (n - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(position);
  const [a, b] = twoOrderStatistics(scratch, low);
  return position === low ? a : a + (b - a) * (position - low);
}

/**
 * Several linear-interpolated quantiles of the finite values from one copy: each order statistic is
 * selected within the part left after the previous one. NaN for each when there are no values.
 */
export function quantiles(values: ArrayLike<number>, qs: number[]): number[] {
  const scratch = finiteValues(values);
  const n = scratch.length;
  if (n === 0) return qs.map(() => NaN);
  const order = qs.map((q, i) => ({ q: Math.min(1, Math.max(0, q)), i })).sort((a, b) => a.q - b.q);
  const out = new Array<number>(qs.length);
  let from = 0;
  for (const { q, i } of order) {
    const position = (n - 1) * q;
    const low = Math.floor(position);
    // Everything before `from` is ≤ the previous order statistic ≤ this one.
    const part = scratch.subarray(from);
    const [a, b] = twoOrderStatistics(part, low - from);
    out[i] = position === low ? a : a + (b - a) * (position - low);
    from = low;
  }
  return out;
}

/** Median of the finite values (mean of the two middle ones for an even count); NaN if none. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** numpy-style median of a scratch array of finite values, by selection (rearranges it). */
function medianInPlace(scratch: Float64Array): number {
  const n = scratch.length;
  if (n === 0) return NaN;
  const position = (n - 1) / 2;
  const low = Math.floor(position);
  const [a, b] = twoOrderStatistics(scratch, low);
  return position === low ? a : a + (b - a) * (position - low);
}

/** Median and 1.4826 × median absolute deviation of the finite values, from one copy. */
export function medianAndScaledMad(values: ArrayLike<number>): { median: number; mad: number } {
  const scratch = finiteValues(values);
  if (scratch.length === 0) return { median: NaN, mad: NaN };
  const centre = medianInPlace(scratch);
  for (let i = 0; i < scratch.length; i++) scratch[i] = Math.abs((scratch[i] as number) - centre);
  return { median: centre, mad: 1.4826 * medianInPlace(scratch) };
}

/** Median absolute deviation from the median, scaled by 1.4826 (σ for normal data). */
export function scaledMad(values: ArrayLike<number>): number {
  return medianAndScaledMad(values).mad;
}
