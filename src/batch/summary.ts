/**
 * The fleet summary (CONTRACT.md "batch summary.json"): one row per host, ranked by severity, with the
 * growth rate, forecast and peer-outlier flag the fleet index shows. Pure; no I/O.
 *
 * Ranking: leak and kernel-leak first, then suspected-leak, reclaimable-cache, workload-change, healthy,
 * inconclusive; within a class the fastest growth first (hosts without a byte growth rate last), then by
 * name. Failed hosts come after all analysed ones.
 *
 * Outliers (the idea of Datadog's MAD outlier monitors, research/anchors.md [A26]): the modified z-score
 * of Iglewicz and Hoaglin, M = 0.6745 · (g − median g) / MAD, over the growth rates (bytes/h) of the
 * analysed hosts; |M| > 3.5 (their recommended cut-off) flags a host. When more than half the hosts share
 * one rate (MAD = 0) the mean absolute deviation stands in: M = (g − median) / (1.253314 · MeanAD). Needs
 * at least 3 hosts with a rate; with no spread at all nothing is an outlier.
 */

import type { VerdictKind } from '../model/result.js';
import type { Shard } from './host-name.js';

export const SUMMARY_SCHEMA_VERSION = 1 as const;

export type ReportFormat = 'html' | 'pdf' | 'json' | 'md';

export interface HostSparkline {
  unit: 'bytes' | 'percent' | 'count';
  /** The series drawn (the report's primary series). */
  series: string;
  start: string;
  end: string;
  /** Mean per equal time bucket, oldest first; null for a bucket with no samples (a gap). */
  values: (number | null)[];
}

export interface OkHostRow {
  host: string;
  status: 'ok';
  verdict: { kind: VerdictKind; confidence: number; summary: string };
  /** Report paths relative to the output folder, by format. */
  report: Partial<Record<ReportFormat, string>>;
  /**
   * How fast memory in use grows in the latest regime (bytes/h; negative = shrinking): the forecast's
   * slope (sign flipped when the forecast follows MemAvailable), else the latest trend or sawtooth-floor
   * finding of the primary series, else 0 (no significant trend). Null without a byte series.
   */
  growthBytesPerHour: number | null;
  /** The same for a percent-only host (no total memory known), in percentage points per hour. */
  growthPercentPerHour: number | null;
  forecast: { exhaustionAt: string | null };
  /** Modified z-score of the growth rate against the fleet (see above); null when not computed. */
  growthRobustZ: number | null;
  outlier: boolean;
  warnings: number;
  sparkline: HostSparkline | null;
}

export interface ErrorHostRow {
  host: string;
  status: 'error';
  /** One line naming the file, relative to the batch folder (e.g. "db-3/mem.csv: …"). */
  error: string;
}

export type HostRow = OkHostRow | ErrorHostRow;

export interface BatchSummary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  generatedAt: string;
  tool: { name: 'memautopsy'; version: string };
  /** Present when this output is one shard of a larger run. */
  shard?: Shard;
  hosts: HostRow[];
}

/** Severity class of each verdict: lower is worse. */
const SEVERITY: Record<VerdictKind, number> = {
  leak: 0,
  'kernel-leak': 0,
  'suspected-leak': 1,
  'reclaimable-cache': 2,
  'workload-change': 3,
  healthy: 4,
  inconclusive: 5,
};

export function severityOf(kind: VerdictKind): number {
  return SEVERITY[kind] ?? Object.keys(SEVERITY).length;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Descending, nulls last. */
function compareRates(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b - a;
}

/** The fleet order (see the module comment). Returns a new array. */
export function rankHosts(rows: readonly HostRow[]): HostRow[] {
  return [...rows].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'ok' ? -1 : 1;
    if (a.status === 'ok' && b.status === 'ok') {
      return (
        severityOf(a.verdict.kind) - severityOf(b.verdict.kind) ||
        compareRates(a.growthBytesPerHour, b.growthBytesPerHour) ||
        compareRates(a.growthPercentPerHour, b.growthPercentPerHour) ||
        compareNames(a.host, b.host)
      );
    }
    return compareNames(a.host, b.host);
  });
}

export const OUTLIER_Z = 3.5;
export const MIN_OUTLIER_PEERS = 3;

function medianOf(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Modified z-scores of `values` (see the module comment); null for every value when there are fewer
 * than MIN_OUTLIER_PEERS values or no spread.
 */
export function robustZScores(values: readonly number[]): (number | null)[] {
  if (values.length < MIN_OUTLIER_PEERS) return values.map(() => null);
  const median = medianOf([...values].sort((a, b) => a - b));
  const deviations = values.map((v) => Math.abs(v - median));
  const mad = medianOf([...deviations].sort((a, b) => a - b));
  if (mad > 0) return values.map((v) => (0.6745 * (v - median)) / mad);
  const meanAd = deviations.reduce((sum, d) => sum + d, 0) / deviations.length;
  if (meanAd > 0) return values.map((v) => (v - median) / (1.253314 * meanAd));
  return values.map(() => null);
}

/** Fill growthRobustZ and outlier of every analysed host from the whole fleet. Returns new rows. */
export function flagOutliers(rows: readonly HostRow[]): HostRow[] {
  const rated = rows.filter(
    (row): row is OkHostRow => row.status === 'ok' && row.growthBytesPerHour !== null,
  );
  const scores = robustZScores(rated.map((row) => row.growthBytesPerHour as number));
  const byHost = new Map<OkHostRow, number | null>();
  rated.forEach((row, i) => byHost.set(row, scores[i] ?? null));
  return rows.map((row) => {
    if (row.status !== 'ok') return { host: row.host, status: row.status, error: row.error };
    const z = byHost.get(row) ?? null;
    // Fields in the contract's order first (host, status, verdict, report), then the additions.
    return {
      host: row.host,
      status: row.status,
      verdict: row.verdict,
      report: row.report,
      growthBytesPerHour: row.growthBytesPerHour,
      growthPercentPerHour: row.growthPercentPerHour,
      forecast: row.forecast,
      growthRobustZ: z === null ? null : Math.round(z * 100) / 100,
      outlier: z !== null && Math.abs(z) > OUTLIER_Z,
      warnings: row.warnings,
      sparkline: row.sparkline,
    };
  });
}

/** The summary of a set of host rows: outliers flagged, hosts ranked. */
export function buildSummary(
  rows: readonly HostRow[],
  meta: { generatedAt: Date; version: string; shard?: Shard },
): BatchSummary {
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    generatedAt: meta.generatedAt.toISOString(),
    tool: { name: 'memautopsy', version: meta.version },
    ...(meta.shard === undefined ? {} : { shard: meta.shard }),
    hosts: rankHosts(flagOutliers(rows)),
  };
}
