/**
 * The Result: the one object every output renders (CONTRACT.md "Result JSON", schemaVersion 1),
 * plus the chart data the renderers need (`chart`), so that renderers read nothing but the Result.
 */

import type { Finding } from './finding.js';
import type { CanonicalMetric, Unit, UsedDefinition } from './series.js';
import type { Warning } from './warning.js';

export const SCHEMA_VERSION = 1 as const;

export type VerdictKind =
  | 'leak'
  | 'kernel-leak'
  | 'suspected-leak'
  | 'reclaimable-cache'
  | 'workload-change'
  | 'healthy'
  | 'inconclusive';

export const VERDICT_KINDS: readonly VerdictKind[] = [
  'leak',
  'kernel-leak',
  'suspected-leak',
  'reclaimable-cache',
  'workload-change',
  'healthy',
  'inconclusive',
];

export interface InputSummary {
  file: string;
  format: string;
  series: string[];
  /** Number of warnings raised while reading this file. */
  warnings: number;
  /** What the format is, in words (the importer's description), for the report's appendix. */
  description?: string;
}

export interface SeriesSummary {
  name: string;
  /** Readable label for report text ("Used memory (total − free)"); `name` stays the export's own. */
  label: string;
  metric: CanonicalMetric;
  definition?: UsedDefinition;
  unit: Unit;
  points: number;
  start: string;
  end: string;
  changePoints: string[];
}

export interface Verdict {
  kind: VerdictKind;
  confidence: number;
  summary: string;
  evidence: string[];
  /** The slab cache the verdict names: the growing unreclaimable cache (kernel-leak) or the reclaimable cache that dominates (reclaimable-cache). */
  cache?: string;
}

export interface Forecast {
  series: string;
  /** When the latest regime's trend reaches the total, or null when not heading there. */
  exhaustionAt: string | null;
  totalBytes?: number;
  slopeBytesPerHour?: number;
  /** Start of the forecast line: the latest regime's fitted value at the series' last time. */
  fromTime?: string;
  fromValue?: number;
  /** The level that means exhaustion, in the series' unit: the total for used memory, 0 for available. */
  limitValue?: number;
}

export interface SlabSummary {
  snapshots: number;
  /** Largest caches of the latest snapshot, biggest first. */
  top: { name: string; bytes: number; reclaimable: boolean }[];
  totalBytes?: number;
  at?: string | null;
  /**
   * With 2 or more snapshots: the caches that changed most between the first and the latest snapshot,
   * largest absolute change first (`firstBytes` is 0 for a cache the first snapshot did not list).
   */
  growth?: { name: string; firstBytes: number; lastBytes: number; reclaimable: boolean }[];
  /** Time of the first snapshot, when it says so (with `growth`). */
  firstAt?: string | null;
}

export interface Phase {
  label: string;
  start: string;
  end: string;
  meanBytes?: number;
  p95Bytes?: number;
  peakBytes?: number;
}

export interface Recommendation {
  /** A sysctl key (`vm.…`, `fs.…`) or `action`. */
  key: string;
  value: string;
  rationale: string;
  risk: string;
  apply?: string;
  verify?: string;
  rollback?: string;
  /** The setting in place on this host when the inputs include sysctl output or a sysctl.conf (e.g. "100000 (sysctl -a)"). */
  current?: string;
}

export interface Mark {
  at: string;
  label: string;
}

/** One downsampled line for charts: [epoch ms, value] pairs, value null for a gap. */
export interface ChartLine {
  series: string;
  /** Readable label for the legend. */
  label: string;
  metric: CanonicalMetric;
  unit: Unit;
  points: [number, number | null][];
}

/** One part of MemTotal in a /proc/meminfo snapshot; the parts of a composition add up to MemTotal. */
export interface CompositionPart {
  /** Stable id: anon, shmem, page-cache, buffers, slab-reclaimable, slab-unreclaimable, kernel, free, other. */
  key: string;
  label: string;
  bytes: number;
  /** Whether the kernel can give this memory back under pressure (null: partly, or not known). */
  reclaimable: boolean | null;
}

/** Where MemTotal went at the moment of a /proc/meminfo snapshot (the latest one given). */
export interface MemoryComposition {
  at: string | null;
  file: string;
  totalBytes: number;
  availableBytes?: number;
  parts: CompositionPart[];
}

export interface ChartData {
  /** The series the main chart is about (the one the verdict and forecast speak of). */
  primary: string | null;
  lines: ChartLine[];
  /** Total memory in bytes, drawn as a limit line, when known. */
  totalBytes: number | null;
  /** Composition of memory from the latest /proc/meminfo snapshot, when one was given. */
  composition?: MemoryComposition;
}

/**
 * How close memory came to running out, measured on the full-resolution series (the chart lines are
 * downsampled). Values are in the series' unit (bytes, or percent without a known total).
 */
export interface Impact {
  /** Total memory the fractions refer to, when known. */
  totalBytes: number | null;
  /** First to last sample over all series, in seconds. */
  observedSeconds: number;
  /** "Used" at or above this fraction of the total counts as near exhaustion (0.9). */
  usedThresholdFraction: number;
  /** MemAvailable at or below this fraction of the total counts as near exhaustion (0.1). */
  availableThresholdFraction: number;
  /** Peak of the primary used series. */
  used?: {
    series: string;
    unit: Unit;
    peak: number;
    peakAt: string;
    /** Peak as a fraction of the total, when the total (or a percent unit) allows. */
    peakFraction: number | null;
    /** Time spent at or above the threshold, when it can be told. */
    secondsAboveThreshold: number | null;
  };
  /** Lowest MemAvailable. */
  available?: {
    series: string;
    unit: Unit;
    min: number;
    minAt: string;
    minFraction: number | null;
    secondsBelowThreshold: number | null;
  };
  /**
   * Time near exhaustion by the signal that measures pressure: MemAvailable when given, else used
   * memory. Null when no total is known to compare with.
   */
  nearExhaustionSeconds: number | null;
  nearExhaustionBasis: 'available' | 'used' | null;
}

/** One parameter of the analysis, for the report's appendix (and for anyone re-running it). */
export interface MethodParameter {
  /** The stage that uses it: "trend", "steps", "sawtooth", "verdict", "impact", "charts". */
  stage: string;
  name: string;
  value: string;
}

export interface Result {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'memautopsy'; version: string };
  generatedAt: string;
  host: string | null;
  inputs: InputSummary[];
  series: SeriesSummary[];
  findings: Finding[];
  verdict: Verdict;
  forecast: Forecast | null;
  slab?: SlabSummary;
  phases?: Phase[];
  marks: Mark[];
  recommendations: Recommendation[];
  warnings: Warning[];
  chart: ChartData;
  /** How close memory came to running out (absent when no series was usable). */
  impact?: Impact;
  /** The analysis' parameters, for the appendix. */
  method?: { parameters: MethodParameter[] };
}
