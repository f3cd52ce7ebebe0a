/**
 * The report's charts, in reading order: each a pure Vega-Lite spec builder plus the words around it.
 * HTML inlines their SVG; with `-o <folder>` the CLI also writes them as SVG and PNG files for the
 * Markdown report to link. Pure.
 */

import type { TopLevelSpec } from 'vega-lite';
import type { Result } from '../../model/result.js';
import { formatDate } from '../../model/format.js';
import { breakdownChartSpec, compositionChartSpec } from './breakdown-chart.js';
import { memoryChartElements, memoryChartSpec } from './memory-chart.js';
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

/** What the memory chart's marks mean: only the ones it draws. */
function memoryCaption(result: Result): string {
  const drawn = memoryChartElements(result);
  const parts: string[] = [];
  if (drawn?.phases) parts.push('shaded bands: the phases between marks (A, B … as in the phase table)');
  else if (drawn?.marks) parts.push('dotted verticals: marks');
  if (drawn?.trends) parts.push("wide translucent lines: growth or decline with its Sen's slope");
  if (drawn?.sawtooth)
    parts.push('▲ ▼ and the green dashed line: sawtooth peaks, troughs and the trough trend');
  if (drawn?.steps) parts.push('◆: step changes with their size and cause');
  if (drawn?.total) parts.push('dashed red: total memory');
  if (drawn?.forecast) parts.push('dashed brown: the forecast to exhaustion from the latest trend');
  const sentence = parts.join('; ');
  return `${sentence === '' ? '' : `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}. `}Times in UTC.`;
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
