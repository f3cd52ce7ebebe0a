/**
 * The words of the report: labels for verdicts and findings and one-line descriptions, shared by the
 * HTML and Markdown renderers so both say the same thing. Pure; reads only the Result's types.
 */

import type { Finding, FindingKind, StepFinding } from '../model/finding.js';
import type { Result, SeriesSummary, VerdictKind } from '../model/result.js';
import type { CanonicalMetric, Unit, UsedDefinition } from '../model/series.js';
import {
  formatBytes,
  formatDate,
  formatDuration,
  formatPercent,
  formatPercentValue,
  formatPValue,
  formatSlope,
  formatTimeRange,
  formatValue,
  NOT_AVAILABLE,
} from '../model/format.js';

const VERDICT_LABELS: Record<VerdictKind, string> = {
  leak: 'Memory leak',
  'kernel-leak': 'Kernel memory leak — unreclaimable',
  'suspected-leak': 'Suspected leak — cause not attributed',
  'reclaimable-cache': 'Reclaimable cache — not a leak',
  'workload-change': 'Workload change — a level shift, not growth',
  healthy: 'Healthy',
  inconclusive: 'Inconclusive',
};

/** How alarming a verdict is; the HTML colours the verdict badge by it. */
export type VerdictTone = 'critical' | 'warning' | 'ok' | 'neutral';

const VERDICT_TONES: Record<VerdictKind, VerdictTone> = {
  leak: 'critical',
  'kernel-leak': 'critical',
  'suspected-leak': 'warning',
  'reclaimable-cache': 'ok',
  'workload-change': 'neutral',
  healthy: 'ok',
  inconclusive: 'neutral',
};

export function verdictLabel(kind: VerdictKind): string {
  return VERDICT_LABELS[kind] ?? kind;
}

export function verdictTone(kind: VerdictKind): VerdictTone {
  return VERDICT_TONES[kind] ?? 'neutral';
}

const FINDING_LABELS: Record<FindingKind, string> = {
  'monotonic-growth': 'Steady growth',
  'monotonic-decline': 'Steady decline',
  sawtooth: 'Sawtooth (fill and reclaim)',
  'step-drop': 'Step drop',
  'step-rise': 'Step rise',
  'slab-growth': 'Slab cache growth',
};

export function findingLabel(kind: FindingKind): string {
  return FINDING_LABELS[kind] ?? kind;
}

/** A step more than this many times the sawtooth's amplitude is an event of its own (the detector's rule). */
const OUTSIZED_STEP_FACTOR = 1.8;

/**
 * Whether a step or trend finding is one of a sawtooth's own cycles: on the sawtooth's series, inside
 * its span, and (for a step) not outsized — a drop_caches or restart drop far larger than the cycles
 * stays an event of its own. The sawtooth finding speaks for its cycles (count, size, period, troughs),
 * so the chart, the timeline and the findings table show them through it instead of one by one.
 */
export function partOfSawtooth(finding: Finding, findings: readonly Finding[]): boolean {
  let series: string;
  let atMs: number;
  let magnitude: number | null = null;
  switch (finding.kind) {
    case 'step-drop':
    case 'step-rise':
      series = finding.series;
      atMs = Date.parse(finding.at);
      magnitude = Math.abs(finding.magnitudeBytes ?? finding.magnitudePercent ?? NaN);
      break;
    case 'monotonic-growth':
    case 'monotonic-decline':
      series = finding.series;
      atMs = Date.parse(finding.start);
      break;
    default:
      return false;
  }
  return findings.some((other) => {
    if (other.kind !== 'sawtooth' || other.series !== series) return false;
    if (!(atMs >= Date.parse(other.start) && atMs <= Date.parse(other.end))) return false;
    const amplitude = other.amplitudeBytes ?? other.amplitudePercent;
    return magnitude === null || amplitude === undefined || !(magnitude > OUTSIZED_STEP_FACTOR * amplitude);
  });
}

/** One finding as the table shows it. All fields are plain text; renderers escape them. */
export interface FindingRow {
  kind: FindingKind;
  label: string;
  /** The series or slab cache the finding is about. */
  subject: string;
  when: string;
  /** `when` cut where a line may break: ["2026-03-02 00:00 –", "2026-03-03 23:55 UTC"] for a range. */
  whenParts: string[];
  detail: string;
}

function rangeParts(start: string, end: string): { when: string; whenParts: string[] } {
  const when = formatTimeRange(start, end);
  const cut = when.indexOf(' – ');
  return { when, whenParts: cut < 0 ? [when] : [when.slice(0, cut + 2), when.slice(cut + 3)] };
}

function pointParts(when: string): { when: string; whenParts: string[] } {
  return { when, whenParts: [when] };
}

function byteOrPercent(bytes: number | undefined, percent: number | undefined): string {
  if (bytes !== undefined) return formatBytes(bytes);
  if (percent !== undefined) return formatPercentValue(percent);
  return NOT_AVAILABLE;
}

function slopeOf(bytesPerHour: number | undefined, percentPerHour: number | undefined): string {
  if (bytesPerHour !== undefined) return formatSlope(bytesPerHour, 'bytes');
  if (percentPerHour !== undefined) return formatSlope(percentPerHour, 'percent');
  return NOT_AVAILABLE;
}

/** The readable label of a series by its export name (falls back to the name). */
export function seriesLabelOf(result: Pick<Result, 'series'>, name: string): string {
  return result.series.find((s) => s.name === name)?.label ?? name;
}

/** `labelOf` maps a series name to its readable label (see seriesLabelOf). */
export function describeFinding(
  finding: Finding,
  labelOf: (name: string) => string = (name) => name,
): FindingRow {
  const label = findingLabel(finding.kind);
  switch (finding.kind) {
    case 'monotonic-growth':
    case 'monotonic-decline':
      return {
        kind: finding.kind,
        label,
        subject: labelOf(finding.series),
        ...rangeParts(finding.start, finding.end),
        detail: `${slopeOf(finding.slopeBytesPerHour, finding.slopePercentPerHour)} (Sen's slope), Mann-Kendall p = ${formatPValue(finding.pValue)}, τ = ${finding.tau.toFixed(2)}`,
      };
    case 'sawtooth': {
      const parts = [
        `${finding.cycles} cycles every ${formatDuration(finding.periodSeconds)}`,
        `amplitude ${byteOrPercent(finding.amplitudeBytes, finding.amplitudePercent)}`,
      ];
      const floor = slopeOf(finding.floorSlopeBytesPerHour, finding.floorSlopePercentPerHour);
      if (floor !== NOT_AVAILABLE) parts.push(`troughs ${floor}`);
      return {
        kind: finding.kind,
        label,
        subject: labelOf(finding.series),
        ...rangeParts(finding.start, finding.end),
        detail: parts.join(', '),
      };
    }
    case 'step-drop':
    case 'step-rise': {
      const sign = finding.kind === 'step-drop' ? '-' : '+';
      const size = byteOrPercent(finding.magnitudeBytes, finding.magnitudePercent).replace(/^-/, '');
      return {
        kind: finding.kind,
        label,
        subject: labelOf(finding.series),
        ...pointParts(formatDate(finding.at)),
        detail: finding.cause ? `${sign}${size} (${finding.cause})` : `${sign}${size}`,
      };
    }
    case 'slab-growth':
      return {
        kind: finding.kind,
        label,
        subject: finding.cache,
        ...pointParts(NOT_AVAILABLE),
        detail: `${formatSlope(finding.growthBytesPerHour)}, ${finding.reclaimable ? 'reclaimable' : 'unreclaimable'}`,
      };
  }
}

/**
 * The findings table: every finding, except that the steps and trends inside a sawtooth (its cycles)
 * are counted in one row after the sawtooth instead of listed one by one (the JSON lists them all).
 */
export function findingRows(result: Pick<Result, 'findings' | 'series'>): FindingRow[] {
  const labelOf = (name: string): string => seriesLabelOf(result, name);
  const rows: FindingRow[] = [];
  for (const finding of result.findings) {
    if (partOfSawtooth(finding, result.findings)) continue;
    rows.push(describeFinding(finding, labelOf));
    if (finding.kind !== 'sawtooth') continue;
    const cycles = result.findings.filter(
      (other) => 'series' in other && other.series === finding.series && partOfSawtooth(other, [finding]),
    );
    if (cycles.length === 0) continue;
    const count = (kind: FindingKind): number => cycles.filter((c) => c.kind === kind).length;
    const parts = [
      count('step-drop') > 0 ? `${count('step-drop')} step drops` : '',
      count('step-rise') > 0 ? `${count('step-rise')} step rises` : '',
      count('monotonic-growth') + count('monotonic-decline') > 0
        ? `${count('monotonic-growth') + count('monotonic-decline')} trends`
        : '',
    ].filter(Boolean);
    rows.push({
      kind: 'sawtooth',
      label: 'Sawtooth cycles',
      subject: labelOf(finding.series),
      ...rangeParts(finding.start, finding.end),
      detail: `${parts.join(', ')} inside the sawtooth: its build-ups and drops (each one is in the JSON report)`,
    });
  }
  return rows;
}

/** Earliest start and latest end over the result's series, or nulls when there are none. */
export function timeRangeOf(result: Pick<Result, 'series'>): { start: string | null; end: string | null } {
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const series of result.series) {
    const s = Date.parse(series.start);
    const e = Date.parse(series.end);
    if (Number.isFinite(s)) startMs = Math.min(startMs, s);
    if (Number.isFinite(e)) endMs = Math.max(endMs, e);
  }
  return {
    start: Number.isFinite(startMs) ? new Date(startMs).toISOString() : null,
    end: Number.isFinite(endMs) ? new Date(endMs).toISOString() : null,
  };
}

/** The forecast as one sentence, or null when there is no forecast. */
export function describeForecast(result: Pick<Result, 'forecast' | 'series'>): string | null {
  const forecast = result.forecast;
  if (forecast === null) return null;
  const label = seriesLabelOf(result, forecast.series);
  const rate =
    forecast.slopeBytesPerHour !== undefined
      ? ` at ${formatSlope(forecast.slopeBytesPerHour)} (latest regime)`
      : '';
  if (forecast.exhaustionAt === null) {
    return `${label}: not heading to exhaustion${rate}.`;
  }
  const limit =
    forecast.limitValue === 0
      ? ' zero'
      : forecast.totalBytes !== undefined
        ? ` all ${formatBytes(forecast.totalBytes)}`
        : ' the total';
  return `${label}: would reach${limit} at ${formatDate(forecast.exhaustionAt)}${rate}.`;
}

/** Phase letters as the chart and the phase table show them: A, B, … Z, AA, AB … */
export function phaseLetter(index: number): string {
  let n = index;
  let letters = '';
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

const DEFINITION_TEXT: Record<UsedDefinition, string> = {
  'total-minus-available':
    'MemTotal − MemAvailable: memory not available to new work; cache the kernel can reclaim does not count as used.',
  'total-minus-free':
    'MemTotal − MemFree: counts page cache and reclaimable slab as used, so it grows with cache (Datadog system.mem.used, many Grafana panels, free ≤ 3.3.9).',
  'total-minus-free-buffers-cache':
    'MemTotal − MemFree − Buffers − Cached: leaves out page cache (free 3.3.10–4.0.0, Telegraf).',
  'total-minus-free-buffers-cache-slab':
    'MemTotal − MemFree − Buffers − Cached − Slab: leaves out page cache and all slab (sysstat 11.7.4–12.7.7, collectd).',
  'cgroup-usage':
    'cgroup memory usage (memory.current): counts the page cache and reclaimable slab charged to the group.',
  'usage-minus-inactive-file':
    'cgroup working set, usage − inactive_file: still counts active page cache and reclaimable slab (cAdvisor, kubelet).',
  unknown:
    'Not stated by the export: it may include page cache and reclaimable slab. Compare with MemAvailable before calling growth a leak.',
};

const METRIC_MEANING: Partial<Record<CanonicalMetric, string>> = {
  'mem.available':
    "MemAvailable: the kernel's estimate of memory that new work can get without swapping, counting the reclaimable part of page cache and slab.",
  'mem.free': 'MemFree: memory nobody uses at all; low values are normal on a busy host.',
  'mem.cached': 'Cached: page cache (file data), given back under pressure; includes Shmem.',
  'mem.buffers': 'Buffers: block-device metadata cache, reclaimable.',
  'mem.anon': 'AnonPages: memory that processes allocated (heap, stacks); only swap can free it.',
  'mem.total': 'MemTotal: usable RAM.',
  'mem.committed':
    'Committed_AS: memory promised to processes (allocated, not necessarily touched); what overcommit accounting counts.',
  'mem.shmem': 'Shmem: tmpfs and shared memory; counted in Cached but not reclaimable without swap.',
  'slab.total': 'Slab: kernel object caches, reclaimable and unreclaimable.',
  'slab.reclaimable': 'SReclaimable: slab the kernel frees under pressure (dentry, inode caches).',
  'slab.unreclaimable': 'SUnreclaim: slab the kernel cannot free; growth here is a kernel-side leak.',
  'swap.used': 'Swap in use.',
  'dentry.unused': 'Unused dentries (nr_unused): cached name lookups nobody holds, reclaimable.',
};

/** What a series measures, in words: the definition of "used" for used series, else the metric. */
export function seriesMeaning(series: Pick<SeriesSummary, 'metric' | 'definition'>): string {
  if (series.metric === 'mem.used') return DEFINITION_TEXT[series.definition ?? 'unknown'];
  return METRIC_MEANING[series.metric] ?? 'Not a memory metric memautopsy knows; shown as exported.';
}

/** "Used" definitions that include page cache or reclaimable slab (research/formats.md §0). */
const CACHE_COUNTING_DEFINITIONS: readonly UsedDefinition[] = [
  'total-minus-free',
  'unknown',
  'usage-minus-inactive-file',
  'cgroup-usage',
];

/** Whether a used series' definition counts cache (a used series with no stated definition may). */
export function countsCache(result: Pick<Result, 'series'>, series: string): boolean {
  const summary = result.series.find((s) => s.name === series);
  return (
    summary !== undefined &&
    summary.metric === 'mem.used' &&
    CACHE_COUNTING_DEFINITIONS.includes(summary.definition ?? 'unknown')
  );
}

/**
 * The forecast projects a "used" that counts cache towards the total: reaching it means cache fills
 * memory, which the kernel reclaims, not that memory runs out.
 */
export function forecastCountsCache(result: Pick<Result, 'series' | 'forecast'>): boolean {
  const forecast = result.forecast;
  return forecast !== null && forecast.exhaustionAt !== null && countsCache(result, forecast.series);
}

const LEAK_VERDICTS: readonly VerdictKind[] = ['leak', 'kernel-leak', 'suspected-leak'];

/**
 * The deadline the action items work to: the projected exhaustion, when the verdict is a leak (for
 * cache, a projection of "used" to the total is not memory running out). Null otherwise.
 */
export function actionDeadline(result: Pick<Result, 'series' | 'forecast' | 'verdict'>): string | null {
  const at = result.forecast?.exhaustionAt ?? null;
  if (at === null || !LEAK_VERDICTS.includes(result.verdict.kind)) return null;
  return formatDate(at);
}

/** One line of the summary's key figures. All text; renderers escape it. */
export interface KeyFact {
  label: string;
  value: string;
  /** What the value is measured on, or why it is unknown. */
  note: string;
}

/** A drop whose cause was a process going away: the ones Impact counts as restarts or OOM kills. */
export function restartDrops(result: Pick<Result, 'findings'>): StepFinding[] {
  return result.findings.filter(
    (f): f is StepFinding => f.kind === 'step-drop' && (f.cause === 'restart' || f.cause === 'oom-kill'),
  );
}

function valueInUnit(value: number, unit: Unit): string {
  return formatValue(value, unit);
}

function ofTotal(fraction: number | null): string {
  return fraction === null ? '' : `, ${formatPercent(fraction)} of total`;
}

/** "1 restart, 1 OOM kill" / "none seen". */
function restartText(result: Pick<Result, 'findings'>): string {
  const drops = restartDrops(result);
  const restarts = drops.filter((d) => d.cause === 'restart').length;
  const kills = drops.filter((d) => d.cause === 'oom-kill').length;
  const parts = [
    kills > 0 ? `${kills} OOM kill${kills === 1 ? '' : 's'}` : '',
    restarts > 0 ? `${restarts} restart${restarts === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'none seen' : parts.join(', ');
}

/** The Impact section: how close to the limit, for how long, restarts and OOM kills, in rows. */
export interface ImpactView {
  /** One or two sentences that say what the numbers mean. */
  statement: string;
  rows: KeyFact[];
  /** Four figures for the summary strip. */
  keyFacts: KeyFact[];
}

export function describeImpact(result: Result): ImpactView {
  const impact = result.impact;
  const labelOf = (name: string): string => seriesLabelOf(result, name);
  const range = timeRangeOf(result);
  const rows: KeyFact[] = [];
  const statements: string[] = [];
  const forecast = result.forecast;
  // How long after the data ends memory would run out, if the latest trend goes on.
  const untilSeconds =
    forecast !== null && forecast.exhaustionAt !== null && range.end !== null
      ? (Date.parse(forecast.exhaustionAt) - Date.parse(range.end)) / 1000
      : null;
  const cacheCaveat = forecastCountsCache(result)
    ? '; this "used" counts cache, which the kernel reclaims'
    : '';
  const projected =
    forecast !== null && forecast.exhaustionAt !== null
      ? {
          value: formatDate(forecast.exhaustionAt),
          note: `${untilSeconds !== null && untilSeconds > 0 ? `${formatDuration(untilSeconds)} after the data ends; ` : ''}latest trend of ${labelOf(forecast.series)}${cacheCaveat}`,
        }
      : { value: 'none', note: forecast === null ? 'no series to project' : 'not heading to exhaustion' };
  const projectedFact: KeyFact =
    forecast !== null && forecast.exhaustionAt !== null && untilSeconds !== null && untilSeconds > 0
      ? {
          label: 'Projected exhaustion',
          value: `in ${formatDuration(untilSeconds)}`,
          note: `${formatDate(forecast.exhaustionAt)}${cacheCaveat === '' ? '' : ' · of "used", which counts cache'}`,
        }
      : { label: 'Projected exhaustion', ...projected };

  if (impact === undefined) {
    const restarts = { label: 'Restarts / OOM kills', value: restartText(result), note: 'step drops' };
    return {
      statement: 'No time series: how close memory came to the limit cannot be told from snapshots alone.',
      rows: [restarts],
      keyFacts: [
        { label: 'Near exhaustion', value: 'unknown', note: 'no time series' },
        restarts,
        projectedFact,
      ],
    };
  }

  rows.push({
    label: 'Observed',
    value: formatDuration(impact.observedSeconds),
    note: formatTimeRange(range.start, range.end),
  });
  rows.push(
    impact.totalBytes === null
      ? { label: 'Total memory', value: 'unknown', note: 'not in the inputs (give --total-memory)' }
      : { label: 'Total memory', value: formatBytes(impact.totalBytes), note: '' },
  );
  const usedThreshold = formatPercent(impact.usedThresholdFraction);
  const availableThreshold = formatPercent(impact.availableThresholdFraction);
  const used = impact.used;
  const usedCountsCache = used !== undefined && countsCache(result, used.series);
  if (used !== undefined) {
    rows.push({
      label: 'Peak used',
      value: `${valueInUnit(used.peak, used.unit)}${ofTotal(used.peakFraction)}`,
      note: `${labelOf(used.series)}, at ${formatDate(used.peakAt)}`,
    });
    rows.push({
      label: `Used ≥ ${usedThreshold} of total`,
      value:
        used.secondsAboveThreshold === null ? 'unknown' : formatDurationOrNever(used.secondsAboveThreshold),
      note:
        used.secondsAboveThreshold === null
          ? 'no total memory to compare with'
          : usedCountsCache
            ? 'this "used" counts cache, so it is what an alert saw, not pressure'
            : '',
    });
  }
  const available = impact.available;
  if (available !== undefined) {
    rows.push({
      label: 'Lowest available',
      value: `${valueInUnit(available.min, available.unit)}${ofTotal(available.minFraction)}`,
      note: `${labelOf(available.series)}, at ${formatDate(available.minAt)}`,
    });
    rows.push({
      label: `Available ≤ ${availableThreshold} of total`,
      value:
        available.secondsBelowThreshold === null
          ? 'unknown'
          : formatDurationOrNever(available.secondsBelowThreshold),
      note: available.secondsBelowThreshold === null ? 'no total memory to compare with' : '',
    });
  }
  const restarts: KeyFact = {
    label: 'Restarts / OOM kills',
    value: restartText(result),
    note: restartDrops(result)
      .map((d) => `${d.cause} ${formatDate(d.at)}`)
      .join('; '),
  };
  rows.push(restarts);
  rows.push({ label: 'Projected exhaustion', ...projected });

  // What it means, in words.
  const nearSeconds = impact.nearExhaustionSeconds;
  if (impact.nearExhaustionBasis === 'available' && available !== undefined) {
    if (nearSeconds === 0) {
      statements.push(
        `${labelOf(available.series)} never fell below ${valueInUnit(available.min, available.unit)}${ofTotal(available.minFraction)}: the host was not short of memory.`,
      );
    } else if (nearSeconds !== null) {
      statements.push(
        `Memory was near exhaustion (${labelOf(available.series)} ≤ ${availableThreshold} of total) for ${formatDuration(nearSeconds)} of ${formatDuration(impact.observedSeconds)} observed; the lowest was ${valueInUnit(available.min, available.unit)} at ${formatDate(available.minAt)}.`,
      );
    }
    if (nearSeconds === 0 && used !== undefined && (used.secondsAboveThreshold ?? 0) > 0) {
      statements.push(
        `${labelOf(used.series)} was at or above ${usedThreshold} of total for ${formatDuration(used.secondsAboveThreshold)}: an alert on that "used" fires on cache.`,
      );
    }
  } else if (impact.nearExhaustionBasis === 'used' && used !== undefined && nearSeconds !== null) {
    statements.push(
      nearSeconds === 0
        ? `${labelOf(used.series)} stayed below ${usedThreshold} of total (peak ${valueInUnit(used.peak, used.unit)}${ofTotal(used.peakFraction)}).`
        : `${labelOf(used.series)} was at or above ${usedThreshold} of total for ${formatDuration(nearSeconds)} of ${formatDuration(impact.observedSeconds)} observed.`,
    );
    if (usedCountsCache)
      statements.push('This "used" may count reclaimable cache; MemAvailable would tell real pressure.');
  } else {
    statements.push(
      `How close memory came to the limit cannot be told: the inputs give no total memory (give --total-memory).${available !== undefined ? ` The lowest ${labelOf(available.series)} was ${valueInUnit(available.min, available.unit)} at ${formatDate(available.minAt)}.` : ''}`,
    );
  }
  if (restartDrops(result).length > 0) {
    statements.push(`Processes went away: ${restarts.value} (${restarts.note}).`);
  }

  const closest: KeyFact =
    available !== undefined
      ? {
          label: 'Lowest available',
          value: `${valueInUnit(available.min, available.unit)}${available.minFraction === null ? '' : ` (${formatPercent(available.minFraction)})`}`,
          note: formatDate(available.minAt),
        }
      : used !== undefined
        ? {
            label: 'Peak used',
            value: `${valueInUnit(used.peak, used.unit)}${used.peakFraction === null ? '' : ` (${formatPercent(used.peakFraction)})`}`,
            note: formatDate(used.peakAt),
          }
        : { label: 'Closest to the limit', value: 'unknown', note: '' };
  const near: KeyFact = {
    label: 'Near exhaustion',
    value: nearSeconds === null ? 'unknown' : formatDurationOrNever(nearSeconds),
    note:
      impact.nearExhaustionBasis === 'available'
        ? `MemAvailable ≤ ${availableThreshold}`
        : impact.nearExhaustionBasis === 'used'
          ? `used ≥ ${usedThreshold}`
          : 'total memory unknown',
  };
  return {
    statement: statements.join(' '),
    rows,
    keyFacts: [near, closest, restarts, projectedFact],
  };
}

function formatDurationOrNever(seconds: number | null): string {
  if (seconds === null) return NOT_AVAILABLE;
  return seconds === 0 ? 'never' : formatDuration(seconds);
}

/** One line of the timeline. */
export interface TimelineEntry {
  at: string;
  when: string;
  /** Where the event comes from: the data, a detector, a --mark, a snapshot, or the forecast. */
  source: 'data' | 'detected' | 'mark' | 'snapshot' | 'forecast';
  event: string;
}

/** Timelines longer than this are cut (with a note): the findings table has the rest. */
export const TIMELINE_MAX_ENTRIES = 24;

const CAUSE_TEXT: Record<string, string> = {
  restart: 'a process exited and gave its memory back (restart)',
  'oom-kill': 'OOM kill: memory was near the total and a process was killed',
  'cache-drop': 'cache dropped (MemAvailable did not move)',
  unknown: 'cause unknown',
};

/** Events from the data, the detectors, the marks and the snapshots, in time order. */
export function buildTimeline(result: Result): { entries: TimelineEntry[]; omitted: number } {
  const labelOf = (name: string): string => seriesLabelOf(result, name);
  const events: (Omit<TimelineEntry, 'when'> & { order: number })[] = [];
  const add = (
    at: string | null | undefined,
    source: TimelineEntry['source'],
    event: string,
    order: number,
  ): void => {
    if (at === null || at === undefined || !Number.isFinite(Date.parse(at))) return;
    events.push({ at, source, event, order });
  };
  const range = timeRangeOf(result);
  add(range.start, 'data', 'Data begins', 0);
  for (const mark of result.marks) add(mark.at, 'mark', `Mark: ${mark.label}`, 1);
  for (const finding of result.findings) {
    if (partOfSawtooth(finding, result.findings)) continue;
    switch (finding.kind) {
      case 'monotonic-growth':
      case 'monotonic-decline':
        add(
          finding.start,
          'detected',
          `${labelOf(finding.series)} starts ${finding.kind === 'monotonic-growth' ? 'growing' : 'declining'} ${slopeOf(finding.slopeBytesPerHour, finding.slopePercentPerHour)}`,
          3,
        );
        break;
      case 'sawtooth':
        add(
          finding.start,
          'detected',
          `${labelOf(finding.series)} starts a sawtooth: ${finding.cycles} drops of ${byteOrPercent(finding.amplitudeBytes, finding.amplitudePercent)} every ${formatDuration(finding.periodSeconds)}`,
          3,
        );
        break;
      case 'step-drop':
      case 'step-rise': {
        const size = byteOrPercent(finding.magnitudeBytes, finding.magnitudePercent).replace(/^-/, '');
        const verb = finding.kind === 'step-drop' ? 'drops' : 'rises';
        const markCause = result.marks.some((m) => m.label === finding.cause);
        const cause =
          finding.cause === undefined
            ? ''
            : markCause
              ? ` at the mark "${finding.cause}"`
              : `: ${CAUSE_TEXT[finding.cause] ?? finding.cause}`;
        add(finding.at, 'detected', `${labelOf(finding.series)} ${verb} ${size}${cause}`, 2);
        break;
      }
      case 'slab-growth':
        break;
    }
  }
  const impact = result.impact;
  if (impact?.used !== undefined) {
    add(
      impact.used.peakAt,
      'data',
      `${labelOf(impact.used.series)} peaks at ${formatValue(impact.used.peak, impact.used.unit)}${ofTotal(impact.used.peakFraction)}`,
      4,
    );
  }
  if (impact?.available !== undefined) {
    add(
      impact.available.minAt,
      'data',
      `${labelOf(impact.available.series)} at its lowest: ${formatValue(impact.available.min, impact.available.unit)}${ofTotal(impact.available.minFraction)}`,
      4,
    );
  }
  const largest = result.slab?.top[0];
  if (result.slab?.at && largest !== undefined) {
    add(
      result.slab.at,
      'snapshot',
      `Slab snapshot: ${largest.name} is the largest cache, ${formatBytes(largest.bytes)}`,
      5,
    );
  }
  const composition = result.chart.composition;
  if (composition?.at) {
    add(
      composition.at,
      'snapshot',
      `/proc/meminfo snapshot (${formatBytes(composition.availableBytes)} available)`,
      5,
    );
  }
  add(range.end, 'data', 'Data ends', 8);
  if (result.forecast?.exhaustionAt) {
    add(
      result.forecast.exhaustionAt,
      'forecast',
      `Projected: ${labelOf(result.forecast.series)} reaches ${result.forecast.limitValue === 0 ? 'zero' : 'the total'} if the latest trend continues`,
      9,
    );
  }
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
  const kept = events.slice(0, TIMELINE_MAX_ENTRIES);
  return {
    entries: kept.map(({ at, source, event }) => ({ at, when: formatDate(at), source, event })),
    omitted: events.length - kept.length,
  };
}

/** One row of the phase comparison table. */
export interface PhaseRow {
  letter: string;
  label: string;
  when: string;
  /** `when` cut where a line may break. */
  whenParts: string[];
  /** How long the phase lasted ("4 d 12 h"); not `duration`, which templates know as a helper. */
  lasted: string;
  mean: string;
  p95: string;
  peak: string;
  /** Mean relative to phase A ("+12%"), empty for A itself. */
  meanChange: string;
}

export function phaseRows(result: Pick<Result, 'phases'>): PhaseRow[] {
  const phases = result.phases ?? [];
  const baseline = phases[0]?.meanBytes;
  return phases.map((phase, i) => {
    const change =
      i === 0 || baseline === undefined || phase.meanBytes === undefined || !(baseline > 0)
        ? ''
        : `${phase.meanBytes >= baseline ? '+' : ''}${formatPercent(phase.meanBytes / baseline - 1)}`;
    return {
      letter: phaseLetter(i),
      label: phase.label,
      ...rangeParts(phase.start, phase.end),
      lasted: formatDuration((Date.parse(phase.end) - Date.parse(phase.start)) / 1000),
      mean: formatBytes(phase.meanBytes),
      p95: formatBytes(phase.p95Bytes),
      peak: formatBytes(phase.peakBytes),
      meanChange: change,
    };
  });
}

/** One action item: what to do, how to know it is done; owner and ticket are left for the team. */
export interface ActionItem {
  number: number;
  action: string;
  /** "setting" for a sysctl, "action" otherwise. */
  type: 'setting' | 'action';
  doneWhen: string;
}

export function recommendationTitle(rec: Pick<Result['recommendations'][number], 'key' | 'value'>): string {
  return rec.key === 'action' ? rec.value : `${rec.key} = ${rec.value}`;
}

export function actionItems(result: Pick<Result, 'recommendations'>): ActionItem[] {
  return result.recommendations.map((rec, i) => ({
    number: i + 1,
    action: recommendationTitle(rec),
    type: rec.key === 'action' ? 'action' : 'setting',
    doneWhen: rec.verify ?? NOT_AVAILABLE,
  }));
}

/** One row of the appendix' series table. */
export interface SeriesRow {
  label: string;
  name: string;
  file: string;
  unit: string;
  points: string;
  when: string;
  /** `when` cut where a line may break. */
  whenParts: string[];
  meaning: string;
}

export function seriesRows(result: Pick<Result, 'series' | 'inputs'>): SeriesRow[] {
  return result.series.map((series) => ({
    label: series.label,
    name: series.name,
    file: result.inputs.find((input) => input.series.includes(series.name))?.file ?? NOT_AVAILABLE,
    unit: series.unit,
    points: series.points.toLocaleString('en-US'),
    ...rangeParts(series.start, series.end),
    meaning: seriesMeaning(series),
  }));
}

/** One row of the appendix' inputs table. */
export interface InputRow {
  file: string;
  format: string;
  description: string;
  /** Readable labels of the series the file gave; empty for a snapshot. */
  holds: string[];
  warnings: number;
}

export function inputRows(result: Pick<Result, 'series' | 'inputs'>): InputRow[] {
  return result.inputs.map((input) => ({
    file: input.file,
    format: input.format,
    description: input.description ?? '',
    holds: input.series.map((name) => seriesLabelOf(result, name)),
    warnings: input.warnings,
  }));
}
