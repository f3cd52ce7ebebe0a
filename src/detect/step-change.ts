/**
 * Step changes: abrupt drops and rises between consecutive samples.
 *
 * A step is a run of consecutive same-sign differences (less the typical drift), each larger than 3 σ,
 * whose total exceeds 6 σ, 10 % of the series' robust range (p1…p99) and 5 % of its median level.
 * σ is the noise scale of the first differences from their median absolute deviation (1.4826 × MAD),
 * so steps and slow ramps do not inflate it, and every threshold scales with the data (multiplying a
 * series by a constant changes no step). Gaps (NaN) are skipped: a difference is taken between consecutive finite samples, so a
 * restart during a scrape gap still shows as one step.
 */

import type { Series } from '../model/series.js';

export interface Step {
  direction: 'drop' | 'rise';
  /** Index of the last sample before the step. */
  beforeIndex: number;
  /** Index of the first sample after the step (the first point of the new level). */
  afterIndex: number;
  /** Absolute size of the change, in the series' unit. */
  magnitude: number;
}

/** Indices of the finite samples, in order. */
export function finiteIndices(values: Float64Array): Int32Array {
  const indices = new Int32Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) indices[count++] = i;
  return indices.subarray(0, count);
}

/** Median of a copy of `values` (numpy convention for even counts). */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Linear-interpolated quantile (q in 0..1) of the finite values. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const finite = Array.from(values).filter((v) => !Number.isNaN(v));
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(n - 1, low + 1);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

/** Typical drift (median) and robust noise scale (1.4826 × MAD) of the first differences. */
export function differenceStats(values: Float64Array): { drift: number; sigma: number } {
  const idx = finiteIndices(values);
  if (idx.length < 3) return { drift: 0, sigma: 0 };
  const diffs = new Float64Array(idx.length - 1);
  for (let k = 1; k < idx.length; k++)
    diffs[k - 1] = (values[idx[k] as number] as number) - (values[idx[k - 1] as number] as number);
  const drift = median(diffs);
  const deviations = diffs.map((d) => Math.abs(d - drift));
  return { drift, sigma: 1.4826 * median(deviations) };
}

export function detectSteps(series: Pick<Series, 'v'>): Step[] {
  const values = series.v;
  const idx = finiteIndices(values);
  if (idx.length < 4) return [];
  // Differences are measured against the typical drift, so a steady ramp is not a run of steps.
  const { drift, sigma } = differenceStats(values);
  const range = quantile(values, 0.99) - quantile(values, 0.01);
  if (!(range > 0)) return [];
  // A step must also be material: 5 % of the series' typical level (so a nightly 3 % dip in a flat
  // MemAvailable is not a step), which scales with the data like the other two thresholds.
  const level = Math.abs(median(Array.from(values).filter((v) => !Number.isNaN(v))));
  const minimumStep = Math.max(6 * sigma, 0.1 * range, 0.05 * level);
  const perSampleFloor = 3 * sigma;

  const steps: Step[] = [];
  let k = 1;
  while (k < idx.length) {
    const diff = (values[idx[k] as number] as number) - (values[idx[k - 1] as number] as number) - drift;
    if (Math.abs(diff) <= perSampleFloor || diff === 0) {
      k++;
      continue;
    }
    const sign = Math.sign(diff);
    const runStart = k - 1;
    let total = 0;
    while (k < idx.length) {
      const d = (values[idx[k] as number] as number) - (values[idx[k - 1] as number] as number) - drift;
      if (Math.sign(d) !== sign || Math.abs(d) <= perSampleFloor) break;
      total += d;
      k++;
    }
    if (Math.abs(total) >= minimumStep) {
      steps.push({
        direction: sign < 0 ? 'drop' : 'rise',
        beforeIndex: idx[runStart] as number,
        afterIndex: idx[k - 1] as number,
        magnitude: Math.abs(total),
      });
    }
  }
  return steps;
}
