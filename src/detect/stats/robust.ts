/**
 * Order statistics on typed arrays in O(n) expected time (selection, not sorting): the one shared
 * home of selection, median, linear quantile (numpy's default), median absolute deviation and the
 * typical sampling interval. NaN values are skipped where a function says so.
 *
 * Selection is Floyd & Rivest's SELECT (CACM 18(3), 1975, Algorithm 489): before partitioning a
 * large range it recursively selects within a small sample around the wanted rank, so the pivot
 * lands next to it and one partition pass discards almost everything — about n + min(k, n − k)
 * comparisons instead of quickselect's ~3.4n. The sample is drawn at random positions (a fixed-seed
 * generator): the algorithm assumes randomly ordered input, and series in time order, or arrays a
 * previous selection has arranged, are not (a sample taken in place there can miss the rank by far
 * and cost several passes). The result is the exact k-th value either way.
 */

/** Number of finite values among values[from..to). */
export function countFinite(values: ArrayLike<number>, from = 0, to = values.length): number {
  let count = 0;
  for (let i = from; i < to; i++) if (Number.isFinite(values[i] as number)) count++;
  return count;
}

/** Whether values[from..to) holds at least `minimum` finite values (stops as soon as it does). */
export function hasFinite(values: ArrayLike<number>, from: number, to: number, minimum: number): boolean {
  let count = 0;
  for (let i = from; i < to && count < minimum; i++) if (Number.isFinite(values[i] as number)) count++;
  return count >= minimum;
}

/**
 * The finite values of values[from..to), in order, in a fresh Float64Array (a plain copy, without a
 * per-value test, when all are finite).
 */
export function finiteValues(values: ArrayLike<number>, from = 0, to = values.length): Float64Array {
  const count = countFinite(values, from, to);
  if (count === to - from && values instanceof Float64Array) return values.slice(from, to);
  const out = new Float64Array(count);
  copyFinite(values, from, to, out);
  return out;
}

function copyFinite(values: ArrayLike<number>, from: number, to: number, out: Float64Array): void {
  for (let i = from, k = 0; i < to; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[k++] = v;
  }
}

/** Ranges longer than this select within a sample first (Floyd & Rivest's constant). */
const SAMPLED_SELECT_LENGTH = 600;

/**
 * k-th smallest (0-based) of `values` (no NaN), rearranging them so that
 * values[..k−1] ≤ values[k] ≤ values[k+1..].
 */
export function quickSelect(values: Float64Array, k: number): number {
  if (values.length === 0) return NaN;
  selectRange(values, k, 0, values.length - 1, { state: SAMPLE_SEED });
  return values[k] as number;
}

const SAMPLE_SEED = 0x9e3779b9;

/** xorshift32: uniform integer in [0, range). */
function randomBelow(random: { state: number }, range: number): number {
  let x = random.state;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  random.state = x >>> 0;
  return Math.floor((random.state / 4294967296) * range);
}

function selectRange(
  values: Float64Array,
  k: number,
  leftIn: number,
  rightIn: number,
  random: { state: number },
): void {
  let left = leftIn;
  let right = rightIn;
  while (right > left) {
    if (right - left > SAMPLED_SELECT_LENGTH) {
      // Select within a random sample of size s placed around k first, so values[k] is a pivot
      // close to the rank.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const sampleLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const sampleRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      for (let i = sampleLeft; i <= sampleRight; i++) swap(values, i, left + randomBelow(random, n));
      selectRange(values, k, sampleLeft, sampleRight, random);
    }
    const pivot = values[k] as number;
    let i = left;
    let j = right;
    swap(values, left, k);
    if ((values[right] as number) > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    // values[j] is the pivot, in its final place.
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const held = values[a] as number;
  values[a] = values[b] as number;
  values[b] = held;
}

/**
 * The order statistics at 0-based ranks `low` and `low + 1` (the same when `low` is the last) of a
 * scratch array of finite values, rearranging it: one selection, then a scan of the shorter side —
 * for a rank near the start, select `low + 1` and take the largest before it; otherwise select `low`
 * and take the smallest after it. Leaves the first at `low`, everything before it ≤ it and everything
 * after it ≥ it (as selecting `low` does).
 */
export function adjacentOrderStatistics(scratch: Float64Array, low: number): [number, number] {
  const n = scratch.length;
  if (low + 1 >= n) {
    const a = quickSelect(scratch, low);
    return [a, a];
  }
  if (low < n - low) {
    const b = quickSelect(scratch, low + 1);
    let largest = 0;
    for (let i = 1; i <= low; i++) if ((scratch[i] as number) > (scratch[largest] as number)) largest = i;
    // Put it at `low`, so the array is arranged as after selecting `low` itself.
    swap(scratch, largest, low);
    return [scratch[low] as number, b];
  }
  const a = quickSelect(scratch, low);
  let b = Infinity;
  for (let i = low + 1; i < n; i++) if ((scratch[i] as number) < b) b = scratch[i] as number;
  return [a, b];
}

/** numpy's linear quantile of a scratch array of finite values, by selection (rearranges it); NaN when empty. */
export function quantileInPlace(scratch: Float64Array, q: number): number {
  const n = scratch.length;
  if (n === 0) return NaN;
  const position = (n - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(position);
  if (position === low) return quickSelect(scratch, low);
  const [a, b] = adjacentOrderStatistics(scratch, low);
  return a + (b - a) * (position - low);
}

/** numpy-style median (mean of the two middle values for an even count) of a scratch array of finite values, by selection (rearranges it). NaN when empty. */
export function medianInPlace(scratch: Float64Array): number {
  return quantileInPlace(scratch, 0.5);
}

/** Linear-interpolated quantile (q in [0, 1], numpy's default) of the finite values; NaN if none. */
export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileInPlace(finiteValues(values), q);
}

/**
 * Several linear-interpolated quantiles of the finite values from one copy: each order statistic is
 * selected within the part left after the previous one. NaN for each when there are no values.
 */
export function quantiles(values: ArrayLike<number>, qs: number[]): number[] {
  const scratch = finiteValues(values);
  const n = scratch.length;
  if (n === 0) return qs.map(() => NaN);
  const order = qs.map((q, i) => ({ q: Math.min(1, Math.max(0, q)), i })).sort((a, b) => a.q - b.q);
  const out = new Array<number>(qs.length);
  let from = 0;
  for (const { q, i } of order) {
    const position = (n - 1) * q;
    const low = Math.floor(position);
    // Everything before `from` is ≤ the previous order statistic ≤ this one: select in the rest.
    const part = scratch.subarray(from);
    if (position === low) out[i] = quickSelect(part, low - from);
    else {
      const [a, b] = adjacentOrderStatistics(part, low - from);
      out[i] = a + (b - a) * (position - low);
    }
    from = low;
  }
  return out;
}

/** Median of the finite values (mean of the two middle ones for an even count); NaN if none. */
export function median(values: ArrayLike<number>): number {
  return medianInPlace(finiteValues(values));
}

/**
 * Median and 1.4826 × median absolute deviation of a scratch array of finite values (rearranged and
 * overwritten with the absolute deviations).
 */
export function medianAndScaledMadInPlace(scratch: Float64Array): { median: number; mad: number } {
  if (scratch.length === 0) return { median: NaN, mad: NaN };
  const centre = medianInPlace(scratch);
  for (let i = 0; i < scratch.length; i++) scratch[i] = Math.abs((scratch[i] as number) - centre);
  return { median: centre, mad: 1.4826 * medianInPlace(scratch) };
}

/** Median and 1.4826 × median absolute deviation of the finite values, from one copy. */
export function medianAndScaledMad(values: ArrayLike<number>): { median: number; mad: number } {
  return medianAndScaledMadInPlace(finiteValues(values));
}

/** Median absolute deviation from the median, scaled by 1.4826 (σ for normal data). */
export function scaledMad(values: ArrayLike<number>): number {
  return medianAndScaledMad(values).mad;
}

/**
 * The typical sampling interval: the upper median of the positive differences between consecutive
 * finite times (of the points whose value is finite, when `values` is given); 1 when there are none.
 * Regular sampling (every positive difference equal) is answered from one pass without a copy.
 */
export function typicalIntervalMs(times: ArrayLike<number>, values?: ArrayLike<number>): number {
  const n = times.length;
  let count = 0;
  let smallest = Infinity;
  let largest = -Infinity;
  let previous = NaN;
  for (let i = 0; i < n; i++) {
    const t = times[i] as number;
    if (!Number.isFinite(t) || (values !== undefined && !Number.isFinite(values[i] as number))) continue;
    const step = t - previous;
    previous = t;
    if (!(step > 0)) continue;
    count++;
    if (step < smallest) smallest = step;
    if (step > largest) largest = step;
  }
  if (count === 0) return 1;
  if (smallest === largest) return smallest;
  const steps = new Float64Array(count);
  previous = NaN;
  for (let i = 0, k = 0; i < n; i++) {
    const t = times[i] as number;
    if (!Number.isFinite(t) || (values !== undefined && !Number.isFinite(values[i] as number))) continue;
    const step = t - previous;
    previous = t;
    if (step > 0) steps[k++] = step;
  }
  return quickSelect(steps, count >> 1);
}
