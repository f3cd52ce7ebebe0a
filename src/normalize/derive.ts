/**
 * Used memory where an input gives total and available but no "used" (a meminfo loop, Prometheus
 * MemTotal and MemAvailable, Datadog total and usable …): used = total − available, the definition
 * research/formats.md §0 recommends (it excludes what the kernel can reclaim). A percent available
 * gives used% = 100 − available%, which needs no total.
 */

import type { Series } from '../model/series.js';

/**
 * The derived "used" series, or null when some series already is mem.used, or no available series
 * (with a total for bytes) exists. The total at each time is the total series' sample nearest in time
 * (MemTotal changes only with memory hot-plug), else `totalBytes` (--total-memory or a snapshot's MemTotal).
 */
export function deriveUsedSeries(series: readonly Series[], totalBytes: number | null): Series | null {
  if (series.some((s) => s.metric === 'mem.used')) return null;
  const available =
    series.find((s) => s.metric === 'mem.available' && s.unit === 'bytes') ??
    series.find((s) => s.metric === 'mem.available' && s.unit === 'percent');
  if (available === undefined) return null;
  const base = {
    name: `total − available (from ${available.name})`,
    metric: 'mem.used' as const,
    definition: 'total-minus-available' as const,
    unit: available.unit,
    t: available.t,
    source: available.source,
    ...(available.sourceLines === undefined ? {} : { sourceLines: available.sourceLines }),
  };
  if (available.unit === 'percent') return { ...base, v: available.v.map((percent) => 100 - percent) };

  const total = series.find((s) => s.metric === 'mem.total' && s.unit === 'bytes');
  const totalAt = total === undefined ? null : nearestFinite(total);
  if (totalAt === null && totalBytes === null) return null;
  return {
    ...base,
    v: available.v.map((value, i) => (totalAt?.(available.t[i] as number) ?? (totalBytes as number)) - value),
  };
}

/** Value of the finite sample nearest in time (ties: the earlier), or null when there is none. */
function nearestFinite(series: Series): ((tMs: number) => number) | null {
  const times: number[] = [];
  const values: number[] = [];
  series.v.forEach((value, i) => {
    if (Number.isNaN(value)) return;
    times.push(series.t[i] as number);
    values.push(value);
  });
  if (times.length === 0) return null;
  return (tMs) => {
    let low = 0;
    let high = times.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((times[mid] as number) < tMs) low = mid + 1;
      else high = mid;
    }
    const after = low;
    const before = Math.max(0, low - 1);
    const pick =
      Math.abs((times[before] as number) - tMs) <= Math.abs((times[after] as number) - tMs) ? before : after;
    return values[pick] as number;
  };
}
