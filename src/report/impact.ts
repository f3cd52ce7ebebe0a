/**
 * Impact: how close memory came to running out, measured on the full-resolution series while the
 * Result is assembled (the chart lines are downsampled, so time spent above a level cannot be read
 * from them). Pure.
 *
 * Near exhaustion means MemAvailable at or below 10 % of the total (Netdata's `ram_available` warning
 * level and the level of the alert this tool recommends), or, without MemAvailable, "used" at or above
 * 90 % of the total (the node-mixin `NodeMemoryHighUtilization` level). MemAvailable is preferred
 * because "used" often counts reclaimable cache (research/formats.md §0), so 98 % "used" can be a
 * host with plenty of memory.
 */

import { typicalIntervalMs } from '../detect/stats/robust.js';
import type { Impact } from '../model/result.js';
import type { Series } from '../model/series.js';

/** "Used" at or above this fraction of the total is near exhaustion. */
export const USED_NEAR_EXHAUSTION_FRACTION = 0.9;
/** MemAvailable at or below this fraction of the total is near exhaustion. */
export const AVAILABLE_NEAR_EXHAUSTION_FRACTION = 0.1;
/** A sample stands for at most this many typical sampling intervals (longer holes are gaps). */
const MAX_INTERVALS_PER_SAMPLE = 2;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Seconds during which `inZone(value)` held: each finite sample stands for the time to the next one,
 * capped at twice the typical interval (detect/stats/robust.ts typicalIntervalMs) so a scrape gap does
 * not count as time in the zone. The last sample stands for one typical interval. One pass, no copies.
 */
export function secondsInZone(series: Series, inZone: (value: number) => boolean): number {
  const t = series.t;
  const v = series.v;
  let finite = 0;
  for (let i = 0; i < v.length && finite < 2; i++) if (!Number.isNaN(v[i] as number)) finite++;
  if (finite < 2) return 0;
  const typicalMs = typicalIntervalMs(t, v);
  const capMs = MAX_INTERVALS_PER_SAMPLE * typicalMs;
  let totalMs = 0;
  let zoneStartMs = NaN; // time of the previous finite sample, when it was in the zone
  for (let i = 0; i < v.length; i++) {
    const value = v[i] as number;
    if (Number.isNaN(value)) continue;
    const ms = t[i] as number;
    if (!Number.isNaN(zoneStartMs)) totalMs += Math.min(ms - zoneStartMs, capMs);
    zoneStartMs = inZone(value) ? ms : NaN;
  }
  if (!Number.isNaN(zoneStartMs)) totalMs += typicalMs;
  return totalMs / 1000;
}

/** Fraction of the total a value stands for: percent series by themselves, byte series with a total. */
function fractionOf(series: Series, value: number, totalBytes: number | null): number | null {
  if (series.unit === 'percent') return value / 100;
  if (series.unit === 'bytes' && totalBytes !== null && totalBytes > 0) return value / totalBytes;
  return null;
}

/** [time, value] of the first largest (or smallest) finite value, or null when there is none. */
function extreme(series: Series, pick: 'max' | 'min'): [number, number] | null {
  let best = -1;
  let bestValue = NaN;
  for (let i = 0; i < series.v.length; i++) {
    const v = series.v[i] as number;
    if (Number.isNaN(v)) continue;
    if (best < 0 || (pick === 'max' ? v > bestValue : v < bestValue)) {
      best = i;
      bestValue = v;
    }
  }
  return best < 0 ? null : [series.t[best] as number, bestValue];
}

export interface ImpactInput {
  /** Every usable series, at full resolution. */
  series: Series[];
  /** Name of the series the report is about (preferred as "used" when it is one). */
  primary: string | null;
  totalBytes: number | null;
}

/** The Impact of a host, or undefined when no series was usable. */
export function measureImpact(input: ImpactInput): Impact | undefined {
  if (input.series.length === 0) return undefined;
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const s of input.series) {
    if (s.t.length === 0) continue;
    startMs = Math.min(startMs, s.t[0] as number);
    endMs = Math.max(endMs, s.t[s.t.length - 1] as number);
  }
  if (!Number.isFinite(startMs)) return undefined;
  const total = input.totalBytes;
  const impact: Impact = {
    totalBytes: total,
    observedSeconds: (endMs - startMs) / 1000,
    usedThresholdFraction: USED_NEAR_EXHAUSTION_FRACTION,
    availableThresholdFraction: AVAILABLE_NEAR_EXHAUSTION_FRACTION,
    nearExhaustionSeconds: null,
    nearExhaustionBasis: null,
  };

  const usedCandidates = input.series.filter((s) => s.metric === 'mem.used' && s.unit !== 'count');
  const used = usedCandidates.find((s) => s.name === input.primary) ?? usedCandidates[0];
  const peak = used === undefined ? null : extreme(used, 'max');
  if (used !== undefined && peak !== null) {
    const peakFraction = fractionOf(used, peak[1], total);
    impact.used = {
      series: used.name,
      unit: used.unit,
      peak: peak[1],
      peakAt: iso(peak[0]),
      peakFraction,
      secondsAboveThreshold:
        peakFraction === null
          ? null
          : secondsInZone(used, (v) => (fractionOf(used, v, total) ?? 0) >= USED_NEAR_EXHAUSTION_FRACTION),
    };
  }

  const available = input.series.find((s) => s.metric === 'mem.available' && s.unit !== 'count');
  const low = available === undefined ? null : extreme(available, 'min');
  if (available !== undefined && low !== null) {
    const minFraction = fractionOf(available, low[1], total);
    impact.available = {
      series: available.name,
      unit: available.unit,
      min: low[1],
      minAt: iso(low[0]),
      minFraction,
      secondsBelowThreshold:
        minFraction === null
          ? null
          : secondsInZone(
              available,
              (v) => (fractionOf(available, v, total) ?? 1) <= AVAILABLE_NEAR_EXHAUSTION_FRACTION,
            ),
    };
  }

  const belowSeconds = impact.available?.secondsBelowThreshold ?? null;
  const aboveSeconds = impact.used?.secondsAboveThreshold ?? null;
  if (belowSeconds !== null) {
    impact.nearExhaustionSeconds = belowSeconds;
    impact.nearExhaustionBasis = 'available';
  } else if (aboveSeconds !== null) {
    impact.nearExhaustionSeconds = aboveSeconds;
    impact.nearExhaustionBasis = 'used';
  }
  return impact;
}
