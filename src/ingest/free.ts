/**
 * `free` output (procps src/free.c; research/formats.md §7), old and new layouts:
 *
 *                total       used       free     shared    buffers     cached      (procps ≤ 3.3.9)
 *   Mem:          4045       3761        284        145        220       1991
 *   -/+ buffers/cache:       1548       2497
 *                 total        used        free      shared  buff/cache   available  (≥ 3.3.10; -w splits
 *   Mem:           7566         261         212         248        7092        6784   buffers and cache)
 *   Swap:          7632          74        7557
 *
 * Each run is a snapshot (kept as a meminfo-like snapshot: MemTotal, MemFree, MemAvailable, Shmem …);
 * runs captured with timestamp lines become series (`Mem used`, `Mem available` …).
 *
 * What "used" means depends on the procps version (formats.md §0): total − free up to 3.3.9 (the old
 * layout says so), total − free − buffers − cache in 3.3.10–4.0.0, total − available since 4.0.1. The
 * new layout does not name its version, but its numbers do: whichever identity the row satisfies (to
 * within the printed rounding) is the definition, and 'unknown' when neither or both hold.
 *
 * Units: `-h` prints suffixes (`4.3Gi`, `15G`, `0B`). Plain numbers carry none; they are read as MiB
 * (`free -m`), or as KiB when the total would exceed 16 TiB in MiB, or bytes when it would in KiB —
 * always with a `unit-assumed` warning saying which.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, UsedDefinition } from '../model/series.js';
import type { Importer, IngestContext } from './importer.js';
import type { BlockLine, SnapshotKind, SnapshotPoint } from './snapshot-blocks.js';
import { snapshotImporter } from './snapshot-blocks.js';
import { snapshotKinds } from './snapshot-kinds.js';

const HEADER = /^\s*total\s+used\s+free(?:\s+\S+)*\s*$/;
const ROW = /^\s*(Mem|Low|High|Swap|Total|Comm|-\/\+ buffers\/cache):\s+(.*)$/;
const VALUE = /^(\d+(?:[.,]\d+)?)([KMGTP]i?|B)?$/;

const KIB = 1024;
const MIB = KIB * 1024;
const SUFFIX_BYTES: Record<string, number> = {
  B: 1,
  K: KIB,
  Ki: KIB,
  M: MIB,
  Mi: MIB,
  G: MIB * 1024,
  Gi: MIB * 1024,
  T: MIB * 1024 ** 2,
  Ti: MIB * 1024 ** 2,
  P: MIB * 1024 ** 3,
  Pi: MIB * 1024 ** 3,
};
/** Above these totals a plain number cannot be MiB (16 TiB) or KiB (16 TiB) of a real host. */
const MAX_PLAUSIBLE_MIB = 2 ** 24;
const MAX_PLAUSIBLE_KIB = 2 ** 34;

const COLUMN_METRICS: Record<string, CanonicalMetric> = {
  total: 'mem.total',
  used: 'mem.used',
  free: 'mem.free',
  shared: 'mem.shmem',
  'buff/cache': 'mem.cached',
  buffers: 'mem.buffers',
  cached: 'mem.cached',
  cache: 'mem.cached',
  available: 'mem.available',
};
const MEMINFO_KEYS: Record<string, string> = {
  total: 'MemTotal',
  free: 'MemFree',
  shared: 'Shmem',
  buffers: 'Buffers',
  available: 'MemAvailable',
};

interface Token {
  amount: number;
  suffix: string | undefined;
}

function tokens(text: string, line: number, file: string): Token[] {
  return text
    .trim()
    .split(/\s+/)
    .map((word) => {
      const match = VALUE.exec(word);
      if (match === null) {
        throw new InputError('bad-free-row', messages.badSnapshotLine('free', word), file, line);
      }
      return { amount: Number((match[1] as string).replace(',', '.')), suffix: match[2] };
    });
}

export const freeKind: SnapshotKind = {
  id: 'free',
  starts: (line) => HEADER.test(line),
  next: (line) => (ROW.test(line) ? 'continue' : 'end'),
  parse(block, atMs, ctx) {
    const header = block[0] as BlockLine;
    const columns = header.text.trim().split(/\s+/);
    const rows = new Map<string, { values: Token[]; line: number }>();
    for (const entry of block.slice(1)) {
      const match = ROW.exec(entry.text) as RegExpExecArray;
      rows.set(match[1] as string, {
        values: tokens(match[2] as string, entry.line, ctx.file),
        line: entry.line,
      });
    }
    const mem = rows.get('Mem');
    if (mem === undefined || mem.values.length !== columns.length) {
      throw new InputError(
        'bad-free-row',
        messages.badSnapshotLine('free', (block[1]?.text ?? header.text).trim()),
        ctx.file,
        mem?.line ?? header.line,
      );
    }
    const toBytes = unitOf(mem.values, columns, header.line, ctx);
    const memBytes = new Map(columns.map((column, i) => [column, toBytes(mem.values[i] as Token)]));
    const oldLayout = columns.includes('cached') && !columns.includes('available');
    const definition = oldLayout ? 'total-minus-free' : usedDefinition(memBytes, mem.values, toBytes);

    const fields: Record<string, number> = {};
    const points: SnapshotPoint[] = [];
    for (const [column, bytes] of memBytes) {
      const key = MEMINFO_KEYS[column];
      if (key !== undefined) fields[key] = bytes;
      const metric = COLUMN_METRICS[column];
      if (metric === undefined) continue;
      points.push({
        name: `Mem ${column}`,
        metric,
        unit: 'bytes',
        ...(metric === 'mem.used' ? { definition } : {}),
        value: bytes,
        line: mem.line,
      });
    }
    if (oldLayout && memBytes.has('cached')) fields.Cached = memBytes.get('cached') as number;
    const adjusted = rows.get('-/+ buffers/cache');
    if (adjusted !== undefined && adjusted.values.length === 2) {
      // free + buffers + cache: what agents take as "available" on kernels without MemAvailable.
      points.push({
        name: '-/+ buffers/cache free',
        metric: 'mem.available',
        unit: 'bytes',
        value: toBytes(adjusted.values[1] as Token),
        line: adjusted.line,
      });
    }
    const swap = rows.get('Swap');
    if (swap !== undefined && swap.values.length >= 3) {
      const [total, used, free] = swap.values.map(toBytes) as [number, number, number];
      fields.SwapTotal = total;
      fields.SwapFree = free;
      points.push({ name: 'Swap used', metric: 'swap.used', unit: 'bytes', value: used, line: swap.line });
    }
    return {
      meminfo: { atMs, fields, source: { file: ctx.file, format: 'free', line: header.line } },
      points,
    };
  },
};

/** Token → bytes for this run: suffixes when `-h` printed them, else the unit the total makes plausible. */
function unitOf(
  values: Token[],
  columns: string[],
  headerLine: number,
  ctx: IngestContext,
): (token: Token) => number {
  if (values.some((token) => token.suffix !== undefined)) {
    return (token) => Math.round(token.amount * (SUFFIX_BYTES[token.suffix ?? 'B'] as number));
  }
  const total = values[columns.indexOf('total')]?.amount ?? 0;
  const [factor, reading] =
    total >= MAX_PLAUSIBLE_KIB
      ? [1, 'bytes (free -b): as KiB the total would exceed 16 TiB']
      : total >= MAX_PLAUSIBLE_MIB
        ? [KIB, 'KiB (plain free): as MiB the total would exceed 16 TiB']
        : [MIB, 'MiB (free -m); if this was plain free (KiB), the sizes are 1024× too large'];
  ctx.warn('unit-assumed', `free prints no unit: its numbers are read as ${reading}`, headerLine);
  return (token) => token.amount * factor;
}

/**
 * The new layout's "used": total − available (procps ≥ 4.0.1) or total − free − buff/cache (3.3.10–4.0.0),
 * whichever the row satisfies within the rounding of what free printed; 'unknown' when neither or both do.
 */
function usedDefinition(
  mem: Map<string, number>,
  values: Token[],
  toBytes: (token: Token) => number,
): UsedDefinition {
  const total = mem.get('total');
  const used = mem.get('used');
  const free = mem.get('free');
  const available = mem.get('available');
  const cache = mem.get('buff/cache') ?? sumIfBoth(mem.get('buffers'), mem.get('cache'));
  if (total === undefined || used === undefined) return 'unknown';
  // Each printed number is rounded to its last digit (or to 1 % in -h's two or three significant digits).
  const human = values.some((token) => token.suffix !== undefined);
  const step = human ? 0.02 * total : 3 * toBytes({ amount: 1, suffix: undefined });
  const minusAvailable = available !== undefined && Math.abs(total - available - used) <= step;
  const minusCache =
    free !== undefined && cache !== undefined && Math.abs(total - free - cache - used) <= step;
  if (minusAvailable === minusCache) return 'unknown';
  return minusAvailable ? 'total-minus-available' : 'total-minus-free-buffers-cache';
}

function sumIfBoth(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}

export const free: Importer = snapshotImporter(
  'free',
  '`free` output (old and new procps layouts, -m/-h); several with timestamp lines become series',
  snapshotKinds,
);
