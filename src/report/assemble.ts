/**
 * Assemble the Result (CONTRACT.md) from the pipeline's parts, including the downsampled chart lines
 * the renderers draw, so that renderers read nothing but the Result.
 */

import type { SeriesAnalysis } from '../detect/index.js';
import { IMPORTERS, type InputReadResult } from '../ingest/index.js';
import type { Finding } from '../model/finding.js';
import type { Forecast, Mark, Phase, Result, SlabSummary, Verdict } from '../model/result.js';
import { SCHEMA_VERSION } from '../model/result.js';
import { seriesLabels } from '../model/series.js';
import type { SlabSnapshot } from '../model/slab.js';
import type { MeminfoSnapshot } from '../model/snapshot.js';
import type { Warning } from '../model/warning.js';
import { VERSION } from '../version.js';
import { memoryComposition } from './composition.js';
import { downsampleMinMax } from './downsample.js';
import { measureImpact } from './impact.js';
import { CHART_POINTS, methodParameters } from './method.js';

/** How many slab caches the Result lists. */
const SLAB_TOP_COUNT = 10;
/** Caches listed by growth when there are several slab snapshots. */
const SLAB_GROWTH_COUNT = 10;

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
  /** /proc/meminfo snapshots; the latest one becomes the breakdown chart's composition. */
  meminfo?: MeminfoSnapshot[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The caches that changed most from the first to the latest snapshot (time order where known). */
function slabGrowth(slabs: SlabSnapshot[]): Pick<SlabSummary, 'growth' | 'firstAt'> {
  if (slabs.length < 2) return {};
  const ordered = slabs
    .map((snapshot, index) => ({ snapshot, index }))
    .sort((a, b) => (a.snapshot.atMs ?? -Infinity) - (b.snapshot.atMs ?? -Infinity) || a.index - b.index)
    .map(({ snapshot }) => snapshot);
  const first = ordered[0] as SlabSnapshot;
  const last = ordered[ordered.length - 1] as SlabSnapshot;
  const firstBytes = new Map(first.caches.map((c) => [c.name, c.bytes]));
  const growth = last.caches
    .map((c) => ({
      name: c.name,
      firstBytes: firstBytes.get(c.name) ?? 0,
      lastBytes: c.bytes,
      reclaimable: c.reclaimable,
    }))
    .filter((c) => c.lastBytes !== c.firstBytes)
    .sort((a, b) => Math.abs(b.lastBytes - b.firstBytes) - Math.abs(a.lastBytes - a.firstBytes))
    .slice(0, SLAB_GROWTH_COUNT);
  return { growth, firstAt: first.atMs === null ? null : iso(first.atMs) };
}

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
    ...slabGrowth(slabs),
  };
}

function formatDescription(format: string): { description?: string } {
  const description = IMPORTERS.find((importer) => importer.id === format)?.description;
  return description === undefined ? {} : { description };
}

export function assembleResult(input: AssembleInput): Result {
  const changePointsBySeries = new Map<string, string[]>();
  for (const a of input.analyses) {
    // The default segmentation (detect/segmentation.ts); step times for hand-built analyses.
    const indices = a.changePointIndices ?? a.steps.map((step) => step.afterIndex);
    changePointsBySeries.set(
      a.series.name,
      indices.map((index) => iso(a.series.t[index] as number)),
    );
  }
  const slab = summarizeSlab(input.slabs);
  const labels = seriesLabels(input.analyses.map((a) => a.series));
  const latestMeminfo = input.meminfo?.at(-1);
  const composition = latestMeminfo === undefined ? undefined : memoryComposition(latestMeminfo);
  const impact = measureImpact({
    series: input.analyses.map((a) => a.series),
    primary: input.primary,
    totalBytes: input.totalBytes,
  });
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
      ...formatDescription(read.format),
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
      ...(composition !== undefined ? { composition } : {}),
    },
    ...(impact !== undefined ? { impact } : {}),
    method: { parameters: methodParameters() },
  };
}
