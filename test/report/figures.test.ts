import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../src/report/figures.js';
import { reclaimableCacheResult } from './fixtures.js';

describe('renderCharts', () => {
  it('numbers the charts and renders an equal spec once, a changed one again', async () => {
    const first = await renderCharts(reclaimableCacheResult());
    expect(first.map((c) => [c.number, c.id])).toEqual([
      [1, 'memory'],
      [2, 'breakdown'],
      [3, 'composition'],
      [4, 'slab'],
    ]);
    const again = await renderCharts(reclaimableCacheResult());
    expect(again.map((c) => c.svg)).toEqual(first.map((c) => c.svg));
    // The cache is keyed by the spec, so any change to what is drawn renders afresh.
    const relabelled = reclaimableCacheResult();
    relabelled.phases = relabelled.phases!.map((p) => ({ ...p, label: `${p.label} (edited)` }));
    const changed = await renderCharts(relabelled);
    expect(changed[0]!.svg).toContain('A · before drop_caches (edited)');
    expect(changed[0]!.svg).not.toBe(first[0]!.svg);
    const refreshed = await renderCharts(reclaimableCacheResult(), { refresh: true });
    expect(refreshed.map((c) => c.svg)).toEqual(first.map((c) => c.svg));
  });
});
