/**
 * Units of memory sizes: in column headers (`used (MiB)`, `free_kb`, `used %`) and on the command line
 * (`--total-memory 16GiB`).
 *
 * Memory sizes are 1024-based throughout: `MB`, `GB`, `kB` and `K`/`M`/`G` all mean MiB, GiB, KiB.
 * That is what the tools that write memory exports mean by them: /proc/meminfo's `kB` is KiB, and
 * `free -m`, Datadog `system.mem.*` and Netdata `system.ram` "MB" are MiB (research/formats.md §0, §7, §8).
 * The one exception is Grafana's formatted "bytes(SI)" cells, handled by `parseFormattedQuantity`.
 */

import type { Unit } from '../model/series.js';

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;
const TIB = GIB * 1024;

/** Lower-cased unit spelling → bytes per unit (1024-based, see the module comment). */
const BYTES_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['b', 1],
  ['byte', 1],
  ['bytes', 1],
  ['k', KIB],
  ['kb', KIB],
  ['kib', KIB],
  ['m', MIB],
  ['mb', MIB],
  ['mib', MIB],
  ['g', GIB],
  ['gb', GIB],
  ['gib', GIB],
  ['t', TIB],
  ['tb', TIB],
  ['tib', TIB],
]);

/** Unit words that may trail a header without brackets (`free_kb`, `used MiB`): single letters are too ambiguous. */
const TRAILING_BYTE_UNITS = new Set(['bytes', 'byte', 'kb', 'kib', 'mb', 'mib', 'gb', 'gib', 'tb', 'tib']);
const PERCENT_WORDS = new Set(['%', 'percent', 'percentage', 'pct', 'utilization', 'utilisation']);

export interface HeaderUnit {
  unit: Unit;
  /** Multiply the column's values by this to get `unit` (bytes per source unit; 1 for percent). */
  factorToBytes: number;
}

/**
 * The unit a column header states, or null when it states none. Looks at a bracketed unit
 * (`used (MiB)`, `free [GB]`, `(%)`), then at words: a trailing size unit (`free_kb`, `used MB`),
 * `bytes`, or a percent word anywhere (`%`, `percent`, `pct`, `utilization`).
 * Prometheus label sets (`{instance="…"}`) are ignored.
 */
export function unitFromHeader(header: string): HeaderUnit | null {
  const text = stripLabelSets(header);

  for (const match of text.matchAll(/[([]\s*([^)\]]*?)\s*[)\]]/g)) {
    const found = unitFromWord((match[1] as string).toLowerCase(), true);
    if (found !== null) return found;
  }

  const words = text
    .toLowerCase()
    .replace(/%/g, ' % ')
    .split(/[\s_.\-/,:;()[\]]+/)
    .filter((word) => word !== '');
  for (const word of words) if (PERCENT_WORDS.has(word)) return { unit: 'percent', factorToBytes: 1 };
  const last = words[words.length - 1];
  if (last !== undefined && TRAILING_BYTE_UNITS.has(last)) return unitFromWord(last, false);
  if (words.includes('bytes')) return { unit: 'bytes', factorToBytes: 1 };
  return null;
}

function unitFromWord(word: string, allowSingleLetter: boolean): HeaderUnit | null {
  if (PERCENT_WORDS.has(word)) return { unit: 'percent', factorToBytes: 1 };
  if (!allowSingleLetter && word.length === 1) return null;
  const factor = BYTES_PER_UNIT.get(word);
  return factor === undefined ? null : { unit: 'bytes', factorToBytes: factor };
}

/**
 * A size such as `16GiB`, `16G`, `16 GB`, `16384MiB`, `1.5T` or `17179869184` (bytes) → bytes,
 * rounded to a whole byte; null when the text is not a size. 1024-based (see the module comment).
 */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)\s*$/.exec(text);
  if (match === null) return null;
  const amount = Number(match[1]);
  const unit = (match[2] as string).toLowerCase();
  const factor = unit === '' ? 1 : BYTES_PER_UNIT.get(unit);
  if (factor === undefined || !Number.isFinite(amount)) return null;
  return Math.round(amount * factor);
}

/** Grafana's formatted units: `bytes(IEC)` prints B/KiB/MiB…, `bytes(SI)` ("decbytes") prints B/kB/MB… base 1000. */
const GRAFANA_FORMATTED_BYTES: ReadonlyMap<string, number> = new Map([
  ['B', 1],
  ['KiB', KIB],
  ['MiB', MIB],
  ['GiB', GIB],
  ['TiB', TIB],
  ['kB', 1e3],
  ['KB', 1e3],
  ['MB', 1e6],
  ['GB', 1e9],
  ['TB', 1e12],
]);

/**
 * A cell of a Grafana "Formatted data" export such as `1.50 GiB`, `980 MB` or `45.2%` → its value in
 * bytes or percent; null when the cell carries no unit Grafana's byte/percent formatters print.
 * Unlike headers, Grafana's SI units are decimal, because Grafana's own formatter made them so.
 */
export function parseFormattedQuantity(cell: string): { value: number; unit: Unit } | null {
  const match = /^\s*(-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)\s*(%|[A-Za-z]+)\s*$/.exec(cell);
  if (match === null) return null;
  const amount = Number(match[1]);
  const suffix = match[2] as string;
  if (suffix === '%') return { value: amount, unit: 'percent' };
  const factor = GRAFANA_FORMATTED_BYTES.get(suffix);
  return factor === undefined ? null : { value: amount * factor, unit: 'bytes' };
}

/** Removes Prometheus label sets `{a="b", …}` (quote-aware), so label values do not read as units or names. */
export function stripLabelSets(text: string): string {
  let out = '';
  let depth = 0;
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (depth > 0) {
      if (inQuote) {
        if (ch === '\\') i++;
        else if (ch === '"') inQuote = false;
      } else if (ch === '"') inQuote = true;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
      continue;
    }
    if (ch === '{') depth = 1;
    else out += ch;
  }
  return out;
}
