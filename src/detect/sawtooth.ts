/**
 * Sawtooth reclaim: memory builds up and is given back again and again (the kernel reclaiming cache
 * under pressure, a GC, a periodic restart).
 *
 * Cycles come from peaks by prominence (stats/peaks.ts, SciPy's semantics, O(n log n)): peaks at
 * least as prominent as the step threshold (step-change.ts: max(6σ, 10 % of the p1–p99 range, 5 % of
 * the median level)). Each peak and the trough after it — the lowest sample before the next peak, or
 * before the end — make a drop, which must itself reach the threshold. A drop belongs to a sawtooth when it is *abrupt*:
 * the series covers 80 % of the fall at least FALL_TO_RISE_RATIO times faster than it covered the
 * last 80 % of the build-up before the peak — so a smooth daily wave, which falls as gently as it
 * rises, is never a sawtooth. A sawtooth is then ≥ 3 such drops after the last outsized one
 * (> 1.8 × the median drop: a one-off drop_caches or restart ends the history before it), each within
 * 0.5×–1.8× of the median size, at regular spacing (coefficient of variation of the intervals
 * ≤ 0.6). Times are timestamps, never indices; gaps (NaN) are skipped.
 *
 * Reported: period (median spacing of the drops), cycles, amplitude (median build-up, trough to
 * peak), typical drop (median peak to following trough), and the floor slope — Sen's slope of the
 * troughs after each drop over time — the leak hidden under reclaim (HPjmeter's post-GC regression).
 */

import type { Series } from '../model/series.js';
import { findPeaks } from './stats/peaks.js';
import { senSlope } from './stats/sen-slope.js';
import { countFinite, median } from './stats/robust.js';
import { finiteIndices, stepThreshold, type Step } from './step-change.js';

export interface Sawtooth {
  /** The drops (peak → following trough) that make up the cycles, in time order. */
  drops: Step[];
  startIndex: number;
  endIndex: number;
  periodSeconds: number;
  cycles: number;
  /** Median build-up (trough → peak), in the series' unit. */
  amplitude: number;
  /** Median drop (peak → following trough), in the series' unit. */
  typicalDrop: number;
  /** Sen slope of the troughs, per hour, in the series' unit; NaN with fewer than 3 troughs. */
  floorSlopePerHour: number;
  /** Series indices of the trough after each drop, and of each peak. */
  troughIndices: number[];
  peakIndices: number[];
}

/** The fall must be at least this many times faster than the build-up. */
export const FALL_TO_RISE_RATIO = 3;
/** Share of a rise or fall that its duration is measured over (robust to slow starts and tails). */
const SPAN_SHARE = 0.8;
const OUTSIZED_DROP_FACTOR = 1.8;
const UNDERSIZED_DROP_FACTOR = 0.5;
const MAX_INTERVAL_CV = 0.6;
const MIN_CYCLES = 3;
const MS_PER_HOUR = 3_600_000;

interface Cycle {
  /** Positions in the finite arrays. */
  peak: number;
  trough: number;
  /** First position after the peak at or below trough + 20 % of the drop (the drop's end). */
  landed: number;
  buildUp: number;
  drop: number;
}

export function findSawtooth(
  series: Pick<Series, 't' | 'v'>,
  steps: Step[] = [],
  threshold: number = stepThreshold(series.v),
): Sawtooth | null {
  // Positions in the finite samples; a series without gaps is read in place (no copies).
  const { t, x, idx } = finiteSamples(series);
  const n = x.length;
  if (n < 8 || !(threshold > 0)) return null;
  const peaks = findPeaks(x, { prominence: threshold }).peaks;
  if (peaks.length < MIN_CYCLES) return null;

  // Each peak with the lowest point before the next peak (or the end: the last cycle's trough may
  // still be flat when the data stops, so it need not be a peak of −x), and the build-up before it.
  const cycles: Cycle[] = [];
  let lowBefore = lowestBetween(x, 0, peaks[0] as number);
  for (let p = 0; p < peaks.length; p++) {
    const peak = peaks[p] as number;
    const nextPeak = p + 1 < peaks.length ? (peaks[p + 1] as number) : n;
    const trough = lowestBetween(x, peak + 1, nextPeak - 1);
    const drop = (x[peak] as number) - (x[trough] as number);
    const buildUp = (x[peak] as number) - (x[lowBefore] as number);
    if (drop >= threshold && buildUp > 0) {
      const landed = firstAtOrBelow(x, peak, trough, (x[trough] as number) + (1 - SPAN_SHARE) * drop);
      const riseStart = lastAtOrBelow(
        x,
        lowBefore,
        peak,
        (x[lowBefore] as number) + (1 - SPAN_SHARE) * buildUp,
      );
      const fallMs = (t[landed] as number) - (t[peak] as number);
      const riseMs = (t[peak] as number) - (t[riseStart] as number);
      if (fallMs * FALL_TO_RISE_RATIO <= riseMs) cycles.push({ peak, trough, landed, buildUp, drop });
    }
    lowBefore = trough;
  }
  if (cycles.length < MIN_CYCLES) return null;

  // Only the history after the last outsized drop, and drops of similar size.
  const typical = median(cycles.map((c) => c.drop));
  let lastOutsized = -1;
  cycles.forEach((c, i) => {
    if (c.drop > OUTSIZED_DROP_FACTOR * typical) lastOutsized = i;
  });
  const kept = cycles
    .slice(lastOutsized + 1)
    .filter((c) => c.drop >= UNDERSIZED_DROP_FACTOR * typical && c.drop <= OUTSIZED_DROP_FACTOR * typical);
  if (kept.length < MIN_CYCLES) return null;

  const intervalsMs: number[] = [];
  for (let i = 1; i < kept.length; i++) {
    intervalsMs.push((t[(kept[i] as Cycle).peak] as number) - (t[(kept[i - 1] as Cycle).peak] as number));
  }
  const meanInterval = intervalsMs.reduce((a, b) => a + b, 0) / intervalsMs.length;
  const sd = Math.sqrt(intervalsMs.reduce((a, b) => a + (b - meanInterval) ** 2, 0) / intervalsMs.length);
  if (!(meanInterval > 0) || sd / meanInterval > MAX_INTERVAL_CV) return null;

  const troughHours = kept.map((c) => (t[c.trough] as number) / MS_PER_HOUR);
  const troughValues = kept.map((c) => x[c.trough] as number);
  const floorSlopePerHour = kept.length >= 3 ? senSlope(troughHours, troughValues) : NaN;

  // The sawtooth starts where the build-up into its first drop starts: after the last step before
  // that build-up (e.g. a one-off drop_caches or restart) or the outsized drop, else at the start.
  const first = kept[0] as Cycle;
  const firstPeakIndex = indexOf(idx, first.peak);
  let startIndex = 0;
  if (lastOutsized >= 0) startIndex = indexOf(idx, (cycles[lastOutsized] as Cycle).landed);
  for (const step of steps) {
    if (step.afterIndex <= firstPeakIndex && step.afterIndex > startIndex && !isDropOf(step, kept, idx))
      startIndex = step.afterIndex;
  }
  return {
    drops: kept.map((c) => ({
      direction: 'drop' as const,
      beforeIndex: indexOf(idx, c.peak),
      afterIndex: indexOf(idx, c.landed),
      magnitude: c.drop,
    })),
    startIndex,
    endIndex: series.v.length - 1,
    periodSeconds: median(intervalsMs) / 1000,
    cycles: kept.length,
    amplitude: median(kept.map((c) => c.buildUp)),
    typicalDrop: median(kept.map((c) => c.drop)),
    floorSlopePerHour,
    troughIndices: kept.map((c) => indexOf(idx, c.trough)),
    peakIndices: kept.map((c) => indexOf(idx, c.peak)),
  };
}

/** Whether a detected step is one of the sawtooth's drops (it starts within a cycle's fall). */
export function isSawtoothDrop(step: Step, sawtooth: Sawtooth): boolean {
  return sawtooth.drops.some((d) => step.beforeIndex >= d.beforeIndex && step.beforeIndex < d.afterIndex + 1);
}

function isDropOf(step: Step, kept: Cycle[], idx: Int32Array | null): boolean {
  return kept.some(
    (c) => step.beforeIndex >= indexOf(idx, c.peak) && step.beforeIndex <= indexOf(idx, c.landed),
  );
}

/** The finite samples' times and values, and their series indices (null: every sample is finite). */
function finiteSamples(series: Pick<Series, 't' | 'v'>): {
  t: Float64Array;
  x: Float64Array;
  idx: Int32Array | null;
} {
  const count = countFinite(series.v);
  if (count === series.v.length) return { t: series.t, x: series.v, idx: null };
  const idx = finiteIndices(series.v);
  const t = new Float64Array(count);
  const x = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    t[k] = series.t[idx[k] as number] as number;
    x[k] = series.v[idx[k] as number] as number;
  }
  return { t, x, idx };
}

/** Series index of finite position k. */
function indexOf(idx: Int32Array | null, k: number): number {
  return idx === null ? k : (idx[k] as number);
}

function lowestBetween(x: Float64Array, from: number, to: number): number {
  let lowest = from;
  for (let i = from; i <= to; i++) if ((x[i] as number) < (x[lowest] as number)) lowest = i;
  return lowest;
}

function firstAtOrBelow(x: Float64Array, from: number, to: number, level: number): number {
  for (let i = from; i <= to; i++) if ((x[i] as number) <= level) return i;
  return to;
}

function lastAtOrBelow(x: Float64Array, from: number, to: number, level: number): number {
  for (let i = to; i >= from; i--) if ((x[i] as number) <= level) return i;
  return from;
}
