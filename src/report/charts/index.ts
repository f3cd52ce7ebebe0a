/**
 * The report's charts, in reading order: each a pure Vega-Lite spec builder plus the words around it.
 * HTML inlines their SVG; with `-o <folder>` the CLI also writes them as SVG and PNG files for the
 * Markdown report to link. Pure.
 */

import type { TopLevelSpec } from 'vega-lite';
import type { Result } from '../../model/result.js';
import { formatDate } from '../../model/format.js';
import { breakdownChartSpec, compositionChartSpec } from './breakdown-chart.js';
import { memoryChartSpec } from './memory-chart.js';
import { slabChartShowsGrowth, slabChartSpec } from './slab-chart.js';

export type ChartId = 'memory' | 'breakdown' | 'composition' | 'slab';

export interface ReportChart {
  /** Stable id; also the file name stem when charts are written as files (`memory.svg`). */
  id: ChartId;
  title: string;
  /** What the marks mean. Plain text; renderers escape it. */
  caption: string;
  spec: TopLevelSpec;
}

function memoryCaption(result: Result): string {
  const parts = [
    'Shaded bands: phases between marks (see the phase table)',
    "wide translucent lines: growth with its Sen's slope",
    '▲ ▼ and the green dashed line: sawtooth peaks, troughs and the trough trend',
    '◆: step changes with their cause',
    'dashed red: total memory and the forecast to exhaustion',
  ];
  if ((result.phases ?? []).length === 0) parts[0] = 'dotted verticals: marks';
  return `${parts.join('; ')}. Times in UTC.`;
}

/** The charts this Result has data for, in the order the report shows them. */
export function reportCharts(result: Result): ReportChart[] {
  const charts: ReportChart[] = [];
  const memory = memoryChartSpec(result);
  if (memory !== null) {
    charts.push({ id: 'memory', title: 'Memory over time', caption: memoryCaption(result), spec: memory });
  }
  const breakdown = breakdownChartSpec(result);
  if (breakdown !== null) {
    charts.push({
      id: 'breakdown',
      title: 'Memory breakdown over time',
      caption:
        'The components the inputs carry, drawn over each other (not stacked): sources define "used" differently and some components overlap. Times in UTC.',
      spec: breakdown,
    });
  }
  const composition = compositionChartSpec(result);
  if (composition !== null) {
    const at = result.chart.composition?.at;
    charts.push({
      id: 'composition',
      title: 'Where memory was',
      caption: `MemTotal cut into parts that add up to it, from /proc/meminfo${at ? ` at ${formatDate(at)}` : ''}. MemAvailable (right of the black marker) is the kernel's estimate of what new work could get: free memory plus most of the reclaimable parts.`,
      spec: composition,
    });
  }
  const slab = slabChartSpec(result);
  if (slab !== null) {
    charts.push({
      id: 'slab',
      title: slabChartShowsGrowth(result) ? 'Slab caches that grew most' : 'Largest slab caches',
      caption: slabChartShowsGrowth(result)
        ? 'Change in size between the first and the latest slab snapshot, by cache.'
        : 'Size of each cache in the latest slab snapshot. Reclaimable caches are freed by the kernel under memory pressure; growth in the others is not given back.',
      spec: slab,
    });
  }
  return charts;
}
