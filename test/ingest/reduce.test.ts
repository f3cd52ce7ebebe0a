// The bounded time-bucket reducer (src/ingest/reduce.ts): exact below its capacity, exact bucket means
// above it, and the same rule on the streaming and whole-text paths. Capacities here are tiny so the
// reduction runs on small inputs; the rule does not depend on the capacity.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readNumericRows } from '../../src/ingest/fast-csv.js';
import { ingestAll } from '../../src/pipeline.js';
import { DEFAULT_MAX_ROWS, readInput, rowLimits } from '../../src/ingest/index.js';
import {
  describeBucket,
  MIN_BUCKET_MS,
  POINT_CAPACITY,
  reduceSeries,
  RowReducer,
  type ReducedRows,
} from '../../src/ingest/reduce.js';

const scratch = mkdtempSync(join(tmpdir(), 'memautopsy-reduce-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const START_MS = Date.UTC(2026, 2, 1);

interface Row {
  t: number;
  values: number[];
  line: number;
}

function reduce(rows: Row[], capacity: number, gapSigns?: number[]): ReducedRows {
  const reducer = new RowReducer({ valueColumns: rows[0]?.values.length ?? 1, capacity, gapSigns });
  for (const row of rows) reducer.push(row.t, row.values, row.line);
  return reducer.finish();
}

/** Rows one second apart from START_MS, values from `value(i)`, lines from 2. */
function regularRows(n: number, value: (i: number) => number[], stepMs = 1000): Row[] {
  return Array.from({ length: n }, (_, i) => ({ t: START_MS + i * stepMs, values: value(i), line: i + 2 }));
}

/** The expected buckets: rows grouped by floor(t / width), mean time, mean of the kept values per column. */
function expectedBuckets(
  rows: Row[],
  widthMs: number,
  keep: (value: number) => boolean = Number.isFinite,
): { t: number[]; columns: number[][]; counts: number[][]; lines: number[] } {
  const cells = new Map<number, Row[]>();
  for (const row of rows) {
    const cell = Math.floor(row.t / widthMs);
    cells.set(cell, [...(cells.get(cell) ?? []), row]);
  }
  const ordered = [...cells.entries()].sort(([a], [b]) => a - b).map(([, members]) => members);
  const columnCount = rows[0]?.values.length ?? 0;
  return {
    t: ordered.map((members) => members.reduce((sum, row) => sum + row.t, 0) / members.length),
    columns: Array.from({ length: columnCount }, (_, c) =>
      ordered.map((members) => {
        const kept = members.map((row) => row.values[c] as number).filter(keep);
        return kept.length === 0 ? NaN : kept.reduce((a, b) => a + b, 0) / kept.length;
      }),
    ),
    counts: Array.from({ length: columnCount }, (_, c) =>
      ordered.map((members) => members.filter((row) => keep(row.values[c] as number)).length),
    ),
    lines: ordered.map((members) => Math.min(...members.map((row) => row.line))),
  };
}

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => {
    if (Number.isNaN(value)) expect(actual[i]).toBeNaN();
    else expect(actual[i]).toBeCloseTo(value, digits);
  });
}

describe('RowReducer below its capacity', () => {
  it('keeps every row exactly as written, out-of-order and repeated times included', () => {
    const rows: Row[] = [
      { t: START_MS + 2000, values: [3, NaN], line: 2 },
      { t: START_MS, values: [1, -5], line: 3 },
      { t: START_MS, values: [NaN, Infinity], line: 4 },
      { t: START_MS + 1000, values: [0.1, 2], line: 6 },
    ];
    const out = reduce(rows, 4);
    expect(out.reduction).toBeNull();
    expect([...out.t]).toEqual(rows.map((row) => row.t));
    expect([...(out.columns[0] ?? [])]).toEqual([3, 1, NaN, 0.1]);
    expect([...(out.columns[1] ?? [])]).toEqual([NaN, -5, Infinity, 2]);
    expect([...out.lines]).toEqual([2, 3, 4, 6]);
  });

  it('keeps the default capacity at 2^22, above the 2.6 M-row exports other benchmarks read', () => {
    expect(POINT_CAPACITY).toBe(4_194_304);
    expect(Math.log2(POINT_CAPACITY) % 1).toBe(0);
  });
});

describe('RowReducer above its capacity', () => {
  it('averages rows into epoch-aligned buckets of doubling width, with exact means at mean times', () => {
    const rows = regularRows(100, (i) => [1000 + i * 7 + (i % 3), 50 - i]);
    const out = reduce(rows, 16);
    const reduction = out.reduction;
    expect(reduction).not.toBeNull();
    if (reduction === null) return;
    expect(reduction.rows).toBe(100);
    // Width: MIN_BUCKET_MS doubled until the buckets fit; at most half the capacity after the last doubling.
    expect(Math.log2(reduction.bucketMs / MIN_BUCKET_MS) % 1).toBe(0);
    expect(out.t.length).toBeLessThanOrEqual(16);
    expect(out.t.length).toBeGreaterThanOrEqual(16 / 4);
    // A narrower width would not have fit.
    expect(expectedBuckets(rows, reduction.bucketMs / 2).t.length).toBeGreaterThan(16);
    const expected = expectedBuckets(rows, reduction.bucketMs);
    expectClose(out.t, expected.t, 3);
    expectClose(out.columns[0] ?? [], expected.columns[0] ?? []);
    expectClose(out.columns[1] ?? [], expected.columns[1] ?? []);
    expect([...out.lines]).toEqual(expected.lines);
    expect(reduction.valueCounts.map((counts) => [...counts])).toEqual(expected.counts);
    for (let i = 1; i < out.t.length; i++) expect(out.t[i]).toBeGreaterThan(out.t[i - 1] as number);
  });

  it('leaves gaps, infinities and negative bytes out of the means and counts them', () => {
    const rows = regularRows(40, (i) => [
      i % 5 === 0 ? NaN : i === 7 ? -Infinity : i === 9 ? -3 : 100 + i,
      i === 9 ? -3 : 10,
    ]);
    // Column 0 holds bytes (negatives are gaps); column 1 a percentage (negatives are values).
    const out = reduce(rows, 8, [-1, 0]);
    const reduction = out.reduction;
    if (reduction === null) throw new Error('expected a reduction');
    const expected0 = expectedBuckets(rows, reduction.bucketMs, (v) => Number.isFinite(v) && v >= 0);
    const expected1 = expectedBuckets(rows, reduction.bucketMs);
    expectClose(out.columns[0] ?? [], expected0.columns[0] ?? []);
    expectClose(out.columns[1] ?? [], expected1.columns[1] ?? []);
    expect(reduction.excluded[0]).toEqual({
      missing: 8,
      missingLine: 2,
      infinite: 1,
      infiniteLine: 9,
      wrongSign: 1,
      wrongSignLine: 11,
    });
    expect(reduction.excluded[1]).toMatchObject({ missing: 0, infinite: 0, wrongSign: 0 });
  });

  it('gives a bucket whose rows all lack a value a gap (NaN), not zero', () => {
    const rows = regularRows(64, (i) => [i >= 32 && i < 48 ? NaN : i]);
    const out = reduce(rows, 8);
    const reduction = out.reduction;
    if (reduction === null) throw new Error('expected a reduction');
    const expected = expectedBuckets(rows, reduction.bucketMs);
    expectClose(out.columns[0] ?? [], expected.columns[0] ?? []);
    expect([...(out.columns[0] ?? [])].some(Number.isNaN)).toBe(true);
  });

  it('lets a row repeating the previous time replace its values (the last value that is not a gap wins)', () => {
    const rows = regularRows(30, (i) => [i, 100 + i]);
    const repeated: Row[] = [];
    for (const row of rows) {
      repeated.push(row);
      if (row.line === 11) repeated.push({ t: row.t, values: [1000, NaN], line: 99 });
    }
    const out = reduce(repeated, 8);
    const reduction = out.reduction;
    if (reduction === null) throw new Error('expected a reduction');
    expect(reduction.duplicates).toBe(1);
    expect(reduction.duplicateLine).toBe(99);
    expect(reduction.rows).toBe(31);
    // As if line 11 had read `1000, 109`.
    const replaced = rows.map((row) =>
      row.line === 11 ? { ...row, values: [1000, row.values[1] as number] } : row,
    );
    const expected = expectedBuckets(replaced, reduction.bucketMs);
    expectClose(out.columns[0] ?? [], expected.columns[0] ?? []);
    expectClose(out.columns[1] ?? [], expected.columns[1] ?? []);
  });

  it('puts out-of-order rows into their buckets, and warns unless the rows are simply newest first', () => {
    const rows = regularRows(200, (i) => [Math.sin(i / 9) * 1e6 + 5e6]);
    const sorted = reduce(rows, 16);
    expect(sorted.reduction?.outOfOrderLine).toBe(0);
    // A fixed shuffle (7919 is coprime to 211): every row lands in its bucket, whatever the order. The
    // width can be coarser than for sorted rows, since early compactions see rows from the whole span.
    const shuffled = rows
      .map((row, i) => ({ row, key: (i * 7919) % 211 }))
      .sort((a, b) => a.key - b.key)
      .map(({ row }) => row);
    const newestFirst = [...rows].reverse();
    for (const order of [shuffled, newestFirst]) {
      const out = reduce(order, 16);
      const reduction = out.reduction;
      if (reduction === null) throw new Error('expected a reduction');
      expect(out.t.length).toBeLessThanOrEqual(16);
      const expected = expectedBuckets(rows, reduction.bucketMs);
      expectClose(out.t, expected.t, 3);
      expectClose(out.columns[0] ?? [], expected.columns[0] ?? []);
      expect([...out.lines]).toEqual(expected.lines);
    }
    const firstDescent = shuffled.findIndex((row, k) => k > 0 && row.t < (shuffled[k - 1]?.t ?? 0));
    expect(reduce(shuffled, 16).reduction?.outOfOrderLine).toBe(shuffled[firstDescent]?.line);
    // Newest first is read as written backwards, as normalizeSeries does: no warning.
    expect(reduce(newestFirst, 16).reduction?.outOfOrderLine).toBe(0);
  });

  it('keeps the means exact, the times increasing and the points within capacity (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 64 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 600 }),
        fc.array(fc.option(fc.integer({ min: -1e9, max: 1e12 }), { nil: null }), {
          minLength: 600,
          maxLength: 600,
        }),
        (capacity, offsetsMs, values) => {
          const rows: Row[] = offsetsMs.map((offset, i) => ({
            t: START_MS + offset,
            values: [values[i] ?? NaN],
            line: i + 2,
          }));
          const out = reduce(rows, capacity);
          const counts =
            out.reduction?.valueCounts[0] ??
            Uint32Array.from(out.columns[0] ?? [], (v) => (Number.isNaN(v) ? 0 : 1));
          expect(out.t.length).toBeLessThanOrEqual(capacity);
          if (out.reduction === null) expect(rows.length).toBeLessThanOrEqual(capacity);
          else
            for (let i = 1; i < out.t.length; i++) expect(out.t[i]).toBeGreaterThan(out.t[i - 1] as number);
          const kept = rows.map((row) => row.values[0] as number).filter((v) => !Number.isNaN(v));
          let weighted = 0;
          let total = 0;
          out.columns[0]?.forEach((mean, i) => {
            const count = counts[i] as number;
            if (count > 0) weighted += mean * count;
            total += count;
          });
          expect(total).toBe(kept.length);
          if (kept.length > 0) {
            const inputMean = kept.reduce((a, b) => a + b, 0) / kept.length;
            expect(Math.abs(weighted / total - inputMean)).toBeLessThanOrEqual(
              1e-6 * Math.max(1, Math.abs(inputMean)) + 1e-3,
            );
          }
          const minT = Math.min(...rows.map((row) => row.t));
          const maxT = Math.max(...rows.map((row) => row.t));
          for (const t of out.t) {
            expect(t).toBeGreaterThanOrEqual(minT - 1e-6);
            expect(t).toBeLessThanOrEqual(maxT + 1e-6);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the streaming path reduces as it reads', () => {
  function writeCsv(name: string, rows: Row[], header = '"Time","node_memory_MemAvailable_bytes"'): string {
    const path = join(scratch, name);
    const body = rows.map(
      (row) => `${row.t},${row.values.map((v) => (Number.isNaN(v) ? '' : String(v))).join(',')}`,
    );
    writeFileSync(path, `${header}\r\n${body.join('\r\n')}\r\n`);
    return path;
  }

  it('readNumericRows gives the reducer’s buckets, lines included', async () => {
    const rows = regularRows(500, (i) => [8e9 - i * 1e5 + (i % 11) * 4096]);
    const path = writeCsv('stream.csv', rows);
    const read = await readNumericRows(path, {
      delimiter: ',',
      columnCount: 2,
      skipLines: 1,
      pointCapacity: 32,
      gapSigns: [-1],
    });
    const direct = reduce(rows, 32, [-1]);
    expect(read?.reduction?.rows).toBe(500);
    expect(read?.reduction?.bucketMs).toBe(direct.reduction?.bucketMs);
    expect([...(read?.t ?? [])]).toEqual([...direct.t]);
    expect([...(read?.columns[0] ?? [])]).toEqual([...(direct.columns[0] ?? [])]);
    expect([...(read?.lines ?? [])]).toEqual([...direct.lines]);
  });

  it('readInput warns once with the rows, the points and the bucket width, and the series stays within capacity', async () => {
    const rows = regularRows(1000, (i) => [i === 10 ? NaN : 4e9 + i * 1e6]);
    const path = writeCsv('warned.csv', rows);
    const read = await readInput(path, { tz: 'UTC', pointCapacity: 64 });
    const series = read.result.series[0];
    expect(series?.t.length).toBeLessThanOrEqual(64);
    const reduced = read.warnings.filter((w) => w.code === 'resolution-reduced');
    expect(reduced).toHaveLength(1);
    expect(reduced[0]?.file).toBe(path);
    expect(reduced[0]?.message).toBe(
      `1,000 rows kept as ${series?.t.length} points of 16 s means (past 64 rows, rows are averaged in time buckets so memory stays bounded)`,
    );
    expect(read.warnings.find((w) => w.code === 'missing-values' && w.line === 12)?.message).toMatch(
      /1 row\(s\) have no value/,
    );
    // Below the capacity nothing changes and nothing is said.
    const full = await readInput(path, { tz: 'UTC', pointCapacity: 1000 });
    expect(full.result.series[0]?.t.length).toBe(1000);
    expect(full.warnings.some((w) => w.code === 'resolution-reduced')).toBe(false);
  });

  it('bounds a series joined from several files like one long file', async () => {
    // Two days of one series, each file within the capacity, their join beyond it.
    const first = writeCsv(
      'day-1.csv',
      regularRows(100, (i) => [4e9 + i * 1e6]),
    );
    const second = writeCsv(
      'day-2.csv',
      regularRows(100, (i) => [5e9 + i * 1e6]).map((row) => ({ ...row, t: row.t + 100_000 })),
    );
    const evidence = await ingestAll([first, second], { pointCapacity: 150 });
    expect(evidence.series).toHaveLength(1);
    const joined = evidence.series[0];
    expect(joined?.t.length).toBeLessThanOrEqual(150);
    expect(joined?.t.length).toBeGreaterThan(150 / 4);
    const reduced = evidence.warnings.filter((w) => w.code === 'resolution-reduced');
    expect(reduced).toHaveLength(1);
    expect(reduced[0]?.message).toMatch(/200 rows kept as \d+ points of 2 s means/);
    // Each file alone stays whole.
    const alone = await ingestAll([first], { pointCapacity: 150 });
    expect(alone.series[0]?.t.length).toBe(100);
    expect(alone.warnings.some((w) => w.code === 'resolution-reduced')).toBe(false);
  });

  it('gives the whole-text path the same rule (times with a zone are not streamed)', async () => {
    const rows = regularRows(300, (i) => [2e9 + i * 1000], 60_000);
    const path = join(scratch, 'iso.csv');
    writeFileSync(
      path,
      `time,used\n${rows.map((row) => `${new Date(row.t).toISOString()},${row.values[0]}`).join('\n')}\n`,
    );
    const read = await readInput(path, { tz: 'UTC', pointCapacity: 64 });
    const series = read.result.series[0];
    const reduction = read.warnings.find((w) => w.code === 'resolution-reduced');
    expect(reduction?.message).toMatch(/^used: 300 rows kept as \d+ points of 8\.5 min means/);
    const widthMs = 512_000;
    const expected = expectedBuckets(rows, widthMs);
    expectClose(series?.t ?? [], expected.t, 3);
    expectClose(series?.v ?? [], expected.columns[0] ?? []);
  });

  it('reduceSeries returns a series within capacity unchanged', () => {
    const series = {
      name: 'used',
      metric: 'mem.used' as const,
      unit: 'bytes' as const,
      t: Float64Array.from([1, 2, 3]),
      v: Float64Array.from([4, 5, 6]),
      source: { file: 'x', format: 'generic-csv' },
    };
    expect(reduceSeries(series, () => undefined, 3)).toBe(series);
  });
});

describe('row limits', () => {
  it('limits only whole-text reads by default, and both paths when --max-rows is given', () => {
    expect(rowLimits(undefined)).toEqual({ streamed: Infinity, wholeText: DEFAULT_MAX_ROWS });
    expect(rowLimits(5000)).toEqual({ streamed: 5000, wholeText: 5000 });
  });
});

describe('describeBucket', () => {
  it.each([
    [1000, '1 s'],
    [32_000, '32 s'],
    [128_000, '2.1 min'],
    [8_192_000, '2.3 h'],
    [262_144_000, '3 d'],
  ])('%d ms → %s', (ms, text) => {
    expect(describeBucket(ms)).toBe(text);
  });
});
