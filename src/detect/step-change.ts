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
import { countFinite, medianAndScaledMadInPlace, quantiles } from './stats/robust.js';

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

/** First differences between consecutive finite samples, in a fresh array. */
function finiteDifferences(values: ArrayLike<number>): Float64Array {
  const count = countFinite(values);
  const diffs = new Float64Array(Math.max(0, count - 1));
  if (count === values.length) differences(values, diffs);
  else differencesSkippingGaps(values, diffs);
  return diffs;
}

function differences(values: ArrayLike<number>, diffs: Float64Array): void {
  for (let i = 1; i < values.length; i++) diffs[i - 1] = (values[i] as number) - (values[i - 1] as number);
}

function differencesSkippingGaps(values: ArrayLike<number>, diffs: Float64Array): void {
  let previous = NaN;
  for (let i = 0, k = -1; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (k >= 0) diffs[k] = v - previous;
    k++;
    previous = v;
  }
}

/** Typical drift (median) and robust noise scale (1.4826 × MAD) of the first differences. */
export function differenceStats(values: ArrayLike<number>): { drift: number; sigma: number } {
  const diffs = finiteDifferences(values);
  if (diffs.length < 2) return { drift: 0, sigma: 0 };
  const { median: drift, mad: sigma } = medianAndScaledMadInPlace(diffs);
  return { drift, sigma };
}

/** The quantile of a series' values that a restart returns to (step-cause.ts). */
export const BASELINE_QUANTILE = 0.05;

/** Quantiles of a series' finite values that several detectors read (one copy, four selections). */
export interface ValueLevels {
  p1: number;
  /** The BASELINE_QUANTILE. */
  p5: number;
  median: number;
  p99: number;
}

export function valueLevels(values: ArrayLike<number>): ValueLevels {
  const [p1, p5, median, p99] = quantiles(values, [0.01, BASELINE_QUANTILE, 0.5, 0.99]) as [
    number,
    number,
    number,
    number,
  ];
  return { p1, p5, median, p99 };
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

export function stepScale(values: ArrayLike<number>, levels: ValueLevels = valueLevels(values)): StepScale {
  const { drift, sigma } = differenceStats(values);
  const range = levels.p99 - levels.p1;
  const level = Math.abs(levels.median);
  const threshold = Math.max(STEP_SIGMAS * sigma, RANGE_FRACTION * range, LEVEL_FRACTION * level);
  return { drift, sigma, range, threshold };
}

/** The smallest total change that counts as a step in this series (see the file comment). */
export function stepThreshold(values: ArrayLike<number>): number {
  return stepScale(values).threshold;
}

/**
 * The steps of a series: one pass over its finite samples, no copies. A run starts at a difference
 * (less the drift) beyond the per-difference floor and continues while the differences keep its sign
 * and stay beyond the floor; it is a step when its total reaches the threshold.
 */
export function detectSteps(series: Pick<Series, 'v'>, scale: StepScale = stepScale(series.v)): Step[] {
  const values = series.v;
  let finite = 0;
  for (let i = 0; i < values.length && finite < 4; i++) if (Number.isFinite(values[i] as number)) finite++;
  if (finite < 4 || !(scale.range > 0)) return [];
  // Differences are measured against the typical drift, so a steady ramp is not a run of steps.
  const drift = scale.drift;
  const minimumStep = scale.threshold;
  const perDifferenceFloor = PER_DIFFERENCE_SIGMAS * scale.sigma;

  const steps: Step[] = [];
  let sign = 0; // of the run in progress; 0 when none
  let runBefore = -1; // index of the last sample before the run
  let total = 0;
  let previousIndex = -1;
  let previous = NaN;
  const close = (afterIndex: number): void => {
    if (Math.abs(total) >= minimumStep) {
      steps.push({
        direction: sign < 0 ? 'drop' : 'rise',
        beforeIndex: runBefore,
        afterIndex,
        magnitude: Math.abs(total),
      });
    }
    sign = 0;
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (previousIndex >= 0) {
      // The difference from the previous finite sample to this one.
      const d = v - previous - drift;
      const beyond = Math.abs(d) > perDifferenceFloor;
      if (sign !== 0 && (Math.sign(d) !== sign || !beyond)) close(previousIndex);
      if (sign !== 0) total += d;
      else if (beyond && d !== 0) {
        sign = Math.sign(d);
        runBefore = previousIndex;
        total = d;
      }
    }
    previousIndex = i;
    previous = v;
  }
  if (sign !== 0) close(previousIndex);
  return steps;
}
