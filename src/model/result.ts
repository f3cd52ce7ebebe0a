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

export interface ChartData {
  /** The series the main chart is about (the one the verdict and forecast speak of). */
  primary: string | null;
  lines: ChartLine[];
  /** Total memory in bytes, drawn as a limit line, when known. */
  totalBytes: number | null;
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
}
