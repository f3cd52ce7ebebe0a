/**
 * Host facts: every breakdown the inputs give, reduced to figures the verdict and the recommendation
 * rules can cite — material growth per component, levels of MemAvailable, the slab composition and
 * per-cache growth, meminfo, dentry-state and cgroup memory.stat summaries. Rules read these, never
 * raw series (ARCHITECTURE.md "recommend/").
 *
 * Materiality (the same for every input): a trend matters when it moves memory by at least
 * MATERIAL_FRACTION (5 %) of the total across its own span; without a known total, 5 % of the series'
 * median level; percent series, 5 percentage points. Smaller drifts stay findings, not verdicts.
 *
 * What "used" counts depends on its source (research/formats.md §0): total − free counts page cache
 * and reclaimable slab; total − available and the procps/sysstat "minus buffers/cache" forms do not.
 */

import type { SeriesAnalysis } from '../detect/index.js';
import { median, medianInPlace, quantiles } from '../detect/stats/robust.js';
import { finiteValuesIn, lowerBound, upperBound } from '../detect/stats/time-range.js';
import type { Finding, SlabGrowthFinding, StepFinding, TrendFinding } from '../model/finding.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import type { SlabCache, SlabSnapshot } from '../model/slab.js';
import type {
  CgroupMemoryStat,
  DentryStateSnapshot,
  MeminfoSnapshot,
  SysctlSnapshot,
} from '../model/snapshot.js';
import { minOf, maxOf } from '../model/numbers.js';

export const MATERIAL_FRACTION = 0.05;

export interface JudgeInput {
  analyses: SeriesAnalysis[];
  /** Readable series labels (model/series.ts seriesLabels), keyed by series name. */
  labels: Map<string, string>;
  slabs: SlabSnapshot[];
  meminfo: MeminfoSnapshot[];
  dentryState: DentryStateSnapshot[];
  sysctl: SysctlSnapshot[];
  cgroup: CgroupMemoryStat[];
  totalBytes: number | null;
  /** Findings beyond the per-series ones (e.g. `slab-growth` from several slab snapshots), when a detector made them. */
  findings?: Finding[];
}

const HOUR_MS = 3_600_000;

/** A material change of one component: a series' trend, a slab cache or a cgroup counter across snapshots. */
export interface Growth {
  /** Series name, slab cache name, or memory.stat key. */
  name: string;
  label: string;
  metric: CanonicalMetric | 'slab-cache' | 'cgroup';
  unit: Unit;
  slopePerHour: number;
  /** Change across [startMs, endMs] in `unit` (negative for a decline). */
  change: number;
  startMs: number;
  endMs: number;
  /** Mann-Kendall p-value for series trends; null for snapshot differences. */
  pValue: number | null;
  /** Slab caches: whether the kernel can reclaim it (SLAB_RECLAIM_ACCOUNT). */
  reclaimable?: boolean;
  /** Where a snapshot difference came from. */
  source?: string;
}

export interface Level {
  unit: Unit;
  min: number;
  max: number;
  median: number;
  last: number;
}

export interface SawtoothFacts {
  series: string;
  label: string;
  unit: Unit;
  cycles: number;
  periodSeconds: number;
  amplitude: number;
  /** The bounds it swings between: median trough and median peak (see sawtoothBounds). */
  low: number;
  high: number;
  floorSlopePerHour: number | null;
  /** The troughs' change across the span, in `unit`; null with too few troughs. */
  floorChange: number | null;
  risingFloor: boolean;
  startMs: number;
  endMs: number;
}

export interface SeriesFacts {
  series: string;
  label: string;
  metric: CanonicalMetric;
  unit: Unit;
  definition: UsedDefinition | undefined;
  level: Level;
  /** Material growth trends, one per regime. */
  growth: Growth[];
  /** Material decline trends, one per regime. */
  decline: Growth[];
  sawtooth: SawtoothFacts | null;
  /** Step changes outside the sawtooth, with the median level on either side. */
  steps: LevelShift[];
}

export interface LevelShift {
  direction: 'rise' | 'drop';
  atMs: number;
  magnitude: number;
  cause: string | undefined;
  /** Median level between the previous step (or the start) and this one. */
  before: number;
  /** Median level between this step and the next (or the end). */
  after: number;
}

export interface SlabFacts {
  file: string;
  atMs: number | null;
  snapshots: number;
  totalBytes: number;
  reclaimableBytes: number;
  largest: SlabCache;
  largestReclaimable: SlabCache | null;
  largestUnreclaimable: SlabCache | null;
  /** Material per-cache growth between timed snapshots (or from slab-growth findings), largest first. */
  growth: Growth[];
  /**
   * Per-cache change between the first and last snapshot in the order given, when their times are
   * unknown: used only to name a cache once a series has shown that kernel memory grows.
   */
  untimedChange: { cache: SlabCache; changeBytes: number } | null;
}

export interface MeminfoFacts {
  file: string;
  atMs: number | null;
  memTotal: number | null;
  memFree: number | null;
  memAvailable: number | null;
  cached: number | null;
  anon: number | null;
  sReclaimable: number | null;
  sUnreclaim: number | null;
  committedAs: number | null;
  commitLimit: number | null;
  swapTotal: number | null;
}

export interface DentryFacts {
  file: string;
  nrDentry: number;
  nrUnused: number;
  nrNegative: number;
  /** nr_negative / nr_dentry. */
  negativeShare: number;
}

export interface CgroupFacts {
  file: string;
  anon: number | null;
  activeFile: number | null;
  inactiveFile: number | null;
  slabReclaimable: number | null;
  slabUnreclaimable: number | null;
  /** memory.current − inactive_file (cAdvisor's working set), or anon + active_file + slab + kernel_stack + sock. */
  workingSet: number | null;
  /** Material changes of memory.stat keys between the first and last timed snapshot. */
  growth: Growth[];
}

export interface HostFacts {
  totalBytes: number | null;
  /** Number of usable time series. */
  seriesCount: number;
  /** Facts per series, in input order. */
  series: SeriesFacts[];
  slab: SlabFacts | null;
  meminfo: MeminfoFacts | null;
  dentry: DentryFacts | null;
  cgroup: CgroupFacts | null;
}

/**
 * The threshold a change in this series must reach to matter (see the module docblock).
 * `medianLevel`: the median of the series' finite values, when the caller already has it.
 */
export function materialityThreshold(
  series: Series,
  totalBytes: number | null,
  medianLevel?: number,
): number {
  if (series.unit === 'percent') return 100 * MATERIAL_FRACTION;
  if (totalBytes !== null && series.unit === 'bytes') return totalBytes * MATERIAL_FRACTION;
  return Math.abs(medianLevel ?? median(series.v)) * MATERIAL_FRACTION;
}

function slopeOf(trend: TrendFinding): number {
  return trend.slopeBytesPerHour ?? trend.slopePercentPerHour ?? 0;
}

function trendGrowth(series: Series, label: string, trend: TrendFinding): Growth {
  const startMs = Date.parse(trend.start);
  const endMs = Date.parse(trend.end);
  const slopePerHour = slopeOf(trend);
  return {
    name: series.name,
    label,
    metric: series.metric,
    unit: series.unit,
    slopePerHour,
    change: (slopePerHour * (endMs - startMs)) / HOUR_MS,
    startMs,
    endMs,
    pValue: trend.pValue,
  };
}

/** Min, max and last finite value in one pass; the median from the analysis when it has it. */
function levelOf(series: Series, knownMedian: number | undefined): Level {
  let min = Infinity;
  let max = -Infinity;
  let last = NaN;
  for (let i = 0; i < series.v.length; i++) {
    const v = series.v[i] as number;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    last = v;
  }
  return { unit: series.unit, min, max, median: knownMedian ?? median(series.v), last };
}

/**
 * The bounds a sawtooth swings between: the median trough and the median peak (from the finding, else
 * the detector's indices), else the 2nd and 98th percentile of the series over the sawtooth's span.
 */
function sawtoothBounds(
  analysis: SeriesAnalysis,
  startMs: number,
  endMs: number,
): { low: number; high: number } {
  const series = analysis.series;
  const finding = analysis.sawtoothFinding;
  const valuesAt = (indices: unknown): number[] =>
    Array.isArray(indices)
      ? indices.map((i) => series.v[i as number] as number).filter((v) => !Number.isNaN(v))
      : [];
  const troughs = finding?.troughs?.map((p) => p.value) ?? valuesAt(analysis.sawtooth?.troughIndices);
  const peaks = finding?.peaks?.map((p) => p.value) ?? valuesAt(analysis.sawtooth?.peakIndices);
  if (troughs.length > 0 && peaks.length > 0) return { low: median(troughs), high: median(peaks) };
  const within = finiteValuesIn(series.v, lowerBound(series.t, startMs), upperBound(series.t, endMs));
  const [low, high] = quantiles(within, [0.02, 0.98]) as [number, number];
  return { low, high };
}

function sawtoothFacts(analysis: SeriesAnalysis, label: string, threshold: number): SawtoothFacts | null {
  const finding = analysis.sawtoothFinding;
  if (finding === null) return null;
  const series = analysis.series;
  const startMs = Date.parse(finding.start);
  const endMs = Date.parse(finding.end);
  const { low, high } = sawtoothBounds(analysis, startMs, endMs);
  const floorSlopePerHour = finding.floorSlopeBytesPerHour ?? finding.floorSlopePercentPerHour ?? null;
  const floorChange = floorSlopePerHour === null ? null : (floorSlopePerHour * (endMs - startMs)) / HOUR_MS;
  return {
    series: series.name,
    label,
    unit: series.unit,
    cycles: finding.cycles,
    periodSeconds: finding.periodSeconds,
    amplitude: finding.amplitudeBytes ?? finding.amplitudePercent ?? NaN,
    low,
    high,
    floorSlopePerHour,
    floorChange,
    risingFloor: floorChange !== null && floorChange >= threshold,
    startMs,
    endMs,
  };
}

function seriesFacts(
  analysis: SeriesAnalysis,
  labels: Map<string, string>,
  totalBytes: number | null,
): SeriesFacts {
  const series = analysis.series;
  const label = labels.get(series.name) ?? series.name;
  const level = levelOf(series, analysis.levels?.median);
  const threshold = materialityThreshold(series, totalBytes, level.median);
  const material = analysis.trendFindings
    .map((trend) => trendGrowth(series, label, trend))
    .filter((growth) => Math.abs(growth.change) >= threshold);
  return {
    series: series.name,
    label,
    metric: series.metric,
    unit: series.unit,
    definition: series.definition,
    level,
    growth: material.filter((g) => g.change > 0),
    decline: material.filter((g) => g.change < 0),
    sawtooth: sawtoothFacts(analysis, label, threshold),
    steps: levelShifts(series, analysis.stepFindings),
  };
}

function levelShifts(series: Series, steps: StepFinding[]): LevelShift[] {
  const times = steps.map((s) => Date.parse(s.at));
  // The median level of each stretch between consecutive steps (and the series' ends): stretch i
  // is [times[i − 1], times[i]), so a step's "before" is stretch i and its "after" stretch i + 1.
  const stretchMedians: number[] = [];
  let from = 0;
  for (let i = 0; i <= times.length; i++) {
    const to = i < times.length ? Math.max(from, lowerBound(series.t, times[i] as number)) : series.t.length;
    stretchMedians.push(medianInPlace(finiteValuesIn(series.v, from, to)));
    from = to;
  }
  return steps.map((step, i) => ({
    direction: step.kind === 'step-rise' ? 'rise' : 'drop',
    atMs: times[i] as number,
    magnitude: step.magnitudeBytes ?? step.magnitudePercent ?? NaN,
    cause: step.cause,
    before: stretchMedians[i] as number,
    after: stretchMedians[i + 1] as number,
  }));
}

// ---------------------------------------------------------------------------------------------
// Slab

function slabTotal(snapshot: SlabSnapshot): number {
  return snapshot.totalBytes ?? snapshot.caches.reduce((sum, c) => sum + c.bytes, 0);
}

function largestOf(caches: SlabCache[]): SlabCache | null {
  let best: SlabCache | null = null;
  for (const cache of caches) if (best === null || cache.bytes > best.bytes) best = cache;
  return best;
}

/**
 * Per-cache growth between the first and the last timed snapshot (time order). A cache's change is
 * material against 5 % of total memory, or of the last snapshot's slab total when memory is unknown.
 */
function slabGrowthFromSnapshots(slabs: SlabSnapshot[], totalBytes: number | null): Growth[] {
  const timed = slabs.filter((s) => s.atMs !== null).sort((a, b) => (a.atMs as number) - (b.atMs as number));
  const first = timed[0];
  const last = timed.at(-1);
  if (first === undefined || last === undefined || first === last) return [];
  const startMs = first.atMs as number;
  const endMs = last.atMs as number;
  if (!(endMs > startMs)) return [];
  const threshold = (totalBytes ?? slabTotal(last)) * MATERIAL_FRACTION;
  const before = new Map(first.caches.map((c) => [c.name, c.bytes]));
  const growth: Growth[] = [];
  for (const cache of last.caches) {
    const change = cache.bytes - (before.get(cache.name) ?? 0);
    if (change < threshold) continue;
    growth.push({
      name: cache.name,
      label: cache.name,
      metric: 'slab-cache',
      unit: 'bytes',
      slopePerHour: (change * HOUR_MS) / (endMs - startMs),
      change,
      startMs,
      endMs,
      pValue: null,
      reclaimable: cache.reclaimable,
      source: `${first.source.file} → ${last.source.file}`,
    });
  }
  return growth;
}

/** slab-growth findings made by a detector, over the timed snapshots' span when it is known. */
function slabGrowthFromFindings(findings: SlabGrowthFinding[], slabs: SlabSnapshot[]): Growth[] {
  const times = slabs.map((s) => s.atMs).filter((t): t is number => t !== null);
  const startMs = times.length > 0 ? minOf(times) : NaN;
  const endMs = times.length > 0 ? maxOf(times) : NaN;
  const hours = (endMs - startMs) / HOUR_MS;
  return findings.map((f) => ({
    name: f.cache,
    label: f.cache,
    metric: 'slab-cache' as const,
    unit: 'bytes' as const,
    slopePerHour: f.growthBytesPerHour,
    change: hours > 0 ? f.growthBytesPerHour * hours : NaN,
    startMs,
    endMs,
    pValue: null,
    reclaimable: f.reclaimable,
  }));
}

function untimedChange(slabs: SlabSnapshot[]): SlabFacts['untimedChange'] {
  if (slabs.length < 2 || slabs.every((s) => s.atMs !== null)) return null;
  const first = slabs[0] as SlabSnapshot;
  const last = slabs.at(-1) as SlabSnapshot;
  const before = new Map(first.caches.map((c) => [c.name, c.bytes]));
  let best: SlabFacts['untimedChange'] = null;
  for (const cache of last.caches) {
    if (cache.reclaimable) continue;
    const changeBytes = cache.bytes - (before.get(cache.name) ?? 0);
    if (changeBytes > 0 && (best === null || changeBytes > best.changeBytes)) best = { cache, changeBytes };
  }
  return best;
}

function slabFacts(input: JudgeInput): SlabFacts | null {
  const ordered = [...input.slabs].filter((s) => s.caches.length > 0);
  const latest = [...ordered].sort((a, b) => (a.atMs ?? -Infinity) - (b.atMs ?? -Infinity)).at(-1);
  if (latest === undefined) return null;
  const largest = largestOf(latest.caches);
  const totalBytes = slabTotal(latest);
  if (largest === null || !(totalBytes > 0)) return null;
  const findings = (input.findings ?? []).filter((f): f is SlabGrowthFinding => f.kind === 'slab-growth');
  const growth = (
    findings.length > 0
      ? slabGrowthFromFindings(findings, ordered)
      : slabGrowthFromSnapshots(ordered, input.totalBytes)
  ).sort((a, b) => b.slopePerHour - a.slopePerHour);
  return {
    file: latest.source.file,
    atMs: latest.atMs,
    snapshots: ordered.length,
    totalBytes,
    reclaimableBytes: latest.caches.filter((c) => c.reclaimable).reduce((sum, c) => sum + c.bytes, 0),
    largest,
    largestReclaimable: largestOf(latest.caches.filter((c) => c.reclaimable)),
    largestUnreclaimable: largestOf(latest.caches.filter((c) => !c.reclaimable)),
    growth,
    untimedChange: untimedChange(ordered),
  };
}

// ---------------------------------------------------------------------------------------------
// meminfo, dentry-state, cgroup

function latestOf<T extends { atMs: number | null }>(snapshots: T[]): T | undefined {
  return [...snapshots].sort((a, b) => (a.atMs ?? -Infinity) - (b.atMs ?? -Infinity)).at(-1);
}

function meminfoFacts(snapshots: MeminfoSnapshot[]): MeminfoFacts | null {
  const latest = latestOf(snapshots);
  if (latest === undefined) return null;
  const field = (key: string): number | null => latest.fields[key] ?? null;
  return {
    file: latest.source.file,
    atMs: latest.atMs,
    memTotal: field('MemTotal'),
    memFree: field('MemFree'),
    memAvailable: field('MemAvailable'),
    cached: field('Cached'),
    anon: field('AnonPages'),
    sReclaimable: field('SReclaimable'),
    sUnreclaim: field('SUnreclaim'),
    committedAs: field('Committed_AS'),
    commitLimit: field('CommitLimit'),
    swapTotal: field('SwapTotal'),
  };
}

function dentryFacts(states: DentryStateSnapshot[]): DentryFacts | null {
  const latest = latestOf(states);
  if (latest === undefined || !(latest.nrDentry > 0)) return null;
  return {
    file: latest.source.file,
    nrDentry: latest.nrDentry,
    nrUnused: latest.nrUnused,
    nrNegative: latest.nrNegative,
    negativeShare: latest.nrNegative / latest.nrDentry,
  };
}

/** memory.stat keys whose growth the verdict weighs, with the component each stands for. */
const CGROUP_COMPONENTS: readonly [key: string, metric: CanonicalMetric][] = [
  ['anon', 'mem.anon'],
  ['rss', 'mem.anon'],
  ['file', 'mem.cached'],
  ['cache', 'mem.cached'],
  ['slab_reclaimable', 'slab.reclaimable'],
  ['slab_unreclaimable', 'slab.unreclaimable'],
];

function cgroupFacts(stats: CgroupMemoryStat[], totalBytes: number | null): CgroupFacts | null {
  const latest = latestOf(stats);
  if (latest === undefined) return null;
  const get = (stat: CgroupMemoryStat, ...keys: string[]): number | null => {
    for (const key of keys) if (stat.fields[key] !== undefined) return stat.fields[key] as number;
    return null;
  };
  // cgroup v2 keys first, then v1 (`rss`, `total_*`, memory.usage_in_bytes / limit_in_bytes).
  const current = get(latest, 'memory.current', 'memory.usage_in_bytes', 'current', 'usage');
  const inactiveFile = get(latest, 'inactive_file', 'total_inactive_file');
  const parts = [
    get(latest, 'anon', 'total_rss', 'rss'),
    get(latest, 'active_file', 'total_active_file'),
    get(latest, 'slab'),
    get(latest, 'kernel_stack'),
    get(latest, 'sock'),
  ];
  const workingSet =
    current !== null && inactiveFile !== null
      ? current - inactiveFile
      : parts.every((p) => p === null)
        ? null
        : parts.reduce<number>((sum, p) => sum + (p ?? 0), 0);

  const timed = stats.filter((s) => s.atMs !== null).sort((a, b) => (a.atMs as number) - (b.atMs as number));
  const first = timed[0];
  const last = timed.at(-1);
  const growth: Growth[] = [];
  if (first !== undefined && last !== undefined && (last.atMs as number) > (first.atMs as number)) {
    const limit = get(last, 'memory.max', 'memory.limit_in_bytes', 'max');
    const base = limit !== null && Number.isFinite(limit) ? limit : (totalBytes ?? workingSet ?? NaN);
    const threshold = base * MATERIAL_FRACTION;
    const startMs = first.atMs as number;
    const endMs = last.atMs as number;
    for (const [key, metric] of CGROUP_COMPONENTS) {
      const a = get(first, key);
      const b = get(last, key);
      if (a === null || b === null || !(Math.abs(b - a) >= threshold)) continue;
      growth.push({
        name: key,
        label: `cgroup ${key}`,
        metric,
        unit: 'bytes',
        slopePerHour: ((b - a) * HOUR_MS) / (endMs - startMs),
        change: b - a,
        startMs,
        endMs,
        pValue: null,
        source: `${first.source.file} → ${last.source.file}`,
      });
    }
  }
  return {
    file: latest.source.file,
    anon: get(latest, 'anon', 'total_rss', 'rss'),
    activeFile: get(latest, 'active_file', 'total_active_file'),
    inactiveFile,
    slabReclaimable: get(latest, 'slab_reclaimable'),
    slabUnreclaimable: get(latest, 'slab_unreclaimable'),
    workingSet,
    growth,
  };
}

export function gatherFacts(input: JudgeInput): HostFacts {
  return {
    totalBytes: input.totalBytes,
    seriesCount: input.analyses.length,
    series: input.analyses.map((a) => seriesFacts(a, input.labels, input.totalBytes)),
    slab: slabFacts(input),
    meminfo: meminfoFacts(input.meminfo),
    dentry: dentryFacts(input.dentryState),
    cgroup: cgroupFacts(input.cgroup, input.totalBytes),
  };
}

/** Whether a source's "used" counts page cache and reclaimable slab (null: the source does not say). */
export function usedCountsCache(definition: UsedDefinition | undefined): boolean | null {
  // A string switch: importers may add definitions (cgroup usage counts all page cache and kernel memory).
  switch (definition as string | undefined) {
    case 'total-minus-free':
    case 'usage-minus-inactive-file':
    case 'cgroup-usage':
      return true;
    case 'total-minus-available':
    case 'total-minus-free-buffers-cache':
    case 'total-minus-free-buffers-cache-slab':
      return false;
    default:
      return null;
  }
}
