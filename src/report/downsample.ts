/**
 * Min/max downsampling for charts: a 2,000-point line looks the same as the raw series at A4 width
 * and renders in tens of milliseconds instead of seconds (research/toolchain.md §3).
 */

/** One chart point: [epoch ms, value], value null for a gap so the drawn line breaks there. */
export type ChartPoint = [number, number | null];

/**
 * Reduce a series to at most `maxPoints` points in one O(n) pass. The time range is cut into equal
 * buckets; each bucket keeps its minimum and its maximum (in time order), so spikes and drops survive.
 * The first and last points are always kept, so the line spans the full time range. A non-finite
 * value (NaN = gap) becomes one null point per bucket, so the line still breaks at the gap.
 * `tMs` must be ascending (as normalization leaves it).
 */
export function downsampleMinMax(tMs: Float64Array, values: Float64Array, maxPoints = 2000): ChartPoint[] {
  const n = Math.min(tMs.length, values.length);
  if (n === 0) return [];
  const point = (i: number): ChartPoint => {
    const v = values[i] as number;
    return [tMs[i] as number, Number.isFinite(v) ? v : null];
  };
  if (n <= Math.max(maxPoints, 2)) {
    const all: ChartPoint[] = new Array<ChartPoint>(n);
    for (let i = 0; i < n; i++) all[i] = point(i);
    return all;
  }

  // Each bucket emits min and max, plus a null when it holds a gap: budget for 3 when gaps exist.
  let hasGap = false;
  for (let i = 1; i < n - 1; i++) {
    if (!Number.isFinite(values[i] as number)) {
      hasGap = true;
      break;
    }
  }
  const perBucket = hasGap ? 3 : 2;
  const bucketCount = Math.max(1, Math.floor((maxPoints - 2) / perBucket));

  const firstMs = tMs[0] as number;
  const spanMs = (tMs[n - 1] as number) - firstMs;
  const bucketOf = (i: number): number => {
    if (!(spanMs > 0)) return Math.floor(((i - 1) * bucketCount) / (n - 2));
    const b = Math.floor((((tMs[i] as number) - firstMs) / spanMs) * bucketCount);
    return Math.min(bucketCount - 1, Math.max(0, b));
  };

  const out: ChartPoint[] = [point(0)];
  let bucket = -1;
  let minIndex = -1;
  let maxIndex = -1;
  let gapIndex = -1;
  const flush = (): void => {
    // Emit the bucket's kept points in time order so the line never runs backwards.
    const kept = [minIndex, maxIndex, gapIndex].filter((i, k, all) => i >= 0 && all.indexOf(i) === k);
    kept.sort((a, b) => a - b);
    for (const i of kept) out.push(point(i));
  };
  for (let i = 1; i < n - 1; i++) {
    const b = bucketOf(i);
    if (b !== bucket) {
      if (bucket >= 0) flush();
      bucket = b;
      minIndex = -1;
      maxIndex = -1;
      gapIndex = -1;
    }
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      if (gapIndex < 0) gapIndex = i;
      continue;
    }
    if (minIndex < 0 || v < (values[minIndex] as number)) minIndex = i;
    if (maxIndex < 0 || v > (values[maxIndex] as number)) maxIndex = i;
  }
  if (bucket >= 0) flush();
  out.push(point(n - 1));
  return out;
}
