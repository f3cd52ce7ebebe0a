/**
 * Human formatting shared by every renderer (HTML helpers, Markdown, chart labels), so a number reads
 * the same everywhere. Binary units (GiB = 2^30 bytes) as the kernel and `free -h` use them; times in UTC.
 */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Shown for a value that is missing or not a number. */
export const NOT_AVAILABLE = '—';

/** 3 significant digits at most, trailing zeros dropped: 12.4, 240, 1.25, 16. */
function compactNumber(value: number): string {
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toFixed(decimals);
  return decimals === 0 ? text : text.replace(/\.?0+$/, '');
}

/** 13314398617 → "12.4 GiB"; 512 → "512 B"; -1073741824 → "-1 GiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return NOT_AVAILABLE;
  let unitIndex = 0;
  let scaled = Math.abs(bytes);
  while (scaled >= 1024 && unitIndex < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unitIndex++;
  }
  // 1023.96 MiB would print as "1024 MiB": move to the next unit instead.
  if (Number(compactNumber(scaled)) >= 1024 && unitIndex < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unitIndex++;
  }
  const sign = bytes < 0 ? '-' : '';
  return `${sign}${unitIndex === 0 ? Math.round(scaled).toString() : compactNumber(scaled)} ${BYTE_UNITS[unitIndex]}`;
}

/** A 0..1 fraction as a percentage: 0.9 → "90%", 0.125 → "12.5%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NOT_AVAILABLE;
  return `${compactNumber(fraction * 100)}%`;
}

/** A value already in percent (a percent series): 63.21 → "63.2%". */
export function formatPercentValue(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return NOT_AVAILABLE;
  return `${compactNumber(percent)}%`;
}

function toDate(time: string | number | null | undefined): Date | null {
  if (time === null || time === undefined || time === '') return null;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** ISO time or epoch ms → "2026-03-02 14:00 UTC" (minutes; seconds are noise in a postmortem). */
export function formatDate(time: string | number | null | undefined): string {
  const date = toDate(time);
  if (date === null) return NOT_AVAILABLE;
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Start and end as one range; the end drops its date when it is the same day. */
export function formatTimeRange(
  start: string | number | null | undefined,
  end: string | number | null | undefined,
): string {
  const from = formatDate(start);
  const to = formatDate(end);
  if (from === NOT_AVAILABLE || to === NOT_AVAILABLE) return from === NOT_AVAILABLE ? to : from;
  return from.slice(0, 10) === to.slice(0, 10)
    ? `${from.slice(0, 16)} – ${to.slice(11)}`
    : `${from.slice(0, 16)} – ${to}`;
}

/** Seconds → "45 s", "12 min", "10 h 14 min", "3 d 4 h" (two largest units). */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NOT_AVAILABLE;
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  if (rest < 60) return `${sign}${rest} s`;
  const parts: [number, string][] = [];
  for (const [size, unit] of [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
  ] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    parts.push([count, unit]);
  }
  const first = parts.findIndex(([count]) => count > 0);
  const shown = parts.slice(first, first + 2).filter(([count]) => count > 0);
  return sign + shown.map(([count, unit]) => `${count} ${unit}`).join(' ');
}

/** A rate per hour with an explicit sign: "+240 MiB/h", "-12 MiB/h", "+0.52%/h", "0 B/h". */
export function formatSlope(
  perHour: number | null | undefined,
  unit: 'bytes' | 'percent' | 'count' = 'bytes',
): string {
  if (perHour === null || perHour === undefined || !Number.isFinite(perHour)) return NOT_AVAILABLE;
  const sign = perHour > 0 ? '+' : '';
  const magnitude = formatValue(perHour, unit);
  return `${sign}${magnitude}/h`;
}

/** p-values span many orders of magnitude: "< 0.001" style is lossy, so use 2 significant digits. */
export function formatPValue(pValue: number | null | undefined): string {
  if (pValue === null || pValue === undefined || !Number.isFinite(pValue)) return NOT_AVAILABLE;
  if (pValue === 0) return '0';
  return pValue >= 0.001 ? Number(pValue.toPrecision(2)).toString() : pValue.toExponential(1);
}

/** A value in its series' unit: bytes → "12.4 GiB", percent → "63.2%", count → "1,234". */
export function formatValue(value: number | null | undefined, unit: 'bytes' | 'percent' | 'count'): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'percent') return formatPercentValue(value);
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  return value.toLocaleString('en-US');
}
