import { describe, expect, it } from 'vitest';
import type { Series, Unit } from '../../src/model/series.js';
import type { Warning } from '../../src/model/warning.js';
import { normalizeSeries } from '../../src/normalize/series.js';

function makeSeries(t: number[], v: number[], unit: Unit = 'bytes', lines?: number[]): Series {
  return {
    name: 'used',
    metric: 'mem.used',
    unit,
    t: Float64Array.from(t),
    v: Float64Array.from(v),
    source: { file: 'x.csv', format: 'generic-csv' },
    ...(lines === undefined ? {} : { sourceLines: Int32Array.from(lines) }),
  };
}

function run(series: Series): { out: Series; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const out = normalizeSeries(series, {
    warn: (code, message, line) => warnings.push({ code, message, ...(line === undefined ? {} : { line }) }),
  });
  return { out, warnings };
}

describe('normalizeSeries', () => {
  it('leaves a clean series as it is, without warnings', () => {
    const { out, warnings } = run(makeSeries([1, 2, 3], [10, 20, 30]));
    expect([...out.t]).toEqual([1, 2, 3]);
    expect([...out.v]).toEqual([10, 20, 30]);
    expect(warnings).toEqual([]);
  });

  it('keeps a missing value as a gap and reports it with its line', () => {
    const { out, warnings } = run(makeSeries([1, 2, 3], [10, NaN, 30], 'bytes', [2, 3, 4]));
    expect([...out.v]).toEqual([10, NaN, 30]);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'missing-values',
        line: 3,
        message: expect.stringContaining('1 point'),
      }),
    ]);
  });

  it('reports gaps in time over three median intervals, not interpolating them', () => {
    const t = [0, 60, 120, 180, 600, 660, 720, 1500, 1560].map((s) => s * 1000);
    const { out, warnings } = run(
      makeSeries(
        t,
        t.map(() => 5),
        'bytes',
        t.map((_, i) => i + 2),
      ),
    );
    expect(out.t.length).toBe(t.length);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'time-gaps',
        line: 6,
        message: expect.stringMatching(/2 gap\(s\).*60 s.*longest 13 min/),
      }),
    ]);
  });

  it('reports counter resets of a counter series only', () => {
    const counter = { ...makeSeries([1, 2, 3, 4], [5, 9, 1, 4], 'count', [2, 3, 4, 5]), counter: true };
    expect(run(counter).warnings).toEqual([expect.objectContaining({ code: 'counter-reset', line: 4 })]);
    expect(run(makeSeries([1, 2, 3, 4], [5, 9, 1, 4], 'count')).warnings).toEqual([]);
  });

  it('sorts out-of-order points and names the first line that went backwards', () => {
    const { out, warnings } = run(makeSeries([1, 3, 2, 4], [10, 30, 20, 40], 'bytes', [2, 3, 4, 5]));
    expect([...out.t]).toEqual([1, 2, 3, 4]);
    expect([...out.v]).toEqual([10, 20, 30, 40]);
    expect([...(out.sourceLines ?? [])]).toEqual([2, 4, 3, 5]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'out-of-order', line: 4 })]);
  });

  it('reverses a newest-first series silently', () => {
    const { out, warnings } = run(makeSeries([4, 3, 2, 1], [40, 30, 20, 10]));
    expect([...out.t]).toEqual([1, 2, 3, 4]);
    expect([...out.v]).toEqual([10, 20, 30, 40]);
    expect(warnings).toEqual([]);
  });

  it('merges duplicate timestamps keeping the last value that is not a gap', () => {
    const { out, warnings } = run(
      makeSeries([1, 2, 2, 2, 3], [10, 20, 21, NaN, 30], 'bytes', [2, 3, 4, 5, 6]),
    );
    expect([...out.t]).toEqual([1, 2, 3]);
    expect([...out.v]).toEqual([10, 21, 30]);
    expect([...(out.sourceLines ?? [])]).toEqual([2, 4, 6]);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'duplicate-timestamps',
        line: 4,
        message: expect.stringContaining('2 point'),
      }),
    ]);
  });

  it('turns infinities and negative bytes into gaps, one warning each with the first line', () => {
    const { out, warnings } = run(
      makeSeries([1, 2, 3, 4, 5], [Infinity, -1, 5, -Infinity, -2], 'bytes', [10, 11, 12, 13, 14]),
    );
    expect([...out.v]).toEqual([NaN, NaN, 5, NaN, NaN]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'non-finite-values', line: 10 }),
      expect.objectContaining({
        code: 'negative-values',
        line: 11,
        message: expect.stringContaining('2 negative'),
      }),
    ]);
  });

  it('keeps negative values of percent series', () => {
    const { out, warnings } = run(makeSeries([1, 2], [-1, 5], 'percent'));
    expect([...out.v]).toEqual([-1, 5]);
    expect(warnings).toEqual([]);
  });

  it('drops points without a valid time', () => {
    const { out, warnings } = run(makeSeries([1, NaN, 3], [10, 20, 30], 'bytes', [2, 3, 4]));
    expect([...out.t]).toEqual([1, 3]);
    expect([...out.v]).toEqual([10, 30]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'bad-time', line: 3 })]);
  });

  it('does not modify its input', () => {
    const input = makeSeries([2, 1], [-5, 10]);
    run(input);
    expect([...input.t]).toEqual([2, 1]);
    expect([...input.v]).toEqual([-5, 10]);
  });
});
