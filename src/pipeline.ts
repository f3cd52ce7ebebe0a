/**
 * analyze(): one host's inputs → the Result every output renders.
 *
 *   files ──1 ingest──▶ Series[] + snapshots ──2 usable, total, units──▶ byte series
 *         ──3 detect──▶ steps, sawtooth, per-regime trends ──4 causes──▶ Finding[]
 *         ──5 judge──▶ Verdict ──6 recommend──▶ Recommendation[]
 *         ──7 forecast, phases──▶ ──8 assemble──▶ Result
 *
 * Pure apart from reading the input files in step 1.
 */

import { analyzeSeries, type SeriesAnalysis } from './detect/index.js';
import { forecastExhaustion } from './detect/forecast.js';
import { detectSlabGrowth } from './detect/slab-growth.js';
import { attributeStepCauses } from './detect/step-cause.js';
import { InputError, messages } from './errors.js';
import { attachCgroupValues } from './ingest/cgroup-memory.js';
import { readInput, type InputReadResult } from './ingest/index.js';
import { deriveUsedSeries } from './normalize/derive.js';
import { reduceSeries } from './ingest/reduce.js';
import { joinSeriesAcrossFiles } from './normalize/join.js';
import type { Finding } from './model/finding.js';
import type { Forecast, Mark, Phase, Result } from './model/result.js';
import { isUsableSeries, seriesLabels, type Series } from './model/series.js';
import type { SlabSnapshot } from './model/slab.js';
import type {
  CgroupMemoryStat,
  DentryStateSnapshot,
  MeminfoSnapshot,
  SysctlSnapshot,
} from './model/snapshot.js';
import type { Warning } from './model/warning.js';
import { auditRecommendations, readSettings } from './recommend/index.js';
import { assembleResult } from './report/assemble.js';
import { quantile } from './detect/step-change.js';
import { gatherFacts, judge, type JudgeInput } from './verdict/index.js';
import { maxOf } from './model/numbers.js';

export interface AnalyzeOptions {
  /** Host name; otherwise from the input, else the first file's name. */
  host?: string | undefined;
  /** IANA zone for times without an offset. Default UTC. */
  tz?: string | undefined;
  marks?: Mark[] | undefined;
  /** Total memory in bytes, for percent inputs and inputs without MemTotal. */
  totalMemoryBytes?: number | undefined;
  /** Read every input as this importer id instead of sniffing. */
  inputFormat?: string | undefined;
  /** Refuse inputs larger than this many bytes (default: readInput's DEFAULT_MAX_INPUT_BYTES). */
  maxInputBytes?: number | undefined;
  /** Refuse inputs with more lines than this (default: readInput's DEFAULT_MAX_ROWS). */
  maxRows?: number | undefined;
  /** Points a series keeps before it is averaged into time buckets (default: reduce.ts POINT_CAPACITY). */
  pointCapacity?: number | undefined;
  /** Clock for generatedAt (tests pin it). */
  now?: () => Date;
}

export interface Evidence {
  reads: InputReadResult[];
  series: Series[];
  slabs: SlabSnapshot[];
  meminfo: MeminfoSnapshot[];
  dentryState: DentryStateSnapshot[];
  sysctl: SysctlSnapshot[];
  cgroup: CgroupMemoryStat[];
  warnings: Warning[];
}

/** Step 1: read every input. A bad file in a multi-file run becomes a warning while others remain usable. */
export async function ingestAll(files: string[], options: AnalyzeOptions): Promise<Evidence> {
  const evidence: Evidence = {
    reads: [],
    series: [],
    slabs: [],
    meminfo: [],
    dentryState: [],
    sysctl: [],
    cgroup: [],
    warnings: [],
  };
  const failures: InputError[] = [];
  for (const file of files) {
    try {
      const read = await readInput(file, {
        tz: options.tz ?? 'UTC',
        inputFormat: options.inputFormat,
        maxInputBytes: options.maxInputBytes,
        maxRows: options.maxRows,
        pointCapacity: options.pointCapacity,
      });
      evidence.reads.push(read);
      evidence.series.push(...read.result.series);
      evidence.slabs.push(...read.result.slabs);
      evidence.meminfo.push(...(read.result.meminfo ?? []));
      evidence.dentryState.push(...(read.result.dentryState ?? []));
      evidence.sysctl.push(...(read.result.sysctl ?? []));
      evidence.cgroup.push(...(read.result.cgroup ?? []));
      evidence.warnings.push(...read.warnings);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failures.push(error);
    }
  }
  // A series split over several files (daily sar or collectd files) is one series; value files
  // (memory.current, memory.max) belong to the memory.stat beside them.
  evidence.series = joinSeriesAcrossFiles(evidence.series, evidence.warnings).map((joined) =>
    // Many files of one series (a year of daily sar files) are bounded like one long file: each file
    // alone fits the point capacity, their join may not.
    reduceSeries(joined, (code, message) => evidence.warnings.push({ code, message }), options.pointCapacity),
  );
  evidence.cgroup = attachCgroupValues(evidence.cgroup);
  const usable =
    evidence.series.some(isUsableSeries) || evidence.slabs.length > 0 || evidence.meminfo.length > 0;
  if (!usable) {
    if (failures.length === 1 && evidence.reads.length === 0) throw failures[0] as InputError;
    if (failures.length === 0 && evidence.reads.length === 1) {
      throw new InputError('not-usable', messages.notUsable(), evidence.reads[0]?.file);
    }
    const reasons = [
      ...failures.map((f) => f.format()),
      ...evidence.reads.map((r) => `${r.file}: ${messages.notUsable()}`),
    ];
    throw new InputError('no-usable-input', `${messages.noUsableInput()}\n  ${reasons.join('\n  ')}`);
  }
  for (const failure of failures) {
    evidence.warnings.push({
      code: `skipped-${failure.code}`,
      message: `skipped: ${failure.message}`,
      ...(failure.file !== undefined ? { file: failure.file } : {}),
      ...(failure.line !== undefined ? { line: failure.line } : {}),
    });
  }
  return evidence;
}

/** Total memory: the option, else the largest mem.total sample, else MemTotal of a meminfo snapshot. */
function resolveTotalBytes(evidence: Evidence, option: number | undefined): number | null {
  if (option !== undefined) return option;
  let total = NaN;
  for (const s of evidence.series) {
    if (s.metric !== 'mem.total' || s.unit !== 'bytes') continue;
    for (const v of s.v) if (!Number.isNaN(v) && !(v <= total)) total = v;
  }
  if (!Number.isNaN(total)) return total;
  return evidence.meminfo.at(-1)?.fields.MemTotal ?? null;
}

/** Percent series become bytes when the total is known (CONTRACT.md: slopes in bytes then). */
function toBytes(series: Series, totalBytes: number | null): Series {
  if (series.unit !== 'percent' || totalBytes === null) return series;
  return { ...series, unit: 'bytes', v: series.v.map((p) => (p / 100) * totalBytes) };
}

/** Values of a series within [fromMs, toMs). */
function valuesBetween(series: Series, fromMs: number, toMs: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < series.t.length; i++) {
    const t = series.t[i] as number;
    const v = series.v[i] as number;
    if (t >= fromMs && t < toMs && !Number.isNaN(v)) values.push(v);
  }
  return values;
}

/** The series the report is about: used memory, else available, else the first byte series. */
function choosePrimary(analyses: SeriesAnalysis[]): SeriesAnalysis | undefined {
  return (
    analyses.find((a) => a.series.metric === 'mem.used') ??
    analyses.find((a) => a.series.metric === 'mem.available') ??
    analyses.find((a) => a.series.unit === 'bytes') ??
    analyses[0]
  );
}

/**
 * Step 7a: time to exhaustion from the latest regime of available memory reaching zero, or, without a
 * MemAvailable series, of used memory reaching the total (when the total is known). A sawtooth regime
 * forecasts from its floor (troughs), since its peaks are given back.
 */
function buildForecast(analyses: SeriesAnalysis[], totalBytes: number | null): Forecast | null {
  // MemAvailable reaching zero is what exhaustion means; "used" reaching the total only where no
  // MemAvailable series exists (and some definitions of used count reclaimable cache).
  const available = analyses.find((a) => a.series.metric === 'mem.available');
  const used = analyses.find(
    (a) => a.series.metric === 'mem.used' && (a.series.unit === 'percent' || totalBytes !== null),
  );
  const primary = available ?? used ?? choosePrimary(analyses);
  if (primary === undefined) return null;
  const series = primary.series;
  const regime = primary.regimes.at(-1);
  if (regime === undefined) return null;
  const lastMs = series.t[series.t.length - 1] as number;
  const isAvailable = series.metric === 'mem.available';
  const limit = isAvailable ? 0 : series.unit === 'bytes' ? totalBytes : 100;
  const base: Forecast = { series: series.name, exhaustionAt: null };
  if (limit === null) return base;

  let slopePerHour: number | null = null;
  let fittedLast: number | null = null;
  if (regime.sawtooth && primary.sawtooth !== null && !Number.isNaN(primary.sawtooth.floorSlopePerHour)) {
    const troughs = primary.sawtooth.troughIndices;
    slopePerHour = primary.sawtooth.floorSlopePerHour;
    const lastTrough = troughs[troughs.length - 1] as number;
    fittedLast =
      (series.v[lastTrough] as number) +
      slopePerHour * ((lastMs - (series.t[lastTrough] as number)) / 3_600_000);
  } else if (regime.trend !== null) {
    const trend = regime.trend;
    slopePerHour = trend.slopeBytesPerHour ?? trend.slopePercentPerHour ?? null;
    if (slopePerHour !== null) {
      fittedLast = trend.interceptAtStart + slopePerHour * ((lastMs - Date.parse(trend.start)) / 3_600_000);
    }
  }
  if (slopePerHour === null || fittedLast === null) return { ...base, limitValue: limit };
  const towardLimit = isAvailable ? -slopePerHour : slopePerHour;
  const exhaustionMs = forecastExhaustion({
    lastTimeMs: lastMs,
    fittedLastValue: isAvailable ? -fittedLast : fittedLast,
    slopePerHour: towardLimit,
    limit: isAvailable ? 0 : limit,
  });
  return {
    ...base,
    exhaustionAt: exhaustionMs === null ? null : new Date(exhaustionMs).toISOString(),
    ...(series.unit === 'bytes' && totalBytes !== null ? { totalBytes } : {}),
    ...(series.unit === 'bytes' ? { slopeBytesPerHour: slopePerHour } : {}),
    fromTime: new Date(lastMs).toISOString(),
    fromValue: fittedLast,
    limitValue: limit,
  };
}

/** Step 7b: one phase before the first mark, one between each pair, one after the last. */
function buildPhases(primary: SeriesAnalysis | undefined, marks: Mark[]): Phase[] | undefined {
  if (marks.length === 0 || primary === undefined) return undefined;
  const series = primary.series;
  const sorted = [...marks].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const startMs = series.t[0] as number;
  const endMs = series.t[series.t.length - 1] as number;
  const bounds = [startMs, ...sorted.map((m) => Date.parse(m.at)), endMs + 1];
  const labels = [
    `before ${sorted[0]?.label}`,
    ...sorted.map((m, i) =>
      i + 1 < sorted.length ? `${m.label} → ${sorted[i + 1]?.label}` : `after ${m.label}`,
    ),
  ];
  return labels.map((label, i) => {
    const fromMs = bounds[i] as number;
    const toMs = bounds[i + 1] as number;
    const values = valuesBetween(series, fromMs, toMs);
    const stats =
      values.length === 0 || series.unit !== 'bytes'
        ? {}
        : {
            meanBytes: values.reduce((a, b) => a + b, 0) / values.length,
            p95Bytes: quantile(values, 0.95),
            peakBytes: maxOf(values),
          };
    return {
      label,
      start: new Date(Math.max(fromMs, startMs)).toISOString(),
      end: new Date(Math.min(toMs, endMs)).toISOString(),
      ...stats,
    };
  });
}

export async function analyze(files: string[], options: AnalyzeOptions = {}): Promise<Result> {
  // 1. Ingest.
  const evidence = await ingestAll(files, options);
  const marks = options.marks ?? [];

  // 2. Usable series, total memory, percent → bytes where the total allows.
  const totalBytes = resolveTotalBytes(evidence, options.totalMemoryBytes);
  // Total and available but no "used": used = total − available (normalize/derive.ts).
  const derivedUsed = deriveUsedSeries(evidence.series, totalBytes);
  if (derivedUsed !== null) evidence.series.push(derivedUsed);
  const warnings = [...evidence.warnings];
  const usable: Series[] = [];
  for (const series of evidence.series) {
    if (isUsableSeries(series)) usable.push(toBytes(series, totalBytes));
    else
      warnings.push({
        code: 'series-not-usable',
        message: `series "${series.name}" has fewer than 3 points spanning time; ignored`,
        file: series.source.file,
      });
  }

  // 3. Detect: segmentation, steps, sawtooth and per-regime trends for every series; slab growth
  // across timed slab snapshots.
  const analyses = usable.map(analyzeSeries);
  const slabGrowth = detectSlabGrowth(evidence.slabs, totalBytes);

  // 4. Causes of the steps (detect/step-cause.ts).
  attributeStepCauses(analyses, marks, totalBytes);

  // 5. Judge: every finding and breakdown → host facts → verdict.
  const primary = choosePrimary(analyses);
  const findings: Finding[] = analyses.flatMap((a) => [
    ...a.trendFindings,
    ...(a.sawtoothFinding === null ? [] : [a.sawtoothFinding]),
    ...a.stepFindings,
  ]);
  findings.push(...slabGrowth);
  const judgeInput: JudgeInput = {
    analyses,
    labels: seriesLabels(usable),
    slabs: evidence.slabs,
    meminfo: evidence.meminfo,
    dentryState: evidence.dentryState,
    sysctl: evidence.sysctl,
    cgroup: evidence.cgroup,
    totalBytes,
    findings,
  };
  const facts = gatherFacts(judgeInput);
  const verdict = judge(judgeInput, facts);

  // 6.–8. Recommend, forecast, phases, assemble.
  const host =
    options.host ??
    evidence.reads.find((r) => r.result.host !== undefined)?.result.host ??
    files.map(hostFromFileName).find((name) => name !== null) ??
    null;
  const latestDentry = evidence.dentryState.at(-1);
  const result = assembleResult({
    host,
    reads: evidence.reads,
    analyses,
    findings,
    verdict,
    forecast: buildForecast(analyses, totalBytes),
    slabs: evidence.slabs,
    phases: buildPhases(primary, marks),
    marks,
    warnings,
    totalBytes,
    primary: primary?.series.name ?? null,
    generatedAt: (options.now ?? (() => new Date()))(),
    meminfo: evidence.meminfo,
  });
  const audit = auditRecommendations({
    verdict,
    findings,
    slab: result.slab,
    negativeDentryShare:
      latestDentry !== undefined && latestDentry.nrDentry > 0
        ? latestDentry.nrNegative / latestDentry.nrDentry
        : null,
    host: result.host,
    facts,
    settings: readSettings(
      evidence.sysctl,
      evidence.reads.flatMap((read) =>
        read.result.kernelRelease === undefined
          ? []
          : [{ release: read.result.kernelRelease, file: read.file }],
      ),
    ),
  });
  result.recommendations = audit.recommendations;
  // A rule that breaks a guardrail is a bug; its advice is dropped and the drop is reported.
  for (const rejected of audit.rejected) {
    result.warnings.push({
      code: 'recommendation-rejected',
      message: `rule ${rejected.rule} advised ${rejected.key} against a guardrail (${rejected.problems.join('; ')}); dropped`,
    });
  }
  return result;
}

/** Words that name what an export holds, not which host: dropped when guessing a host from a file name. */
const NON_HOST_WORDS =
  /(^|[-_. ])(memory|mem|used|usage|available|data|as|joinbyfield|export|grafana|metrics?|report|sar|free|slabtop|slabinfo|meminfo|dentry|state|sysctl|vmstat|o)(?=$|[-_. ])/gi;
const TIMESTAMP = /\d{4}-?\d{2}-?\d{2}([T_ ]?\d{2}[-_:]?\d{2}([-_:]?\d{2})?Z?)?/g;

/**
 * "db-02-memory-2026-03-07.csv" → "db-02"; "Memory-used-data-2026-03-06_09_03_27.csv" → null: the file
 * name without folders, extension, timestamps and words that describe the export.
 */
export function hostFromFileName(file: string): string | null {
  const base = file.split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    .replace(TIMESTAMP, '')
    .replace(NON_HOST_WORDS, '$1')
    .replace(NON_HOST_WORDS, '$1')
    .replace(/^[-_. ]+|[-_. ]+$/g, '')
    .replace(/[-_. ]{2,}/g, '-');
  return stem === '' ? null : stem;
}
