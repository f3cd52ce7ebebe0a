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
  'dentry.total',
  'dentry.negative',
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
  /** cgroup memory.current / memory.usage_in_bytes: everything charged, page cache and kernel memory included. */
  | 'cgroup-usage'
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
  /** A monotonic counter (e.g. a Prometheus `_total`): a drop is a counter reset, reported as such. */
  counter?: boolean;
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
  // Times are sorted (normalizeSeries): stop at the first finite value, from the third on, later than
  // the first one, instead of scanning a long series to its end.
  let count = 0;
  let first = NaN;
  for (let i = 0; i < series.v.length; i++) {
    if (Number.isNaN(series.v[i] as number)) continue;
    const t = series.t[i] as number;
    if (count === 0) first = t;
    count++;
    if (count >= 3 && t > first) return true;
  }
  return false;
}

const METRIC_LABELS: Record<CanonicalMetric, string> = {
  'mem.used': 'Used memory',
  'mem.available': 'Available memory (MemAvailable)',
  'mem.free': 'Free memory (MemFree)',
  'mem.cached': 'Page cache (Cached)',
  'mem.buffers': 'Buffers',
  'mem.anon': 'Anonymous memory (AnonPages)',
  'mem.total': 'Total memory',
  'mem.shmem': 'Shared memory (Shmem)',
  'mem.committed': 'Committed memory (Committed_AS)',
  'slab.total': 'Slab',
  'slab.reclaimable': 'Reclaimable slab (SReclaimable)',
  'slab.unreclaimable': 'Unreclaimable slab (SUnreclaim)',
  'swap.used': 'Swap used',
  'dentry.unused': 'Unused dentries',
  'dentry.total': 'Dentries (nr_dentry)',
  'dentry.negative': 'Negative dentries (nr_negative)',
  other: '',
};

const DEFINITION_SUFFIX: Partial<Record<UsedDefinition, string>> = {
  'total-minus-available': ' (total − available)',
  'total-minus-free': ' (total − free)',
  'total-minus-free-buffers-cache': ' (total − free − buffers − cache)',
  'total-minus-free-buffers-cache-slab': ' (total − free − buffers − cache − slab)',
  'usage-minus-inactive-file': ' (working set)',
  'cgroup-usage': ' (cgroup usage, cache included)',
};

/**
 * Readable labels for report text and legends ("Used memory (total − free)" instead of a PromQL
 * expression). Where two series would share a label, the export's own name is appended to tell them apart.
 */
export function seriesLabels(series: Pick<Series, 'name' | 'metric' | 'definition'>[]): Map<string, string> {
  const base = series.map((s) => {
    const metricLabel = METRIC_LABELS[s.metric];
    if (metricLabel === '') return s.name;
    const suffix =
      s.metric === 'mem.used' && s.definition !== undefined ? (DEFINITION_SUFFIX[s.definition] ?? '') : '';
    return metricLabel + suffix;
  });
  const labels = new Map<string, string>();
  series.forEach((s, i) => {
    const label = base[i] as string;
    const shared = base.filter((other) => other === label).length > 1;
    labels.set(s.name, shared && label !== s.name ? `${label} — ${s.name}` : label);
  });
  return labels;
}
