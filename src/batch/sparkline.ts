/**
 * Sparklines for the fleet index: a host's primary series reduced to a few dozen bucket means, drawn
 * as an inline SVG path on the server (no JavaScript). Pure.
 */

import type { Result } from '../model/result.js';
import type { HostSparkline } from './summary.js';

/** Buckets per sparkline: enough to show a ramp, a sawtooth or a drop at ~120 px wide. */
export const SPARKLINE_BUCKETS = 48;

/** The primary chart line of a Result reduced to SPARKLINE_BUCKETS equal-time bucket means. */
export function sparklineOf(result: Result, buckets = SPARKLINE_BUCKETS): HostSparkline | null {
  const line =
    result.chart.lines.find((l) => l.series === result.chart.primary) ?? result.chart.lines[0] ?? undefined;
  if (line === undefined || line.points.length === 0) return null;
  const firstMs = (line.points[0] as [number, number | null])[0];
  const lastMs = (line.points[line.points.length - 1] as [number, number | null])[0];
  const spanMs = Math.max(lastMs - firstMs, 1);
  const sums = new Float64Array(buckets);
  const counts = new Uint32Array(buckets);
  for (const [tMs, value] of line.points) {
    if (value === null || !Number.isFinite(value)) continue;
    const bucket = Math.min(buckets - 1, Math.floor(((tMs - firstMs) / spanMs) * buckets));
    sums[bucket] = (sums[bucket] as number) + value;
    counts[bucket] = (counts[bucket] as number) + 1;
  }
  // Whole bytes are exact enough for a 24-px-high line; percent keeps two decimals.
  const round = line.unit === 'percent' ? (v: number) => Math.round(v * 100) / 100 : Math.round;
  const values: (number | null)[] = [];
  for (let i = 0; i < buckets; i++) {
    const count = counts[i] as number;
    values.push(count === 0 ? null : round((sums[i] as number) / count));
  }
  return {
    unit: line.unit,
    series: line.label,
    start: new Date(firstMs).toISOString(),
    end: new Date(lastMs).toISOString(),
    values,
  };
}

export interface SparklinePath {
  width: number;
  height: number;
  /** SVG path data; separate sub-paths across gaps. Empty when there is nothing to draw. */
  d: string;
  /** The last value's point, for an end dot. */
  end: { x: number; y: number } | null;
}

/**
 * An SVG path for the values, scaled to the host's own min..max (a sparkline shows shape, not level).
 * A flat line sits in the middle. The path contains only digits, spaces, dots and the letters M and L.
 */
export function sparklinePath(values: readonly (number | null)[], width = 120, height = 24): SparklinePath {
  const pad = 2;
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return { width, height, d: '', end: null };
  let min = Infinity;
  let max = -Infinity;
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const stepX = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number): number =>
    max === min ? height / 2 : pad + (height - 2 * pad) * (1 - (v - min) / (max - min));
  const fixed = (n: number): string => n.toFixed(1);
  const parts: string[] = [];
  let penDown = false;
  let end: { x: number; y: number } | null = null;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      penDown = false;
      return;
    }
    const x = pad + i * stepX;
    parts.push(`${penDown ? 'L' : 'M'}${fixed(x)} ${fixed(y(v))}`);
    penDown = true;
    end = { x: Number(fixed(x)), y: Number(fixed(y(v))) };
  });
  return { width, height, d: parts.join(' '), end };
}
