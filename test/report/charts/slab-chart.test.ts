import { describe, expect, it } from 'vitest';
import { slabChartShowsGrowth, slabChartSpec } from '../../../src/report/charts/slab-chart.js';
import { renderSvg } from '../../../src/report/svg.js';
import { GIB, hostileResult, MIB, reclaimableCacheResult, SCRIPT_PAYLOAD } from '../fixtures.js';

type Layered = {
  layer: { data: { values: Record<string, unknown>[] }; encoding: Record<string, unknown> }[];
};

describe('slabChartSpec', () => {
  it('draws the latest snapshot as bars, biggest first, coloured by reclaimability', () => {
    const spec = slabChartSpec(reclaimableCacheResult()) as unknown as Layered;
    const bars = spec.layer[0]!.data.values;
    expect(bars.map((b) => b.name)).toEqual([
      'dentry',
      'ext4_inode_cache',
      'radix_tree_node',
      'kmalloc-256',
      'buffer_head',
    ]);
    expect(bars[0]).toMatchObject({
      v: 7.9,
      label: '7.9 GiB',
      kind: 'Reclaimable (freed under memory pressure)',
    });
    expect(bars[3]).toMatchObject({ kind: 'Unreclaimable (not given back)' });
    expect(JSON.stringify(spec)).toContain('"title":"Size (GiB)"');
    expect(slabChartShowsGrowth(reclaimableCacheResult())).toBe(false);
  });

  it('draws growth between the first and latest snapshot when there are several', () => {
    const result = reclaimableCacheResult();
    result.slab = {
      ...result.slab!,
      snapshots: 2,
      growth: [
        { name: 'dentry', firstBytes: 1 * GIB, lastBytes: 7.9 * GIB, reclaimable: true },
        { name: 'kmalloc-256', firstBytes: 96 * MIB, lastBytes: 64 * MIB, reclaimable: false },
      ],
    };
    expect(slabChartShowsGrowth(result)).toBe(true);
    const spec = slabChartSpec(result) as unknown as Layered;
    const bars = spec.layer[0]!.data.values;
    expect(bars.map((b) => b.label)).toEqual(['+6.9 GiB', '-32 MiB']);
    expect(bars[1]!.v).toBeCloseTo(-32 / 1024, 10);
    expect(JSON.stringify(spec)).toContain('Growth between the first and the latest snapshot (GiB)');
  });

  it('is absent without slab snapshots', () => {
    const result = reclaimableCacheResult();
    delete result.slab;
    expect(slabChartSpec(result)).toBeNull();
  });

  it('escapes cache names in the SVG', async () => {
    const svg = await renderSvg(slabChartSpec(hostileResult())!);
    expect(svg).not.toContain(SCRIPT_PAYLOAD);
    expect(svg).not.toContain('<b>');
  });
});
