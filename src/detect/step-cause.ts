/**
 * Why did memory step? The cause of each step finding, from the other series of the same host:
 *
 * 1. A `--mark` within max(30 min, 2 sampling intervals) of the step names it (drops and rises).
 * 2. Drops of a cache series itself (page cache, buffers, slab) are `cache-drop`.
 * 3. Side channels at the same moment (medians over 4 sampling intervals on either side):
 *    - anonymous memory falls by ≥ 50 % of the drop, or MemAvailable rises by ≥ 50 % of it: a process
 *      gave its memory back — `restart`, or `oom-kill` when the series was at ≥ 90 % of the total
 *      memory just before;
 *    - page cache or slab falls by ≥ 50 % of the drop while anon does not, or MemAvailable moves by
 *      ≤ 20 % of it (cache already counts as available): `cache-drop`;
 * 4. Without side channels: a drop back to the series' baseline (to within 10 % of its p1–p99 range
 *    above its 5th percentile) is a process starting afresh — `restart` (or `oom-kill` as above).
 * 5. Otherwise `unknown`.
 */

import type { Mark } from '../model/result.js';
import type { StepFinding } from '../model/finding.js';
import type { CanonicalMetric, Series } from '../model/series.js';
import { medianInPlace, quantiles, typicalIntervalMs } from './stats/robust.js';
import { finiteValuesBetween, lowerBound } from './stats/time-range.js';
import { BASELINE_QUANTILE, type ValueLevels } from './step-change.js';

export type StepCause = 'restart' | 'oom-kill' | 'cache-drop' | 'unknown';

/** What attribution needs of a series' analysis. */
export interface StepCauseInput {
  series: Series;
  stepFindings: StepFinding[];
  /** The series' value quantiles when the detectors computed them (else computed here). */
  levels?: ValueLevels;
}

const MARK_NEAR_MS = 30 * 60_000;
const PROCESS_SHARE = 0.5;
const CACHE_SHARE = 0.5;
const AVAILABLE_STILL_SHARE = 0.2;
const NEAR_TOTAL_FRACTION = 0.9;
const BASELINE_RANGE_FRACTION = 0.1;
const WINDOW_INTERVALS = 4;

const CACHE_METRICS: ReadonlySet<CanonicalMetric> = new Set<CanonicalMetric>([
  'mem.cached',
  'mem.buffers',
  'slab.total',
  'slab.reclaimable',
  'dentry.unused',
]);

/** Per-series figures computed once per attribution run (sampling interval, baseline quantiles). */
class SeriesFigures {
  private readonly intervals = new Map<Series, number>();
  private readonly baselines = new Map<Series, { low: number; range: number }>();

  intervalMs(series: Series): number {
    let interval = this.intervals.get(series);
    if (interval === undefined) {
      interval = typicalIntervalMs(series.t);
      this.intervals.set(series, interval);
    }
    return interval;
  }

  baseline(series: Series, levels: ValueLevels | undefined): { low: number; range: number } {
    let baseline = this.baselines.get(series);
    if (baseline === undefined) {
      const [p1, low, p99] =
        levels !== undefined
          ? [levels.p1, levels.p5, levels.p99]
          : (quantiles(series.v, [0.01, BASELINE_QUANTILE, 0.99]) as [number, number, number]);
      baseline = { low, range: p99 - p1 };
      this.baselines.set(series, baseline);
    }
    return baseline;
  }
}

/** Median after minus median before the moment `atMs`, or null without data on both sides. */
function changeAround(
  series: Series,
  atMs: number,
  beforeMs: number,
  windowMs: number,
  intervalMs: number,
): number | null {
  const before = finiteValuesBetween(series, beforeMs - windowMs, beforeMs + intervalMs / 2);
  const after = finiteValuesBetween(series, atMs, atMs + windowMs);
  if (before.length === 0 || after.length === 0) return null;
  return medianInPlace(after) - medianInPlace(before);
}

function magnitudeOf(step: StepFinding): number {
  return step.magnitudeBytes ?? step.magnitudePercent ?? 0;
}

/** The time of the last sample before the step (the step's `at` is the first sample after it). */
function lastBefore(series: Series, atMs: number): number {
  for (let i = lowerBound(series.t, atMs) - 1; i >= 0; i--) {
    if (!Number.isNaN(series.v[i] as number)) return series.t[i] as number;
  }
  return atMs;
}

function processCause(series: Series, beforeMs: number, totalBytes: number | null): StepCause {
  const peak = finiteValuesBetween(series, beforeMs, beforeMs + 1)[0] ?? NaN;
  const limit = series.unit === 'bytes' ? totalBytes : series.unit === 'percent' ? 100 : null;
  return limit !== null && peak >= NEAR_TOTAL_FRACTION * limit ? 'oom-kill' : 'restart';
}

export function dropCause(
  analysis: StepCauseInput,
  step: StepFinding,
  all: StepCauseInput[],
  totalBytes: number | null,
  figures = new SeriesFigures(),
): StepCause {
  const series = analysis.series;
  if (CACHE_METRICS.has(series.metric)) return 'cache-drop';
  const magnitude = magnitudeOf(step);
  if (!(magnitude > 0)) return 'unknown';
  const atMs = Date.parse(step.at);
  const beforeMs = lastBefore(series, atMs);
  const others = all.map((a) => a.series).filter((s) => s !== series && s.unit === series.unit);
  const windowOf = (s: Series): number =>
    WINDOW_INTERVALS * Math.max(figures.intervalMs(series), figures.intervalMs(s));
  const change = (metrics: CanonicalMetric[]): number | null => {
    let total: number | null = null;
    for (const s of others) {
      if (!metrics.includes(s.metric)) continue;
      const c = changeAround(s, atMs, beforeMs, windowOf(s), figures.intervalMs(s));
      if (c !== null) total = (total ?? 0) + c;
    }
    return total;
  };

  const anon = change(['mem.anon']);
  const available = change(['mem.available']);
  const cache = change(['mem.cached', 'mem.buffers', 'slab.total']);
  if (
    (anon !== null && -anon >= PROCESS_SHARE * magnitude) ||
    (available !== null && available >= PROCESS_SHARE * magnitude)
  )
    return processCause(series, beforeMs, totalBytes);
  if (
    cache !== null &&
    -cache >= CACHE_SHARE * magnitude &&
    (anon === null || -anon < PROCESS_SHARE * magnitude)
  )
    return 'cache-drop';
  if (available !== null && Math.abs(available) <= AVAILABLE_STILL_SHARE * magnitude) return 'cache-drop';
  if (anon !== null || available !== null || cache !== null) return 'unknown';

  // No side channel: back to the series' baseline is a fresh start.
  const { low, range } = figures.baseline(series, analysis.levels);
  const afterLevel = medianInPlace(finiteValuesBetween(series, atMs, atMs + windowOf(series)));
  if (afterLevel <= low + BASELINE_RANGE_FRACTION * range) return processCause(series, beforeMs, totalBytes);
  return 'unknown';
}

/**
 * Sets `cause` on every step finding: the label of a nearby mark, else (for drops) dropCause.
 * Drops of MemAvailable are memory being taken, not freed: only marks label them.
 */
export function attributeStepCauses(
  analyses: StepCauseInput[],
  marks: Mark[],
  totalBytes: number | null,
): void {
  const figures = new SeriesFigures();
  for (const analysis of analyses) {
    if (analysis.stepFindings.length === 0) continue;
    const nearMs = Math.max(MARK_NEAR_MS, 2 * figures.intervalMs(analysis.series));
    for (const step of analysis.stepFindings) {
      const atMs = Date.parse(step.at);
      const mark = marks.find((m) => Math.abs(Date.parse(m.at) - atMs) <= nearMs);
      if (mark !== undefined) {
        step.cause = mark.label;
        continue;
      }
      if (step.kind !== 'step-drop' || analysis.series.metric === 'mem.available') continue;
      step.cause = dropCause(analysis, step, analyses, totalBytes, figures);
    }
  }
}
