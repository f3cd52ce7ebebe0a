import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/model/result.js';
import {
  forecastLayer,
  mainChartLines,
  marksLayer,
  memoryChartContext,
  memoryChartSpec,
  phaseLayer,
  sawtoothLayer,
  sawtoothMarks,
  stepLayer,
  totalMemoryLayer,
  trendSegments,
  type ChartLayer,
  type MemoryChartContext,
} from '../../../src/report/charts/memory-chart.js';
import { reportCharts } from '../../../src/report/charts/index.js';
import { renderSvg } from '../../../src/report/svg.js';
import {
  AVAILABLE,
  DROP_MS,
  END_MS,
  GIB,
  HOUR_MS,
  MIB,
  reclaimableCacheResult,
  SAWTOOTH_TROUGHS_MS,
  sawtoothResult,
  SCRIPT_PAYLOAD,
  hostileResult,
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

  it('draws the primary first, then the other used and available lines, in GiB, on a UTC time axis', () => {
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
    // Components (reclaimable slab) belong to the breakdown chart; counts to no memory chart.
    expect(seriesLayer.encoding.color.scale.domain).toEqual([USED, AVAILABLE]);
    // Each metric keeps its colour (Okabe-Ito blue for used, bluish green for available).
    expect(seriesLayer.encoding.color.scale.range).toEqual(['#0072B2', '#009E73']);
    expect(seriesLayer.encoding.x.scale.type).toBe('utc');
    // Three days of data: ticks on days, labelled without the hour.
    expect(seriesLayer.encoding.x.axis.format).toBe('%b %d');
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
    // The slab trend is on a line the main chart does not draw.
    expect(segments).toHaveLength(2);
    const first = segments[0]!;
    expect(first.startMs).toBe(START_MS);
    expect(first.endMs).toBe(DROP_MS - STEP_MS);
    expect(first.from).toBeCloseTo(4, 10);
    expect(first.to).toBeCloseTo(4 + (240 / 1024) * ((DROP_MS - STEP_MS - START_MS) / HOUR_MS), 10);
    expect(first.label).toBe('+240 MiB/h');
    expect(segments[1]!.startMs).toBe(DROP_MS);
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

  it('draws marks as dashed vertical rules, labelled by the phases that start at them', () => {
    const layers = marksLayer(context());
    expect(layers).toHaveLength(1);
    expect(JSON.stringify(layers[0])).toContain('"type":"rule"');
    expect(JSON.stringify(layers[0])).toContain('strokeDash');
    expect(valuesOf(layers[0])).toEqual([{ t: DROP_MS, label: 'drop_caches' }]);
    // Without phases (no primary to compute them on) the rule carries its own label.
    const result = reclaimableCacheResult();
    delete result.phases;
    const [, text] = marksLayer(context(result));
    expect(valuesOf(text)).toEqual([{ t: DROP_MS, label: 'drop_caches' }]);
  });

  it('shades each phase between marks and labels it with its letter and label', () => {
    const layers = phaseLayer(context());
    const rects = layers.filter((layer) => JSON.stringify(layer).includes('"type":"rect"'));
    const texts = layers.filter((layer) => JSON.stringify(layer).includes('"type":"text"'));
    expect(rects).toHaveLength(2);
    expect(valuesOf(rects[0])[0]).toMatchObject({ t: START_MS, t2: DROP_MS });
    expect(valuesOf(rects[1])[0]).toMatchObject({ t: DROP_MS, t2: END_MS });
    // Different fills, so neighbouring phases can be told apart.
    const fill = (layer: ChartLayer | undefined): unknown =>
      (layer as { mark: { color: string } }).mark.color;
    expect(fill(rects[0])).not.toBe(fill(rects[1]));
    expect(texts.map((layer) => valuesOf(layer)[0]?.text)).toEqual([
      'A · before drop_caches',
      'B · after drop_caches',
    ]);
    // A label is cut to its band: the limit is the band's width in pixels, less a margin.
    const ctx = context();
    const bandPx = ((DROP_MS - START_MS) / (ctx.axisEndMs - ctx.startMs)) * ctx.widthPx;
    expect(valuesOf(texts[0])[0]?.limit).toBe(Math.floor(bandPx - 8));
  });

  it('draws no phases without marks, and only the letter in a band too narrow for the label', () => {
    const none = reclaimableCacheResult();
    delete none.phases;
    none.marks = [];
    expect(phaseLayer(context(none))).toEqual([]);
    const narrow = reclaimableCacheResult();
    narrow.phases = [
      {
        label: 'before x',
        start: new Date(START_MS).toISOString(),
        end: new Date(START_MS + HOUR_MS).toISOString(),
      },
      {
        label: 'after x',
        start: new Date(START_MS + HOUR_MS).toISOString(),
        end: new Date(END_MS).toISOString(),
      },
    ];
    const texts = phaseLayer(context(narrow)).filter((layer) =>
      JSON.stringify(layer).includes('"type":"text"'),
    );
    expect(valuesOf(texts[0])[0]?.text).toBe('A');
    expect(valuesOf(texts[1])[0]?.text).toBe('B · after x');
  });

  it('draws sawtooth peaks and troughs and the trough trend with its rate', () => {
    const ctx = context(sawtoothResult());
    const [marks] = sawtoothMarks(ctx);
    expect(marks!.troughs.map((p) => p.t)).toEqual(SAWTOOTH_TROUGHS_MS);
    expect(marks!.peaks.map((p) => p.t)).toEqual(SAWTOOTH_TROUGHS_MS.map((ms) => ms - HOUR_MS));
    expect(marks!.troughs[0]!.v).toBeCloseTo((5 * GIB + 6 * 20 * MIB) / GIB, 10);
    // The troughs lie on a line, so the Sen line runs through them exactly.
    const floor = marks!.floor!;
    expect(floor.fromMs).toBe(SAWTOOTH_TROUGHS_MS[0]);
    expect(floor.toMs).toBe(SAWTOOTH_TROUGHS_MS[3]);
    expect(floor.from).toBeCloseTo(marks!.troughs[0]!.v, 10);
    expect(floor.to).toBeCloseTo(marks!.troughs[3]!.v, 10);
    expect(floor.label).toBe('troughs +20 MiB/h');
    const layers = sawtoothLayer(ctx);
    const json = JSON.stringify(layers);
    expect(json).toContain('triangle-up');
    expect(json).toContain('triangle-down');
    expect(json).toContain('troughs +20 MiB/h');
  });

  it('draws nothing for a sawtooth the detector recorded without peaks and troughs', () => {
    const result = sawtoothResult();
    const finding = result.findings.find((f) => f.kind === 'sawtooth');
    if (finding?.kind === 'sawtooth') {
      delete finding.peaks;
      delete finding.troughs;
    }
    expect(sawtoothLayer(context(result))).toEqual([]);
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

  it('keeps only used and available lines of the primary unit in the main chart', () => {
    expect(mainChartLines(reclaimableCacheResult()).map((line) => line.series)).toEqual([USED, AVAILABLE]);
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
      'A · before drop_caches',
      'B · after drop_caches',
      '-10.7 GiB drop_caches',
      'Time (UTC)',
      'Memory (GiB)',
      'Mar 02',
      USED,
    ]) {
      expect(svg).toContain(text);
    }
    expect(svg).toContain('font-family="DejaVu Sans"');
  });

  it('escapes input-derived text (series, marks, causes) in the SVG', async () => {
    const svg = await renderSvg(memoryChartSpec(hostileResult())!);
    expect(svg).not.toContain(SCRIPT_PAYLOAD);
    expect(svg).not.toContain('<svg onload');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg.match(/<svg/g)).toHaveLength(1);
  });

  it('renders sawtooth peaks and troughs as symbols', async () => {
    const svg = await renderSvg(memoryChartSpec(sawtoothResult())!);
    expect(svg).toContain('troughs +20 MiB/h');
    // Four peaks and four troughs, each a symbol mark.
    expect((svg.match(/aria-roledescription="point"/g) ?? []).length).toBeGreaterThanOrEqual(8);
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

describe('memory chart caption', () => {
  it('explains only the annotations the chart draws', () => {
    const [withAll] = reportCharts(sawtoothResult());
    expect(withAll!.caption).toMatch(/^Shaded bands: the phases between marks/);
    for (const part of ['Sen', '▲ ▼', '◆', 'total memory', 'forecast'])
      expect(withAll!.caption).toContain(part);
    const plain = reclaimableCacheResult();
    plain.findings = [];
    plain.forecast = null;
    delete plain.phases;
    plain.marks = [];
    const [memory] = reportCharts(plain);
    expect(memory!.caption).toBe('Dashed red: total memory. Times in UTC.');
  });
});
