// Builders for JudgeInput with precise control: series values from piecewise-linear models, and the
// detector's findings stated explicitly (so the verdict is tested apart from detection).
import { readFileSync } from 'node:fs';
import type { SeriesAnalysis } from '../../src/detect/index.js';
import type { SawtoothFinding, StepFinding, TrendFinding } from '../../src/model/finding.js';
import {
  seriesLabels,
  type CanonicalMetric,
  type Series,
  type Unit,
  type UsedDefinition,
} from '../../src/model/series.js';
import { isReclaimableCache, type SlabSnapshot } from '../../src/model/slab.js';
import type {
  CgroupMemoryStat,
  DentryStateSnapshot,
  MeminfoSnapshot,
  SysctlSnapshot,
} from '../../src/model/snapshot.js';
import type { JudgeInput } from '../../src/verdict/index.js';

export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;
export const HOUR_MS = 3_600_000;
export const T0 = Date.UTC(2026, 2, 2);
export const iso = (ms: number): string => new Date(ms).toISOString();

/** One piece of a series model: from `fromHour` on, start at `level` and move `slopePerHour`. */
export interface Piece {
  fromHour: number;
  level: number;
  slopePerHour?: number;
}

export interface SeriesSpec {
  name?: string;
  metric: CanonicalMetric;
  definition?: UsedDefinition;
  unit?: Unit;
  hours: number;
  stepHours?: number;
  pieces: Piece[];
}

/** Values sampled every stepHours over [0, hours] from the piecewise-linear model. */
export function makeSeries(spec: SeriesSpec): Series {
  const step = spec.stepHours ?? 0.25;
  const t: number[] = [];
  const v: number[] = [];
  for (let h = 0; h <= spec.hours + 1e-9; h += step) {
    const piece = [...spec.pieces].reverse().find((p) => p.fromHour <= h) ?? (spec.pieces[0] as Piece);
    t.push(T0 + h * HOUR_MS);
    v.push(piece.level + (piece.slopePerHour ?? 0) * (h - piece.fromHour));
  }
  return {
    name: spec.name ?? `${spec.metric}${spec.definition !== undefined ? ` (${spec.definition})` : ''}`,
    metric: spec.metric,
    ...(spec.definition !== undefined ? { definition: spec.definition } : {}),
    unit: spec.unit ?? 'bytes',
    t: Float64Array.from(t),
    v: Float64Array.from(v),
    source: { file: `${spec.metric}.csv`, format: 'generic-csv' },
  };
}

export function trend(
  series: Series,
  fromHour: number,
  toHour: number,
  slopePerHour: number,
  pValue = 1e-8,
): TrendFinding {
  const unitKey = series.unit === 'percent' ? 'slopePercentPerHour' : 'slopeBytesPerHour';
  return {
    kind: slopePerHour >= 0 ? 'monotonic-growth' : 'monotonic-decline',
    series: series.name,
    start: iso(T0 + fromHour * HOUR_MS),
    end: iso(T0 + toHour * HOUR_MS),
    [unitKey]: slopePerHour,
    pValue,
    tau: slopePerHour >= 0 ? 0.6 : -0.6,
    interceptAtStart: 0,
  };
}

export function step(
  series: Series,
  atHour: number,
  kind: StepFinding['kind'],
  magnitude: number,
  cause?: string,
): StepFinding {
  return {
    kind,
    series: series.name,
    at: iso(T0 + atHour * HOUR_MS),
    [series.unit === 'percent' ? 'magnitudePercent' : 'magnitudeBytes']: magnitude,
    ...(cause !== undefined ? { cause } : {}),
  };
}

export function sawtooth(
  series: Series,
  fromHour: number,
  toHour: number,
  options: { cycles: number; periodHours: number; amplitude: number; floorSlopePerHour: number },
): SawtoothFinding {
  return {
    kind: 'sawtooth',
    series: series.name,
    start: iso(T0 + fromHour * HOUR_MS),
    end: iso(T0 + toHour * HOUR_MS),
    periodSeconds: options.periodHours * 3600,
    cycles: options.cycles,
    amplitudeBytes: options.amplitude,
    floorSlopeBytesPerHour: options.floorSlopePerHour,
  };
}

/** A SeriesAnalysis with the findings given (no detector involved). */
export function analysisOf(
  series: Series,
  findings: { trends?: TrendFinding[]; steps?: StepFinding[]; sawtooth?: SawtoothFinding } = {},
): SeriesAnalysis {
  return {
    series,
    steps: [],
    sawtooth: null,
    regimes: [],
    trendFindings: findings.trends ?? [],
    stepFindings: findings.steps ?? [],
    sawtoothFinding: findings.sawtooth ?? null,
  };
}

export function judgeInput(parts: Partial<JudgeInput> & { analyses?: SeriesAnalysis[] }): JudgeInput {
  const analyses = parts.analyses ?? [];
  return {
    analyses,
    labels: seriesLabels(analyses.map((a) => a.series)),
    slabs: parts.slabs ?? [],
    meminfo: parts.meminfo ?? [],
    dentryState: parts.dentryState ?? [],
    sysctl: parts.sysctl ?? [],
    cgroup: parts.cgroup ?? [],
    totalBytes: parts.totalBytes ?? null,
    ...(parts.findings !== undefined ? { findings: parts.findings } : {}),
  };
}

export function slabSnapshot(
  caches: [name: string, bytes: number][],
  atMs: number | null,
  file = 'slabinfo.txt',
): SlabSnapshot {
  return {
    atMs,
    caches: caches.map(([name, bytes]) => ({
      name,
      activeObjs: Math.round(bytes / 128),
      numObjs: Math.round(bytes / 128),
      objSizeBytes: 128,
      bytes,
      reclaimable: isReclaimableCache(name),
    })),
    source: { file, format: 'slabinfo' },
  };
}

export function meminfoSnapshot(
  fields: Record<string, number>,
  file = 'meminfo.txt',
  atMs: number | null = null,
): MeminfoSnapshot {
  return { atMs, fields, source: { file, format: 'meminfo' } };
}

export function dentrySnapshot(
  nrDentry: number,
  nrNegative: number,
  file = 'dentry-state.txt',
): DentryStateSnapshot {
  return {
    atMs: null,
    nrDentry,
    nrUnused: nrDentry,
    ageLimitSeconds: 45,
    wantPages: 0,
    nrNegative,
    source: { file, format: 'dentry-state' },
  };
}

/** cgroup v2 memory.stat text (`key value` lines, bytes) → a snapshot. */
export function cgroupFromFile(path: string, atMs: number | null = null): CgroupMemoryStat {
  const fields: Record<string, number> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key !== undefined && value !== undefined) fields[key] = Number(value);
  }
  return { atMs, fields, source: { file: path, format: 'cgroup-memory' } };
}

/** sysctl `key = value` lines (sysctl -a output or a sysctl.d file) → a snapshot. */
export function sysctlFromText(text: string, kind: SysctlSnapshot['kind'], file: string): SysctlSnapshot {
  const settings: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z0-9_.\-/]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match !== null && !line.trim().startsWith('#'))
      settings[match[1] as string] = (match[2] as string).replace(/\s+/g, ' ');
  }
  return { atMs: null, settings, kind, source: { file, format: 'sysctl' } };
}

export function sysctlOf(
  settings: Record<string, string>,
  kind: SysctlSnapshot['kind'] = 'running',
  file = 'sysctl-a.txt',
): SysctlSnapshot {
  return { atMs: null, settings, kind, source: { file, format: 'sysctl' } };
}

/** A series from a function of the hour (for shapes piecewise-linear pieces cannot draw, e.g. a capped sawtooth). */
export function seriesFrom(
  metric: CanonicalMetric,
  hours: number,
  valueAt: (hour: number) => number,
  options: { definition?: UsedDefinition; stepHours?: number; name?: string } = {},
): Series {
  const step = options.stepHours ?? 0.25;
  const t: number[] = [];
  const v: number[] = [];
  for (let h = 0; h <= hours + 1e-9; h += step) {
    t.push(T0 + h * HOUR_MS);
    v.push(valueAt(h));
  }
  return {
    name: options.name ?? `${metric}${options.definition !== undefined ? ` (${options.definition})` : ''}`,
    metric,
    ...(options.definition !== undefined ? { definition: options.definition } : {}),
    unit: 'bytes',
    t: Float64Array.from(t),
    v: Float64Array.from(v),
    source: { file: `${metric}.csv`, format: 'generic-csv' },
  };
}
