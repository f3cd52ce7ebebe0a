/**
 * The words of the report: labels for verdicts and findings and one-line descriptions, shared by the
 * HTML and Markdown renderers so both say the same thing. Pure; reads only the Result's types.
 */

import type { Finding, FindingKind } from '../model/finding.js';
import type { Result, VerdictKind } from '../model/result.js';
import {
  formatBytes,
  formatDate,
  formatDuration,
  formatPercentValue,
  formatPValue,
  formatSlope,
  formatTimeRange,
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
