/**
 * The main memory chart as a Vega-Lite spec: a pure function of the Result (no I/O, no clock).
 *
 * The chart is a stack of independent layers, each built by one function from a shared context
 * (`MEMORY_CHART_LAYERS`): series lines, total-memory rule, trend lines, forecast, step points, marks.
 * A new annotation (shaded phases, sawtooth peaks …) is one more builder in that list.
 * Every layer uses the same field names (`t` epoch ms, `v` value in axis units) so they share scales.
 */

import type { TopLevelSpec } from 'vega-lite';
import type { Finding, StepFinding, TrendFinding } from '../../model/finding.js';
import type { ChartLine, Result } from '../../model/result.js';
import type { Unit } from '../../model/series.js';
import { formatBytes, formatDate, formatPercentValue, formatSlope } from '../../model/format.js';

/** One entry of a layered spec's `layer` array. */
export type ChartLayer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export interface MemoryChartOptions {
  /** Plot width in CSS pixels (axes and legend come on top). Default 640: fits A4 portrait. */
  widthPx?: number;
  /** Plot height in CSS pixels. Default 300. */
  heightPx?: number;
  /** Font family for every text in the chart; the report CSS names the same one. */
  fontFamily?: string;
  /**
   * How far past the data the forecast may extend the time axis, as a fraction of the data's span.
   * A later exhaustion is drawn up to that horizon and labelled with its date. Default 0.6.
   */
  forecastHorizonFraction?: number;
}

/** Okabe-Ito colour-blind-safe palette, ordered for contrast on white (yellow last). */
export const OKABE_ITO = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#000000',
  '#F0E442',
];

const ANNOTATION_COLOR = '#B33C00';
const MARK_COLOR = '#555555';
const LIMIT_COLOR = '#A50026';
const MS_PER_HOUR = 3_600_000;
const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** What every layer builder gets: the lines drawn, their unit and how values map onto the y axis. */
export interface MemoryChartContext {
  result: Result;
  primary: ChartLine;
  /** Lines of the primary's unit, primary first. */
  lines: ChartLine[];
  unit: Unit;
  /** Divide a value in the series' unit by this to get axis units (GiB, MiB, or 1). */
  axisDivisor: number;
  /** Unit shown on the y axis: "GiB", "MiB", "%" or "count". */
  axisUnit: string;
  /** First and last time over the drawn lines, epoch ms. */
  startMs: number;
  endMs: number;
  widthPx: number;
  heightPx: number;
  forecastHorizonFraction: number;
}

export type MemoryChartLayerBuilder = (ctx: MemoryChartContext) => ChartLayer[];

const X_TEMPORAL = { field: 't', type: 'temporal', scale: { type: 'utc' } } as const;
const Y_QUANT = { field: 'v', type: 'quantitative' } as const;

function lastFinitePoint(line: ChartLine): [number, number] | null {
  for (let i = line.points.length - 1; i >= 0; i--) {
    const [t, v] = line.points[i] as [number, number | null];
    if (v !== null && Number.isFinite(v)) return [t, v];
  }
  return null;
}

/** The line's value nearest to `tMs` (ignoring gaps), for placing point annotations on the line. */
function valueNear(line: ChartLine, tMs: number): number | null {
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const [t, v] of line.points) {
    if (v === null || !Number.isFinite(v)) continue;
    const distance = Math.abs(t - tMs);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = v;
    }
  }
  return best;
}

function lineFor(ctx: MemoryChartContext, series: string): ChartLine | undefined {
  return ctx.lines.find((line) => line.series === series);
}

/** Slope of a trend finding in the line's own unit per hour, or null when it cannot be expressed. */
function trendSlopePerHour(ctx: MemoryChartContext, finding: TrendFinding): number | null {
  const totalBytes = ctx.result.chart.totalBytes;
  if (ctx.unit === 'percent') {
    if (finding.slopePercentPerHour !== undefined) return finding.slopePercentPerHour;
    if (finding.slopeBytesPerHour !== undefined && totalBytes)
      return (finding.slopeBytesPerHour / totalBytes) * 100;
    return null;
  }
  if (finding.slopeBytesPerHour !== undefined) return finding.slopeBytesPerHour;
  if (ctx.unit === 'bytes' && finding.slopePercentPerHour !== undefined && totalBytes)
    return (finding.slopePercentPerHour / 100) * totalBytes;
  return null;
}

function trendLabel(ctx: MemoryChartContext, slopePerHour: number): string {
  if (ctx.unit === 'bytes') return formatSlope(slopePerHour, 'bytes');
  if (ctx.unit === 'percent') return formatSlope(slopePerHour, 'percent');
  return `${slopePerHour > 0 ? '+' : ''}${slopePerHour.toPrecision(3)}/h`;
}

function isTrend(finding: Finding): finding is TrendFinding {
  return finding.kind === 'monotonic-growth' || finding.kind === 'monotonic-decline';
}

function isStep(finding: Finding): finding is StepFinding {
  return finding.kind === 'step-drop' || finding.kind === 'step-rise';
}

/** The memory lines, coloured by series, with the legend. */
export const seriesLayer: MemoryChartLayerBuilder = (ctx) => {
  const values: { t: number; v: number | null; series: string }[] = [];
  for (const line of ctx.lines) {
    for (const [t, v] of line.points) {
      values.push({
        t,
        v: v === null || !Number.isFinite(v) ? null : v / ctx.axisDivisor,
        series: line.label,
      });
    }
  }
  const domain = ctx.lines.map((line) => line.label);
  const range = domain.map((_, i) => OKABE_ITO[i % OKABE_ITO.length] as string);
  return [
    {
      data: { values },
      mark: { type: 'line', strokeWidth: 1.5, interpolate: 'linear' },
      encoding: {
        x: {
          ...X_TEMPORAL,
          title: 'Time (UTC)',
          axis: { format: '%b %d %H:%M', labelAngle: 0, labelOverlap: true, tickCount: 8 },
        },
        y: {
          ...Y_QUANT,
          title: ctx.axisUnit === 'count' ? 'Count' : `Memory (${ctx.axisUnit})`,
          scale: { zero: true },
        },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain, range },
          legend: {
            title: null,
            orient: 'bottom',
            direction: 'vertical',
            labelLimit: ctx.widthPx,
            symbolType: 'stroke',
          },
        },
        // Keep each series' points in time order.
        order: { field: 't', type: 'quantitative' },
      },
    },
  ];
};

/** Total memory as a horizontal limit line: "Total 16 GiB". Byte charts only. */
export const totalMemoryLayer: MemoryChartLayerBuilder = (ctx) => {
  const totalBytes = ctx.result.chart.totalBytes;
  if (ctx.unit !== 'bytes' || totalBytes === null || !(totalBytes > 0)) return [];
  const v = totalBytes / ctx.axisDivisor;
  const data = { values: [{ v, label: `Total ${formatBytes(totalBytes)}` }] };
  return [
    {
      data,
      mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [6, 4], strokeWidth: 1.2 },
      encoding: { y: Y_QUANT },
    },
    {
      data,
      mark: {
        type: 'text',
        color: LIMIT_COLOR,
        align: 'left',
        baseline: 'bottom',
        dx: 4,
        dy: -3,
        fontSize: 10,
      },
      encoding: { y: Y_QUANT, x: { value: 0 }, text: { field: 'label', type: 'nominal' } },
    },
  ];
};

/** One trend finding's Sen line in axis units, from its start to its end. */
interface TrendSegment {
  id: number;
  startMs: number;
  endMs: number;
  from: number;
  to: number;
  label: string;
}

/** The Sen lines of the trend findings on drawn series (findings that cannot be drawn are skipped). */
export function trendSegments(ctx: MemoryChartContext): TrendSegment[] {
  const segments: TrendSegment[] = [];
  ctx.result.findings.forEach((finding, id) => {
    if (!isTrend(finding) || lineFor(ctx, finding.series) === undefined) return;
    const startMs = Date.parse(finding.start);
    const endMs = Date.parse(finding.end);
    const slopePerHour = trendSlopePerHour(ctx, finding);
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || slopePerHour === null) return;
    if (!Number.isFinite(finding.interceptAtStart)) return;
    const endValue = finding.interceptAtStart + (slopePerHour * (endMs - startMs)) / MS_PER_HOUR;
    segments.push({
      id,
      startMs,
      endMs,
      from: finding.interceptAtStart / ctx.axisDivisor,
      to: endValue / ctx.axisDivisor,
      label: trendLabel(ctx, slopePerHour),
    });
  });
  return segments;
}

/** Trend lines: wide and translucent, drawn under the data like a highlighter so they never hide it. */
export const trendLineLayer: MemoryChartLayerBuilder = (ctx) => {
  const segments = trendSegments(ctx);
  if (segments.length === 0) return [];
  return [
    {
      data: {
        values: segments.flatMap((s) => [
          { id: s.id, t: s.startMs, v: s.from },
          { id: s.id, t: s.endMs, v: s.to },
        ]),
      },
      mark: { type: 'line', color: ANNOTATION_COLOR, strokeWidth: 5, opacity: 0.3, strokeCap: 'round' },
      encoding: { x: X_TEMPORAL, y: Y_QUANT, detail: { field: 'id', type: 'nominal' } },
    },
  ];
};

/** Trend labels ("+240 MiB/h") above the middle of each trend line, drawn over the data. */
export const trendLabelLayer: MemoryChartLayerBuilder = (ctx) => {
  const segments = trendSegments(ctx);
  if (segments.length === 0) return [];
  return [
    {
      data: {
        values: segments.map((s) => ({
          t: (s.startMs + s.endMs) / 2,
          v: (s.from + s.to) / 2,
          label: s.label,
        })),
      },
      mark: {
        type: 'text',
        color: ANNOTATION_COLOR,
        align: 'right',
        baseline: 'bottom',
        dx: -6,
        dy: -8,
        fontSize: 11,
        fontWeight: 'bold',
      },
      encoding: { x: X_TEMPORAL, y: Y_QUANT, text: { field: 'label', type: 'nominal' } },
    },
  ];
};

/**
 * The forecast: a dashed line from the latest regime's fitted value at the series' last time
 * (`fromTime`/`fromValue`) to the exhaustion level (`limitValue`: the total for used memory, 0 for
 * available) at `exhaustionAt`. An exhaustion far past the data is cut at a horizon (so the data keeps
 * most of the width).
 */
export const forecastLayer: MemoryChartLayerBuilder = (ctx) => {
  const forecast = ctx.result.forecast;
  if (forecast === null || forecast.exhaustionAt === null) return [];
  const exhaustionMs = Date.parse(forecast.exhaustionAt);
  const line = lineFor(ctx, forecast.series) ?? ctx.primary;
  if (line.unit !== ctx.unit) return [];
  const last = lastFinitePoint(line);
  const fromMs = forecast.fromTime !== undefined ? Date.parse(forecast.fromTime) : last?.[0];
  const fromValue = forecast.fromValue ?? last?.[1];
  const totalBytes = forecast.totalBytes ?? ctx.result.chart.totalBytes;
  const fullValue =
    forecast.limitValue ??
    (ctx.unit === 'percent' ? 100 : ctx.unit === 'bytes' && totalBytes ? totalBytes : null);
  if (fromMs === undefined || fromValue === undefined || fullValue === null) return [];
  if (!Number.isFinite(exhaustionMs) || exhaustionMs <= fromMs) return [];

  const lastMs = fromMs;
  const lastValue = fromValue;
  const horizonMs = ctx.endMs + (ctx.endMs - ctx.startMs) * ctx.forecastHorizonFraction;
  const endMs = Math.min(exhaustionMs, Math.max(horizonMs, lastMs));
  const endValue = lastValue + ((fullValue - lastValue) * (endMs - lastMs)) / (exhaustionMs - lastMs);
  const clipped = endMs < exhaustionMs;
  const word = fullValue === 0 ? 'Exhausted' : 'Full';
  const label = clipped ? `${word} ${formatDate(exhaustionMs)} →` : `${word} ${formatDate(exhaustionMs)}`;
  return [
    {
      data: {
        values: [
          { t: lastMs, v: lastValue / ctx.axisDivisor },
          { t: endMs, v: endValue / ctx.axisDivisor },
        ],
      },
      mark: { type: 'line', color: ANNOTATION_COLOR, strokeDash: [5, 4], strokeWidth: 1.8 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT },
    },
    {
      data: { values: [{ t: endMs, v: endValue / ctx.axisDivisor, label }] },
      mark: { type: 'point', color: ANNOTATION_COLOR, filled: true, size: 30 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT },
    },
    {
      data: { values: [{ t: endMs, v: endValue / ctx.axisDivisor, label }] },
      mark: { type: 'text', color: ANNOTATION_COLOR, align: 'right', baseline: 'top', dy: 8, fontSize: 10 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT, text: { field: 'label', type: 'nominal' } },
    },
  ];
};

/** Step drops and rises as points on their line, labelled with size and cause. */
export const stepLayer: MemoryChartLayerBuilder = (ctx) => {
  const points: { t: number; v: number; label: string }[] = [];
  for (const finding of ctx.result.findings) {
    if (!isStep(finding)) continue;
    const line = lineFor(ctx, finding.series);
    const atMs = Date.parse(finding.at);
    if (line === undefined || !Number.isFinite(atMs)) continue;
    const value = valueNear(line, atMs);
    if (value === null) continue;
    const sign = finding.kind === 'step-drop' ? '-' : '+';
    const size =
      finding.magnitudeBytes !== undefined
        ? formatBytes(Math.abs(finding.magnitudeBytes))
        : finding.magnitudePercent !== undefined
          ? formatPercentValue(Math.abs(finding.magnitudePercent))
          : '';
    const label = [size ? `${sign}${size}` : finding.kind, finding.cause].filter(Boolean).join(' ');
    points.push({ t: atMs, v: value / ctx.axisDivisor, label });
  }
  if (points.length === 0) return [];
  return [
    {
      data: { values: points },
      mark: { type: 'point', shape: 'diamond', color: ANNOTATION_COLOR, filled: true, size: 60 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT },
    },
    {
      data: { values: points },
      mark: { type: 'text', color: ANNOTATION_COLOR, align: 'left', baseline: 'middle', dx: 7, fontSize: 10 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT, text: { field: 'label', type: 'nominal' } },
    },
  ];
};

/** User marks (`--mark`) as labelled vertical dashed rules. */
export const marksLayer: MemoryChartLayerBuilder = (ctx) => {
  const marks = ctx.result.marks
    .map((mark) => ({ t: Date.parse(mark.at), label: mark.label }))
    .filter((mark) => Number.isFinite(mark.t));
  if (marks.length === 0) return [];
  return [
    {
      data: { values: marks },
      mark: { type: 'rule', color: MARK_COLOR, strokeDash: [3, 3], strokeWidth: 1 },
      encoding: { x: X_TEMPORAL },
    },
    {
      data: { values: marks },
      mark: { type: 'text', color: MARK_COLOR, align: 'left', baseline: 'top', dx: 4, fontSize: 10 },
      encoding: { x: X_TEMPORAL, y: { value: 2 }, text: { field: 'label', type: 'nominal' } },
    },
  ];
};

/** Drawing order: later layers paint over earlier ones. */
export const MEMORY_CHART_LAYERS: readonly MemoryChartLayerBuilder[] = [
  marksLayer,
  totalMemoryLayer,
  trendLineLayer,
  seriesLayer,
  trendLabelLayer,
  forecastLayer,
  stepLayer,
];

/** The chart context, or null when the Result has nothing to draw. Exported for layer tests. */
export function memoryChartContext(
  result: Result,
  options: MemoryChartOptions = {},
): MemoryChartContext | null {
  const drawable = result.chart.lines.filter((line) =>
    line.points.some(([, v]) => v !== null && Number.isFinite(v)),
  );
  const primary =
    drawable.find((line) => line.series === result.chart.primary) ??
    drawable.find((line) => line.unit === 'bytes') ??
    drawable[0];
  if (primary === undefined) return null;
  const lines = [primary, ...drawable.filter((line) => line !== primary && line.unit === primary.unit)];

  let startMs = Infinity;
  let endMs = -Infinity;
  let maxValue = 0;
  for (const line of lines) {
    for (const [t, v] of line.points) {
      startMs = Math.min(startMs, t);
      endMs = Math.max(endMs, t);
      if (v !== null && Number.isFinite(v)) maxValue = Math.max(maxValue, Math.abs(v));
    }
  }
  const totalBytes = result.chart.totalBytes ?? 0;
  // GiB reads best for servers; a small container (< 1 GiB everywhere) is clearer in MiB.
  const small = primary.unit === 'bytes' && Math.max(maxValue, totalBytes) < GIB;
  const axisDivisor = primary.unit === 'bytes' ? (small ? MIB : GIB) : 1;
  const axisUnit =
    primary.unit === 'bytes' ? (small ? 'MiB' : 'GiB') : primary.unit === 'percent' ? '%' : 'count';

  return {
    result,
    primary,
    lines,
    unit: primary.unit,
    axisDivisor,
    axisUnit,
    startMs,
    endMs,
    widthPx: options.widthPx ?? 640,
    heightPx: options.heightPx ?? 300,
    forecastHorizonFraction: options.forecastHorizonFraction ?? 0.6,
  };
}

/**
 * The main memory chart of a Result: the primary line and the other lines of its unit, with trend
 * lines, forecast, total memory, step points and marks. Null when the Result has no chart line.
 */
export function memoryChartSpec(result: Result, options: MemoryChartOptions = {}): TopLevelSpec | null {
  const ctx = memoryChartContext(result, options);
  if (ctx === null) return null;
  const fontFamily = options.fontFamily ?? 'DejaVu Sans';
  return {
    width: ctx.widthPx,
    height: ctx.heightPx,
    background: 'white',
    padding: { left: 4, right: 12, top: 8, bottom: 4 },
    config: {
      font: fontFamily,
      view: { stroke: null },
      axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
      legend: { labelFontSize: 10 },
    },
    layer: MEMORY_CHART_LAYERS.flatMap((build) => build(ctx)),
  };
}
