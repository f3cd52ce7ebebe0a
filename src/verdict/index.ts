/**
 * The verdict: findings + breakdown series + slab and dentry evidence → one answer with a confidence
 * and evidence lines that cite this host's figures (CONTRACT.md verdict kinds; ARCHITECTURE.md "Domain").
 *
 * Materiality: a statistically significant trend matters only when it moves memory by at least
 * MATERIAL_FRACTION of the total across its regime (of the series' median level when the total is
 * unknown; 5 percentage points for percent series). Tiny drifts are reported as findings, not verdicts.
 */

import type { SeriesAnalysis } from '../detect/index.js';
import {
  formatBytes,
  formatDate,
  formatDuration,
  formatPValue,
  formatSlope,
  formatValue,
} from '../model/format.js';
import type { Verdict } from '../model/result.js';
import type { Series } from '../model/series.js';
import type { SlabSnapshot } from '../model/slab.js';
import type {
  CgroupMemoryStat,
  DentryStateSnapshot,
  MeminfoSnapshot,
  SysctlSnapshot,
} from '../model/snapshot.js';
import type { TrendFinding } from '../model/finding.js';
import { median } from '../detect/step-change.js';

export const MATERIAL_FRACTION = 0.05;
/** Reclaimable caches holding this share of slab, with slab this share of memory, explain growth as cache. */
const RECLAIMABLE_SLAB_SHARE = 0.6;
const SLAB_SHARE_OF_MEMORY = 0.25;
/** nr_negative / nr_dentry above this points at a failed-lookup workload (kernel.md §2). */
const NEGATIVE_DENTRY_SHARE = 0.5;

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
}

const hours = (ms: number): number => ms / 3_600_000;

function slopeOf(trend: TrendFinding): number {
  return trend.slopeBytesPerHour ?? trend.slopePercentPerHour ?? 0;
}

function materialityThreshold(series: Series, totalBytes: number | null): number {
  if (series.unit === 'percent') return 100 * MATERIAL_FRACTION;
  if (totalBytes !== null) return totalBytes * MATERIAL_FRACTION;
  return Math.abs(median(Array.from(series.v).filter((v) => !Number.isNaN(v)))) * MATERIAL_FRACTION;
}

/** Trends whose change across their own span is material. */
function materialTrends(
  analysis: SeriesAnalysis,
  totalBytes: number | null,
  kind: TrendFinding['kind'],
): TrendFinding[] {
  const threshold = materialityThreshold(analysis.series, totalBytes);
  return analysis.trendFindings.filter((trend) => {
    if (trend.kind !== kind) return false;
    const spanHours = hours(Date.parse(trend.end) - Date.parse(trend.start));
    return Math.abs(slopeOf(trend)) * spanHours >= threshold;
  });
}

function describeTrend(analysis: SeriesAnalysis, trend: TrendFinding, labels: Map<string, string>): string {
  const verb = trend.kind === 'monotonic-growth' ? 'grew' : 'declined';
  return `${labels.get(analysis.series.name) ?? analysis.series.name} ${verb} ${formatSlope(slopeOf(trend), analysis.series.unit)} from ${formatDate(trend.start)} to ${formatDate(trend.end)} (Mann-Kendall p = ${formatPValue(trend.pValue)})`;
}

function describeFlat(analysis: SeriesAnalysis, labels: Map<string, string>): string {
  const values = Array.from(analysis.series.v).filter((v) => !Number.isNaN(v));
  return `${labels.get(analysis.series.name) ?? analysis.series.name} stayed flat around ${formatValue(median(values), analysis.series.unit)} (no material trend)`;
}

export function judge(input: JudgeInput): Verdict {
  const { analyses, totalBytes } = input;
  const byMetric = (metric: string) => analyses.filter((a) => a.series.metric === metric);
  const used = byMetric('mem.used');
  const available = byMetric('mem.available');
  const anon = byMetric('mem.anon');
  const unreclaimableSlab = byMetric('slab.unreclaimable');
  const evidence: string[] = [];

  const usedGrowth = used.flatMap((a) =>
    materialTrends(a, totalBytes, 'monotonic-growth').map((t) => ({ a, t })),
  );
  const usedSawtooth = used.filter((a) => a.sawtoothFinding !== null);
  const availableDecline = available.flatMap((a) =>
    materialTrends(a, totalBytes, 'monotonic-decline').map((t) => ({ a, t })),
  );
  const availableFlat = available.filter(
    (a) => materialTrends(a, totalBytes, 'monotonic-decline').length === 0,
  );
  const anonGrowth = anon.flatMap((a) =>
    materialTrends(a, totalBytes, 'monotonic-growth').map((t) => ({ a, t })),
  );
  const kernelGrowth = unreclaimableSlab.flatMap((a) =>
    materialTrends(a, totalBytes, 'monotonic-growth').map((t) => ({ a, t })),
  );

  const slabEvidence = describeSlab(input);
  const negativeDentries = describeNegativeDentries(input.dentryState);

  // 1. Unreclaimable kernel memory grows: sysctl will not fix it.
  if (kernelGrowth.length > 0) {
    for (const { a, t } of kernelGrowth) evidence.push(describeTrend(a, t, input.labels));
    if (slabEvidence !== null) evidence.push(slabEvidence.line);
    return {
      kind: 'kernel-leak',
      confidence: 0.8,
      summary: 'Unreclaimable kernel memory (SUnreclaim) grows: a kernel leak that tuning will not fix.',
      evidence,
    };
  }

  // 2. User-space memory grows and is not given back.
  const hiddenLeak = usedSawtooth.filter((a) => isRisingFloor(a, totalBytes));
  if (anonGrowth.length > 0 || availableDecline.length > 0 || hiddenLeak.length > 0) {
    for (const { a, t } of anonGrowth) evidence.push(describeTrend(a, t, input.labels));
    for (const { a, t } of availableDecline) evidence.push(describeTrend(a, t, input.labels));
    for (const a of hiddenLeak) evidence.push(describeSawtooth(a, input.labels));
    for (const a of used)
      for (const t of materialTrends(a, totalBytes, 'monotonic-growth'))
        evidence.push(describeTrend(a, t, input.labels));
    const resets = analyses.flatMap((a) => a.stepFindings.filter((s) => s.kind === 'step-drop'));
    if (resets.length > 0) {
      evidence.push(
        `${resets.length} sudden drop${resets.length > 1 ? 's' : ''} (restart or OOM kill) reset the growth, which then resumed`,
      );
    }
    const repeated = availableDecline.length + anonGrowth.length > 1 || resets.length > 0;
    return {
      kind: 'leak',
      confidence: Math.min(0.95, 0.7 + (repeated ? 0.15 : 0) + (anonGrowth.length > 0 ? 0.1 : 0)),
      summary:
        'Memory that applications hold grows steadily and is not given back: a user-space leak. Available memory shrinks with it.',
      evidence,
    };
  }

  // 3. "Used" grows but available memory does not shrink, or reclaimable slab explains it: cache.
  if (usedGrowth.length > 0 || usedSawtooth.length > 0) {
    for (const { a, t } of usedGrowth) evidence.push(describeTrend(a, t, input.labels));
    for (const a of usedSawtooth) evidence.push(describeSawtooth(a, input.labels));
    const slabExplains = slabEvidence !== null && slabEvidence.reclaimableDominates;
    for (const a of availableFlat) evidence.push(describeFlat(a, input.labels));
    if (slabEvidence !== null) evidence.push(slabEvidence.line);
    if (negativeDentries !== null) evidence.push(negativeDentries);
    if (availableFlat.length > 0 || slabExplains) {
      const confidence =
        0.6 +
        (availableFlat.length > 0 ? 0.15 : 0) +
        (slabExplains ? 0.15 : 0) +
        (usedSawtooth.length > 0 ? 0.05 : 0);
      return {
        kind: 'reclaimable-cache',
        confidence: Math.min(0.95, confidence),
        summary:
          'The growth is cache the kernel gives back under pressure (page cache and reclaimable slab), not a leak: available memory did not shrink with it.',
        evidence,
      };
    }
    evidence.push('No breakdown (MemAvailable, anon, slab) was given, so the growth cannot be attributed');
    return {
      kind: 'suspected-leak',
      confidence: 0.5,
      summary:
        'Used memory grows, but the inputs cannot tell a leak from cache. Collect the missing evidence (see recommendations) and run again.',
      evidence,
    };
  }

  // 4. A level shift with flat regimes around it.
  const rises = analyses.flatMap((a) =>
    a.stepFindings.filter((s) => s.kind === 'step-rise').map((s) => ({ a, s })),
  );
  if (rises.length > 0 && used.length + available.length > 0) {
    for (const { a, s } of rises) {
      const magnitude =
        s.magnitudeBytes !== undefined
          ? formatBytes(s.magnitudeBytes)
          : `${(s.magnitudePercent ?? 0).toFixed(1)} %`;
      evidence.push(
        `${input.labels.get(a.series.name) ?? a.series.name} stepped up by ${magnitude} at ${formatDate(s.at)} and stayed flat around it`,
      );
    }
    return {
      kind: 'workload-change',
      confidence: 0.7,
      summary: 'Memory use moved to a new level once and stayed there: a workload change, not growth.',
      evidence,
    };
  }

  if (analyses.length === 0) {
    if (slabEvidence !== null) evidence.push(slabEvidence.line);
    if (negativeDentries !== null) evidence.push(negativeDentries);
    return {
      kind: 'inconclusive',
      confidence: 0.3,
      summary:
        'Only snapshots were given: without a time series memautopsy cannot tell growth from a steady state.',
      evidence,
    };
  }

  for (const a of [...used, ...available]) evidence.push(describeFlat(a, input.labels));
  if (evidence.length === 0)
    for (const a of analyses.slice(0, 3)) evidence.push(describeFlat(a, input.labels));
  return {
    kind: 'healthy',
    confidence: 0.8,
    summary: 'No material memory growth: nothing here is heading for exhaustion.',
    evidence,
  };
}

function isRisingFloor(analysis: SeriesAnalysis, totalBytes: number | null): boolean {
  const saw = analysis.sawtooth;
  if (saw === null || Number.isNaN(saw.floorSlopePerHour)) return false;
  const spanHours = hours(
    (analysis.series.t[saw.endIndex] as number) - (analysis.series.t[saw.startIndex] as number),
  );
  return saw.floorSlopePerHour * spanHours >= materialityThreshold(analysis.series, totalBytes);
}

function describeSawtooth(analysis: SeriesAnalysis, labels: Map<string, string>): string {
  const saw = analysis.sawtooth;
  if (saw === null) return '';
  const unit = analysis.series.unit;
  const floor = Number.isNaN(saw.floorSlopePerHour)
    ? 'too few troughs to judge the floor'
    : `troughs ${formatSlope(saw.floorSlopePerHour, unit)}`;
  return `${labels.get(analysis.series.name) ?? analysis.series.name} saws: ${saw.cycles} drops of about ${formatValue(saw.amplitude, unit)} every ${formatDuration(saw.periodSeconds)} (${floor}) — memory built up and was given back`;
}

function describeSlab(input: JudgeInput): { line: string; reclaimableDominates: boolean } | null {
  const snapshot = input.slabs.at(-1);
  if (snapshot === undefined || snapshot.caches.length === 0) return null;
  const total = snapshot.totalBytes ?? snapshot.caches.reduce((sum, c) => sum + c.bytes, 0);
  const reclaimable = snapshot.caches.filter((c) => c.reclaimable).reduce((sum, c) => sum + c.bytes, 0);
  const top = [...snapshot.caches].sort((a, b) => b.bytes - a.bytes)[0];
  if (top === undefined || !(total > 0)) return null;
  const memoryTotal = input.totalBytes ?? input.meminfo.at(-1)?.fields.MemTotal ?? null;
  const ofMemory = memoryTotal !== null ? `, ${Math.round((100 * total) / memoryTotal)}% of memory` : '';
  const line = `${top.name} holds ${formatBytes(top.bytes)}, ${Math.round((100 * top.bytes) / total)}% of ${formatBytes(total)} slab${ofMemory}; ${Math.round((100 * reclaimable) / total)}% of slab is reclaimable (${snapshot.source.file})`;
  const bigEnough = memoryTotal === null || total >= SLAB_SHARE_OF_MEMORY * memoryTotal;
  return { line, reclaimableDominates: bigEnough && reclaimable >= RECLAIMABLE_SLAB_SHARE * total };
}

function describeNegativeDentries(states: DentryStateSnapshot[]): string | null {
  const state = states.at(-1);
  if (state === undefined || state.nrDentry === 0) return null;
  const share = state.nrNegative / state.nrDentry;
  if (share < NEGATIVE_DENTRY_SHARE) return null;
  return `${Math.round(share * 100)}% of ${state.nrDentry.toLocaleString('en-US')} dentries are unused negative entries (failed lookups of names that do not exist) (${state.source.file})`;
}
