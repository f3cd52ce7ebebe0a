/**
 * The main memory chart as a Vega-Lite spec: a pure function of the Result (no I/O, no clock).
 *
 * The chart is a stack of independent layers, each built by one function from a shared context
 * (`MEMORY_CHART_LAYERS`): phases between marks, series lines, total-memory rule, trend lines,
 * sawtooth peaks and troughs with the trough trend, forecast, step points, marks.
 * A new annotation is one more builder in that list.
 * Every layer uses the same field names (`t` epoch ms, `v` value in axis units) so they share scales.
 *
 * The lines drawn are the primary series and the other "used" and "available" series of its unit; the
 * components (cache, slab, anon …) are the breakdown chart's (./breakdown-chart.ts).
 */

import type { TopLevelSpec } from 'vega-lite';
import type { Finding, SawtoothFinding, StepFinding, TrendFinding } from '../../model/finding.js';
import type { ChartLine, Result } from '../../model/result.js';
import type { Unit } from '../../model/series.js';
import { formatBytes, formatDate, formatPercentValue, formatSlope } from '../../model/format.js';
import { partOfSawtooth, phaseLetter } from '../present.js';
import {
  placeLabels,
  polylineObstacles,
  type Box,
  type LabelRequest,
  type Placement,
  type Side,
} from './label-placement.js';
import { textWidthPx } from './text-metrics.js';
import {
  ANNOTATION_COLOR,
  byteAxis,
  chartConfig,
  DEFAULT_WIDTH_PX,
  LIMIT_COLOR,
  lineColors,
  MARK_COLOR,
  onePerMetric,
  MS_PER_HOUR,
  RECLAIMABLE_COLOR,
  timeAxis,
  UNRECLAIMABLE_COLOR,
  type ChartOptions,
} from './common.js';

export { OKABE_ITO } from './common.js';

/** One entry of a layered spec's `layer` array. */
export type ChartLayer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export interface MemoryChartOptions extends ChartOptions {
  /** Plot height in CSS pixels. Default 300. */
  heightPx?: number;
  /**
   * How far past the data the forecast may extend the time axis, as a fraction of the data's span.
   * A later exhaustion is drawn up to that horizon and labelled with its date. Default 0.6.
   */
  forecastHorizonFraction?: number;
}

/** Light tints (of the palette's blue, orange, green, purple) for phase bands, in turn. */
const PHASE_FILLS = ['#e6eef7', '#fbf0dc', '#e2f3ec', '#f5e6ef'];
/** Metrics drawn in the main chart besides the primary. */
const MAIN_CHART_METRICS = new Set(['mem.used', 'mem.available']);

/** What every layer builder gets: the lines drawn, their unit and how values map onto the y axis. */
export interface MemoryChartContext {
  result: Result;
  primary: ChartLine;
  /** Lines drawn: the primary first, then the other used/available lines of its unit. */
  lines: ChartLine[];
  unit: Unit;
  /** Divide a value in the series' unit by this to get axis units (GiB, MiB, or 1). */
  axisDivisor: number;
  /** Unit shown on the y axis: "GiB", "MiB", "%" or "count". */
  axisUnit: string;
  /** First and last time over the drawn lines, epoch ms. */
  startMs: number;
  endMs: number;
  /** Last time on the x axis: the data's end, or the forecast's end when it is drawn. */
  axisEndMs: number;
  /** Top of the y axis in axis units (the axis runs from 0), fixed so labels can be placed in pixels. */
  yMax: number;
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

/** A rate in the chart's unit, converting between bytes and percent when the total allows. */
function ratePerHour(
  ctx: MemoryChartContext,
  bytesPerHour: number | undefined,
  percentPerHour: number | undefined,
): number | null {
  const totalBytes = ctx.result.chart.totalBytes;
  if (ctx.unit === 'percent') {
    if (percentPerHour !== undefined) return percentPerHour;
    if (bytesPerHour !== undefined && totalBytes) return (bytesPerHour / totalBytes) * 100;
    return null;
  }
  if (bytesPerHour !== undefined) return bytesPerHour;
  if (ctx.unit === 'bytes' && percentPerHour !== undefined && totalBytes)
    return (percentPerHour / 100) * totalBytes;
  return null;
}

/** Slope of a trend finding in the line's own unit per hour, or null when it cannot be expressed. */
function trendSlopePerHour(ctx: MemoryChartContext, finding: TrendFinding): number | null {
  return ratePerHour(ctx, finding.slopeBytesPerHour, finding.slopePercentPerHour);
}

function rateLabel(ctx: MemoryChartContext, slopePerHour: number): string {
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

/** Pixels per millisecond on the x axis (the axis runs from startMs to axisEndMs). */
function pxPerMs(ctx: MemoryChartContext): number {
  const spanMs = ctx.axisEndMs - ctx.startMs;
  return spanMs > 0 ? ctx.widthPx / spanMs : 0;
}

/** Plot pixels of a time and of a value in axis units (y grows downwards, as in SVG). */
function xPx(ctx: MemoryChartContext, tMs: number): number {
  return (tMs - ctx.startMs) * pxPerMs(ctx);
}
function yPx(ctx: MemoryChartContext, v: number): number {
  return ctx.yMax > 0 ? ctx.heightPx * (1 - v / ctx.yMax) : ctx.heightPx;
}
/** The data point at the top-left corner of a pixel box, for a text mark aligned left and top. */
function boxOrigin(ctx: MemoryChartContext, box: Box): { t: number; v: number } {
  const scale = pxPerMs(ctx);
  return {
    t: ctx.startMs + (scale > 0 ? box.x / scale : 0),
    v: ctx.yMax * (1 - box.y / ctx.heightPx),
  };
}

const STEP_FONT_PX = 10;
/** A trend line shorter than this (pixels) is labelled only where its label fits. */
const SHORT_TREND_PX = 100;
const TREND_FONT_PX = 11;
const FORECAST_FONT_PX = 10;
const FLOOR_FONT_PX = 10;
const PHASE_FONT_PX = 10;
const TOTAL_FONT_PX = 10;
/** Text marks placed by their top-left corner (see placedLabels). */
const PLACED_TEXT = { type: 'text', align: 'left', baseline: 'top' } as const;

/**
 * Phases between marks (`result.phases`) as shaded bands labelled "A · before drop_caches", the
 * letters the phase table uses. A label is cut (…) to its band's width.
 */
export const phaseLayer: MemoryChartLayerBuilder = (ctx) => {
  const phases = (ctx.result.phases ?? [])
    .map((phase, i) => ({
      t: Math.max(ctx.startMs, Date.parse(phase.start)),
      t2: Math.min(ctx.endMs, Date.parse(phase.end)),
      letter: phaseLetter(i),
      label: phase.label,
      fill: PHASE_FILLS[i % PHASE_FILLS.length] as string,
    }))
    .filter((phase) => Number.isFinite(phase.t) && Number.isFinite(phase.t2) && phase.t2 > phase.t);
  if (phases.length === 0) return [];
  const scale = pxPerMs(ctx);
  const labels = phases.map((phase) => {
    const bandPx = (phase.t2 - phase.t) * scale;
    return {
      t: phase.t,
      text: bandPx >= 60 ? `${phase.letter} · ${phase.label}` : phase.letter,
      limit: Math.max(12, Math.floor(bandPx - 8)),
    };
  });
  return [
    // One layer per band with a constant fill: a colour encoding would share (and break) the lines' legend.
    ...phases.map((phase): ChartLayer => ({
      data: { values: [phase] },
      // aria: false — Vega would describe x2 in the local time zone (the band's text label says it all).
      mark: { type: 'rect', color: phase.fill, opacity: 1, aria: false },
      encoding: { x: X_TEMPORAL, x2: { field: 't2' } },
    })),
    // One text layer per label, so each can be cut to its own band's width.
    ...labels.map((label): ChartLayer => ({
      data: { values: [label] },
      mark: {
        type: 'text',
        color: '#333333',
        align: 'left',
        baseline: 'top',
        dx: 4,
        dy: 3,
        fontSize: PHASE_FONT_PX,
        fontWeight: 'bold',
        limit: label.limit,
      },
      encoding: { x: X_TEMPORAL, y: { value: 0 }, text: { field: 'text', type: 'nominal' } },
    })),
  ];
};

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
  const range = lineColors(ctx.lines.map((line) => line.metric));
  return [
    {
      data: { values },
      mark: { type: 'line', strokeWidth: 1.5, interpolate: 'linear' },
      encoding: {
        x: {
          ...timeAxis(ctx.axisEndMs - ctx.startMs),
          scale: { type: 'utc', domain: [ctx.startMs, ctx.axisEndMs], nice: false },
        },
        y: {
          ...Y_QUANT,
          title: ctx.axisUnit === 'count' ? 'Count' : `Memory (${ctx.axisUnit})`,
          scale: { domain: [0, ctx.yMax], nice: false, zero: true },
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

/** Total memory as a horizontal limit line, labelled at its left end: "Total 16 GiB". Byte charts only. */
export const totalMemoryLayer: MemoryChartLayerBuilder = (ctx) => {
  const label = totalLabel(ctx);
  if (label === null) return [];
  const data = { values: [{ v: label.v, label: label.text }] };
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
        fontSize: TOTAL_FONT_PX,
      },
      encoding: { y: Y_QUANT, x: { value: 0 }, text: { field: 'label', type: 'nominal' } },
    },
  ];
};

function totalLabel(ctx: MemoryChartContext): { v: number; text: string } | null {
  const totalBytes = ctx.result.chart.totalBytes;
  if (ctx.unit !== 'bytes' || totalBytes === null || !(totalBytes > 0)) return null;
  return { v: totalBytes / ctx.axisDivisor, text: `Total ${formatBytes(totalBytes)}` };
}

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
    if (partOfSawtooth(finding, ctx.result.findings)) return;
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
      label: rateLabel(ctx, slopePerHour),
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

/** Trend labels ("+240 MiB/h") beside the middle of each trend line, placed clear of other labels. */
export const trendLabelLayer: MemoryChartLayerBuilder = (ctx) => {
  const labels = placedLabels(ctx).trends;
  if (labels.length === 0) return [];
  return labelLayers(labels, { color: ANNOTATION_COLOR, fontSize: TREND_FONT_PX, fontWeight: 'bold' });
};

/** A sawtooth's peaks, troughs and the Sen line through its troughs, in axis units. */
export interface SawtoothMarks {
  peaks: { t: number; v: number }[];
  troughs: { t: number; v: number }[];
  /** The trough trend from the first to the last trough, with its label; null without a floor slope. */
  floor: { fromMs: number; toMs: number; from: number; to: number; label: string } | null;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Peaks and troughs of the sawtooth findings on drawn lines (when the detector recorded them), and the
 * floor: the troughs' slope through the median of their offsets (the Sen line's intercept convention).
 */
export function sawtoothMarks(ctx: MemoryChartContext): SawtoothMarks[] {
  const out: SawtoothMarks[] = [];
  for (const finding of ctx.result.findings) {
    if (finding.kind !== 'sawtooth' || lineFor(ctx, finding.series) === undefined) continue;
    const toAxis = (points: SawtoothFinding['peaks']): { t: number; v: number }[] =>
      (points ?? [])
        .map((p) => ({ t: Date.parse(p.at), v: p.value / ctx.axisDivisor }))
        .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v));
    const peaks = toAxis(finding.peaks);
    const troughs = toAxis(finding.troughs);
    if (peaks.length === 0 && troughs.length === 0) continue;
    const slope = ratePerHour(ctx, finding.floorSlopeBytesPerHour, finding.floorSlopePercentPerHour);
    let floor: SawtoothMarks['floor'] = null;
    const first = troughs[0];
    const last = troughs[troughs.length - 1];
    if (slope !== null && first !== undefined && last !== undefined && troughs.length >= 2) {
      const axisSlopePerMs = slope / ctx.axisDivisor / MS_PER_HOUR;
      const intercept = medianOf(troughs.map((p) => p.v - axisSlopePerMs * (p.t - first.t)));
      floor = {
        fromMs: first.t,
        toMs: last.t,
        from: intercept,
        to: intercept + axisSlopePerMs * (last.t - first.t),
        label: slope === 0 ? 'troughs flat' : `troughs ${rateLabel(ctx, slope)}`,
      };
    }
    out.push({ peaks, troughs, floor });
  }
  return out;
}

/** Sawtooth peaks (▲) and troughs (▼) on their line, and the dashed trough trend with its rate. */
export const sawtoothLayer: MemoryChartLayerBuilder = (ctx) => {
  const marks = sawtoothMarks(ctx);
  if (marks.length === 0) return [];
  const peaks = marks.flatMap((m) => m.peaks);
  const troughs = marks.flatMap((m) => m.troughs);
  const floors = marks.flatMap((m, id) => (m.floor === null ? [] : [{ id, ...m.floor }]));
  const layers: ChartLayer[] = [];
  if (floors.length > 0) {
    layers.push(
      {
        data: {
          values: floors.flatMap((f) => [
            { id: f.id, t: f.fromMs, v: f.from },
            { id: f.id, t: f.toMs, v: f.to },
          ]),
        },
        mark: { type: 'line', color: RECLAIMABLE_COLOR, strokeDash: [4, 3], strokeWidth: 1.6 },
        encoding: { x: X_TEMPORAL, y: Y_QUANT, detail: { field: 'id', type: 'nominal' } },
      },
      ...labelLayers(placedLabels(ctx).floors, {
        color: '#00684A',
        fontSize: FLOOR_FONT_PX,
        fontWeight: 'bold',
      }),
    );
  }
  if (peaks.length > 0) {
    layers.push({
      data: { values: peaks },
      mark: { type: 'point', shape: 'triangle-up', color: UNRECLAIMABLE_COLOR, filled: true, size: 36 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT },
    });
  }
  if (troughs.length > 0) {
    layers.push({
      data: { values: troughs },
      mark: { type: 'point', shape: 'triangle-down', color: RECLAIMABLE_COLOR, filled: true, size: 36 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT },
    });
  }
  return layers;
};

/** Where the forecast line runs, in axis units, or null when there is none to draw. */
interface ForecastLine {
  fromMs: number;
  from: number;
  toMs: number;
  to: number;
  label: string;
}

/**
 * The forecast: a dashed line from the latest regime's fitted value at the series' last time
 * (`fromTime`/`fromValue`) to the exhaustion level (`limitValue`: the total for used memory, 0 for
 * available) at `exhaustionAt`. An exhaustion far past the data is cut at a horizon (so the data keeps
 * most of the width).
 */
function forecastLine(
  result: Result,
  line: ChartLine | undefined,
  unit: Unit,
  axisDivisor: number,
  startMs: number,
  endMs: number,
  horizonFraction: number,
): ForecastLine | null {
  const forecast = result.forecast;
  if (forecast === null || forecast.exhaustionAt === null || line === undefined) return null;
  const exhaustionMs = Date.parse(forecast.exhaustionAt);
  if (line.unit !== unit) return null;
  const last = lastFinitePoint(line);
  const fromMs = forecast.fromTime !== undefined ? Date.parse(forecast.fromTime) : last?.[0];
  const fromValue = forecast.fromValue ?? last?.[1];
  const totalBytes = forecast.totalBytes ?? result.chart.totalBytes;
  const fullValue =
    forecast.limitValue ?? (unit === 'percent' ? 100 : unit === 'bytes' && totalBytes ? totalBytes : null);
  if (fromMs === undefined || fromValue === undefined || fullValue === null) return null;
  if (!Number.isFinite(exhaustionMs) || exhaustionMs <= fromMs) return null;

  const horizonMs = endMs + (endMs - startMs) * horizonFraction;
  const toMs = Math.min(exhaustionMs, Math.max(horizonMs, fromMs));
  const toValue = fromValue + ((fullValue - fromValue) * (toMs - fromMs)) / (exhaustionMs - fromMs);
  const clipped = toMs < exhaustionMs;
  const word = fullValue === 0 ? 'Exhausted' : 'Full';
  return {
    fromMs,
    from: fromValue / axisDivisor,
    toMs,
    to: toValue / axisDivisor,
    label: clipped ? `${word} ${formatDate(exhaustionMs)} →` : `${word} ${formatDate(exhaustionMs)}`,
  };
}

function ctxForecastLine(ctx: MemoryChartContext): ForecastLine | null {
  const forecast = ctx.result.forecast;
  if (forecast === null) return null;
  return forecastLine(
    ctx.result,
    lineFor(ctx, forecast.series) ?? ctx.primary,
    ctx.unit,
    ctx.axisDivisor,
    ctx.startMs,
    ctx.endMs,
    ctx.forecastHorizonFraction,
  );
}

export const forecastLayer: MemoryChartLayerBuilder = (ctx) => {
  const line = ctxForecastLine(ctx);
  if (line === null) return [];
  const end = { t: line.toMs, v: line.to, label: line.label };
  const label = placedLabels(ctx).forecast;
  return [
    {
      data: {
        values: [
          { t: line.fromMs, v: line.from },
          { t: line.toMs, v: line.to },
        ],
      },
      mark: { type: 'line', color: ANNOTATION_COLOR, strokeDash: [5, 4], strokeWidth: 1.8 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT },
    },
    {
      data: { values: [end] },
      mark: { type: 'point', color: ANNOTATION_COLOR, filled: true, size: 30 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT },
    },
    ...labelLayers(label === null ? [] : [label], { color: ANNOTATION_COLOR, fontSize: FORECAST_FONT_PX }),
  ];
};

/** Step findings on drawn lines: where they are (axis units) and their label ("-13 GiB drop_caches"). */
function stepPoints(
  ctx: MemoryChartContext,
): { t: number; v: number; label: string; drop: boolean; priority: number }[] {
  const points: { t: number; v: number; label: string; drop: boolean; priority: number }[] = [];
  for (const finding of ctx.result.findings) {
    if (!isStep(finding) || partOfSawtooth(finding, ctx.result.findings)) continue;
    const line = lineFor(ctx, finding.series);
    const atMs = Date.parse(finding.at);
    if (line === undefined || !Number.isFinite(atMs)) continue;
    const value = valueNear(line, atMs);
    if (value === null) continue;
    const drop = finding.kind === 'step-drop';
    const size =
      finding.magnitudeBytes !== undefined
        ? formatBytes(Math.abs(finding.magnitudeBytes))
        : finding.magnitudePercent !== undefined
          ? formatPercentValue(Math.abs(finding.magnitudePercent))
          : '';
    const label = [size ? `${drop ? '-' : '+'}${size}` : finding.kind, finding.cause]
      .filter(Boolean)
      .join(' ');
    // Labelled first: steps the user marked or that ended a process, then the largest.
    const named = finding.cause !== undefined && !['unknown', 'cache-drop'].includes(finding.cause);
    const magnitude = Math.abs(finding.magnitudeBytes ?? finding.magnitudePercent ?? 0);
    points.push({
      t: atMs,
      v: value / ctx.axisDivisor,
      label,
      drop,
      priority: (named ? 1e30 : 0) + magnitude,
    });
  }
  return points;
}

/** Step drops and rises as diamonds on their line, labelled with size and cause. */
export const stepLayer: MemoryChartLayerBuilder = (ctx) => {
  const points = stepPoints(ctx).map(({ t, v, label }) => ({ t, v, label }));
  if (points.length === 0) return [];
  return [
    {
      data: { values: points },
      mark: { type: 'point', shape: 'diamond', color: ANNOTATION_COLOR, filled: true, size: 60 },
      encoding: { x: X_TEMPORAL, y: Y_QUANT },
    },
    ...labelLayers(placedLabels(ctx).steps, { color: ANNOTATION_COLOR, fontSize: STEP_FONT_PX }),
  ];
};

/** A label placed by its top-left corner (t, v) and bottom-right corner (t2, v2), in data coordinates. */
export interface PlacedLabel {
  t: number;
  v: number;
  t2: number;
  v2: number;
  label: string;
}

/**
 * Placed labels as two layers: a translucent white backdrop the size of each label (so a label that
 * has to cross a line stays readable), then the text, aligned to its top-left corner.
 */
function labelLayers(
  labels: PlacedLabel[],
  text: { color: string; fontSize: number; fontWeight?: 'bold' },
): ChartLayer[] {
  if (labels.length === 0) return [];
  return [
    {
      data: { values: labels },
      mark: { type: 'rect', color: 'white', opacity: 0.8, aria: false },
      encoding: { x: X_TEMPORAL, x2: { field: 't2' }, y: Y_QUANT, y2: { field: 'v2' } },
    },
    {
      data: { values: labels },
      mark: { ...PLACED_TEXT, ...text },
      encoding: { x: X_TEMPORAL, y: Y_QUANT, text: { field: 'label', type: 'nominal' } },
    },
  ];
}

export interface PlacedLabels {
  forecast: PlacedLabel | null;
  steps: PlacedLabel[];
  trends: PlacedLabel[];
  floors: PlacedLabel[];
}

const placedCache = new WeakMap<MemoryChartContext, PlacedLabels>();

/** Where a label may go beside a line: off the side the line does not run through, near, then farther. */
function besideLine(rising: boolean): Placement[] {
  const near: Side[] = rising
    ? ['above-left', 'below-right', 'above', 'below', 'left', 'right']
    : ['below-left', 'above-right', 'below', 'above', 'left', 'right'];
  return [...near, ...near.map((p): Placement => `${p}-far`)];
}

/**
 * Every annotation label of the chart, placed so none covers another or the phase and total labels:
 * the forecast first, then steps, trends and sawtooth floors (./label-placement.ts).
 */
export function placedLabels(ctx: MemoryChartContext): PlacedLabels {
  const cached = placedCache.get(ctx);
  if (cached !== undefined) return cached;
  const obstacles: Box[] = [];
  const scale = pxPerMs(ctx);
  (ctx.result.phases ?? []).forEach((phase, i) => {
    const startMs = Math.max(ctx.startMs, Date.parse(phase.start));
    const endMs = Math.min(ctx.endMs, Date.parse(phase.end));
    if (!(endMs > startMs)) return;
    const bandPx = (endMs - startMs) * scale;
    const text = bandPx >= 60 ? `${phaseLetter(i)} · ${phase.label}` : phaseLetter(i);
    const w = Math.min(textWidthPx(text, PHASE_FONT_PX, true), Math.max(12, bandPx - 8));
    obstacles.push({ x: xPx(ctx, startMs) + 4, y: 3, w, h: PHASE_FONT_PX + 2 });
  });
  const total = totalLabel(ctx);
  if (total !== null) {
    const y = yPx(ctx, total.v);
    obstacles.push({
      x: 4,
      y: y - 3 - TOTAL_FONT_PX - 2,
      w: textWidthPx(total.text, TOTAL_FONT_PX),
      h: TOTAL_FONT_PX + 2,
    });
  }

  const requests: LabelRequest[] = [];
  const kinds: ('forecast' | 'steps' | 'trends' | 'floors')[] = [];
  const texts: string[] = [];
  const add = (kind: (typeof kinds)[number], request: LabelRequest): void => {
    kinds.push(kind);
    texts.push(request.text);
    requests.push(request);
  };
  const forecast = ctxForecastLine(ctx);
  if (forecast !== null) {
    add('forecast', {
      text: forecast.label,
      fontSizePx: FORECAST_FONT_PX,
      anchor: { x: xPx(ctx, forecast.toMs), y: yPx(ctx, forecast.to) },
      placements: [
        ...besideLine(forecast.to > forecast.from).filter((p) => p.endsWith('left')),
        'left',
        'above',
        'below',
      ],
    });
  }
  for (const step of [...stepPoints(ctx)].sort((a, b) => b.priority - a.priority)) {
    add('steps', {
      text: step.label,
      fontSizePx: STEP_FONT_PX,
      optional: true,
      anchor: { x: xPx(ctx, step.t), y: yPx(ctx, step.v) },
      placements: step.drop
        ? ['right', 'below-right', 'left', 'below-left', 'above-right', 'above-left']
        : ['right', 'above-right', 'left', 'above-left', 'below-right', 'below-left'],
    });
  }
  // Longer trends first: they carry the story; a short one is labelled only where there is room.
  for (const segment of [...trendSegments(ctx)].sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs))) {
    const midMs = (segment.startMs + segment.endMs) / 2;
    const midV = (segment.from + segment.to) / 2;
    add('trends', {
      text: segment.label,
      fontSizePx: TREND_FONT_PX,
      bold: true,
      optional: (segment.endMs - segment.startMs) * pxPerMs(ctx) < SHORT_TREND_PX,
      anchor: { x: xPx(ctx, midMs), y: yPx(ctx, midV) },
      placements: besideLine(segment.to >= segment.from),
    });
  }
  for (const marks of sawtoothMarks(ctx)) {
    if (marks.floor === null) continue;
    add('floors', {
      text: marks.floor.label,
      fontSizePx: FLOOR_FONT_PX,
      bold: true,
      anchor: { x: xPx(ctx, marks.floor.toMs), y: yPx(ctx, marks.floor.to) },
      placements: ['below-left', 'above-left', 'below', 'left', 'above'],
    });
  }

  // The drawn lines, as soft obstacles: labels keep off the data when they can.
  const lineObstacles = ctx.lines.flatMap((line) =>
    polylineObstacles(
      line.points.map(([t, v]) =>
        v === null || !Number.isFinite(v) ? null : { x: xPx(ctx, t), y: yPx(ctx, v / ctx.axisDivisor) },
      ),
    ),
  );
  const boxes = placeLabels(requests, { width: ctx.widthPx, height: ctx.heightPx }, obstacles, lineObstacles);
  const placed: PlacedLabels = { forecast: null, steps: [], trends: [], floors: [] };
  boxes.forEach((box, i) => {
    if (box === null) return; // an optional label with no room: its marker stays, unlabelled
    const end = boxOrigin(ctx, { ...box, x: box.x + box.w, y: box.y + box.h });
    const label = { ...boxOrigin(ctx, box), t2: end.t, v2: end.v, label: texts[i] as string };
    const kind = kinds[i];
    if (kind === 'forecast') placed.forecast = label;
    else if (kind !== undefined) placed[kind].push(label);
  });
  placedCache.set(ctx, placed);
  return placed;
}

/**
 * User marks (`--mark`) as dashed vertical rules. They are labelled here only when there are no
 * phases; otherwise each phase's label ("B · after drop_caches") names the mark that starts it.
 */
export const marksLayer: MemoryChartLayerBuilder = (ctx) => {
  const marks = ctx.result.marks
    .map((mark) => ({ t: Date.parse(mark.at), label: mark.label }))
    .filter((mark) => Number.isFinite(mark.t) && mark.t >= ctx.startMs && mark.t <= ctx.axisEndMs);
  if (marks.length === 0) return [];
  const rules: ChartLayer = {
    data: { values: marks },
    mark: { type: 'rule', color: MARK_COLOR, strokeDash: [3, 3], strokeWidth: 1 },
    encoding: { x: X_TEMPORAL },
  };
  if ((ctx.result.phases ?? []).length > 0) return [rules];
  return [
    rules,
    {
      data: { values: marks },
      mark: { type: 'text', color: MARK_COLOR, align: 'left', baseline: 'top', dx: 4, dy: 3, fontSize: 10 },
      encoding: { x: X_TEMPORAL, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
    },
  ];
};

/** Drawing order: later layers paint over earlier ones. */
export const MEMORY_CHART_LAYERS: readonly MemoryChartLayerBuilder[] = [
  phaseLayer,
  marksLayer,
  totalMemoryLayer,
  trendLineLayer,
  seriesLayer,
  sawtoothLayer,
  trendLabelLayer,
  forecastLayer,
  stepLayer,
];

function drawableLines(result: Result): ChartLine[] {
  return result.chart.lines.filter((line) => line.points.some(([, v]) => v !== null && Number.isFinite(v)));
}

/** The line the main chart is about: the Result's primary, else the first byte line, else the first. */
export function primaryLine(result: Result): ChartLine | undefined {
  const drawable = drawableLines(result);
  return (
    drawable.find((line) => line.series === result.chart.primary) ??
    drawable.find((line) => line.unit === 'bytes') ??
    drawable[0]
  );
}

/** The lines of the main chart: the primary first, then the other used/available lines of its unit. */
export function mainChartLines(result: Result): ChartLine[] {
  const primary = primaryLine(result);
  if (primary === undefined) return [];
  const others = drawableLines(result).filter(
    (line) => line !== primary && line.unit === primary.unit && MAIN_CHART_METRICS.has(line.metric),
  );
  return onePerMetric([primary, ...others], result);
}

/** The chart context, or null when the Result has nothing to draw. Exported for layer tests. */
export function memoryChartContext(
  result: Result,
  options: MemoryChartOptions = {},
): MemoryChartContext | null {
  const lines = mainChartLines(result);
  const primary = lines[0];
  if (primary === undefined) return null;

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
  const axis = primary.unit === 'bytes' ? byteAxis(Math.max(maxValue, totalBytes)) : null;
  const axisDivisor = axis?.divisor ?? 1;
  const axisUnit = axis?.unit ?? (primary.unit === 'percent' ? '%' : 'count');
  const forecastHorizonFraction = options.forecastHorizonFraction ?? 0.6;
  const forecast =
    result.forecast === null
      ? null
      : forecastLine(
          result,
          lines.find((line) => line.series === result.forecast?.series) ?? primary,
          primary.unit,
          axisDivisor,
          startMs,
          endMs,
          forecastHorizonFraction,
        );

  const ctx: MemoryChartContext = {
    result,
    primary,
    lines,
    unit: primary.unit,
    axisDivisor,
    axisUnit,
    startMs,
    endMs,
    axisEndMs: Math.max(endMs, forecast?.toMs ?? endMs),
    yMax: 0,
    widthPx: options.widthPx ?? DEFAULT_WIDTH_PX,
    heightPx: options.heightPx ?? 300,
    forecastHorizonFraction,
  };
  // The y axis must hold everything drawn: data, total, forecast, trend lines and sawtooth peaks.
  const tops = [
    maxValue / axisDivisor,
    primary.unit === 'bytes' ? totalBytes / axisDivisor : 0,
    forecast?.from ?? 0,
    forecast?.to ?? 0,
    ...trendSegments(ctx).flatMap((segment) => [segment.from, segment.to]),
    ...sawtoothMarks(ctx).flatMap((marks) => marks.peaks.map((peak) => peak.v)),
  ];
  ctx.yMax = niceCeiling(Math.max(...tops.filter(Number.isFinite)));
  return ctx;
}

/**
 * The smallest round number (1, 2 or 5 times a power of ten) times a whole count that holds `value`
 * with a little headroom: the top of a y axis with about 5–10 ticks.
 */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const padded = value * 1.04;
  const rough = padded / 10;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) as number;
  return Math.ceil(padded / step) * step;
}

/**
 * The main memory chart of a Result: the primary line and the other used/available lines of its unit,
 * with phases, trend lines, sawtooth peaks and troughs, forecast, total memory, step points and marks.
 * Null when the Result has no chart line.
 */
export function memoryChartSpec(result: Result, options: MemoryChartOptions = {}): TopLevelSpec | null {
  const ctx = memoryChartContext(result, options);
  if (ctx === null) return null;
  return {
    width: ctx.widthPx,
    height: ctx.heightPx,
    background: 'white',
    padding: { left: 4, right: 12, top: 8, bottom: 4 },
    config: chartConfig(options.fontFamily),
    layer: MEMORY_CHART_LAYERS.flatMap((build) => build(ctx)),
  };
}

/** Which annotations the memory chart draws, so its caption explains only those. */
export interface MemoryChartElements {
  phases: boolean;
  marks: boolean;
  trends: boolean;
  sawtooth: boolean;
  steps: boolean;
  forecast: boolean;
  total: boolean;
}

export function memoryChartElements(result: Result): MemoryChartElements | null {
  const ctx = memoryChartContext(result);
  if (ctx === null) return null;
  return {
    phases: phaseLayer(ctx).length > 0,
    marks: marksLayer(ctx).length > 0,
    trends: trendSegments(ctx).length > 0,
    sawtooth: sawtoothMarks(ctx).length > 0,
    steps: stepPoints(ctx).length > 0,
    forecast: ctxForecastLine(ctx) !== null,
    total: totalLabel(ctx) !== null,
  };
}
