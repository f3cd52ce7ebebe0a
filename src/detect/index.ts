/**
 * The detector runner: for each usable series, find steps and a sawtooth, split the series into
 * regimes at the steps that are not part of the sawtooth, and test each regime for a monotonic trend.
 * Trends are per regime so a deploy's level shift or a restart's reset is not read as growth, and the
 * forecast comes from the latest regime (ARCHITECTURE.md "Detection").
 */

import type { SawtoothFinding, StepFinding, TrendFinding } from '../model/finding.js';
import type { Series } from '../model/series.js';
import { detectTrend } from './monotonic-growth.js';
import { findSawtooth, type Sawtooth } from './sawtooth.js';
import { detectSteps, type Step } from './step-change.js';

/** A regime needs this many finite points before a trend test on it means anything. */
const MIN_REGIME_POINTS = 12;

export interface Regime {
  startIndex: number;
  endIndex: number;
  trend: TrendFinding | null;
  /** True when this regime is the sawtooth's span (its trend is the floor slope instead). */
  sawtooth: boolean;
}

export interface SeriesAnalysis {
  series: Series;
  steps: Step[];
  sawtooth: Sawtooth | null;
  regimes: Regime[];
  trendFindings: TrendFinding[];
  stepFindings: StepFinding[];
  sawtoothFinding: SawtoothFinding | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function countFinite(values: Float64Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i <= to; i++) if (!Number.isNaN(values[i] as number)) count++;
  return count;
}

/** A contiguous slice of a series as its own Series (views, no copies). */
export function sliceSeries(series: Series, startIndex: number, endIndex: number): Series {
  return {
    ...series,
    t: series.t.subarray(startIndex, endIndex + 1),
    v: series.v.subarray(startIndex, endIndex + 1),
  };
}

export function analyzeSeries(series: Series): SeriesAnalysis {
  const steps = detectSteps(series);
  const sawtooth = findSawtooth(series, steps);
  const sawtoothDrops = new Set(sawtooth?.drops ?? []);
  const boundaries = steps.filter((s) => !sawtoothDrops.has(s));

  // Regimes: between boundary steps; the sawtooth span (if any) is one regime of its own.
  const cuts: { startIndex: number; endIndex: number; sawtooth: boolean }[] = [];
  let start = 0;
  const lastIndex = series.v.length - 1;
  for (const step of boundaries) {
    if (sawtooth !== null && step.afterIndex > sawtooth.startIndex) break;
    cuts.push({ startIndex: start, endIndex: step.beforeIndex, sawtooth: false });
    start = step.afterIndex;
  }
  if (sawtooth !== null) {
    if (sawtooth.startIndex > start)
      cuts.push({ startIndex: start, endIndex: sawtooth.startIndex - 1, sawtooth: false });
    cuts.push({ startIndex: sawtooth.startIndex, endIndex: lastIndex, sawtooth: true });
  } else {
    cuts.push({ startIndex: start, endIndex: lastIndex, sawtooth: false });
  }

  const regimes: Regime[] = cuts.map((cut) => {
    const enough = countFinite(series.v, cut.startIndex, cut.endIndex) >= MIN_REGIME_POINTS;
    const trend =
      !cut.sawtooth && enough ? detectTrend(sliceSeries(series, cut.startIndex, cut.endIndex)) : null;
    return { ...cut, trend };
  });

  const unitKey = series.unit === 'percent' ? 'Percent' : 'Bytes';
  const stepFindings: StepFinding[] = boundaries.map((step) => ({
    kind: step.direction === 'drop' ? 'step-drop' : 'step-rise',
    series: series.name,
    at: iso(series.t[step.afterIndex] as number),
    [`magnitude${unitKey}`]: step.magnitude,
  }));

  let sawtoothFinding: SawtoothFinding | null = null;
  if (sawtooth !== null) {
    sawtoothFinding = {
      kind: 'sawtooth',
      series: series.name,
      start: iso(series.t[sawtooth.startIndex] as number),
      end: iso(series.t[sawtooth.endIndex] as number),
      periodSeconds: sawtooth.periodSeconds,
      cycles: sawtooth.cycles,
      [`amplitude${unitKey}`]: sawtooth.amplitude,
      ...(Number.isNaN(sawtooth.floorSlopePerHour)
        ? {}
        : { [`floorSlope${unitKey}PerHour`]: sawtooth.floorSlopePerHour }),
    };
  }

  return {
    series,
    steps,
    sawtooth,
    regimes,
    trendFindings: regimes.flatMap((r) => (r.trend === null ? [] : [r.trend])),
    stepFindings,
    sawtoothFinding,
  };
}
