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
  // Buckets in time order: each one's end is found by binary search on bucketOf (which never
  // decreases along ascending times), and its points are scanned with no per-point bucket arithmetic.
  const last = n - 1;
  const kept = new Int32Array(3); // the bucket's min, max and first gap index (−1: none)
  for (let start = 1; start < last;) {
    const bucket = bucketOf(start);
    let low = start + 1;
    let high = last;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (bucketOf(mid) > bucket) high = mid;
      else low = mid + 1;
    }
    extremesIn(values, start, low, kept);
    // Emit the bucket's kept points in time order so the line never runs backwards.
    const indices = [kept[0] as number, kept[1] as number, kept[2] as number]
      .filter((i, k, all) => i >= 0 && all.indexOf(i) === k)
      .sort((a, b) => a - b);
    for (const i of indices) out.push(point(i));
    start = low;
  }
  out.push(point(n - 1));
  return out;
}

/** Index of the first minimum, the first maximum and the first non-finite value in values[from..to) (−1 when none). */
function extremesIn(values: Float64Array, from: number, to: number, kept: Int32Array): void {
  let minIndex = -1;
  let maxIndex = -1;
  let gapIndex = -1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      if (gapIndex < 0) gapIndex = i;
      continue;
    }
    if (minIndex < 0 || v < min) {
      minIndex = i;
      min = v;
    }
    if (maxIndex < 0 || v > max) {
      maxIndex = i;
      max = v;
    }
  }
  kept[0] = minIndex;
  kept[1] = maxIndex;
  kept[2] = gapIndex;
}
