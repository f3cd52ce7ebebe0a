/**
 * Assemble the Result (CONTRACT.md) from the pipeline's parts, including the downsampled chart lines
 * the renderers draw, so that renderers read nothing but the Result.
 */

import type { SeriesAnalysis } from '../detect/index.js';
import type { InputReadResult } from '../ingest/index.js';
import type { Finding } from '../model/finding.js';
import type { Forecast, Mark, Phase, Result, SlabSummary, Verdict } from '../model/result.js';
import { SCHEMA_VERSION } from '../model/result.js';
import { seriesLabels } from '../model/series.js';
import type { SlabSnapshot } from '../model/slab.js';
import type { Warning } from '../model/warning.js';
import { VERSION } from '../version.js';
import { downsampleMinMax } from './downsample.js';

/** How many slab caches the Result lists. */
const SLAB_TOP_COUNT = 10;
/** Points per chart line (min/max buckets keep peaks and troughs). */
const CHART_POINTS = 2000;

export interface AssembleInput {
  host: string | null;
  reads: InputReadResult[];
  analyses: SeriesAnalysis[];
  findings: Finding[];
  verdict: Verdict;
  forecast: Forecast | null;
  slabs: SlabSnapshot[];
  phases: Phase[] | undefined;
  marks: Mark[];
  warnings: Warning[];
  totalBytes: number | null;
  primary: string | null;
  generatedAt: Date;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function summarizeSlab(slabs: SlabSnapshot[]): SlabSummary | undefined {
  const latest = slabs.at(-1);
  if (latest === undefined) return undefined;
  const top = [...latest.caches]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, SLAB_TOP_COUNT)
    .map((c) => ({ name: c.name, bytes: c.bytes, reclaimable: c.reclaimable }));
  return {
    snapshots: slabs.length,
    top,
    totalBytes: latest.totalBytes ?? latest.caches.reduce((sum, c) => sum + c.bytes, 0),
    at: latest.atMs === null ? null : iso(latest.atMs),
  };
}

export function assembleResult(input: AssembleInput): Result {
  const changePointsBySeries = new Map<string, string[]>();
  for (const a of input.analyses) {
    changePointsBySeries.set(
      a.series.name,
      a.steps.map((step) => iso(a.series.t[step.afterIndex] as number)),
    );
  }
  const slab = summarizeSlab(input.slabs);
  const labels = seriesLabels(input.analyses.map((a) => a.series));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'memautopsy', version: VERSION },
    generatedAt: input.generatedAt.toISOString(),
    host: input.host,
    inputs: input.reads.map((read) => ({
      file: read.file,
      format: read.format,
      series: read.result.series.map((s) => s.name),
      warnings: read.warnings.length,
    })),
    series: input.analyses.map(({ series }) => ({
      name: series.name,
      label: labels.get(series.name) ?? series.name,
      metric: series.metric,
      ...(series.definition !== undefined ? { definition: series.definition } : {}),
      unit: series.unit,
      points: series.t.length,
      start: iso(series.t[0] as number),
      end: iso(series.t[series.t.length - 1] as number),
      changePoints: changePointsBySeries.get(series.name) ?? [],
    })),
    findings: input.findings,
    verdict: input.verdict,
    forecast: input.forecast,
    ...(slab !== undefined ? { slab } : {}),
    ...(input.phases !== undefined ? { phases: input.phases } : {}),
    marks: input.marks,
    recommendations: [],
    warnings: input.warnings,
    chart: {
      primary: input.primary,
      totalBytes: input.totalBytes,
      lines: input.analyses.map(({ series }) => ({
        series: series.name,
        label: labels.get(series.name) ?? series.name,
        metric: series.metric,
        unit: series.unit,
        points: downsampleMinMax(series.t, series.v, CHART_POINTS),
      })),
    },
  };
}
