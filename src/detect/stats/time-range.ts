/**
 * Index ranges of a series by time (times ascending, as normalization leaves them) and the finite
 * values within them as typed arrays: O(log n) to find a range, no pass over the rest of the series.
 */

import { finiteValues } from './robust.js';

/** First index with times[index] ≥ ms (times.length when there is none). */
export function lowerBound(times: ArrayLike<number>, ms: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] as number) < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** First index with times[index] > ms (times.length when there is none). */
export function upperBound(times: ArrayLike<number>, ms: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] as number) <= ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The finite values at indices [from, to), in a fresh Float64Array. */
export function finiteValuesIn(values: ArrayLike<number>, from: number, to: number): Float64Array {
  return finiteValues(values, from, to);
}

/** The finite values of the points with fromMs ≤ t < toMs. */
export function finiteValuesBetween(
  series: { t: ArrayLike<number>; v: ArrayLike<number> },
  fromMs: number,
  toMs: number,
): Float64Array {
  const from = lowerBound(series.t, fromMs);
  return finiteValuesIn(series.v, from, Math.max(from, lowerBound(series.t, toMs)));
}
