/** Human formatting of sizes, rates and times, shared by evidence lines and every renderer. */

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** 13421772800 → "12.5 GiB" (binary units, 3 significant digits). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value >= 100 || unit === 0 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${BINARY_UNITS[unit]}`;
}

/** A signed rate per hour: "+110 MiB/h", "-2.10 %/h". */
export function formatRatePerHour(value: number, unit: 'bytes' | 'percent' | 'count'): string {
  const sign = value > 0 ? '+' : value < 0 ? '-' : '±';
  const magnitude = Math.abs(value);
  if (unit === 'bytes') return `${sign}${formatBytes(magnitude)}/h`;
  if (unit === 'percent') return `${sign}${magnitude.toPrecision(3)} %/h`;
  return `${sign}${magnitude.toPrecision(3)}/h`;
}

/** A value in its unit: bytes → "12.5 GiB", percent → "42.0 %". */
export function formatValue(value: number, unit: 'bytes' | 'percent' | 'count'): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'percent') return `${value.toFixed(1)} %`;
  return value.toLocaleString('en-US');
}

/** 36864 → "10.2 h"; 5400 → "1.5 h"; 600 → "10 min"; 3 days+ → "3.2 d". */
export function formatDuration(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 72 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** ISO or epoch ms → "2026-03-02 14:05 UTC". */
export function formatTime(time: string | number): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return String(time);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** 0.0000123 → "p < 0.001"; 0.0123 → "p = 0.012". */
export function formatPValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
