/**
 * PELT — Pruned Exact Linear Time optimal partitioning (Killick, Fearnhead & Eckley 2012, JASA
 * 107(500)). Minimises Σ over segments of [cost(segment) + penalty] exactly, pruning candidate
 * segment starts that can never again be optimal, in expected O(n) cost evaluations when the number
 * of change points grows with n.
 *
 * The recursion follows R changepoint's C code (PELT_one_func_minseglen) so that its results can be
 * reproduced bit for bit: F(0) = −penalty; F(t) = min over candidates τ of F(τ) + cost(τ, t) + penalty,
 * the first minimum in candidate order winning ties; a candidate τ survives step t when
 * F(τ) + cost(τ, t) + penalty ≤ F(t) + penalty. Segments are half-open index ranges [start, end).
 */

/** Cost of the segment of points [start, end), start < end. */
export type SegmentCost = (start: number, end: number) => number;

export interface PeltOptions {
  /** Added once per segment. */
  penalty: number;
  /** Fewest points in a segment (≥ 1). Default 1. */
  minSegmentLength?: number;
  /**
   * Whether [start, end) is long enough to be a segment, beyond minSegmentLength (e.g. a minimum
   * duration). Must be monotone: if [s, e) is long enough, so are [s, e + 1) and [s − 1, e).
   */
  longEnough?: (start: number, end: number) => boolean;
}

/**
 * Optimal segmentation of points 0..n−1: the ends (exclusive) of every segment, ascending, the last
 * being n. Empty for n = 0; [n] when no admissible split exists.
 */
export function pelt(n: number, cost: SegmentCost, options: PeltOptions): number[] {
  if (n <= 0) return [];
  const penalty = options.penalty;
  const minLength = Math.max(1, Math.floor(options.minSegmentLength ?? 1));
  const longEnough = options.longEnough;
  const admissible = (start: number, end: number): boolean =>
    end - start >= minLength && (longEnough === undefined || longEnough(start, end));
  if (!admissible(0, n)) return [n];

  const best = new Float64Array(n + 1).fill(Infinity);
  const previous = new Int32Array(n + 1);
  best[0] = -penalty;
  let candidates = new Int32Array(16);
  let values = new Float64Array(16);
  let candidateCount = 0;
  let next = 0; // the next segment start to admit as a candidate

  for (let t = 1; t <= n; t++) {
    // A start τ becomes a candidate once [τ, t) is long enough, if some segmentation ends at τ.
    while (next < t && admissible(next, t)) {
      if (Number.isFinite(best[next] as number)) {
        if (candidateCount === candidates.length) {
          const grown = new Int32Array(2 * candidates.length);
          grown.set(candidates);
          candidates = grown;
          values = new Float64Array(2 * values.length);
        }
        candidates[candidateCount++] = next;
      }
      next++;
    }
    if (candidateCount === 0) continue;
    let minimum = Infinity;
    let argument = 0;
    for (let k = 0; k < candidateCount; k++) {
      const tau = candidates[k] as number;
      const value = (best[tau] as number) + cost(tau, t) + penalty;
      values[k] = value;
      if (value < minimum) {
        minimum = value;
        argument = tau;
      }
    }
    best[t] = minimum;
    previous[t] = argument;
    // Prune: τ can never be the last change before any later t' when it is already worse by more
    // than the penalty a new change point would cost.
    let kept = 0;
    const limit = minimum + penalty;
    for (let k = 0; k < candidateCount; k++) {
      if ((values[k] as number) <= limit) candidates[kept++] = candidates[k] as number;
    }
    candidateCount = kept;
  }

  const ends: number[] = [];
  for (let t = n; t > 0; t = previous[t] as number) ends.push(t);
  return ends.reverse();
}

/**
 * Prefix sums of x and x² (on values centred on their first value, so long series of large numbers
 * do not lose precision), for O(1) normal-mean costs.
 */
export class PrefixSums {
  readonly sum: Float64Array;
  readonly sumSquares: Float64Array;

  constructor(values: ArrayLike<number>, centre = 0, scale = 1) {
    const n = values.length;
    this.sum = new Float64Array(n + 1);
    this.sumSquares = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const x = ((values[i] as number) - centre) / scale;
      this.sum[i + 1] = (this.sum[i] as number) + x;
      this.sumSquares[i + 1] = (this.sumSquares[i] as number) + x * x;
    }
  }

  /** Σ(x − mean)² over [start, end). */
  squaredDeviation(start: number, end: number): number {
    const m = end - start;
    const s = (this.sum[end] as number) - (this.sum[start] as number);
    const s2 = (this.sumSquares[end] as number) - (this.sumSquares[start] as number);
    return s2 - (s * s) / m;
  }
}

/**
 * TCPDBench's default PELT, exactly: R changepoint `cpt.mean(x, method = "PELT", penalty = "MBIC",
 * test.stat = "Normal", minseglen = 1)` on the series z-scored with the sample standard deviation
 * (n − 1), as TCPDBench's R wrapper calls it (execs/R/cpdbench_changepoint.R, utils.R `scale`).
 * MBIC: penalty 3·ln n per change point and ln(segment length) added to each segment's cost
 * (R's `mbic_mean`). Returns TCPDBench's reported locations: each R change point (the 1-based last
 * index of a segment) minus one, without the final n.
 */
export function tcpdDefaultPelt(values: ArrayLike<number>): number[] {
  const n = values.length;
  if (n < 2) return [];
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) sumSquares += ((values[i] as number) - mean) ** 2;
  const sd = Math.sqrt(sumSquares / (n - 1));
  const prefix = new PrefixSums(values, mean, sd > 0 ? sd : 1);
  const ends = pelt(n, (start, end) => prefix.squaredDeviation(start, end) + Math.log(end - start), {
    penalty: 3 * Math.log(n),
  });
  return ends.slice(0, -1).map((end) => end - 1);
}
