/**
 * The report's charts rendered to SVG once per distinct spec: HTML, PDF and the chart files of one
 * run (and the HTML and PDF of one Result) share the renders instead of drawing every chart again.
 */

import type { TopLevelSpec } from 'vega-lite';
import type { Result } from '../model/result.js';
import { reportCharts, type ReportChart } from './charts/index.js';
import { renderSvg } from './svg.js';

export interface RenderedChart extends ReportChart {
  /** Figure number in the report, from 1. */
  number: number;
  /** SVG from Vega (it escapes the data text it draws), safe to inline. */
  svg: string;
}

/** Recently rendered specs (keyed by their JSON, so equal specs share one render; bounded). */
const svgCache = new Map<string, Promise<string>>();
const SVG_CACHE_ENTRIES = 16;

function cachedSvg(spec: TopLevelSpec, refresh: boolean): Promise<string> {
  const key = JSON.stringify(spec);
  const hit = refresh ? undefined : svgCache.get(key);
  if (hit !== undefined) return hit;
  svgCache.delete(key);
  const rendering = renderSvg(spec);
  svgCache.set(key, rendering);
  rendering.catch(() => svgCache.delete(key));
  while (svgCache.size > SVG_CACHE_ENTRIES) svgCache.delete(svgCache.keys().next().value as string);
  return rendering;
}

/**
 * Every chart the Result has data for, numbered, with its SVG. `refresh` renders again even when an
 * equal spec was rendered before (benchmarks measure the cold cost with it).
 */
export async function renderCharts(
  result: Result,
  options: { refresh?: boolean } = {},
): Promise<RenderedChart[]> {
  const charts = reportCharts(result);
  const svgs = await Promise.all(charts.map((chart) => cachedSvg(chart.spec, options.refresh === true)));
  return charts.map((chart, i) => ({ ...chart, number: i + 1, svg: svgs[i] as string }));
}
