/**
 * Peaks and their prominence with SciPy's semantics (`scipy.signal.find_peaks`,
 * `peak_prominences`; checked against test/fixtures/peaks-reference), in O(n log n) worst case.
 *
 * - A peak is a sample whose neighbours are both lower; a flat top counts once, at its middle sample
 *   (rounded down); the first and last samples are never peaks.
 * - Prominence: from the peak, extend left until the window edge or a strictly higher sample; the
 *   lowest sample passed is the left base (the one nearest the peak among equal lows), likewise to
 *   the right; prominence = peak − the higher of the two bases.
 * SciPy walks those stretches sample by sample, O(n) per peak ("can be slow for large x with
 * periodic behavior", its docs say); here one monotonic-stack pass per side finds every sample's base
 * in O(n) total, and with a window (wlen) the nearest higher samples come from the stack and the
 * minima from a segment tree, O(log n) per peak.
 * Filters, in SciPy's order: height, distance (higher peaks first), prominence. NaN is not allowed
 * (callers drop gaps first).
 */

export interface PeakOptions {
  /** Minimum peak height. */
  height?: number;
  /** Minimum distance in samples between kept peaks (≥ 1); higher peaks win. */
  distance?: number;
  /** Minimum prominence. */
  prominence?: number;
  /** Window (in samples, rounded up) the prominence search is limited to, centred on the peak. */
  wlen?: number;
}

export interface Peaks {
  peaks: Int32Array;
  prominences: Float64Array;
  leftBases: Int32Array;
  rightBases: Int32Array;
}

/** Local maxima (SciPy `_local_maxima_1d`): middle sample of every flat or sharp top. */
export function localMaxima(x: ArrayLike<number>): Int32Array {
  const n = x.length;
  const out = new Int32Array(Math.max(0, n >> 1));
  let m = 0;
  let i = 1;
  const last = n - 1;
  while (i < last) {
    if ((x[i - 1] as number) < (x[i] as number)) {
      let ahead = i + 1;
      while (ahead < last && x[ahead] === x[i]) ahead++;
      if ((x[ahead] as number) < (x[i] as number)) {
        out[m++] = (i + ahead - 1) >> 1;
        i = ahead;
      }
    }
    i++;
  }
  return out.subarray(0, m);
}

/** Minimum-position segment tree over x; ties resolved towards the left or the right end. */
class RangeMinimum {
  private readonly size: number;
  private readonly leftTree: Int32Array;
  private readonly rightTree: Int32Array;

  constructor(private readonly x: ArrayLike<number>) {
    let size = 1;
    while (size < x.length) size *= 2;
    this.size = size;
    this.leftTree = new Int32Array(2 * size).fill(-1);
    this.rightTree = new Int32Array(2 * size).fill(-1);
    for (let i = 0; i < x.length; i++) {
      this.leftTree[size + i] = i;
      this.rightTree[size + i] = i;
    }
    for (let node = size - 1; node >= 1; node--) {
      this.leftTree[node] = this.pick(
        this.leftTree[2 * node] as number,
        this.leftTree[2 * node + 1] as number,
        false,
      );
      this.rightTree[node] = this.pick(
        this.rightTree[2 * node] as number,
        this.rightTree[2 * node + 1] as number,
        true,
      );
    }
  }

  /** a < b in position (either may be −1): the lower value; on a tie the left or the right one. */
  private pick(a: number, b: number, preferRight: boolean): number {
    if (a < 0) return b;
    if (b < 0) return a;
    const va = this.x[a] as number;
    const vb = this.x[b] as number;
    if (va < vb) return a;
    if (vb < va) return b;
    return preferRight ? Math.max(a, b) : Math.min(a, b);
  }

  /** Position of the minimum of x[from..to] (inclusive). */
  query(from: number, to: number, preferRight: boolean): number {
    const tree = preferRight ? this.rightTree : this.leftTree;
    let best = -1;
    let lo = from + this.size;
    let hi = to + this.size + 1;
    while (lo < hi) {
      if (lo & 1) best = this.pick(best, tree[lo++] as number, preferRight);
      if (hi & 1) best = this.pick(best, tree[--hi] as number, preferRight);
      lo >>= 1;
      hi >>= 1;
    }
    return best;
  }
}

/**
 * For each peak: the lowest sample between it and the nearest strictly higher sample on one side
 * (exclusive; up to the series' end when there is none), the peak included — the base SciPy's walk
 * from the peak would find. One monotonic-stack pass over the samples, O(n): when sample i pops the
 * lower-or-equal samples before it, the stretch back to the nearest higher one is the union of their
 * stretches and i, so the minimum merges. Ties go to the sample nearer the peak, as SciPy's walk
 * (which takes only strictly lower samples) does. `peaks` ascending.
 */
function basesOneSide(x: ArrayLike<number>, peaks: ArrayLike<number>, leftward: boolean): Int32Array {
  const n = x.length;
  const count = peaks.length;
  const base = new Int32Array(count);
  if (count === 0) return base;
  // The stack holds each sample's value and its stretch's lowest sample (index and value) side by
  // side, so the pops read no other memory.
  let stackValue: Float64Array = new Float64Array(1024);
  let stackBase: Int32Array = new Int32Array(1024);
  let stackBaseValue: Float64Array = new Float64Array(1024);
  let top = 0;
  let next = leftward ? 0 : count - 1; // the next peak to record, in scan order
  let nextPeak = peaks[next] as number;
  for (let step = 0; step < n; step++) {
    const i = leftward ? step : n - 1 - step;
    const value = x[i] as number;
    let lowest = i;
    let lowestValue = value;
    while (top > 0 && (stackValue[top - 1] as number) <= value) {
      top--;
      if ((stackBaseValue[top] as number) < lowestValue) {
        lowest = stackBase[top] as number;
        lowestValue = stackBaseValue[top] as number;
      }
    }
    if (i === nextPeak) {
      base[next] = lowest;
      next += leftward ? 1 : -1;
      // Past the last peak in scan order nothing is left to record.
      if (next < 0 || next >= count) break;
      nextPeak = peaks[next] as number;
    }
    if (top === stackValue.length) {
      stackValue = grownFloat(stackValue);
      stackBase = grownInt(stackBase);
      stackBaseValue = grownFloat(stackBaseValue);
    }
    stackValue[top] = value;
    stackBase[top] = lowest;
    stackBaseValue[top++] = lowestValue;
  }
  return base;
}

function grownFloat(array: Float64Array): Float64Array {
  const grown = new Float64Array(2 * array.length);
  grown.set(array);
  return grown;
}

function grownInt(array: Int32Array): Int32Array {
  const grown = new Int32Array(2 * array.length);
  grown.set(array);
  return grown;
}

/**
 * SciPy `peak_prominences` of *all* local maxima (as localMaxima returns them), from the maxima and
 * the valleys between them only. For a maximum p, the stretch back to the nearest strictly higher
 * sample h holds the same lowest values as the stretch back to the nearest strictly higher *maximum*
 * q (or the series' start): the samples between q and h lie on q's descent and are all higher than
 * p, so none is the lowest. So a monotonic stack over the maxima, each carrying the lowest sample of
 * the valley before it (the one nearest to it among equal lows), gives every left base; likewise
 * from the right. One pass over the samples for the valleys, then two over the maxima — about a
 * third of the samples in noisy data — instead of two stack passes over every sample.
 */
export function maximaProminences(
  x: ArrayLike<number>,
  maxima: Int32Array,
): { prominences: Float64Array; leftBases: Int32Array; rightBases: Int32Array } {
  const count = maxima.length;
  // The maxima's values and their valleys' lowest samples, side by side in the order the stack reads them.
  const peakValue = new Float64Array(count);
  const leftValley = new Int32Array(count);
  const rightValley = new Int32Array(count);
  const leftValleyValue = new Float64Array(count);
  const rightValleyValue = new Float64Array(count);
  valleyLows(x, maxima, peakValue, leftValley, leftValleyValue, rightValley, rightValleyValue);
  const leftBases = new Int32Array(count);
  const rightBases = new Int32Array(count);
  // prominences[k] first holds the left base's value, then the prominence.
  const prominences = new Float64Array(count);
  basesOverMaxima(peakValue, leftValley, leftValleyValue, leftBases, prominences, true);
  basesOverMaxima(peakValue, rightValley, rightValleyValue, rightBases, prominences, false);
  return { prominences, leftBases, rightBases };
}

/**
 * For each maximum k: its value; the lowest sample between the previous maximum (or the start) and
 * it, the last of equal lows (leftValley); and between it and the next maximum (or the end), the
 * first of equal lows (rightValley).
 */
function valleyLows(
  x: ArrayLike<number>,
  maxima: Int32Array,
  peakValue: Float64Array,
  leftValley: Int32Array,
  leftValleyValue: Float64Array,
  rightValley: Int32Array,
  rightValleyValue: Float64Array,
): void {
  const count = maxima.length;
  for (let k = 0; k <= count; k++) {
    const from = k === 0 ? 0 : (maxima[k - 1] as number) + 1;
    const to = k === count ? x.length : (maxima[k] as number);
    let lowest = Infinity;
    let first = from;
    let last = from;
    for (let i = from; i < to; i++) {
      const v = x[i] as number;
      if (v < lowest) {
        lowest = v;
        first = i;
        last = i;
      } else if (v === lowest) last = i;
    }
    if (k < count) {
      peakValue[k] = x[to] as number;
      leftValley[k] = last;
      leftValleyValue[k] = lowest;
    }
    if (k > 0) {
      rightValley[k - 1] = first;
      rightValleyValue[k - 1] = lowest;
    }
  }
}

/**
 * basesOneSide over the maxima, each carrying its valley's lowest sample (see maximaProminences).
 * Leftward, baseValue[k] receives the base's value; rightward, it turns into the prominence (the
 * peak less the higher of the two bases).
 */
function basesOverMaxima(
  peakValue: Float64Array,
  valley: Int32Array,
  valleyValue: Float64Array,
  base: Int32Array,
  baseValue: Float64Array,
  leftward: boolean,
): void {
  const count = peakValue.length;
  const stackValue = new Float64Array(count);
  const stackBase = new Int32Array(count);
  const stackBaseValue = new Float64Array(count);
  let top = 0;
  for (let step = 0; step < count; step++) {
    const k = leftward ? step : count - 1 - step;
    const value = peakValue[k] as number;
    let lowest = valley[k] as number;
    let lowestValue = valleyValue[k] as number;
    // Maxima no higher than this one: their stretches join this one's (farther lows win only if lower).
    while (top > 0 && (stackValue[top - 1] as number) <= value) {
      top--;
      if ((stackBaseValue[top] as number) < lowestValue) {
        lowest = stackBase[top] as number;
        lowestValue = stackBaseValue[top] as number;
      }
    }
    base[k] = lowest;
    baseValue[k] = leftward ? lowestValue : value - Math.max(baseValue[k] as number, lowestValue);
    stackValue[top] = value;
    stackBase[top] = lowest;
    stackBaseValue[top++] = lowestValue;
  }
}

/** SciPy `peak_prominences` for the given peak positions. */
export function peakProminences(
  x: ArrayLike<number>,
  peaks: ArrayLike<number>,
  wlen?: number,
): { prominences: Float64Array; leftBases: Int32Array; rightBases: Int32Array } {
  const n = x.length;
  const count = peaks.length;
  const prominences = new Float64Array(count);
  const leftBases = new Int32Array(count);
  const rightBases = new Int32Array(count);
  const window = wlen !== undefined && wlen > 1 ? Math.ceil(wlen) : undefined;
  if (window === undefined && isAscending(peaks)) {
    const left = basesOneSide(x, peaks, true);
    const right = basesOneSide(x, peaks, false);
    for (let k = 0; k < count; k++) {
      const peak = peaks[k] as number;
      leftBases[k] = left[k] as number;
      rightBases[k] = right[k] as number;
      prominences[k] =
        (x[peak] as number) - Math.max(x[left[k] as number] as number, x[right[k] as number] as number);
    }
    return { prominences, leftBases, rightBases };
  }
  // With a window the stretches are clipped (or the peaks come unordered): nearest higher samples by
  // stack, minima by segment tree.
  const higherLeft = new Int32Array(n);
  const higherRight = new Int32Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    while (top > 0 && (x[stack[top - 1] as number] as number) <= (x[i] as number)) top--;
    higherLeft[i] = top > 0 ? (stack[top - 1] as number) : -1;
    stack[top++] = i;
  }
  top = 0;
  for (let i = n - 1; i >= 0; i--) {
    while (top > 0 && (x[stack[top - 1] as number] as number) <= (x[i] as number)) top--;
    higherRight[i] = top > 0 ? (stack[top - 1] as number) : n;
    stack[top++] = i;
  }
  const minimum = new RangeMinimum(x);
  for (let k = 0; k < count; k++) {
    const peak = peaks[k] as number;
    const from = window === undefined ? 0 : Math.max(peak - (window >> 1), 0);
    const to = window === undefined ? n - 1 : Math.min(peak + (window >> 1), n - 1);
    const left = minimum.query(Math.max(from, (higherLeft[peak] as number) + 1), peak, true);
    const right = minimum.query(peak, Math.min(to, (higherRight[peak] as number) - 1), false);
    leftBases[k] = left;
    rightBases[k] = right;
    prominences[k] = (x[peak] as number) - Math.max(x[left] as number, x[right] as number);
  }
  return { prominences, leftBases, rightBases };
}

function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++)
    if ((values[i] as number) <= (values[i - 1] as number)) return false;
  return true;
}

/** SciPy `_select_by_peak_distance`: keep the highest peaks at least `distance` samples apart. */
function selectByDistance(x: ArrayLike<number>, peaks: Int32Array, distance: number): Uint8Array {
  const size = peaks.length;
  const keep = new Uint8Array(size).fill(1);
  const minimum = Math.ceil(distance);
  const order = Array.from({ length: size }, (_, i) => i).sort(
    (a, b) => (x[peaks[a] as number] as number) - (x[peaks[b] as number] as number) || a - b,
  );
  for (let r = size - 1; r >= 0; r--) {
    const j = order[r] as number;
    if (keep[j] === 0) continue;
    for (let k = j - 1; k >= 0 && (peaks[j] as number) - (peaks[k] as number) < minimum; k--) keep[k] = 0;
    for (let k = j + 1; k < size && (peaks[k] as number) - (peaks[j] as number) < minimum; k++) keep[k] = 0;
  }
  return keep;
}

/** SciPy `find_peaks` with the height, distance, prominence and wlen arguments. */
export function findPeaks(x: ArrayLike<number>, options: PeakOptions = {}): Peaks {
  let peaks = localMaxima(x);
  if (options.height !== undefined) {
    const height = options.height;
    peaks = peaks.filter((p) => (x[p] as number) >= height);
  }
  if (options.distance !== undefined && options.distance > 1) {
    const keep = selectByDistance(x, peaks, options.distance);
    peaks = peaks.filter((_, k) => keep[k] === 1);
  }
  // Every local maximum, no window: the faster computation over maxima and valleys.
  const everyMaximum =
    options.height === undefined && !(options.distance !== undefined && options.distance > 1);
  const { prominences, leftBases, rightBases } =
    everyMaximum && !(options.wlen !== undefined && options.wlen > 1)
      ? maximaProminences(x, peaks)
      : peakProminences(x, peaks, options.wlen);
  if (options.prominence === undefined) return { peaks, prominences, leftBases, rightBases };
  const minimum = options.prominence;
  const kept: number[] = [];
  for (let k = 0; k < peaks.length; k++) if ((prominences[k] as number) >= minimum) kept.push(k);
  return {
    peaks: Int32Array.from(kept, (k) => peaks[k] as number),
    prominences: Float64Array.from(kept, (k) => prominences[k] as number),
    leftBases: Int32Array.from(kept, (k) => leftBases[k] as number),
    rightBases: Int32Array.from(kept, (k) => rightBases[k] as number),
  };
}
