import { describe, expect, it } from 'vitest';
import {
  BREAKDOWN_MAX_LINES,
  breakdownChartSpec,
  breakdownLines,
  compositionChartSpec,
} from '../../../src/report/charts/breakdown-chart.js';
import { renderSvg } from '../../../src/report/svg.js';
import { AVAILABLE, GIB, MEMINFO, reclaimableCacheResult, SLAB_RECLAIMABLE, USED } from '../fixtures.js';

type Layered = {
  layer: { data?: { values?: Record<string, unknown>[] }; mark: unknown; encoding?: unknown }[];
};

describe('breakdownChartSpec', () => {
  it('layers the byte components beside used and available, and leaves count series out', () => {
    expect(breakdownLines(reclaimableCacheResult()).map((line) => line.series)).toEqual([
      USED,
      AVAILABLE,
      SLAB_RECLAIMABLE,
    ]);
    const spec = breakdownChartSpec(reclaimableCacheResult()) as unknown as Layered;
    const json = JSON.stringify(spec);
    expect(json).toContain('"title":"Memory (GiB)"');
    expect(json).toContain('"title":"Time (UTC)"');
    expect(json).toContain('Total 16 GiB');
    // Layered, never stacked: sources define "used" differently and components overlap.
    expect(json).not.toContain('"stack"');
  });

  it('is absent when the inputs carry no component (only used and available)', () => {
    const result = reclaimableCacheResult();
    result.chart.lines = result.chart.lines.filter((line) => line.series !== SLAB_RECLAIMABLE);
    expect(breakdownLines(result)).toEqual([]);
    expect(breakdownChartSpec(result)).toBeNull();
  });

  it('renders with a legend naming every line', async () => {
    const svg = await renderSvg(breakdownChartSpec(reclaimableCacheResult())!);
    for (const name of [USED, AVAILABLE, SLAB_RECLAIMABLE]) expect(svg).toContain(`>${name}<`);
  });
});

describe('compositionChartSpec', () => {
  it('cuts MemTotal into consecutive parts that end at the total, with MemAvailable marked', () => {
    const spec = compositionChartSpec(reclaimableCacheResult()) as unknown as Layered;
    const bars = spec.layer[0]!.data!.values! as { x: number; x2: number; key: string; legend: string }[];
    expect(bars[0]!.x).toBe(0);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.x).toBeCloseTo(bars[i - 1]!.x2, 10);
    expect(bars.at(-1)!.x2).toBeCloseTo(16, 10);
    expect(bars.find((b) => b.key === 'slab-reclaimable')!.legend).toBe(
      'Reclaimable slab (SReclaimable) — 9.6 GiB, reclaimable',
    );
    const marker = spec.layer.find((layer) => JSON.stringify(layer.mark).includes('"rule"'));
    expect(marker?.data?.values?.[0]).toEqual({
      x: (MEMINFO.fields.MemTotal! - MEMINFO.fields.MemAvailable!) / GIB,
      label: 'MemAvailable 11.6 GiB →',
    });
  });

  it('is absent without a meminfo snapshot', () => {
    const result = reclaimableCacheResult();
    delete result.chart.composition;
    expect(compositionChartSpec(result)).toBeNull();
  });

  it('renders every part in the legend without cutting its label', async () => {
    const svg = await renderSvg(compositionChartSpec(reclaimableCacheResult())!);
    expect(svg).toContain('Applications (AnonPages) — 2.6 GiB');
    expect(svg).toContain('Unreclaimable slab (SUnreclaim) — 307 MiB');
    expect(svg).not.toContain('…');
  });
});

describe('breakdownLines limits', () => {
  it('draws at most eight lines, the kernel split of MemTotal first', () => {
    const result = reclaimableCacheResult();
    const base = result.chart.lines.find((line) => line.series === SLAB_RECLAIMABLE)!;
    const metrics = [
      'mem.free',
      'mem.buffers',
      'mem.shmem',
      'slab.total',
      'swap.used',
      'mem.anon',
      'mem.cached',
      'slab.unreclaimable',
    ] as const;
    for (const metric of metrics) result.chart.lines.push({ ...base, series: metric, label: metric, metric });
    const lines = breakdownLines(result);
    expect(lines).toHaveLength(BREAKDOWN_MAX_LINES);
    expect(lines.map((line) => line.metric)).toEqual([
      'mem.used',
      'mem.available',
      'mem.anon',
      'mem.cached',
      'slab.reclaimable',
      'slab.unreclaimable',
      'mem.free',
      'mem.buffers',
    ]);
  });
});
