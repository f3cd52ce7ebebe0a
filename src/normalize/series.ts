/**
 * Per-series clean-up after an importer: ascending time, one value per timestamp, and values a memory
 * metric can hold. Each problem is reported once per series (count and first source line), not per point.
 */

import type { Series } from '../model/series.js';
import { quickSelect } from '../detect/stats/sen-slope.js';

export interface NormalizeContext {
  /** Record a non-fatal problem (with a 1-based line where one applies). */
  warn(code: string, message: string, line?: number): void;
}

/**
 * Returns a new series: points with a non-finite time dropped, sorted by time (a series written newest
 * first, as Netdata does, is simply reversed), duplicate timestamps merged (the last value in file order
 * that is not a gap wins), ±Infinity and negative byte values turned into gaps (NaN). Also reported,
 * never filled in: points without a value (empty, null, NaN), gaps in time (an interval over
 * GAP_FACTOR × the median interval), and drops of a counter (resets).
 */
export function normalizeSeries(series: Series, ctx: NormalizeContext): Series {
  // Already in order (the usual case): times and lines are shared, never written; values are copied
  // because bad ones become gaps in place.
  if (isStrictlyAscending(series.t)) {
    return checkValues(series, series.t, series.v.slice(), series.sourceLines, ctx);
  }
  const n = series.t.length;
  const lines = series.sourceLines;
  const lineOf = (index: number): number | undefined => (lines === undefined ? undefined : lines[index]);

  let order = validTimeOrder(series, ctx, lineOf);
  order = sortOrder(series, order, ctx, lineOf);

  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const outLines = lines === undefined ? undefined : new Int32Array(n);
  let count = 0;
  let duplicates = 0;
  let firstDuplicateLine: number | undefined;
  for (const index of order) {
    const time = series.t[index] as number;
    const value = series.v[index] as number;
    if (count > 0 && t[count - 1] === time) {
      duplicates++;
      firstDuplicateLine ??= lineOf(index);
      if (!Number.isNaN(value)) {
        v[count - 1] = value;
        if (outLines !== undefined) outLines[count - 1] = lines?.[index] ?? 0;
      }
      continue;
    }
    t[count] = time;
    v[count] = value;
    if (outLines !== undefined) outLines[count] = lines?.[index] ?? 0;
    count++;
  }
  if (duplicates > 0) {
    ctx.warn(
      'duplicate-timestamps',
      `${series.name}: ${duplicates} point(s) repeat an earlier timestamp; kept the last value for each`,
      firstDuplicateLine,
    );
  }

  return checkValues(series, t.slice(0, count), v.slice(0, count), outLines?.slice(0, count), ctx);
}

/** Finite times, each later than the one before: the common case, which needs no reordering. */
function isStrictlyAscending(t: Float64Array): boolean {
  let previous = -Infinity;
  for (let i = 0; i < t.length; i++) {
    const time = t[i] as number;
    if (!(time > previous) || time === Infinity) return false;
    previous = time;
  }
  return true;
}

/** The value checks on sorted, de-duplicated points (arrays owned by the result). */
function checkValues(
  series: Series,
  t: Float64Array,
  values: Float64Array,
  lines: Int32Array | undefined,
  ctx: NormalizeContext,
): Series {
  replaceBadValues(series, values, lines, ctx);
  reportTimeGaps(series, t, lines, ctx);
  if (series.counter === true) reportCounterResets(series, values, lines, ctx);
  return { ...series, t, v: values, ...(lines === undefined ? {} : { sourceLines: lines }) };
}

/** Indices of points whose time is finite, in file order; warns about the others. */
function validTimeOrder(
  series: Series,
  ctx: NormalizeContext,
  lineOf: (index: number) => number | undefined,
): Int32Array {
  const n = series.t.length;
  const order = new Int32Array(n);
  let kept = 0;
  let firstBad = -1;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(series.t[i] as number)) order[kept++] = i;
    else if (firstBad < 0) firstBad = i;
  }
  if (firstBad >= 0) {
    ctx.warn(
      'bad-time',
      `${series.name}: dropped ${n - kept} point(s) without a valid time`,
      lineOf(firstBad),
    );
  }
  return order.subarray(0, kept);
}

/** The order that makes time ascending; a stable sort keeps file order among equal times. */
function sortOrder(
  series: Series,
  order: Int32Array,
  ctx: NormalizeContext,
  lineOf: (index: number) => number | undefined,
): Int32Array {
  const timeAt = (k: number): number => series.t[order[k] as number] as number;
  let firstDescent = -1;
  let allDescending = order.length > 1;
  for (let k = 1; k < order.length; k++) {
    if (timeAt(k) < timeAt(k - 1)) {
      if (firstDescent < 0) firstDescent = k;
    } else allDescending = false;
  }
  if (firstDescent < 0) return order;
  if (allDescending) return order.slice().reverse();
  ctx.warn(
    'out-of-order',
    `${series.name}: time goes backwards (first at this line); points were sorted by time`,
    lineOf(order[firstDescent] as number),
  );
  return Int32Array.from(
    [...order].sort((a, b) => (series.t[a] as number) - (series.t[b] as number) || a - b),
  );
}

function replaceBadValues(
  series: Series,
  values: Float64Array,
  lines: Int32Array | undefined,
  ctx: NormalizeContext,
): void {
  let missing = 0;
  let firstMissing = -1;
  let infinite = 0;
  let firstInfinite = -1;
  let negative = 0;
  let firstNegative = -1;
  const checkNegative = series.unit === 'bytes';
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value !== value) {
      // A point without a value (empty, null, NaN) is reported, never filled in.
      missing++;
      if (firstMissing < 0) firstMissing = i;
    } else if (value === Infinity || value === -Infinity) {
      values[i] = NaN;
      infinite++;
      if (firstInfinite < 0) firstInfinite = i;
    } else if (checkNegative && value < 0) {
      values[i] = NaN;
      negative++;
      if (firstNegative < 0) firstNegative = i;
    }
  }
  if (missing > 0) {
    ctx.warn(
      'missing-values',
      `${series.name}: ${missing} point(s) have no value (empty, null or NaN); they are gaps, not filled in`,
      lines?.[firstMissing],
    );
  }
  if (infinite > 0) {
    ctx.warn(
      'non-finite-values',
      `${series.name}: ${infinite} infinite value(s) treated as gaps`,
      lines?.[firstInfinite],
    );
  }
  if (negative > 0) {
    ctx.warn(
      'negative-values',
      `${series.name}: ${negative} negative byte value(s) treated as gaps`,
      lines?.[firstNegative],
    );
  }
}

/**
 * An interval longer than this many median intervals is a gap: at least two samples in a row are missing
 * (a regular sampler's jitter stays well under 1.5×, so 3× is not noise).
 */
export const GAP_FACTOR = 3;

function reportTimeGaps(
  series: Series,
  t: Float64Array,
  lines: Int32Array | undefined,
  ctx: NormalizeContext,
): void {
  if (t.length < 3) return;
  // Regular sampling (the usual case): no interval exceeds GAP_FACTOR × the shortest, so none can exceed
  // GAP_FACTOR × the median either, and the median need not be found.
  let shortest = Infinity;
  let longestInterval = 0;
  for (let i = 1; i < t.length; i++) {
    const interval = (t[i] as number) - (t[i - 1] as number);
    if (interval < shortest) shortest = interval;
    if (interval > longestInterval) longestInterval = interval;
  }
  if (shortest > 0 && longestInterval <= GAP_FACTOR * shortest) return;
  const intervals = new Float64Array(t.length - 1);
  for (let i = 1; i < t.length; i++) intervals[i - 1] = (t[i] as number) - (t[i - 1] as number);
  // The lower median (quickselect rearranges the scratch array, O(n) expected).
  const median = quickSelect(intervals, Math.floor((intervals.length - 1) / 2));
  if (!(median > 0)) return;
  let gaps = 0;
  let longest = 0;
  let first = -1;
  for (let i = 1; i < t.length; i++) {
    const interval = (t[i] as number) - (t[i - 1] as number);
    if (interval <= GAP_FACTOR * median) continue;
    gaps++;
    longest = Math.max(longest, interval);
    if (first < 0) first = i;
  }
  if (gaps === 0) return;
  ctx.warn(
    'time-gaps',
    `${series.name}: ${gaps} gap(s) in time longer than ${GAP_FACTOR}× the usual interval of ${formatDuration(median)} (longest ${formatDuration(longest)}); not interpolated`,
    lines?.[first],
  );
}

function reportCounterResets(
  series: Series,
  values: Float64Array,
  lines: Int32Array | undefined,
  ctx: NormalizeContext,
): void {
  let resets = 0;
  let first = -1;
  let previous = NaN;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (Number.isNaN(value)) continue;
    if (value < previous) {
      resets++;
      if (first < 0) first = i;
    }
    previous = value;
  }
  if (resets === 0) return;
  ctx.warn(
    'counter-reset',
    `${series.name}: the counter dropped ${resets} time(s) (a restart resets it); values are kept as read`,
    lines?.[first],
  );
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${Math.round(hours * 10) / 10} h` : `${Math.round((hours / 24) * 10) / 10} d`;
}
