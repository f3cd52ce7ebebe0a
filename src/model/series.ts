/**
 * Time series as every importer produces them and every detector reads them.
 * Times are epoch milliseconds (UTC), ascending after normalization; NaN in `v` marks a gap.
 */

export type Unit = 'bytes' | 'percent' | 'count';

/** Where a piece of data came from: the file as the user named it, and the importer id. */
export interface SourceRef {
  file: string;
  format: string;
  /** 1-based line in `file`, where one applies. */
  line?: number;
}

/**
 * Canonical metric names. An importer maps its source's names onto these; anything it cannot map is
 * 'other'. See research/formats.md §0 for what each source's "used" means.
 */
export const CANONICAL_METRICS = [
  'mem.used',
  'mem.available',
  'mem.free',
  'mem.cached',
  'mem.buffers',
  'mem.anon',
  'mem.total',
  'mem.shmem',
  'mem.committed',
  'slab.total',
  'slab.reclaimable',
  'slab.unreclaimable',
  'swap.used',
  'dentry.unused',
  'other',
] as const;
export type CanonicalMetric = (typeof CANONICAL_METRICS)[number];

/**
 * What "used" means in the source, where known (research/formats.md §0). Free text is allowed for
 * definitions not listed, but importers should prefer these ids.
 */
export type UsedDefinition =
  | 'total-minus-available'
  | 'total-minus-free'
  | 'total-minus-free-buffers-cache'
  | 'total-minus-free-buffers-cache-slab'
  | 'usage-minus-inactive-file'
  | 'unknown';

export interface Series {
  /** The name as the export spells it (legend, header, metric selector). */
  name: string;
  metric: CanonicalMetric;
  definition?: UsedDefinition;
  unit: Unit;
  /** Epoch milliseconds, UTC. */
  t: Float64Array;
  /** Values in `unit`; NaN = gap. */
  v: Float64Array;
  source: SourceRef;
  /** 1-based line in `source.file` of each point, when the importer tracks it (for warnings). */
  sourceLines?: Int32Array;
}

/** Number of non-NaN values. */
export function finiteCount(series: Pick<Series, 'v'>): number {
  let count = 0;
  for (const value of series.v) if (!Number.isNaN(value)) count++;
  return count;
}

/** First and last time of the series, or null when it is empty. */
export function timeSpan(series: Pick<Series, 't'>): { startMs: number; endMs: number } | null {
  const n = series.t.length;
  if (n === 0) return null;
  return { startMs: series.t[0] as number, endMs: series.t[n - 1] as number };
}

/** A series is usable for analysis when it has 3+ finite points spanning a non-zero time (CONTRACT.md). */
export function isUsableSeries(series: Pick<Series, 't' | 'v'>): boolean {
  let count = 0;
  let first = NaN;
  let last = NaN;
  for (let i = 0; i < series.v.length; i++) {
    if (Number.isNaN(series.v[i] as number)) continue;
    count++;
    if (Number.isNaN(first)) first = series.t[i] as number;
    last = series.t[i] as number;
  }
  return count >= 3 && last > first;
}
