/**
 * Time to exhaustion: when the trend line reaches a limit (e.g. MemTotal).
 *
 * The line starts from the trend's fitted value at the last time, not from the raw last sample: a
 * single noisy sample (or the top of a sawtooth) would otherwise move the date (the mistake Prometheus'
 * predict_linear made before it started from the fitted value, prometheus#1401). Callers pass the
 * latest regime's Sen line, so a forecast never extrapolates across a restart or a level shift.
 */

const MS_PER_HOUR = 3_600_000;

export interface ExhaustionInput {
  /** Epoch ms of the last point of the regime the trend was fitted on. */
  lastTimeMs: number;
  /** The trend line's value at lastTimeMs (e.g. TrendStatistics.fittedEndValue), in the limit's unit. */
  fittedLastValue: number;
  /** Trend slope per hour, in the limit's unit. */
  slopePerHour: number;
  /** The level at which the resource is exhausted, e.g. total memory in bytes. */
  limit: number;
}

/**
 * Epoch ms at which the line through (lastTimeMs, fittedLastValue) with slopePerHour reaches `limit`;
 * null when the slope is not positive, the fitted value is already at or beyond the limit, or an
 * input is not finite.
 */
export function forecastExhaustion({
  lastTimeMs,
  fittedLastValue,
  slopePerHour,
  limit,
}: ExhaustionInput): number | null {
  if (![lastTimeMs, fittedLastValue, slopePerHour, limit].every(Number.isFinite)) return null;
  if (!(slopePerHour > 0) || !(fittedLastValue < limit)) return null;
  const exhaustionMs = lastTimeMs + ((limit - fittedLastValue) / slopePerHour) * MS_PER_HOUR;
  return Number.isFinite(exhaustionMs) ? exhaustionMs : null;
}

/** Value of a Sen line given by its value at startMs and its slope per hour, at time tMs. */
export function lineValueAt(
  line: { startMs: number; interceptAtStart: number; slopePerHour: number },
  tMs: number,
): number {
  return line.interceptAtStart + (line.slopePerHour * (tMs - line.startMs)) / MS_PER_HOUR;
}
