import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/model/series.js';
import type { Warning } from '../../src/model/warning.js';
import { deriveUsedSeries } from '../../src/normalize/derive.js';
import { joinSeriesAcrossFiles } from '../../src/normalize/join.js';

function series(
  partial: Partial<Series> & Pick<Series, 'metric'>,
  t: number[],
  v: number[],
  file = 'a.json',
): Series {
  return {
    name: partial.metric,
    unit: 'bytes',
    t: Float64Array.from(t),
    v: Float64Array.from(v),
    source: { file, format: 'prometheus-json' },
    ...partial,
  };
}

describe('deriveUsedSeries', () => {
  it('subtracts available from the total sample nearest in time', () => {
    const total = series({ metric: 'mem.total' }, [0, 100], [1000, 2000]);
    const available = series(
      { metric: 'mem.available', name: 'MemAvailable' },
      [10, 60, 90],
      [400, 500, NaN],
    );
    const used = deriveUsedSeries([total, available], null);
    expect(used).toMatchObject({
      name: 'total − available (from MemAvailable)',
      metric: 'mem.used',
      definition: 'total-minus-available',
      unit: 'bytes',
    });
    expect([...(used?.t ?? [])]).toEqual([10, 60, 90]);
    expect([...(used?.v ?? [])]).toEqual([600, 1500, NaN]);
  });

  it('uses the known total without a total series, and 100 − available% for percent', () => {
    const available = series({ metric: 'mem.available' }, [0, 1], [300, 400]);
    expect([...(deriveUsedSeries([available], 1000)?.v ?? [])]).toEqual([700, 600]);
    expect(deriveUsedSeries([available], null)).toBeNull();
    const percent = series({ metric: 'mem.available', unit: 'percent' }, [0, 1], [25, 40]);
    expect([...(deriveUsedSeries([percent], null)?.v ?? [])]).toEqual([75, 60]);
  });

  it('does nothing when a used series exists', () => {
    const used = series({ metric: 'mem.used', definition: 'total-minus-free' }, [0], [1]);
    const available = series({ metric: 'mem.available' }, [0], [1]);
    expect(deriveUsedSeries([used, available], 10)).toBeNull();
  });
});

describe('joinSeriesAcrossFiles', () => {
  it('joins the same series from several files in time order, later file winning overlaps with a warning', () => {
    const day2 = series({ metric: 'mem.used', name: 'kbmemused' }, [4, 5, 6], [40, 50, 60], 'day2');
    const day1 = series({ metric: 'mem.used', name: 'kbmemused' }, [1, 2, 3, 4], [10, 20, 30, NaN], 'day1');
    const other = series({ metric: 'mem.free', name: 'kbmemfree' }, [1], [1], 'day1');
    const warnings: Warning[] = [];
    const out = joinSeriesAcrossFiles([day2, other, day1], warnings);
    expect(out.map((s) => s.name)).toEqual(['kbmemused', 'kbmemfree']);
    expect([...(out[0]?.t ?? [])]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...(out[0]?.v ?? [])]).toEqual([10, 20, 30, 40, 50, 60]);
    expect(out[0]?.source.file).toBe('day1');
    expect(warnings).toEqual([expect.objectContaining({ code: 'overlapping-inputs', file: 'day2' })]);
  });

  it('keeps series apart when the same file holds both, or anything but the name differs', () => {
    const a = series({ metric: 'mem.used', name: 'x' }, [1], [1], 'f');
    const b = series({ metric: 'mem.used', name: 'x' }, [2], [2], 'f');
    const c = series({ metric: 'mem.used', name: 'x', unit: 'percent' }, [3], [3], 'g');
    expect(joinSeriesAcrossFiles([a, b, c], [])).toHaveLength(3);
  });
});
