/**
 * What every report chart shares: the colour-blind-safe palette and the colour each memory metric
 * keeps across charts, the font and axis configuration, byte axis units, and the chart options.
 * Pure.
 */

import type { Config } from 'vega-lite';
import type { ChartLine, Result } from '../../model/result.js';
import type { CanonicalMetric } from '../../model/series.js';

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

/**
 * The colour a metric keeps in every chart, so "available" is the same green in the memory chart and
 * in the breakdown. Metrics not listed take the first palette colour no other line uses.
 */
export const METRIC_COLORS: Partial<Record<CanonicalMetric, string>> = {
  'mem.used': '#0072B2',
  'mem.available': '#009E73',
  'mem.cached': '#E69F00',
  'slab.reclaimable': '#56B4E9',
  'slab.unreclaimable': '#D55E00',
  'slab.total': '#CC79A7',
  'mem.anon': '#000000',
};

/** Annotation colours: dark enough for text on white, distinct from the data lines. */
export const ANNOTATION_COLOR = '#B33C00';
export const MARK_COLOR = '#555555';
export const LIMIT_COLOR = '#A50026';
export const RECLAIMABLE_COLOR = '#009E73';
export const UNRECLAIMABLE_COLOR = '#D55E00';
export const MUTED_TEXT_COLOR = '#5b6472';

export const GIB = 2 ** 30;
export const MIB = 2 ** 20;
export const MS_PER_HOUR = 3_600_000;

export interface ChartOptions {
  /** Plot width in CSS pixels (axes and legend come on top). Default 640: fits A4 portrait. */
  widthPx?: number;
  /** Font family for every text in the chart; the report CSS names the same one. */
  fontFamily?: string;
}

export const DEFAULT_WIDTH_PX = 640;
export const DEFAULT_FONT = 'DejaVu Sans';

/** Fonts, axis and legend styling shared by every chart. */
export function chartConfig(fontFamily: string = DEFAULT_FONT): Config {
  return {
    font: fontFamily,
    view: { stroke: null },
    axis: {
      labelFontSize: 10,
      titleFontSize: 11,
      titleFontWeight: 'normal',
      gridColor: '#e6e6e6',
      labelColor: '#333333',
      titleColor: '#333333',
    },
    legend: { labelFontSize: 10, titleFontSize: 10, titleFontWeight: 'normal' },
  };
}

/** A byte axis: GiB reads best for servers; a small container (< 1 GiB everywhere) is clearer in MiB. */
export function byteAxis(maxBytes: number): { divisor: number; unit: 'GiB' | 'MiB' } {
  return Math.abs(maxBytes) < GIB ? { divisor: MIB, unit: 'MiB' } : { divisor: GIB, unit: 'GiB' };
}

/**
 * Colours for lines, in order: a line's metric colour when no earlier line took it, else the first
 * palette colour not yet used.
 */
export function lineColors(metrics: CanonicalMetric[]): string[] {
  const used = new Set<string>();
  const preferred = metrics.map((metric) => {
    const color = METRIC_COLORS[metric];
    if (color === undefined || used.has(color)) return undefined;
    used.add(color);
    return color;
  });
  return preferred.map((color) => {
    if (color !== undefined) return color;
    const free = OKABE_ITO.find((c) => !used.has(c)) ?? (OKABE_ITO[used.size % OKABE_ITO.length] as string);
    used.add(free);
    return free;
  });
}

/**
 * The time axis every time chart uses: UTC with an explicit format (deterministic whatever the local
 * zone). Over more than two days the ticks fall on days and read "Mar 04"; shorter spans show the hour.
 */
export function timeAxis(spanMs: number) {
  const spanDays = spanMs / 86_400_000;
  const axis =
    spanDays > 2
      ? {
          format: '%b %d',
          tickCount: { interval: 'day' as const, step: Math.max(1, Math.ceil(spanDays / 8)) },
        }
      : { format: '%b %d %H:%M', tickCount: 8 };
  return {
    field: 't',
    type: 'temporal',
    scale: { type: 'utc' },
    title: 'Time (UTC)',
    axis: { ...axis, labelAngle: 0, labelOverlap: true },
  } as const;
}

function finitePoints(line: ChartLine): number {
  let count = 0;
  for (const [, v] of line.points) if (v !== null && Number.isFinite(v)) count++;
  return count;
}

/**
 * One line per metric (metric "other" excepted: those are distinct series): when two inputs carry the
 * same metric (node_exporter's MemAvailable and a meminfo log's), the chart shows the one from the
 * primary series' file, else the one with the most points. The Result keeps every series; this only
 * spares the chart lines that would lie on top of each other.
 */
export function onePerMetric(lines: ChartLine[], result: Result): ChartLine[] {
  const fileOf = (series: string): string | undefined =>
    result.inputs.find((input) => input.series.includes(series))?.file;
  const primary = result.chart.primary;
  const primaryFile = primary === null ? undefined : fileOf(primary);
  // Preference, compared in order: the primary itself, a line from the primary's file, more points.
  const score = (line: ChartLine): number[] => [
    line.series === primary ? 1 : 0,
    primaryFile !== undefined && fileOf(line.series) === primaryFile ? 1 : 0,
    finitePoints(line),
  ];
  const better = (a: number[], b: number[]): boolean => {
    for (let i = 0; i < a.length; i++)
      if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) > (b[i] as number);
    return false;
  };
  const chosen = new Map<string, ChartLine>();
  for (const line of lines) {
    if (line.metric === 'other') continue;
    const current = chosen.get(line.metric);
    if (current === undefined || better(score(line), score(current))) chosen.set(line.metric, line);
  }
  return lines.filter((line) => line.metric === 'other' || chosen.get(line.metric) === line);
}
