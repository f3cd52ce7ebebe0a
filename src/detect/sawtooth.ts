/**
 * Sawtooth reclaim: memory builds up and is given back again and again (the kernel reclaiming cache
 * under pressure, a GC, a periodic restart). Built on the step drops of ./step-change.ts.
 *
 * A sawtooth is 3 or more drops of similar size (each within 0.5×–1.8× of their median) at similar
 * spacing (coefficient of variation of the intervals ≤ 0.6), with the series rising in between.
 * A drop much larger than the others (> 1.8× median, e.g. a one-off drop_caches or restart) ends the
 * history before it: only drops after the last such outsized drop form the cluster. The slope of the
 * troughs (the lowest point after each drop) tells a leak hidden under reclaim from a flat floor.
 */

import type { Series } from '../model/series.js';
import { senSlope } from './stats/sen-slope.js';
import { median, type Step } from './step-change.js';

export interface Sawtooth {
  /** Steps (drops) that make up the cycles, in time order. */
  drops: Step[];
  startIndex: number;
  endIndex: number;
  periodSeconds: number;
  cycles: number;
  /** Median drop size, in the series' unit. */
  amplitude: number;
  /** Sen slope of the troughs, per hour, in the series' unit; NaN with fewer than 3 troughs. */
  floorSlopePerHour: number;
  troughIndices: number[];
  peakIndices: number[];
}

const OUTSIZED_DROP_FACTOR = 1.8;
const MAX_INTERVAL_CV = 0.6;

export function findSawtooth(series: Pick<Series, 't' | 'v'>, steps: Step[]): Sawtooth | null {
  const allDrops = steps.filter((s) => s.direction === 'drop');
  if (allDrops.length < 3) return null;
  const typical = median(allDrops.map((d) => d.magnitude));
  let lastOutsized = -1;
  allDrops.forEach((d, i) => {
    if (d.magnitude > OUTSIZED_DROP_FACTOR * typical) lastOutsized = i;
  });
  const drops = allDrops
    .slice(lastOutsized + 1)
    .filter((d) => d.magnitude >= 0.5 * typical && d.magnitude <= OUTSIZED_DROP_FACTOR * typical);
  if (drops.length < 3) return null;

  const intervalsMs: number[] = [];
  for (let i = 1; i < drops.length; i++) {
    intervalsMs.push(
      (series.t[drops[i]!.beforeIndex] as number) - (series.t[drops[i - 1]!.beforeIndex] as number),
    );
  }
  const meanInterval = intervalsMs.reduce((a, b) => a + b, 0) / intervalsMs.length;
  const sd = Math.sqrt(intervalsMs.reduce((a, b) => a + (b - meanInterval) ** 2, 0) / intervalsMs.length);
  if (!(meanInterval > 0) || sd / meanInterval > MAX_INTERVAL_CV) return null;

  // Peaks: the sample before each drop. Troughs: the lowest sample between a drop and the next peak.
  const peakIndices = drops.map((d) => d.beforeIndex);
  const troughIndices: number[] = [];
  for (let i = 0; i < drops.length; i++) {
    const from = drops[i]!.afterIndex;
    const to = i + 1 < drops.length ? drops[i + 1]!.beforeIndex : series.v.length - 1;
    let lowest = from;
    for (let j = from; j <= to; j++) {
      const value = series.v[j] as number;
      if (!Number.isNaN(value) && value < (series.v[lowest] as number)) lowest = j;
    }
    troughIndices.push(lowest);
  }
  const troughHours = troughIndices.map((i) => (series.t[i] as number) / 3_600_000);
  const troughValues = troughIndices.map((i) => series.v[i] as number);
  const floorSlopePerHour = troughIndices.length >= 3 ? senSlope(troughHours, troughValues) : NaN;

  // The cycle leading into the first drop counts too: the sawtooth starts where the step before it
  // (e.g. a one-off drop_caches or restart) left off, or at the start of the series.
  const firstDropBefore = drops[0]!.beforeIndex;
  const previousStep = steps.filter((s) => s.afterIndex <= firstDropBefore && !drops.includes(s)).at(-1);
  const startIndex = previousStep === undefined ? 0 : previousStep.afterIndex;
  return {
    drops,
    startIndex,
    endIndex: series.v.length - 1,
    periodSeconds: median(intervalsMs) / 1000,
    cycles: drops.length,
    amplitude: median(drops.map((d) => d.magnitude)),
    floorSlopePerHour,
    troughIndices,
    peakIndices,
  };
}
