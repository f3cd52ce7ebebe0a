/**
 * The breakdown charts, pure functions of the Result:
 *
 * - over time: the memory components the inputs carry (page cache, buffers, anon, free, slab
 *   reclaimable and unreclaimable …) as lines beside used and available, layered rather than stacked
 *   because sources define "used" differently and the components overlap (Cached includes Shmem);
 * - at one moment: the latest /proc/meminfo snapshot as one bar cut into parts that add up to
 *   MemTotal, with a marker where MemAvailable starts.
 */

import type { TopLevelSpec } from 'vega-lite';
import type { CanonicalMetric } from '../../model/series.js';
import type { ChartLine, Result } from '../../model/result.js';
import { formatBytes, formatDate } from '../../model/format.js';
import {
  byteAxis,
  chartConfig,
  DEFAULT_WIDTH_PX,
  LIMIT_COLOR,
  lineColors,
  MUTED_TEXT_COLOR,
  onePerMetric,
  timeAxis,
  type ChartOptions,
} from './common.js';

/**
 * Metrics that are parts of memory, in the order the breakdown prefers them (the kernel's split of
 * MemTotal first); one of them among the inputs makes a breakdown chart.
 */
const COMPONENT_METRICS: readonly CanonicalMetric[] = [
  'mem.anon',
  'mem.cached',
  'slab.reclaimable',
  'slab.unreclaimable',
  'mem.free',
  'mem.buffers',
  'mem.shmem',
  'slab.total',
  'swap.used',
  'other',
];
/** Drawn with the components for reference. */
const REFERENCE_METRICS: readonly CanonicalMetric[] = ['mem.used', 'mem.available'];
/** At most this many lines: more cannot be told apart (the palette has eight colours). */
export const BREAKDOWN_MAX_LINES = 8;

function hasValue(line: ChartLine): boolean {
  return line.points.some(([, v]) => v !== null && Number.isFinite(v));
}

/**
 * The byte lines of the breakdown chart: used and available for reference, then the components in
 * the order above, one line per metric, at most BREAKDOWN_MAX_LINES; [] when there is no component.
 */
export function breakdownLines(result: Result): ChartLine[] {
  const bytes = onePerMetric(
    result.chart.lines.filter((line) => line.unit === 'bytes' && hasValue(line)),
    result,
  );
  const rank = (metric: CanonicalMetric, order: readonly CanonicalMetric[]): number => order.indexOf(metric);
  const components = bytes
    .filter((line) => COMPONENT_METRICS.includes(line.metric))
    .sort((a, b) => rank(a.metric, COMPONENT_METRICS) - rank(b.metric, COMPONENT_METRICS));
  if (components.length === 0) return [];
  const references = bytes
    .filter((line) => REFERENCE_METRICS.includes(line.metric))
    .sort((a, b) => rank(a.metric, REFERENCE_METRICS) - rank(b.metric, REFERENCE_METRICS));
  return [...references, ...components].slice(0, BREAKDOWN_MAX_LINES);
}

/** Memory components over time, or null when the inputs have no component series. */
export function breakdownChartSpec(result: Result, options: ChartOptions = {}): TopLevelSpec | null {
  const lines = breakdownLines(result);
  if (lines.length === 0) return null;
  let maxValue = result.chart.totalBytes ?? 0;
  for (const line of lines) for (const [, v] of line.points) if (v !== null && v > maxValue) maxValue = v;
  const axis = byteAxis(maxValue);
  const values = lines.flatMap((line) =>
    line.points.map(([t, v]) => ({
      t,
      v: v === null || !Number.isFinite(v) ? null : v / axis.divisor,
      series: line.label,
    })),
  );
  const widthPx = options.widthPx ?? DEFAULT_WIDTH_PX;
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const line of lines) {
    for (const [t] of line.points) {
      startMs = Math.min(startMs, t);
      endMs = Math.max(endMs, t);
    }
  }
  const layer: Extract<TopLevelSpec, { layer: unknown }>['layer'] = [
    {
      data: { values },
      mark: { type: 'line', strokeWidth: 1.4 },
      encoding: {
        x: timeAxis(endMs - startMs),
        y: { field: 'v', type: 'quantitative', title: `Memory (${axis.unit})`, scale: { zero: true } },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: lines.map((l) => l.label), range: lineColors(lines.map((l) => l.metric)) },
          legend: {
            title: null,
            orient: 'bottom',
            direction: 'vertical',
            labelLimit: widthPx,
            symbolType: 'stroke',
          },
        },
        order: { field: 't', type: 'quantitative' },
      },
    },
  ];
  const totalBytes = result.chart.totalBytes;
  if (totalBytes !== null && totalBytes > 0) {
    const data = { values: [{ v: totalBytes / axis.divisor, label: `Total ${formatBytes(totalBytes)}` }] };
    layer.unshift(
      {
        data,
        mark: { type: 'rule', color: LIMIT_COLOR, strokeDash: [6, 4], strokeWidth: 1.2 },
        encoding: { y: { field: 'v', type: 'quantitative' } },
      },
      {
        data,
        mark: { type: 'text', color: LIMIT_COLOR, align: 'right', baseline: 'bottom', dy: -3, fontSize: 10 },
        encoding: {
          y: { field: 'v', type: 'quantitative' },
          x: { value: widthPx - 2 },
          text: { field: 'label', type: 'nominal' },
        },
      },
    );
  }
  return {
    width: widthPx,
    height: 220,
    background: 'white',
    padding: { left: 4, right: 12, top: 8, bottom: 4 },
    config: chartConfig(options.fontFamily),
    layer,
  };
}

/** Colours of the composition parts, by key: one hue per kind of memory, reclaimable parts in cool hues. */
const PART_COLORS: Record<string, string> = {
  anon: '#0072B2',
  shmem: '#CC79A7',
  'page-cache': '#E69F00',
  buffers: '#F0E442',
  'slab-reclaimable': '#56B4E9',
  'slab-unreclaimable': '#D55E00',
  kernel: '#000000',
  free: '#d9d9d9',
  other: '#999999',
};

/** A part narrower than this many pixels gets no label inside its bar (the legend names it). */
const MIN_LABEL_PX = 56;

/**
 * The latest /proc/meminfo snapshot as one horizontal bar of MemTotal cut into its parts, labelled
 * where a part is wide enough, with MemAvailable marked from the right end. Null without a snapshot.
 */
export function compositionChartSpec(result: Result, options: ChartOptions = {}): TopLevelSpec | null {
  const composition = result.chart.composition;
  if (composition === undefined || composition.parts.length === 0) return null;
  const widthPx = options.widthPx ?? DEFAULT_WIDTH_PX;
  const axis = byteAxis(composition.totalBytes);
  let offset = 0;
  const parts = composition.parts.map((part) => {
    const x = offset / axis.divisor;
    offset += part.bytes;
    const reclaim = part.reclaimable === true ? ', reclaimable' : part.reclaimable === false ? '' : '';
    return {
      key: part.key,
      legend: `${part.label} — ${formatBytes(part.bytes)}${reclaim}`,
      x,
      x2: offset / axis.divisor,
      short: formatBytes(part.bytes),
      wide: (part.bytes / composition.totalBytes) * widthPx >= MIN_LABEL_PX,
      dark: ['anon', 'kernel', 'slab-unreclaimable'].includes(part.key),
    };
  });
  const layer: Extract<TopLevelSpec, { layer: unknown }>['layer'] = [
    {
      data: { values: parts },
      mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
      encoding: {
        x: {
          field: 'x',
          type: 'quantitative',
          title: `Memory (${axis.unit}) of ${formatBytes(composition.totalBytes)} total`,
          scale: { domain: [0, composition.totalBytes / axis.divisor], nice: false },
        },
        x2: { field: 'x2' },
        color: {
          field: 'legend',
          type: 'nominal',
          sort: null,
          scale: {
            domain: parts.map((p) => p.legend),
            range: parts.map((p) => PART_COLORS[p.key] ?? '#999999'),
          },
          legend: {
            title: null,
            orient: 'bottom',
            columns: 2,
            labelLimit: widthPx / 2 - 30,
            symbolType: 'square',
          },
        },
      },
    },
    {
      data: { values: parts.filter((p) => p.wide) },
      transform: [{ calculate: '(datum.x + datum.x2) / 2', as: 'mid' }],
      mark: { type: 'text', fontSize: 10, baseline: 'middle' },
      encoding: {
        x: { field: 'mid', type: 'quantitative' },
        text: { field: 'short', type: 'nominal' },
        color: {
          condition: { test: 'datum.dark', value: 'white' },
          value: '#1d2430',
        },
      },
    },
  ];
  if (composition.availableBytes !== undefined && composition.availableBytes > 0) {
    const availableStart = (composition.totalBytes - composition.availableBytes) / axis.divisor;
    const data = {
      values: [{ x: availableStart, label: `MemAvailable ${formatBytes(composition.availableBytes)} →` }],
    };
    layer.push(
      {
        data,
        mark: { type: 'rule', color: '#1d2430', strokeWidth: 2, y: -6, y2: 34 },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      {
        data,
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'bottom',
          dx: 3,
          y: -7,
          fontSize: 10,
          color: '#1d2430',
        },
        encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
      },
    );
  }
  return {
    width: widthPx,
    height: 28,
    background: 'white',
    padding: { left: 4, right: 12, top: 20, bottom: 4 },
    config: { ...chartConfig(options.fontFamily), text: { color: MUTED_TEXT_COLOR } },
    title: {
      text: `/proc/meminfo${composition.at ? ` at ${formatDate(composition.at)}` : ''}`,
      anchor: 'start',
      fontSize: 10,
      fontWeight: 'normal',
      color: MUTED_TEXT_COLOR,
      offset: 16,
    },
    layer,
  };
}
