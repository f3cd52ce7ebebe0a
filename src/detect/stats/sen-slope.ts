/**
 * Theil–Sen slope: the median of the pairwise slopes (y_j − y_i)/(x_j − x_i) over all pairs with
 * x_i < x_j, exactly as an all-pairs loop followed by numpy's `median` computes it (an even number of
 * slopes gives the mean of the two middle ones) — but in O(n log n) expected time and O(n) memory
 * instead of O(n²) of both.
 *
 * How: for a threshold t, the pair (i, j) with x_i < x_j has slope ≤ t exactly when
 * z_j ≤ z_i for z = y − t·x, so the number of slopes ≤ t is an inversion count of z in x order
 * (merge sort, O(n log n)). Randomised selection on t (Floyd–Rivest, in the spirit of Matoušek's slope
 * selection): sample slopes from the pairs still in the bracket (lo, hi] (the inversions between the
 * orders at lo and at hi), probe *at* the sampled slopes just outside a 3-sigma band around the wanted
 * rank, and repeat until the bracket holds few enough pairs (≤ 4n) to list them all and pick the exact
 * order statistic. Each round shrinks the bracket to ~3/√m of its pairs for m samples, and m is chosen
 * so the second round closes it: 4 probes and 2 listing passes for 10⁶ points (~1–2 s here, against
 * 5·10¹¹ slopes for the all-pairs method). Nothing depends on how the slopes are spread: millions of
 * slopes equal or equal to 1e-12 (a long ramp with small noise) cost no more than any other input;
 * an atom of equal slopes is isolated by probing just below it and at it.
 *
 * Exactness: a probe at t counts the pairs whose *rounded* slope is ≤ t, by testing the exact quotient
 * against the midpoint between t and the next double; z is evaluated in double-double arithmetic
 * (Dekker's exact product), so the count is exact whenever y and x differences are exact in double
 * (integers below 2⁵³, such as byte counts, epoch milliseconds or indices, and values within a factor
 * of 2 of each other). Results then equal the all-pairs computation bit for bit. With differences
 * that round, a pair whose slope lies within rounding of a probe can be counted on the wrong side;
 * the result can then be off by an ulp or so. Probe values come from a fixed-seed generator, so
 * results and run times are deterministic.
 */

import { enumerateInversions, identityOrder, InversionSorter, type InversionVisitor } from './inversions.js';
import { adjacentOrderStatistics, medianInPlace, quickSelect } from './robust.js';

/** Selection lives in robust.ts; re-exported for the modules that import it from here. */
export { quickSelect } from './robust.js';

export interface SenLine {
  /** Median pairwise slope, in y units per x unit; NaN when no pair has distinct x. */
  slope: number;
  /** pyMannKendall / Conover convention: median(y) − median(x)·slope over the finite points. */
  intercept: number;
}

export interface SenSlopeOptions {
  /**
   * Brackets holding at most this many pairs are listed in full (and inputs with at most this many
   * pairs are solved by listing every slope). Default max(4n, 100 000). Exposed for tests.
   */
  maxListedPairs?: number;
}

/** Theil–Sen slope of y against x over the points where both are finite (NaN y = gap, skipped). */
export function senSlope(x: ArrayLike<number>, y: ArrayLike<number>, options: SenSlopeOptions = {}): number {
  const points = preparePoints(x, y);
  return points === null ? NaN : medianPairSlope(points, options);
}

/** Theil–Sen slope with the pyMannKendall (Conover) intercept: median(y) − median(x)·slope. */
export function senLine(x: ArrayLike<number>, y: ArrayLike<number>, options: SenSlopeOptions = {}): SenLine {
  const points = preparePoints(x, y);
  if (points === null) return { slope: NaN, intercept: NaN };
  const slope = medianPairSlope(points, options);
  return { slope, intercept: senIntercept(points.x, points.y, slope) };
}

/** median(y) − median(x)·slope over the points where both are finite (pyMannKendall's `sens_slope`). */
export function senIntercept(x: ArrayLike<number>, y: ArrayLike<number>, slope: number): number {
  const n = Math.min(x.length, y.length);
  let count = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i] as number) && Number.isFinite(y[i] as number)) count++;
  if (count === 0) return NaN;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0, k = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    if (Number.isFinite(xi) && Number.isFinite(yi)) {
      xs[k] = xi;
      ys[k++] = yi;
    }
  }
  return medianInPlace(ys) - medianInPlace(xs) * slope;
}

// ---------------------------------------------------------------------------------------------------
// Points: finite (x, y), sorted by x then y; runs of equal x ("tie groups") never form a pair.

interface Points {
  n: number;
  x: Float64Array;
  y: Float64Array;
  /** Veltkamp split of x (x = xHigh + xLow, each with ≤ 26 significant bits) for exact products. */
  xHigh: Float64Array;
  xLow: Float64Array;
  /** [start, end) of each run of ≥ 2 equal x values. */
  tieGroups: [number, number][];
  /** Number of pairs with distinct x. */
  pairCount: number;
}

function preparePoints(xIn: ArrayLike<number>, yIn: ArrayLike<number>): Points | null {
  const length = Math.min(xIn.length, yIn.length);
  const n = countFinitePairs(xIn, yIn, length);
  // Positions of the finite points in (x, y) order; null while that is 0, 1, … (no gaps, sorted).
  let keep: Int32Array | null = n < length ? finitePairPositions(xIn, yIn, length, n) : null;
  if (!isSortedByXThenY(xIn, yIn, keep, n)) {
    const order = Array.from(keep ?? identityOrder(n));
    order.sort((a, b) => (xIn[a] as number) - (xIn[b] as number) || (yIn[a] as number) - (yIn[b] as number));
    keep = Int32Array.from(order);
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const xHigh = new Float64Array(n);
  const xLow = new Float64Array(n);
  gatherAndSplit(xIn, yIn, keep, x, y, xHigh, xLow);
  const tieGroups: [number, number][] = [];
  let pairCount = (n * (n - 1)) / 2;
  for (let start = 0; start < n;) {
    const end = endOfRun(x, start);
    if (end - start >= 2) {
      tieGroups.push([start, end]);
      pairCount -= ((end - start) * (end - start - 1)) / 2;
    }
    start = end;
  }
  return pairCount > 0 ? { n, x, y, xHigh, xLow, tieGroups, pairCount } : null;
}

function countFinitePairs(x: ArrayLike<number>, y: ArrayLike<number>, length: number): number {
  let count = 0;
  for (let i = 0; i < length; i++)
    if (Number.isFinite(x[i] as number) && Number.isFinite(y[i] as number)) count++;
  return count;
}

function finitePairPositions(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  length: number,
  count: number,
): Int32Array {
  const positions = new Int32Array(count);
  for (let i = 0, k = 0; i < length; i++) {
    if (Number.isFinite(x[i] as number) && Number.isFinite(y[i] as number)) positions[k++] = i;
  }
  return positions;
}

function isSortedByXThenY(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  keep: Int32Array | null,
  n: number,
): boolean {
  for (let k = 1; k < n; k++) {
    const a = keep === null ? k - 1 : (keep[k - 1] as number);
    const b = keep === null ? k : (keep[k] as number);
    const xa = x[a] as number;
    const xb = x[b] as number;
    if (xa > xb || (xa === xb && (y[a] as number) > (y[b] as number))) return false;
  }
  return true;
}

/** The kept points' x and y, and the Veltkamp split of x. */
function gatherAndSplit(
  xIn: ArrayLike<number>,
  yIn: ArrayLike<number>,
  keep: Int32Array | null,
  x: Float64Array,
  y: Float64Array,
  xHigh: Float64Array,
  xLow: Float64Array,
): void {
  for (let k = 0; k < x.length; k++) {
    const i = keep === null ? k : (keep[k] as number);
    const xi = xIn[i] as number;
    x[k] = xi;
    y[k] = yIn[i] as number;
    const c = SPLITTER * xi;
    const high = c - (c - xi);
    xHigh[k] = high;
    xLow[k] = xi - high;
  }
}

/** End (exclusive) of the run of values equal to values[start]. */
function endOfRun(values: Float64Array, start: number): number {
  let end = start + 1;
  while (end < values.length && values[end] === values[start]) end++;
  return end;
}

// ---------------------------------------------------------------------------------------------------
// Selection

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp)
/** Brackets of up to max(4n, this) pairs are listed. */
const MIN_LISTED_PAIRS = 100_000;
/** The first round samples this many pairs uniformly, at most. */
const MAX_SAMPLE = 1 << 20;
/** Later rounds may draw up to this many slopes, enough to close a bracket of ~10⁹ pairs in one round. */
const MAX_BRACKET_SAMPLE = 1 << 22;

function medianPairSlope(points: Points, options: SenSlopeOptions): number {
  const total = points.pairCount;
  const budget = Math.max(2, options.maxListedPairs ?? Math.max(4 * points.n, MIN_LISTED_PAIRS));
  const rankLow = Math.floor((total + 1) / 2); // 1-based
  const rankHigh = Math.floor(total / 2) + 1;
  if (total <= budget) {
    const slopes = allPairSlopes(points).sort();
    return ((slopes[rankLow - 1] as number) + (slopes[rankHigh - 1] as number)) / 2;
  }
  const selector = new SlopeSelector(points, budget);
  const [a, b] = selector.select(rankLow, rankHigh === rankLow ? rankLow : rankHigh);
  return rankHigh === rankLow ? a : (a + b) / 2;
}

function allPairSlopes(points: Points): Float64Array {
  const { n, x, y } = points;
  const slopes = new Float64Array(points.pairCount);
  let k = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    for (let j = i + 1; j < n; j++) {
      const xj = x[j] as number;
      if (xj > xi) slopes[k++] = ((y[j] as number) - yi) / (xj - xi);
    }
  }
  return slopes;
}

/** A threshold with the number of pairs whose slope is ≤ it and the point order by z at it. */
interface Probe {
  t: number;
  count: number;
  /** Positions sorted by (z at t ascending, position descending). */
  order: Int32Array;
}

class SlopeSelector {
  private readonly random = mulberry32(0x5e15e1);
  private readonly zHigh: Float64Array;
  private readonly zLow: Float64Array;
  private readonly sorter: InversionSorter;
  private readonly sampleSize: number;

  constructor(
    private readonly points: Points,
    private readonly budget: number,
  ) {
    this.zHigh = new Float64Array(points.n);
    this.zLow = new Float64Array(points.n);
    this.sorter = new InversionSorter(points.n);
    this.sampleSize = Math.min(MAX_SAMPLE, Math.max(1024, points.n));
  }

  /** The rankA-th and rankB-th smallest pair slopes (1-based; rankB is rankA or rankA + 1). */
  select(rankA: number, rankB: number): [number, number] {
    const { n, pairCount } = this.points;
    const { min, max } = this.extremeSlopes();
    // Below every slope no pair is inverted: position order. Above every slope every pair with
    // distinct x is: tie groups in reverse order (inside a group the order does not matter, as long
    // as both ends agree, because such pairs are never counted).
    const belowAll = new Int32Array(n);
    for (let i = 0; i < n; i++) belowAll[i] = i;
    const aboveAll = new Int32Array(n);
    let out = 0;
    for (let end = n; end > 0;) {
      let start = end - 1;
      while (start > 0 && this.points.x[start - 1] === this.points.x[end - 1]) start--;
      for (let i = start; i < end; i++) aboveAll[out++] = i;
      end = start;
    }
    const low: Probe = { t: nextDown(min), count: 0, order: belowAll };
    const high: Probe = { t: max, count: pairCount, order: aboveAll };
    return this.refine(rankA, rankB, low, high, this.uniformSample(this.sampleSize));
  }

  private refine(
    rankA: number,
    rankB: number,
    low: Probe,
    high: Probe,
    firstSample?: Float64Array,
  ): [number, number] {
    let sample = firstSample;
    for (;;) {
      const inBracket = high.count - low.count;
      if (inBracket <= this.budget) return this.listAndPick(rankA, rankB, low, high);
      // Every pair left has a rounded slope in (low.t, high.t]; when these are adjacent doubles it is high.t.
      if (nextUp(low.t) >= high.t) return [high.t, high.t];

      // A bracket of B pairs shrinks to ~3B/√m with m samples: draw enough to close it in one round.
      const wanted = Math.ceil(((4 * inBracket) / this.budget) ** 2);
      sample ??= this.sampleBracket(
        low,
        high,
        Math.min(MAX_BRACKET_SAMPLE, Math.max(this.sampleSize, wanted)),
      );
      const probes = chooseProbes(sample, (rankA - low.count) / inBracket, (rankB - low.count) / inBracket);
      sample = undefined;
      const usable = probes.filter((t) => t > low.t && t < high.t);
      // No sampled slope strictly inside the bracket (a bad draw, or an atom at an end): split it.
      if (usable.length === 0) {
        const mid = midpoint(low.t, high.t);
        usable.push(mid > low.t && mid < high.t ? mid : nextDown(high.t));
      }

      for (const t of usable) {
        if (!(t > low.t && t < high.t)) continue; // the first probe may have moved an end past t
        const probe = this.probe(t);
        if (probe.count >= rankB) high = probe;
        else if (probe.count < rankA) low = probe;
        else {
          // rankA ≤ count < rankB = rankA + 1: the two middle slopes lie on either side of t.
          const [a] = this.refine(rankA, rankA, low, probe);
          const [b] = this.refine(rankB, rankB, probe, high);
          return [a, b];
        }
      }
    }
  }

  /** Smallest and largest pair slope: always between neighbouring distinct x values. */
  private extremeSlopes(): { min: number; max: number } {
    const { n, x, y } = this.points;
    let min = Infinity;
    let max = -Infinity;
    let groupStart = 0;
    while (groupStart < n) {
      let groupEnd = groupStart + 1;
      while (groupEnd < n && x[groupEnd] === x[groupStart]) groupEnd++;
      if (groupEnd >= n) break;
      let nextEnd = groupEnd + 1;
      while (nextEnd < n && x[nextEnd] === x[groupEnd]) nextEnd++;
      // Within a group y ascends, so its first point has the least y and its last the greatest.
      const dx = (x[groupEnd] as number) - (x[groupStart] as number);
      min = Math.min(min, ((y[groupEnd] as number) - (y[groupEnd - 1] as number)) / dx);
      max = Math.max(max, ((y[nextEnd - 1] as number) - (y[groupStart] as number)) / dx);
      groupStart = groupEnd;
    }
    return { min, max };
  }

  /**
   * Number of pairs whose rounded slope is ≤ t: the exact quotient is compared with the midpoint m
   * between t and the next double, i.e. z = y − m·x with m·x = t·x + (ulp/2)·x, in double-double.
   */
  private probe(t: number): Probe {
    const { n, y, xHigh, xLow, x } = this.points;
    const halfGap = (nextUp(t) - t) / 2; // a power of two: (halfGap·x) is exact
    const c = SPLITTER * t;
    const tHigh = c - (c - t);
    const tLow = t - tHigh;
    const zHigh = this.zHigh;
    const zLow = this.zLow;
    shiftedValues(x, xHigh, xLow, y, t, tHigh, tLow, halfGap, zHigh, zLow);
    const order = identityOrder(n);
    let count = this.sorter.sortCounting(zHigh, zLow, order);
    // Pairs inside a tie group are not pairs; remove whatever the count attributed to them.
    for (const [start, end] of this.points.tieGroups) {
      const groupOrder = identityOrder(end - start).map((i) => i + start);
      count -= this.sorter.sortCounting(zHigh, zLow, groupOrder);
    }
    return { t, count, order };
  }

  /** Slopes of `size` pairs drawn uniformly from all pairs with distinct x. */
  private uniformSample(size: number): Float64Array {
    const { n, x, y } = this.points;
    const slopes = new Float64Array(size);
    let k = 0;
    for (let attempts = 0; k < size && attempts < 50 * size; attempts++) {
      const i = Math.floor(this.random() * n);
      const j = Math.floor(this.random() * n);
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const dx = (x[b] as number) - (x[a] as number);
      if (dx > 0) slopes[k++] = ((y[b] as number) - (y[a] as number)) / dx;
    }
    return slopes.subarray(0, k);
  }

  /** Slopes of pairs drawn uniformly (with replacement) from those in (low.t, high.t]. */
  private sampleBracket(low: Probe, high: Probe, size: number): Float64Array {
    const total = high.count - low.count;
    // One random pick per equal stratum of the inversion indices: already sorted, and no worse than
    // independent picks for estimating quantiles.
    const count = Math.min(size, total);
    const picks = new Float64Array(count);
    for (let i = 0; i < count; i++) picks[i] = Math.floor(((i + this.random()) * total) / count);
    return this.slopesBetween(low, high, picks);
  }

  /** Lists every pair in (low.t, high.t] and returns the wanted order statistics. */
  private listAndPick(rankA: number, rankB: number, low: Probe, high: Probe): [number, number] {
    const slopes = this.slopesBetween(low, high, 'all');
    if (slopes.length === 0) return [high.t, high.t];
    // With exact differences the list holds exactly high.count − low.count slopes. With inexact ones
    // (see the file comment) a pair within rounding of an end can be missing or extra; clamp the rank.
    const indexA = Math.max(0, Math.min(slopes.length - 1, rankA - low.count - 1));
    if (rankB === rankA) {
      const a = quickSelect(slopes, indexA);
      return [a, a];
    }
    return adjacentOrderStatistics(slopes, indexA);
  }

  /**
   * Slopes of the pairs that precede each other in low's order but not in high's: the inversions of
   * low's order keyed by rank in high's order. `picks`: 'all' lists every such pair; otherwise sorted
   * inversion indices (in merge order) to list.
   */
  /**
   * Slopes of the pairs that precede each other in low's order but not in high's: the inversions of
   * low's order keyed by rank in high's order (the key identifies the point: high.order[key]).
   * `picks`: 'all' lists every such pair; otherwise sorted inversion indices (in enumeration order).
   */
  private slopesBetween(low: Probe, high: Probe, picks: 'all' | Float64Array): Float64Array {
    const n = this.points.n;
    const rankInHigh = new Int32Array(n);
    const keys = new Int32Array(n);
    rankKeys(low.order, high.order, rankInHigh, keys);
    // Position, x and y of each point side by side, indexed by key: one cache line per pair end.
    const byKey = new Float64Array(3 * n);
    pointsByKey(high.order, this.points.x, this.points.y, byKey);
    const lister = new PairLister(byKey, picks, high.count - low.count);
    enumerateInversions(keys, rankInHigh /* reused as the merge buffer */, lister);
    return lister.result();
  }
}

/**
 * z = y − m·x for the midpoint m between t and the next double, in double-double (zHigh + zLow):
 * Dekker's exact product of t and x (split into tHigh + tLow and xHigh + xLow) and a two-sum.
 */
function shiftedValues(
  x: Float64Array,
  xHigh: Float64Array,
  xLow: Float64Array,
  y: Float64Array,
  t: number,
  tHigh: number,
  tLow: number,
  halfGap: number,
  zHigh: Float64Array,
  zLow: Float64Array,
): void {
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const xh = xHigh[i] as number;
    const xl = xLow[i] as number;
    const product = t * xi;
    const productError = tHigh * xh - product + tHigh * xl + tLow * xh + tLow * xl;
    const yi = y[i] as number;
    // two-sum: yi − product = sum + sumError exactly
    const sum = yi - product;
    const back = sum - yi;
    const sumError = yi - (sum - back) + (-product - back);
    const rest = sumError - productError - halfGap * xi;
    const high = sum + rest;
    const back2 = high - sum;
    zHigh[i] = high;
    zLow[i] = sum - (high - back2) + (rest - back2);
  }
}

/** rankInHigh[p] = rank of position p in highOrder; keys[r] = that rank for lowOrder's r-th position. */
function rankKeys(
  lowOrder: Int32Array,
  highOrder: Int32Array,
  rankInHigh: Int32Array,
  keys: Int32Array,
): void {
  for (let r = 0; r < highOrder.length; r++) rankInHigh[highOrder[r] as number] = r;
  for (let r = 0; r < lowOrder.length; r++) keys[r] = rankInHigh[lowOrder[r] as number] as number;
}

/** [position, x, y] of the point at each rank of `order`. */
function pointsByKey(order: Int32Array, x: Float64Array, y: Float64Array, byKey: Float64Array): void {
  for (let r = 0; r < order.length; r++) {
    const position = order[r] as number;
    byKey[3 * r] = position;
    byKey[3 * r + 1] = x[position] as number;
    byKey[3 * r + 2] = y[position] as number;
  }
}

/** Collects the slopes of (all or picked) pairs as a merge enumerates the inversions, block by block. */
class PairLister implements InversionVisitor {
  private listed: Float64Array;
  private length = 0;
  private seen = 0; // inversions enumerated so far
  private nextPick = 0;
  private readonly all: boolean;
  private readonly picks: Float64Array;

  constructor(
    /** [position, x, y] of each point, by key. */
    private readonly byKey: Float64Array,
    picks: 'all' | Float64Array,
    expected: number,
  ) {
    this.all = picks === 'all';
    this.picks = picks === 'all' ? new Float64Array(0) : picks;
    this.listed = new Float64Array(Math.max(16, (this.all ? expected : this.picks.length) + 16));
  }

  /** The point with key `laterKey` moves ahead of those with keys[from..to). */
  jump(keys: Int32Array, from: number, to: number, laterKey: number): void {
    const block = to - from;
    const q = laterKey;
    if (this.all) {
      if (this.length + block > this.listed.length) this.listed = grow(this.listed, this.length + block);
      for (let k = from; k < to; k++) this.add(keys[k] as number, q);
    } else {
      const picks = this.picks;
      while (this.nextPick < picks.length && (picks[this.nextPick] as number) < this.seen + block) {
        if (this.length + 1 > this.listed.length) this.listed = grow(this.listed, this.length + 1);
        const k = from + (picks[this.nextPick] as number) - this.seen;
        this.add(keys[k] as number, q);
        this.nextPick++;
      }
    }
    this.seen += block;
  }

  /**
   * A pair changes order between low and high when its slope is in (low, high]; it then has p < q.
   * Pairs inside a tie group of x may swap freely and are not pairs.
   */
  private add(keyP: number, keyQ: number): void {
    const byKey = this.byKey;
    const p = 3 * keyP;
    const q = 3 * keyQ;
    const xp = byKey[p + 1] as number;
    const xq = byKey[q + 1] as number;
    if ((byKey[p] as number) < (byKey[q] as number) && xq > xp) {
      this.listed[this.length++] = ((byKey[q + 2] as number) - (byKey[p + 2] as number)) / (xq - xp);
    }
  }

  result(): Float64Array {
    return this.listed.subarray(0, this.length);
  }
}

function grow(array: Float64Array, minLength: number): Float64Array {
  const grown = new Float64Array(Math.max(minLength, 2 * array.length));
  grown.set(array);
  return grown;
}

/**
 * Thresholds to probe next, from a sorted sample of the slopes in the bracket: the sample values just
 * outside a 3-sigma binomial band around the wanted ranks' fractions (Floyd–Rivest / Matoušek), so the
 * next bracket holds the wanted ranks with high probability and ~1/√m of the pairs. Probes sit *at*
 * sampled slopes, however close together the slopes are: the count at a probe is exact, so nearly equal
 * slopes need no special care. When both ends land on the same value v (an atom: many pairs share one
 * slope), probing just below v and at v isolates it, and the bracket then closes on it.
 */
function chooseProbes(sample: Float64Array, fractionA: number, fractionB: number): number[] {
  const m = sample.length;
  if (m === 0) return [];
  const spreadA = 3 * Math.sqrt(m * fractionA * (1 - fractionA)) + 2;
  const spreadB = 3 * Math.sqrt(m * fractionB * (1 - fractionB)) + 2;
  const indexA = Math.floor(m * fractionA - spreadA);
  const indexB = Math.ceil(m * fractionB + spreadB);
  // Selection instead of a sort: after quickSelect(indexA) everything beyond indexA is ≥ it.
  const lower = indexA >= 0 ? quickSelect(sample, indexA) : undefined;
  const upper =
    indexB < m
      ? indexA >= 0
        ? quickSelect(sample.subarray(indexA + 1), indexB - indexA - 1)
        : quickSelect(sample, indexB)
      : undefined;
  if (lower !== undefined && upper !== undefined && lower === upper) return [nextDown(lower), lower];
  const probes: number[] = [];
  if (lower !== undefined) probes.push(lower);
  if (upper !== undefined) probes.push(upper);
  if (probes.length === 0) {
    // The band covers the whole sample: probe at its middle value, and just below it.
    const middle = quickSelect(sample, Math.min(m - 1, Math.floor(m * fractionA)));
    probes.push(nextDown(middle), middle);
  }
  return probes;
}

// ---------------------------------------------------------------------------------------------------
// Doubles

const scratchFloat = new Float64Array(1);
const scratchBits = new BigInt64Array(scratchFloat.buffer);

/** The smallest double greater than t (t finite). */
export function nextUp(t: number): number {
  if (t === 0) return Number.MIN_VALUE;
  scratchFloat[0] = t;
  scratchBits[0] = (scratchBits[0] as bigint) + (t > 0 ? 1n : -1n);
  return scratchFloat[0] as number;
}

/** The largest double less than t (t finite). */
export function nextDown(t: number): number {
  return -nextUp(-t);
}

function midpoint(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  return Number.isFinite(mid) ? mid : a / 2 + b / 2;
}

/** Small fast seeded PRNG (Tommy Ettinger's mulberry32), uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let r = Math.imul(state ^ (state >>> 15), 1 | state);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
