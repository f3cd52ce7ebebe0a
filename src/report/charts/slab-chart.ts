/**
 * The largest slab caches as a horizontal bar chart (latest snapshot), or, with several snapshots,
 * the caches that grew most between the first and the latest. Bars are coloured by whether the kernel
 * can reclaim the cache. Pure function of the Result.
 */

import type { TopLevelSpec } from 'vega-lite';
import type { Result } from '../../model/result.js';
import { formatBytes } from '../../model/format.js';
import {
  byteAxis,
  chartConfig,
  DEFAULT_WIDTH_PX,
  RECLAIMABLE_COLOR,
  UNRECLAIMABLE_COLOR,
  type ChartOptions,
} from './common.js';

const RECLAIMABLE = 'Reclaimable (freed under memory pressure)';
const UNRECLAIMABLE = 'Unreclaimable (not given back)';
/** Room for cache names left of the bars, in pixels. */
const NAME_WIDTH_PX = 150;
const BAR_STEP_PX = 20;

interface SlabBar {
  name: string;
  /** Bar length in axis units (size, or growth). */
  v: number;
  label: string;
  kind: string;
}

/** Whether the chart shows growth between snapshots (true) or sizes in the latest snapshot. */
export function slabChartShowsGrowth(result: Pick<Result, 'slab'>): boolean {
  return (result.slab?.growth?.length ?? 0) > 0;
}

export function slabChartSpec(result: Result, options: ChartOptions = {}): TopLevelSpec | null {
  const slab = result.slab;
  if (slab === undefined) return null;
  const growth = slabChartShowsGrowth(result);
  const rows = growth
    ? (slab.growth ?? []).map((c) => ({
        name: c.name,
        bytes: c.lastBytes - c.firstBytes,
        reclaimable: c.reclaimable,
      }))
    : slab.top.map((c) => ({ name: c.name, bytes: c.bytes, reclaimable: c.reclaimable }));
  if (rows.length === 0) return null;
  const axis = byteAxis(Math.max(...rows.map((r) => Math.abs(r.bytes))));
  const bars: SlabBar[] = rows.map((row) => ({
    name: row.name,
    v: row.bytes / axis.divisor,
    label: `${growth && row.bytes > 0 ? '+' : ''}${formatBytes(row.bytes)}`,
    kind: row.reclaimable ? RECLAIMABLE : UNRECLAIMABLE,
  }));
  const order = bars.map((b) => b.name);
  const widthPx = (options.widthPx ?? DEFAULT_WIDTH_PX) - NAME_WIDTH_PX;
  const y = {
    field: 'name',
    type: 'nominal',
    sort: order,
    title: null,
    axis: { labelLimit: NAME_WIDTH_PX - 10, labelFontSize: 10, ticks: false, domain: false },
  } as const;
  return {
    width: widthPx,
    height: { step: BAR_STEP_PX },
    background: 'white',
    padding: { left: 4, right: 12, top: 8, bottom: 4 },
    config: chartConfig(options.fontFamily),
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y,
          x: {
            field: 'v',
            type: 'quantitative',
            title: growth
              ? `Growth between the first and the latest snapshot (${axis.unit})`
              : `Size (${axis.unit})`,
            // Headroom on the right for the value labels at the bar ends.
            scale: {
              domain: [Math.min(0, ...bars.map((b) => b.v)), Math.max(0, ...bars.map((b) => b.v)) * 1.18],
            },
          },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: [RECLAIMABLE, UNRECLAIMABLE], range: [RECLAIMABLE_COLOR, UNRECLAIMABLE_COLOR] },
            legend: { title: null, orient: 'bottom', direction: 'horizontal', labelLimit: 320 },
          },
        },
      },
      {
        data: { values: bars },
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 10, color: '#1d2430' },
        encoding: { y, x: { field: 'v', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
