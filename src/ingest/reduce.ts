/**
 * Bounded memory for long inputs: a time-bucket reducer that rows stream through.
 *
 * Rule (the same for every input): a table keeps every row until it holds POINT_CAPACITY rows. Past that,
 * rows are averaged into time buckets on a grid aligned to the epoch, MIN_BUCKET_MS wide at first; when
 * the buckets fill the capacity, the width doubles (adjacent pairs of buckets merge) until at most half
 * the capacity is used. Memory therefore stays O(capacity × columns) whatever the row count, and a
 * reduced table ends with between a quarter of the capacity and the capacity in points.
 *
 * Each bucket keeps, per column, the sum and count of its values, the number of rows and the sum of
 * their times, and its first line. Its point is the mean value at the mean time of its rows (unbiased
 * for a linear trend, always inside the data's span; gaps in time stay gaps since empty buckets do not
 * exist). Only means are kept: detectors read one value per point, so a per-bucket min/max would be
 * seen by nothing; the smoothing is bounded by the bucket width the `resolution-reduced` warning states.
 *
 * The clean-up normalizeSeries does is applied before averaging, so a mean holds exactly the values the
 * full-resolution analysis would keep: a gap (NaN), ±Infinity and a byte value below zero are left out
 * of the means (and counted for warnings); a row repeating the time of the row just before it replaces
 * that row's values where it has one (the last value wins). Out-of-order rows go into their bucket
 * (buckets are sorted when they are compacted); duplicates that are not adjacent in the file are then
 * averaged together rather than replaced.
 */

import type { Series } from '../model/series.js';
import { columnMeaning } from './columns.js';

/** Points a table (all its series share the rows) keeps before reduction: 2^22 = 4,194,304. */
export const POINT_CAPACITY = 2 ** 22;
/** The narrowest bucket: one second, the finest step memory metrics are collected at. */
export const MIN_BUCKET_MS = 1000;
/** Rows written between flushes once reducing (a small scratch table). */
const BATCH_ROWS = 4096;

export interface RowReducerOptions {
  /** Value columns per row. */
  valueColumns: number;
  /** Points kept before reducing; at least 4. Default POINT_CAPACITY. */
  capacity?: number | undefined;
  /**
   * Per column: values of this sign are gaps (−1 for byte columns, +1 for byte columns whose source
   * values are negated, 0 to keep every finite value). See gapSignOf.
   */
  gapSigns?: readonly number[] | undefined;
  /** Rows to allocate first (an estimate from the file size); capped at the capacity. */
  initialRows?: number | undefined;
}

/** Values left out of the bucket means, one column's count per kind with the first line. */
export interface ExcludedValues {
  missing: number;
  missingLine: number;
  infinite: number;
  infiniteLine: number;
  wrongSign: number;
  wrongSignLine: number;
}

export interface Reduction {
  /** Data rows read. */
  rows: number;
  /** The capacity that was exceeded. */
  capacity: number;
  /** Width of the time buckets, ms. */
  bucketMs: number;
  /** Per column: how many values each point's mean holds (0 where the point is a gap). */
  valueCounts: Uint32Array[];
  /** Rows repeating the previous row's time (merged), and the first such line (0: none). */
  duplicates: number;
  duplicateLine: number;
  /** First line where time goes backwards, when rows are not simply newest-first (0: none). */
  outOfOrderLine: number;
  excluded: ExcludedValues[];
}

export interface ReducedRows {
  /** Epoch ms of each point. */
  t: Float64Array;
  /** Per value column; NaN = gap. */
  columns: Float64Array[];
  /** 1-based line of each point (a bucket's first line). */
  lines: Int32Array;
  /** Present when the rows were averaged into buckets. */
  reduction: Reduction | null;
}

/** The gap sign for a column of `unit` whose source values are multiplied by `factor`. */
export function gapSignOf(unit: Series['unit'], factor: number): number {
  return unit === 'bytes' ? -Math.sign(factor) : 0;
}

/** Gap signs for a streamed table's value columns, from each header's unit (its time column excluded). */
export function gapSignsOfColumns(valueColumnNames: readonly string[]): number[] {
  return valueColumnNames.map((name) => {
    const meaning = columnMeaning(name);
    return gapSignOf(meaning.unit, meaning.factor);
  });
}

/**
 * Rows in, at most `capacity` points out. A producer writes row `count` into `t`, `columns[c]` and
 * `lines` after calling makeRoom() when `count === t.length`, then increments `count` (the fast CSV
 * path does this so its hot loop stores numbers in place); `push` does the same for one row.
 */
export class RowReducer {
  t: Float64Array;
  columns: Float64Array[];
  lines: Int32Array;
  count = 0;

  private readonly capacity: number;
  private readonly valueColumns: number;
  private readonly gapSigns: Float64Array;
  private reducing = false;

  // Buckets (allocated when reduction starts): sorted by time unless `sorted` is false.
  private entries = 0;
  private bucketMs = MIN_BUCKET_MS;
  private sorted = true;
  /** Earliest time in the bucket; with timeSum/rowCounts its mean time. */
  private first: Float64Array = new Float64Array(0);
  /** Sum over the bucket's rows of (time − first). */
  private timeSum: Float64Array = new Float64Array(0);
  private rowCounts: Float64Array = new Float64Array(0);
  private sums: Float64Array[] = [];
  private counts: Uint32Array[] = [];
  private firstLines: Int32Array = new Int32Array(0);

  // The last row in file order, not yet in a bucket (so a repeat of its time can replace it).
  private hasPending = false;
  private pendingTime = NaN;
  private pendingLine = 0;
  private readonly pending: Float64Array;

  // File-order bookkeeping for warnings.
  private rowsRead = 0;
  private previousTime = NaN;
  private allDescending = true;
  private outOfOrderLine = 0;
  private duplicates = 0;
  private duplicateLine = 0;
  private readonly excluded: ExcludedValues[];

  constructor(options: RowReducerOptions) {
    this.capacity = Math.max(4, Math.floor(options.capacity ?? POINT_CAPACITY));
    this.valueColumns = options.valueColumns;
    this.gapSigns = Float64Array.from({ length: options.valueColumns }, (_, c) => options.gapSigns?.[c] ?? 0);
    const rows = Math.min(this.capacity, Math.max(16, Math.ceil(options.initialRows ?? 1024)));
    this.t = new Float64Array(rows);
    this.columns = Array.from({ length: options.valueColumns }, () => new Float64Array(rows));
    this.lines = new Int32Array(rows);
    this.pending = new Float64Array(options.valueColumns);
    this.excluded = Array.from({ length: options.valueColumns }, () => ({
      missing: 0,
      missingLine: 0,
      infinite: 0,
      infiniteLine: 0,
      wrongSign: 0,
      wrongSignLine: 0,
    }));
  }

  /** Append one row. */
  push(tMs: number, values: ArrayLike<number>, line: number): void {
    if (this.count === this.t.length) this.makeRoom();
    const row = this.count;
    this.t[row] = tMs;
    for (let c = 0; c < this.valueColumns; c++) (this.columns[c] as Float64Array)[row] = values[c] as number;
    this.lines[row] = line;
    this.count++;
  }

  /** Free the slot at `count`: grow the row table, start reducing at the capacity, or flush the scratch rows. */
  makeRoom(): void {
    if (this.reducing) {
      this.flush();
      return;
    }
    if (this.t.length < this.capacity) {
      const length = Math.min(this.capacity, this.t.length * 2);
      const grow = <T extends Float64Array | Int32Array>(old: T, next: T): T => {
        next.set(old);
        return next;
      };
      this.t = grow(this.t, new Float64Array(length));
      this.columns = this.columns.map((column) => grow(column, new Float64Array(length)));
      this.lines = grow(this.lines, new Int32Array(length));
      return;
    }
    this.startReducing();
  }

  /** The points: the rows as written when they fit the capacity, else the bucket means. */
  finish(): ReducedRows {
    if (!this.reducing) {
      const count = this.count;
      // Views when most of the table is used (no copy of tens of MB); copies when most of it is not.
      const trim = <T extends Float64Array | Int32Array>(array: T): T =>
        (count * 2 >= array.length ? array.subarray(0, count) : array.slice(0, count)) as T;
      return { t: trim(this.t), columns: this.columns.map(trim), lines: trim(this.lines), reduction: null };
    }
    this.flush();
    if (this.hasPending) this.commitPending();
    this.hasPending = false;
    if (!this.sorted) {
      this.sortBuckets();
      this.combine();
    }
    const n = this.entries;
    // Means written over the sums and first times (the bucket tables become the result).
    for (let e = 0; e < n; e++) {
      this.first[e] = (this.first[e] as number) + (this.timeSum[e] as number) / (this.rowCounts[e] as number);
    }
    for (let c = 0; c < this.valueColumns; c++) {
      const sums = this.sums[c] as Float64Array;
      const counts = this.counts[c] as Uint32Array;
      for (let e = 0; e < n; e++) {
        const count = counts[e] as number;
        sums[e] = count > 0 ? (sums[e] as number) / count : NaN;
      }
    }
    const descendingOnly = this.allDescending && this.rowsRead > 1;
    return {
      t: this.first.subarray(0, n),
      columns: this.sums.map((sums) => sums.subarray(0, n)),
      lines: this.firstLines.subarray(0, n),
      reduction: {
        rows: this.rowsRead,
        capacity: this.capacity,
        bucketMs: this.bucketMs,
        valueCounts: this.counts.map((counts) => counts.subarray(0, n)),
        duplicates: this.duplicates,
        duplicateLine: this.duplicateLine,
        outOfOrderLine: descendingOnly ? 0 : this.outOfOrderLine,
        excluded: this.excluded,
      },
    };
  }

  /**
   * The row table is full at the capacity: its rows (in file order) become the first buckets. The row
   * arrays are reused as the bucket times, sums and lines: bucket e is written only after row e has been
   * read, since each row adds at most one bucket.
   */
  private startReducing(): void {
    const n = this.count;
    const t = this.t;
    const columns = this.columns;
    const lines = this.lines;
    const capacity = this.capacity;
    this.reducing = true;
    this.first = t;
    this.sums = columns;
    this.firstLines = lines;
    this.timeSum = new Float64Array(capacity);
    this.rowCounts = new Float64Array(capacity);
    this.counts = columns.map(() => new Uint32Array(capacity));
    this.entries = 0;
    for (let i = 0; i < n; i++) this.addRow(t, columns, i, lines[i] as number);
    this.t = new Float64Array(BATCH_ROWS);
    this.columns = columns.map(() => new Float64Array(BATCH_ROWS));
    this.lines = new Int32Array(BATCH_ROWS);
    this.count = 0;
  }

  /** Scratch rows → buckets. */
  private flush(): void {
    for (let i = 0; i < this.count; i++) this.addRow(this.t, this.columns, i, this.lines[i] as number);
    this.count = 0;
  }

  /** One row in file order: a repeat of the pending row's time replaces its values, else it goes into a bucket. */
  private addRow(t: Float64Array, columns: Float64Array[], row: number, line: number): void {
    const time = t[row] as number;
    this.rowsRead++;
    if (this.rowsRead > 1) {
      if (time < this.previousTime) {
        if (this.outOfOrderLine === 0) this.outOfOrderLine = line;
      } else this.allDescending = false;
    }
    this.previousTime = time;
    if (this.hasPending && time === this.pendingTime) {
      // normalizeSeries's rule for repeated timestamps: the last value that is not a gap wins.
      this.duplicates++;
      if (this.duplicateLine === 0) this.duplicateLine = line;
      for (let c = 0; c < this.valueColumns; c++) {
        const value = (columns[c] as Float64Array)[row] as number;
        if (value === value) this.pending[c] = value;
      }
      return;
    }
    if (this.hasPending) this.commitPending();
    this.hasPending = true;
    this.pendingTime = time;
    this.pendingLine = line;
    for (let c = 0; c < this.valueColumns; c++) this.pending[c] = (columns[c] as Float64Array)[row] as number;
  }

  /** The pending row into the last bucket when it shares its cell, else into a new bucket. */
  private commitPending(): void {
    const time = this.pendingTime;
    let last = this.entries - 1;
    if (last < 0 || !this.sameCell(this.first[last] as number, time)) {
      if (this.entries < this.capacity) {
        this.appendPending();
        return;
      }
      this.compact();
      last = this.entries - 1;
      if (!this.sameCell(this.first[last] as number, time)) {
        this.appendPending();
        return;
      }
    }
    // Rebase the time sum when an out-of-order row is earlier than the bucket's first.
    const bucketFirst = this.first[last] as number;
    if (time < bucketFirst) {
      this.timeSum[last] =
        (this.timeSum[last] as number) + (this.rowCounts[last] as number) * (bucketFirst - time);
      this.first[last] = time;
    } else {
      this.timeSum[last] = (this.timeSum[last] as number) + (time - bucketFirst);
    }
    this.rowCounts[last] = (this.rowCounts[last] as number) + 1;
    if (this.pendingLine < (this.firstLines[last] as number)) this.firstLines[last] = this.pendingLine;
    for (let c = 0; c < this.valueColumns; c++) {
      const value = this.pending[c] as number;
      if (this.keep(c, value)) {
        const sums = this.sums[c] as Float64Array;
        const counts = this.counts[c] as Uint32Array;
        sums[last] = (sums[last] as number) + value;
        counts[last] = (counts[last] as number) + 1;
      }
    }
  }

  private appendPending(): void {
    const e = this.entries++;
    const time = this.pendingTime;
    if (e > 0 && time < (this.first[e - 1] as number)) this.sorted = false;
    this.first[e] = time;
    this.timeSum[e] = 0;
    this.rowCounts[e] = 1;
    this.firstLines[e] = this.pendingLine;
    for (let c = 0; c < this.valueColumns; c++) {
      const value = this.pending[c] as number;
      const kept = this.keep(c, value);
      (this.sums[c] as Float64Array)[e] = kept ? value : 0;
      (this.counts[c] as Uint32Array)[e] = kept ? 1 : 0;
    }
  }

  /** Whether a value enters the mean; counts the ones that do not (the pending row's line). */
  private keep(column: number, value: number): boolean {
    if (value !== value) {
      const excluded = this.excluded[column] as ExcludedValues;
      if (excluded.missing++ === 0) excluded.missingLine = this.pendingLine;
      return false;
    }
    if (value === Infinity || value === -Infinity) {
      const excluded = this.excluded[column] as ExcludedValues;
      if (excluded.infinite++ === 0) excluded.infiniteLine = this.pendingLine;
      return false;
    }
    if (value * (this.gapSigns[column] as number) > 0) {
      const excluded = this.excluded[column] as ExcludedValues;
      if (excluded.wrongSign++ === 0) excluded.wrongSignLine = this.pendingLine;
      return false;
    }
    return true;
  }

  private sameCell(a: number, b: number): boolean {
    return Math.floor(a / this.bucketMs) === Math.floor(b / this.bucketMs);
  }

  /** Buckets full: sort, merge buckets sharing a cell, then double the width until half the capacity is free. */
  private compact(): void {
    if (!this.sorted) this.sortBuckets();
    this.combine();
    while (this.entries > this.capacity / 2) {
      this.bucketMs *= 2;
      this.combine();
    }
  }

  /** Merge adjacent buckets in the same cell of the current width (buckets sorted by first time). */
  private combine(): void {
    const first = this.first;
    const timeSum = this.timeSum;
    const rowCounts = this.rowCounts;
    const lines = this.firstLines;
    let out = -1;
    let outCell = NaN;
    for (let e = 0; e < this.entries; e++) {
      const time = first[e] as number;
      const cell = Math.floor(time / this.bucketMs);
      if (cell === outCell) {
        // Sorted, so first[out] ≤ time: the merged bucket keeps first[out] and rebases e's time sum.
        timeSum[out] =
          (timeSum[out] as number) +
          (timeSum[e] as number) +
          (rowCounts[e] as number) * (time - (first[out] as number));
        rowCounts[out] = (rowCounts[out] as number) + (rowCounts[e] as number);
        if ((lines[e] as number) < (lines[out] as number)) lines[out] = lines[e] as number;
        for (let c = 0; c < this.valueColumns; c++) {
          const sums = this.sums[c] as Float64Array;
          const counts = this.counts[c] as Uint32Array;
          sums[out] = (sums[out] as number) + (sums[e] as number);
          counts[out] = (counts[out] as number) + (counts[e] as number);
        }
        continue;
      }
      out++;
      outCell = cell;
      if (out === e) continue;
      first[out] = time;
      timeSum[out] = timeSum[e] as number;
      rowCounts[out] = rowCounts[e] as number;
      lines[out] = lines[e] as number;
      for (let c = 0; c < this.valueColumns; c++) {
        (this.sums[c] as Float64Array)[out] = (this.sums[c] as Float64Array)[e] as number;
        (this.counts[c] as Uint32Array)[out] = (this.counts[c] as Uint32Array)[e] as number;
      }
    }
    this.entries = out + 1;
  }

  /**
   * Buckets in time order (only after out-of-order rows). A stable index sort, then a gather into new
   * tables; the old ones are dropped (or, during startReducing, still hold the unread rows).
   */
  private sortBuckets(): void {
    const n = this.entries;
    const first = this.first;
    const order = new Int32Array(n);
    for (let e = 0; e < n; e++) order[e] = e;
    order.sort((a, b) => (first[a] as number) - (first[b] as number) || a - b);
    const capacity = this.capacity;
    const gather = <T extends Float64Array | Int32Array | Uint32Array>(from: T, to: T): T => {
      for (let e = 0; e < n; e++) to[e] = from[order[e] as number] as number;
      return to;
    };
    this.first = gather(first, new Float64Array(capacity));
    this.timeSum = gather(this.timeSum, new Float64Array(capacity));
    this.rowCounts = gather(this.rowCounts, new Float64Array(capacity));
    this.firstLines = gather(this.firstLines, new Int32Array(capacity));
    this.sums = this.sums.map((sums) => gather(sums, new Float64Array(capacity)));
    this.counts = this.counts.map((counts) => gather(counts, new Uint32Array(capacity)));
    this.sorted = true;
  }
}

/** A bucket width for messages: `32 s`, `4.3 min`, `2.3 h`, `1.5 d`. */
export function describeBucket(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${Number(seconds.toFixed(3))} s`;
  if (seconds < 7200) return `${Number((seconds / 60).toFixed(1))} min`;
  if (seconds < 172_800) return `${Number((seconds / 3600).toFixed(1))} h`;
  return `${Number((seconds / 86_400).toFixed(1))} d`;
}

const formatCount = (n: number): string => n.toLocaleString('en-US');
const lineOrUndefined = (line: number): number | undefined => (line > 0 ? line : undefined);

/**
 * The warnings a reduction owes (table-wide ones start with `subject`): `resolution-reduced` (rows,
 * points, bucket width), then what
 * normalizeSeries would have said about rows it no longer sees (order, repeated times, and per column the
 * values left out of the means). A constant number per column, whatever the row count.
 */
export function warnReduction(
  reduction: Reduction,
  names: readonly string[],
  warn: (code: string, message: string, line?: number) => void,
  subject = '',
): void {
  const points = reduction.valueCounts[0]?.length ?? 0;
  warn(
    'resolution-reduced',
    `${subject}${formatCount(reduction.rows)} rows kept as ${formatCount(points)} points of ${describeBucket(reduction.bucketMs)} means ` +
      `(past ${formatCount(reduction.capacity)} rows, rows are averaged in time buckets so memory stays bounded)`,
  );
  if (reduction.outOfOrderLine > 0) {
    warn(
      'out-of-order',
      `${subject}time goes backwards (first at this line); rows were put into their time buckets`,
      reduction.outOfOrderLine,
    );
  }
  if (reduction.duplicates > 0) {
    warn(
      'duplicate-timestamps',
      `${subject}${formatCount(reduction.duplicates)} row(s) repeat the time of the row before; kept the last value for each`,
      reduction.duplicateLine,
    );
  }
  reduction.excluded.forEach((excluded, column) => {
    const name = names[column] ?? `column ${column + 2}`;
    if (excluded.missing > 0) {
      warn(
        'missing-values',
        `${name}: ${formatCount(excluded.missing)} row(s) have no value (empty or NaN); the bucket means leave them out`,
        lineOrUndefined(excluded.missingLine),
      );
    }
    if (excluded.infinite > 0) {
      warn(
        'non-finite-values',
        `${name}: ${formatCount(excluded.infinite)} infinite value(s) left out of the bucket means`,
        lineOrUndefined(excluded.infiniteLine),
      );
    }
    if (excluded.wrongSign > 0) {
      warn(
        'negative-values',
        `${name}: ${formatCount(excluded.wrongSign)} negative byte value(s) left out of the bucket means`,
        lineOrUndefined(excluded.wrongSignLine),
      );
    }
  });
}

/**
 * The same rule for a series an importer built from whole text: one with more than `capacity` points is
 * averaged into time buckets (points without a finite time are dropped and reported, as normalizeSeries
 * would); others are returned as they are.
 */
export function reduceSeries(
  series: Series,
  warn: (code: string, message: string, line?: number) => void,
  capacity: number = POINT_CAPACITY,
): Series {
  if (series.t.length <= capacity) return series;
  const reducer = new RowReducer({
    valueColumns: 1,
    capacity,
    gapSigns: [gapSignOf(series.unit, 1)],
    initialRows: capacity,
  });
  const lines = series.sourceLines;
  const value = new Float64Array(1);
  let badTimes = 0;
  let badTimeLine = 0;
  for (let i = 0; i < series.t.length; i++) {
    const time = series.t[i] as number;
    const line = lines?.[i] ?? 0;
    if (!Number.isFinite(time)) {
      if (badTimes++ === 0) badTimeLine = line;
      continue;
    }
    value[0] = series.v[i] as number;
    reducer.push(time, value, line);
  }
  if (badTimes > 0) {
    warn(
      'bad-time',
      `${series.name}: dropped ${formatCount(badTimes)} point(s) without a valid time`,
      lineOrUndefined(badTimeLine),
    );
  }
  const rows = reducer.finish();
  if (rows.reduction !== null) warnReduction(rows.reduction, [series.name], warn, `${series.name}: `);
  const { sourceLines: _lines, ...rest } = series;
  return {
    ...rest,
    t: rows.t,
    v: rows.columns[0] as Float64Array,
    ...(lines === undefined ? {} : { sourceLines: rows.lines }),
  };
}
