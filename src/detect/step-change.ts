/**
 * Step changes: abrupt drops and rises between consecutive samples (a restart, an OOM kill,
 * drop_caches, a deploy's new level).
 *
 * A step is a run of consecutive same-sign differences (less the typical drift), each larger than
 * 3 σ, whose total is at least the step threshold max(6 σ, 10 % of the series' robust range p1…p99,
 * 5 % of its median level). σ is the noise scale of the first differences, 1.4826 × their median
 * absolute deviation, so steps and slow ramps do not inflate it. Every threshold scales with the data,
 * so multiplying a series by a constant changes no step. Gaps (NaN) are skipped: a difference is taken
 * between consecutive finite samples, so a restart during a scrape gap still shows as one step.
 * O(n) expected (selection, no sorting).
 */

import type { Series } from '../model/series.js';
import { medianAndScaledMad, quantiles } from './stats/robust.js';

export { median, quantile } from './stats/robust.js';

export interface Step {
  direction: 'drop' | 'rise';
  /** Index of the last sample before the step. */
  beforeIndex: number;
  /** Index of the first sample after the step (the first point of the new level). */
  afterIndex: number;
  /** Absolute size of the change, in the series' unit. */
  magnitude: number;
}

/** Multiples of σ: per difference, and for the whole step. */
const PER_DIFFERENCE_SIGMAS = 3;
const STEP_SIGMAS = 6;
/** A step moves at least this share of the robust range (p1…p99) … */
const RANGE_FRACTION = 0.1;
/** … and of the median level (so a nightly 3 % dip in a flat MemAvailable is not a step). */
const LEVEL_FRACTION = 0.05;

/** Indices of the finite samples, in order. */
export function finiteIndices(values: ArrayLike<number>): Int32Array {
  const indices = new Int32Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) indices[count++] = i;
  return indices.subarray(0, count);
}

/** First differences between consecutive finite samples. */
function finiteDifferences(values: ArrayLike<number>, idx: Int32Array): Float64Array {
  const diffs = new Float64Array(Math.max(0, idx.length - 1));
  for (let k = 1; k < idx.length; k++)
    diffs[k - 1] = (values[idx[k] as number] as number) - (values[idx[k - 1] as number] as number);
  return diffs;
}

/** Typical drift (median) and robust noise scale (1.4826 × MAD) of the first differences. */
export function differenceStats(values: ArrayLike<number>): { drift: number; sigma: number } {
  const idx = finiteIndices(values);
  if (idx.length < 3) return { drift: 0, sigma: 0 };
  const { median: drift, mad: sigma } = medianAndScaledMad(finiteDifferences(values, idx));
  return { drift, sigma };
}

/** The figures every step threshold is made of, computed once per series. */
export interface StepScale {
  /** Median first difference (the drift of a ramp). */
  drift: number;
  /** 1.4826 × MAD of the first differences. */
  sigma: number;
  /** p99 − p1 of the values. */
  range: number;
  /** The smallest total change that counts as a step (see the file comment). */
  threshold: number;
}

export function stepScale(values: ArrayLike<number>): StepScale {
  const { drift, sigma } = differenceStats(values);
  const [p1, p50, p99] = quantiles(values, [0.01, 0.5, 0.99]) as [number, number, number];
  const range = p99 - p1;
  const level = Math.abs(p50);
  const threshold = Math.max(STEP_SIGMAS * sigma, RANGE_FRACTION * range, LEVEL_FRACTION * level);
  return { drift, sigma, range, threshold };
}

/** The smallest total change that counts as a step in this series (see the file comment). */
export function stepThreshold(values: ArrayLike<number>): number {
  return stepScale(values).threshold;
}

export function detectSteps(series: Pick<Series, 'v'>, scale: StepScale = stepScale(series.v)): Step[] {
  const values = series.v;
  const idx = finiteIndices(values);
  if (idx.length < 4 || !(scale.range > 0)) return [];
  const diffs = finiteDifferences(values, idx);
  // Differences are measured against the typical drift, so a steady ramp is not a run of steps.
  const drift = scale.drift;
  const minimumStep = scale.threshold;
  const perDifferenceFloor = PER_DIFFERENCE_SIGMAS * scale.sigma;

  const steps: Step[] = [];
  let k = 0;
  while (k < diffs.length) {
    const diff = (diffs[k] as number) - drift;
    if (Math.abs(diff) <= perDifferenceFloor || diff === 0) {
      k++;
      continue;
    }
    const sign = Math.sign(diff);
    const runStart = k;
    let total = 0;
    while (k < diffs.length) {
      const d = (diffs[k] as number) - drift;
      if (Math.sign(d) !== sign || Math.abs(d) <= perDifferenceFloor) break;
      total += d;
      k++;
    }
    if (Math.abs(total) >= minimumStep) {
      steps.push({
        direction: sign < 0 ? 'drop' : 'rise',
        beforeIndex: idx[runStart] as number,
        afterIndex: idx[k] as number,
        magnitude: Math.abs(total),
      });
    }
  }
  return steps;
}
