import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/model/result.js';
import {
  forecastLayer,
  marksLayer,
  memoryChartContext,
  memoryChartSpec,
  OKABE_ITO,
  stepLayer,
  totalMemoryLayer,
  trendSegments,
  type ChartLayer,
  type MemoryChartContext,
} from '../../../src/report/charts/memory-chart.js';
import { renderSvg } from '../../../src/report/svg.js';
import {
  AVAILABLE,
  DROP_MS,
  END_MS,
  GIB,
  HOUR_MS,
  MIB,
  reclaimableCacheResult,
  SLAB_RECLAIMABLE,
  START_MS,
  STEP_MS,
  USED,
  usedBytesAt,
} from '../fixtures.js';

/** Inline data values of a layer (every layer here uses inline values). */
function valuesOf(layer: ChartLayer | undefined): Record<string, unknown>[] {
  const data = (layer as { data?: { values?: Record<string, unknown>[] } } | undefined)?.data;
  return data?.values ?? [];
}

function context(result: Result = reclaimableCacheResult()): MemoryChartContext {
  const ctx = memoryChartContext(result);
  if (ctx === null) throw new Error('expected a chart context');
  return ctx;
}

describe('memoryChartSpec', () => {
  it('returns null when there is no line to draw', () => {
    const result = reclaimableCacheResult();
    result.chart = { primary: null, lines: [], totalBytes: null };
    expect(memoryChartSpec(result)).toBeNull();
  });

  it('draws the primary first and only the lines of its unit, in GiB, on a UTC time axis', () => {
    const spec = memoryChartSpec(reclaimableCacheResult()) as {
      layer: ChartLayer[];
      config: { font: string };
    };
    expect(spec.config.font).toBe('DejaVu Sans');
    const seriesLayer = spec.layer.find((layer) =>
      JSON.stringify(layer).includes('"field":"series"'),
    ) as unknown as {
      encoding: {
        x: { scale: { type: string }; axis: { format: string }; title: string };
        y: { title: string };
        color: { scale: { domain: string[]; range: string[] } };
      };
    };
    expect(seriesLayer.encoding.color.scale.domain).toEqual([USED, AVAILABLE, SLAB_RECLAIMABLE]);
    expect(seriesLayer.encoding.color.scale.range).toEqual(OKABE_ITO.slice(0, 3));
    expect(seriesLayer.encoding.x.scale.type).toBe('utc');
    expect(seriesLayer.encoding.x.axis.format).toBe('%b %d %H:%M');
    expect(seriesLayer.encoding.x.title).toBe('Time (UTC)');
    expect(seriesLayer.encoding.y.title).toBe('Memory (GiB)');
    const values = valuesOf(seriesLayer as unknown as ChartLayer);
    const first = values.find((row) => row.series === USED);
    expect(first?.t).toBe(START_MS);
    expect(first?.v as number).toBeCloseTo(4, 0);
    // The scrape gap stays a gap (null), so the line breaks there.
    expect(values.some((row) => row.series === USED && row.v === null)).toBe(true);
    expect(values.some((row) => row.series === 'dentry.unused')).toBe(false);
  });

  it('is pure: the same Result gives the same spec and is not modified', () => {
    const result = reclaimableCacheResult();
    const before = structuredClone(result);
    expect(memoryChartSpec(result)).toEqual(memoryChartSpec(result));
    expect(result).toEqual(before);
  });

  it('uses MiB for a host whose memory is below 1 GiB, and % for a percent primary', () => {
    const small = reclaimableCacheResult();
    small.chart = {
      primary: 'rss',
      totalBytes: 512 * MIB,
      lines: [
        {
          series: 'rss',
          label: 'rss',
          metric: 'mem.used',
          unit: 'bytes',
          points: [
            [START_MS, 100 * MIB],
            [END_MS, 300 * MIB],
          ],
        },
      ],
    };
    expect(context(small).axisUnit).toBe('MiB');
    const percent = reclaimableCacheResult();
    percent.chart = {
      primary: 'pct',
      totalBytes: null,
      lines: [
        {
          series: 'pct',
          label: 'pct',
          metric: 'mem.used',
          unit: 'percent',
          points: [
            [START_MS, 40],
            [END_MS, 60],
          ],
        },
      ],
    };
    expect(context(percent).axisUnit).toBe('%');
    expect(totalMemoryLayer(context(percent))).toEqual([]);
  });
});

describe('memory chart layers', () => {
  it('draws each trend finding from its start to its end along the Sen line, labelled with the slope', () => {
    const segments = trendSegments(context());
    expect(segments).toHaveLength(3);
    const first = segments[0]!;
    expect(first.startMs).toBe(START_MS);
    expect(first.endMs).toBe(DROP_MS - STEP_MS);
    expect(first.from).toBeCloseTo(4, 10);
    expect(first.to).toBeCloseTo(4 + (240 / 1024) * ((DROP_MS - STEP_MS - START_MS) / HOUR_MS), 10);
    expect(first.label).toBe('+240 MiB/h');
    expect(segments[2]!.label).toBe('+170 MiB/h');
  });

  it('skips trends on series that are not drawn and converts percent slopes for percent charts', () => {
    const result = reclaimableCacheResult();
    result.findings = [
      {
        kind: 'monotonic-growth',
        series: 'not-charted',
        start: '2026-03-02T00:00:00Z',
        end: '2026-03-03T00:00:00Z',
        slopeBytesPerHour: 1,
        pValue: 0,
        tau: 1,
        interceptAtStart: 0,
      },
      {
        kind: 'monotonic-growth',
        series: 'pct',
        start: '2026-03-02T00:00:00Z',
        end: '2026-03-02T10:00:00Z',
        slopePercentPerHour: 0.5,
        pValue: 0,
        tau: 1,
        interceptAtStart: 40,
      },
    ];
    result.chart = {
      primary: 'pct',
      totalBytes: null,
      lines: [
        {
          series: 'pct',
          label: 'pct',
          metric: 'mem.used',
          unit: 'percent',
          points: [
            [START_MS, 40],
            [END_MS, 60],
          ],
        },
      ],
    };
    const segments = trendSegments(context(result));
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ from: 40, to: 45, label: '+0.5%/h' });
  });

  it('draws marks as dashed vertical rules with their labels', () => {
    const [rule, text] = marksLayer(context());
    expect(JSON.stringify(rule)).toContain('"type":"rule"');
    expect(JSON.stringify(rule)).toContain('strokeDash');
    expect(valuesOf(text)).toEqual([{ t: DROP_MS, label: 'drop_caches' }]);
  });

  it('draws total memory as a labelled limit line', () => {
    const [rule, text] = totalMemoryLayer(context());
    expect(valuesOf(rule)).toEqual([{ v: 16, label: 'Total 16 GiB' }]);
    expect(valuesOf(text)[0]?.label).toBe('Total 16 GiB');
  });

  it('draws the forecast from the last point of its series to the total at exhaustion', () => {
    const ctx = context();
    const [line, , label] = forecastLayer(ctx);
    const [from, to] = valuesOf(line) as { t: number; v: number }[];
    expect(from!.t).toBe(END_MS);
    expect(from!.v).toBeCloseTo(usedBytesAt(72) / GIB, 0);
    const exhaustionMs = Date.parse(ctx.result.forecast!.exhaustionAt!);
    expect(to).toEqual({ t: exhaustionMs, v: 16 });
    expect(valuesOf(label)[0]?.label).toBe(`Full 2026-03-06 01:04 UTC`);
  });

  it('cuts a far-away exhaustion at the horizon, on the same straight line', () => {
    const result = reclaimableCacheResult();
    const exhaustionMs = END_MS + 30 * 24 * HOUR_MS;
    result.forecast = { ...result.forecast!, exhaustionAt: new Date(exhaustionMs).toISOString() };
    const ctx = context(result);
    const [line, , label] = forecastLayer(ctx);
    const [from, to] = valuesOf(line) as { t: number; v: number }[];
    const horizonMs = END_MS + (END_MS - START_MS) * 0.6;
    expect(to!.t).toBe(horizonMs);
    const expected = from!.v + ((16 - from!.v) * (horizonMs - from!.t)) / (exhaustionMs - from!.t);
    expect(to!.v).toBeCloseTo(expected, 10);
    expect(String(valuesOf(label)[0]?.label)).toMatch(/→$/);
  });

  it('draws no forecast when memory is not heading to exhaustion', () => {
    const result = reclaimableCacheResult();
    result.forecast = { series: USED, exhaustionAt: null };
    expect(forecastLayer(context(result))).toEqual([]);
  });

  it('places step findings on their line, labelled with size and cause', () => {
    const [points] = stepLayer(context());
    const [step] = valuesOf(points) as { t: number; v: number; label: string }[];
    expect(step!.t).toBe(DROP_MS);
    expect(step!.label).toBe('-10.7 GiB drop_caches');
    expect(step!.v).toBeCloseTo(4.5, 0);
  });
});

describe('renderSvg', () => {
  it('renders the chart to SVG with its labels and without warnings', async () => {
    const warnings: string[] = [];
    const svg = await renderSvg(memoryChartSpec(reclaimableCacheResult())!, {
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([]);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of [
      '+240 MiB/h',
      'Total 16 GiB',
      'drop_caches',
      'Time (UTC)',
      'Memory (GiB)',
      'Mar 02 00:00',
      USED,
    ]) {
      expect(svg).toContain(text);
    }
    expect(svg).toContain('font-family="DejaVu Sans"');
  });

  it('breaks the line at a gap', async () => {
    const svg = await renderSvg(memoryChartSpec(reclaimableCacheResult())!);
    // The used series is the first line mark; with one gap its path has two "move to" commands.
    const linePaths = [...svg.matchAll(/<path[^>]*aria-roledescription="line mark"[^>]*d="([^"]*)"/g)].map(
      (m) => m[1]!,
    );
    const usedPath = linePaths.find((d) => (d.match(/M/g) ?? []).length === 2);
    expect(usedPath).toBeDefined();
  });

  it('is deterministic whatever the local time zone', async () => {
    const spec = memoryChartSpec(reclaimableCacheResult())!;
    const original = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = await renderSvg(spec);
      process.env.TZ = 'America/New_York';
      const newYork = await renderSvg(spec);
      expect(newYork).toBe(utc);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('refuses specs that would load data from a URL', async () => {
    await expect(
      renderSvg({
        data: { url: 'http://127.0.0.1:9/data.json' },
        mark: 'point',
        encoding: { x: { field: 'a', type: 'quantitative' } },
      }),
    ).rejects.toThrow(/inline data only/);
  });
});
