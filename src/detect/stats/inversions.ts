/**
 * Inversions by merge sort, O(n log n): the one implementation behind Mann-Kendall's S
 * (mann-kendall.ts) and the slope counts and slope listings of Sen's slope (sen-slope.ts) — counting
 * them (InversionSorter) or enumerating them (enumerateInversions).
 */

/** Runs this short are sorted by insertion before merging. */
export const INSERTION_RUN = 16;

/**
 * Merge sort of positions by (zHigh, zLow) ascending, ties by position descending, counting the pairs
 * of positions p < q that end up with q first — i.e. the pairs with z_q ≤ z_p. zLow is only read on
 * ties of zHigh, so it is not carried through the merges. One sorter serves any number of sorts of up
 * to n positions (its buffers are reused).
 */
export class InversionSorter {
  private readonly highA: Float64Array;
  private readonly highB: Float64Array;
  private readonly itemsA: Int32Array;
  private readonly itemsB: Int32Array;

  constructor(n: number) {
    this.highA = new Float64Array(n);
    this.highB = new Float64Array(n);
    this.itemsA = new Int32Array(n);
    this.itemsB = new Int32Array(n);
  }

  /** Sorts `order` (positions, ascending on entry) in place and returns the inversion count. */
  sortCounting(zHigh: Float64Array, zLow: Float64Array, order: Int32Array): number {
    const length = order.length;
    let high = this.highA;
    let items = this.itemsA;
    let outHigh = this.highB;
    let outItems = this.itemsB;
    gather(zHigh, order, high, items);
    let inversions = sortRuns(high, items, zLow, length);
    for (let width = INSERTION_RUN; width < length; width *= 2) {
      inversions += mergeLevel(high, items, outHigh, outItems, zLow, width, length);
      const swapHigh = high;
      high = outHigh;
      outHigh = swapHigh;
      const swapItems = items;
      items = outItems;
      outItems = swapItems;
    }
    order.set(items.subarray(0, length));
    return inversions;
  }
}

// Each loop nest is a function of its own that returns right after it: V8 compiles a long-running
// loop on the fly (on-stack replacement), and code after the loop that has not run yet would be
// compiled without type feedback and fall back to the interpreter when it runs (a deoptimization).

function gather(zHigh: Float64Array, order: Int32Array, high: Float64Array, items: Int32Array): void {
  for (let k = 0; k < order.length; k++) {
    const position = order[k] as number;
    items[k] = position;
    high[k] = zHigh[position] as number;
  }
}

/** Insertion sort of each run of INSERTION_RUN items; returns the inversions it removed. */
function sortRuns(high: Float64Array, items: Int32Array, zLow: Float64Array, length: number): number {
  let inversions = 0;
  // Item at k goes before the item at m < k (a larger position) when its z is ≤ theirs.
  for (let start = 0; start < length; start += INSERTION_RUN) {
    const end = Math.min(start + INSERTION_RUN, length);
    for (let k = start + 1; k < end; k++) {
      const h = high[k] as number;
      const item = items[k] as number;
      let m = k - 1;
      while (m >= start) {
        const hm = high[m] as number;
        if (h < hm || (h === hm && (zLow[item] as number) <= (zLow[items[m] as number] as number))) {
          high[m + 1] = hm;
          items[m + 1] = items[m] as number;
          m--;
        } else break;
      }
      inversions += k - 1 - m;
      high[m + 1] = h;
      items[m + 1] = item;
    }
  }
  return inversions;
}

/** Merges each pair of sorted runs of `width` into the out arrays; returns the inversions counted. */
function mergeLevel(
  high: Float64Array,
  items: Int32Array,
  outHigh: Float64Array,
  outItems: Int32Array,
  zLow: Float64Array,
  width: number,
  length: number,
): number {
  let inversions = 0;
  for (let left = 0; left < length; left += 2 * width) {
    const mid = Math.min(left + width, length);
    const right = Math.min(left + 2 * width, length);
    let i = left;
    let j = mid;
    let out = left;
    while (i < mid && j < right) {
      const hi = high[i] as number;
      const hj = high[j] as number;
      // Every right-run position exceeds every left-run one, so a tie in z puts the right item first.
      if (
        hj < hi ||
        (hj === hi && (zLow[items[j] as number] as number) <= (zLow[items[i] as number] as number))
      ) {
        inversions += mid - i;
        outHigh[out] = hj;
        outItems[out++] = items[j++] as number;
      } else {
        outHigh[out] = hi;
        outItems[out++] = items[i++] as number;
      }
    }
    while (i < mid) {
      outHigh[out] = high[i] as number;
      outItems[out++] = items[i++] as number;
    }
    while (j < right) {
      outHigh[out] = high[j] as number;
      outItems[out++] = items[j++] as number;
    }
  }
  return inversions;
}

/**
 * Number of pairs i < j with values[j] ≤ values[i] (ties included) and the values in ascending order
 * (a fresh array; `values` is not changed).
 */
export function countNonRisingPairs(values: Float64Array): { pairs: number; sorted: Float64Array } {
  const n = values.length;
  const order = identityOrder(n);
  const pairs = new InversionSorter(n).sortCounting(values, new Float64Array(n), order);
  const sorted = new Float64Array(n);
  for (let k = 0; k < n; k++) sorted[k] = values[order[k] as number] as number;
  return { pairs, sorted };
}

/** Receives the inversions that enumerateInversions finds. */
export interface InversionVisitor {
  /** The item with key `laterKey` moves ahead of the items with keys[from..to) (each an inversion). */
  jump(keys: Int32Array, from: number, to: number, laterKey: number): void;
}

/**
 * Sorts `keys` (distinct integers) ascending, reporting every inversion — every pair of items whose
 * keys are out of order — to the visitor, grouped by the item that jumps ahead. `buffer` (the same
 * length) is scratch. Returns the array that holds the sorted keys (keys or buffer).
 */
export function enumerateInversions(
  keys: Int32Array,
  buffer: Int32Array,
  visitor: InversionVisitor,
): Int32Array {
  const n = keys.length;
  enumerateInRuns(keys, visitor);
  let from = keys;
  let to = buffer;
  for (let width = INSERTION_RUN; width < n; width *= 2) {
    enumerateMergeLevel(from, to, width, visitor);
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

/** Insertion sort of each run of INSERTION_RUN keys: the key at k jumps over keys[m+1..k−1]. */
function enumerateInRuns(keys: Int32Array, visitor: InversionVisitor): void {
  const n = keys.length;
  for (let start = 0; start < n; start += INSERTION_RUN) {
    const end = Math.min(start + INSERTION_RUN, n);
    for (let k = start + 1; k < end; k++) {
      const key = keys[k] as number;
      let m = k - 1;
      while (m >= start && (keys[m] as number) > key) m--;
      if (m < k - 1) {
        visitor.jump(keys, m + 1, k, key);
        keys.copyWithin(m + 2, m + 1, k);
        keys[m + 1] = key;
      }
    }
  }
}

function enumerateMergeLevel(
  keys: Int32Array,
  outKeys: Int32Array,
  width: number,
  visitor: InversionVisitor,
): void {
  const n = keys.length;
  for (let left = 0; left < n; left += 2 * width) {
    const mid = Math.min(left + width, n);
    const right = Math.min(left + 2 * width, n);
    let i = left;
    let j = mid;
    let out = left;
    while (i < mid && j < right) {
      const keyJ = keys[j] as number;
      const keyI = keys[i] as number;
      if (keyJ < keyI) {
        visitor.jump(keys, i, mid, keyJ); // keys[j] jumps over keys[i..mid)
        outKeys[out++] = keyJ;
        j++;
      } else {
        outKeys[out++] = keyI;
        i++;
      }
    }
    while (i < mid) outKeys[out++] = keys[i++] as number;
    while (j < right) outKeys[out++] = keys[j++] as number;
  }
}

/** 0, 1, …, n − 1. */
export function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}
