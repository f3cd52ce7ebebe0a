/**
 * The detector runner: for each usable series, the default segmentation (its change points), steps,
 * a sawtooth, and a trend test per regime. Regimes are split at the step changes that are not part
 * of the sawtooth, and the sawtooth's span is a regime of its own (its trend is the floor slope), so a
 * deploy's level shift or a restart's reset is not read as growth, and the forecast comes from the
 * latest regime (ARCHITECTURE.md "Detection").
 */

import type { SawtoothFinding, StepFinding, TrendFinding } from '../model/finding.js';
import type { Series } from '../model/series.js';
import { trendOnRange } from './monotonic-growth.js';
import { findSawtooth, isSawtoothDrop, type Sawtooth } from './sawtooth.js';
import { segmentSeries } from './segmentation.js';
import { hasFinite } from './stats/robust.js';
import { detectSteps, stepScale, valueLevels, type Step, type ValueLevels } from './step-change.js';

/** A regime needs this many finite points before a trend test on it means anything. */
export const MIN_REGIME_POINTS = 12;
/** The sawtooth finding lists at most this many peaks and troughs (evenly chosen) for charts. */
const MAX_LISTED_CYCLES = 1000;

export interface Regime {
  startIndex: number;
  endIndex: number;
  trend: TrendFinding | null;
  /** True when this regime is the sawtooth's span (its trend is the floor slope instead). */
  sawtooth: boolean;
}

export interface SeriesAnalysis {
  series: Series;
  /** Step changes that bound regimes (the sawtooth's own drops excluded). */
  steps: Step[];
  sawtooth: Sawtooth | null;
  regimes: Regime[];
  /**
   * The default segmentation: index of the first point of each new segment (segmentation.ts).
   * Always set by analyzeSeries; optional so hand-built analyses (tests) need not carry it.
   */
  changePointIndices?: number[];
  trendFindings: TrendFinding[];
  stepFindings: StepFinding[];
  sawtoothFinding: SawtoothFinding | null;
  /** Quantiles of the series' finite values, when the detectors computed them (step causes and the verdict reuse them). */
  levels?: ValueLevels;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A contiguous slice of a series as its own Series (views, no copies). */
export function sliceSeries(series: Series, startIndex: number, endIndex: number): Series {
  return {
    ...series,
    t: series.t.subarray(startIndex, endIndex + 1),
    v: series.v.subarray(startIndex, endIndex + 1),
  };
}

/** Regimes: between boundary steps; the sawtooth's span (if any) is one regime of its own. */
function cutRegimes(
  lastIndex: number,
  boundaries: Step[],
  sawtooth: Sawtooth | null,
): { startIndex: number; endIndex: number; sawtooth: boolean }[] {
  const cuts: { startIndex: number; endIndex: number; sawtooth: boolean }[] = [];
  let start = 0;
  for (const step of boundaries) {
    if (sawtooth !== null && step.afterIndex > sawtooth.startIndex) break;
    if (step.beforeIndex >= start)
      cuts.push({ startIndex: start, endIndex: step.beforeIndex, sawtooth: false });
    start = step.afterIndex;
  }
  if (sawtooth !== null) {
    if (sawtooth.startIndex > start)
      cuts.push({ startIndex: start, endIndex: sawtooth.startIndex - 1, sawtooth: false });
    cuts.push({ startIndex: Math.max(start, sawtooth.startIndex), endIndex: lastIndex, sawtooth: true });
  } else {
    cuts.push({ startIndex: start, endIndex: lastIndex, sawtooth: false });
  }
  return cuts;
}

function evenlyChosen<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, k) => items[Math.round((k * (items.length - 1)) / (max - 1))] as T);
}

function sawtoothFindingOf(series: Series, sawtooth: Sawtooth): SawtoothFinding {
  const unitKey = series.unit === 'percent' ? 'Percent' : 'Bytes';
  const point = (i: number) => ({ at: iso(series.t[i] as number), value: series.v[i] as number });
  return {
    kind: 'sawtooth',
    series: series.name,
    start: iso(series.t[sawtooth.startIndex] as number),
    end: iso(series.t[sawtooth.endIndex] as number),
    periodSeconds: sawtooth.periodSeconds,
    cycles: sawtooth.cycles,
    [`amplitude${unitKey}`]: sawtooth.amplitude,
    [`typicalDrop${unitKey}`]: sawtooth.typicalDrop,
    ...(Number.isNaN(sawtooth.floorSlopePerHour)
      ? {}
      : { [`floorSlope${unitKey}PerHour`]: sawtooth.floorSlopePerHour }),
    peaks: evenlyChosen(sawtooth.peakIndices, MAX_LISTED_CYCLES).map(point),
    troughs: evenlyChosen(sawtooth.troughIndices, MAX_LISTED_CYCLES).map(point),
  };
}

export function analyzeSeries(series: Series): SeriesAnalysis {
  const changePointIndices = segmentSeries(series).changeIndices;
  // Count series (e.g. object counts) get a segmentation but no byte or percent findings.
  const measured = series.unit !== 'count';
  const levels = measured ? valueLevels(series.v) : null;
  const scale = levels !== null ? stepScale(series.v, levels) : null;
  const allSteps = scale !== null ? detectSteps(series, scale) : [];
  const sawtooth = scale !== null ? findSawtooth(series, allSteps, scale.threshold) : null;
  const steps = sawtooth === null ? allSteps : allSteps.filter((s) => !isSawtoothDrop(s, sawtooth));

  const lastIndex = series.v.length - 1;
  const regimes: Regime[] = cutRegimes(lastIndex, steps, sawtooth).map((cut) => {
    const enough = hasFinite(series.v, cut.startIndex, cut.endIndex + 1, MIN_REGIME_POINTS);
    const trend = !cut.sawtooth && enough ? trendOnRange(series, cut.startIndex, cut.endIndex) : null;
    return { ...cut, trend };
  });

  const unitKey = series.unit === 'percent' ? 'Percent' : 'Bytes';
  const stepFindings: StepFinding[] = steps.map((step) => ({
    kind: step.direction === 'drop' ? 'step-drop' : 'step-rise',
    series: series.name,
    at: iso(series.t[step.afterIndex] as number),
    [`magnitude${unitKey}`]: step.magnitude,
  }));

  return {
    series,
    steps,
    sawtooth,
    regimes,
    changePointIndices,
    trendFindings: regimes.flatMap((r) => (r.trend === null ? [] : [r.trend])),
    stepFindings,
    sawtoothFinding: sawtooth === null ? null : sawtoothFindingOf(series, sawtooth),
    ...(levels !== null ? { levels } : {}),
  };
}
