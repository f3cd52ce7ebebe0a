/**
 * What sysstat's memory columns mean (research/formats.md §6), shared by the `sar` text and `sadf -d`
 * importers: units (kb* = KiB, % = percent, dentunusd = a count) and canonical metrics.
 *
 * `kbmemused` changed meaning twice: total − free up to 11.7.3, total − (free + buffers + cached + slab)
 * in 11.7.4–12.7.7, total − kbavail since 12.7.8. The output does not print the version, but `%memused`
 * is kbmemused / total × 100 rounded to two decimals, so each candidate definition predicts it:
 * total = kbmemused + the amounts that definition subtracts. The one that predicts every row is the
 * definition. kbavail exists since 11.5.3; when neither total − free nor total − kbavail fits and kbslab
 * is not printed (the 11.7.4–12.7.7 identity needs it), that middle version is the only one left.
 */

import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import type { IngestContext } from './importer.js';

export interface SysstatColumnMeaning {
  metric: CanonicalMetric;
  unit: Unit;
  factor: number;
}

const KIB = 1024;

/** Columns that become series. Others (kbactive, kbdirty, %commit, file-nr …) have no canonical metric. */
const COLUMNS: Record<string, SysstatColumnMeaning> = {
  kbmemfree: { metric: 'mem.free', unit: 'bytes', factor: KIB },
  kbavail: { metric: 'mem.available', unit: 'bytes', factor: KIB },
  kbmemused: { metric: 'mem.used', unit: 'bytes', factor: KIB },
  kbbuffers: { metric: 'mem.buffers', unit: 'bytes', factor: KIB },
  kbcached: { metric: 'mem.cached', unit: 'bytes', factor: KIB },
  kbcommit: { metric: 'mem.committed', unit: 'bytes', factor: KIB },
  kbanonpg: { metric: 'mem.anon', unit: 'bytes', factor: KIB },
  kbslab: { metric: 'slab.total', unit: 'bytes', factor: KIB },
  kbshmem: { metric: 'mem.shmem', unit: 'bytes', factor: KIB },
  kbswpused: { metric: 'swap.used', unit: 'bytes', factor: KIB },
  dentunusd: { metric: 'dentry.unused', unit: 'count', factor: 1 },
};

/** The memory columns of a sysstat header, with their index; empty when the activity is not about memory. */
export function memoryColumns(
  columns: readonly string[],
): { index: number; name: string; meaning: SysstatColumnMeaning }[] {
  const out: { index: number; name: string; meaning: SysstatColumnMeaning }[] = [];
  columns.forEach((name, index) => {
    const meaning = COLUMNS[name];
    if (meaning !== undefined) out.push({ index, name, meaning });
  });
  // %memused stands in for kbmemused only where the amount is missing.
  if (out.every((column) => column.name !== 'kbmemused')) {
    const index = columns.indexOf('%memused');
    if (index >= 0)
      out.push({ index, name: '%memused', meaning: { metric: 'mem.used', unit: 'percent', factor: 1 } });
  }
  return out;
}

/** Raw rows of a `sar -r` block, by column name (values as printed, KiB or percent). */
export type MemoryRows = Map<string, number[]>;

/** The definition of kbmemused these rows satisfy (see the module comment). */
export function kbmemusedDefinition(rows: MemoryRows): UsedDefinition {
  const used = rows.get('kbmemused');
  const percent = rows.get('%memused');
  if (used === undefined || percent === undefined) return 'unknown';
  const column = (name: string): number[] | undefined => rows.get(name);
  const sum = (...names: string[]): ((i: number) => number) | null => {
    const columns = names.map(column);
    if (columns.some((c) => c === undefined)) return null;
    return (i) => columns.reduce((total, c) => total + ((c as number[])[i] as number), 0);
  };
  const candidates: [UsedDefinition, ((i: number) => number) | null][] = [
    ['total-minus-free', sum('kbmemfree')],
    ['total-minus-free-buffers-cache-slab', sum('kbmemfree', 'kbbuffers', 'kbcached', 'kbslab')],
    ['total-minus-available', sum('kbavail')],
  ];
  const fits = candidates.filter(([, subtracted]) => {
    if (subtracted === null) return false;
    let checked = 0;
    for (let i = 0; i < used.length; i++) {
      const u = used[i] as number;
      const p = percent[i] as number;
      const total = u + subtracted(i);
      if (!Number.isFinite(p) || !Number.isFinite(total) || total <= 0) continue;
      // %memused is printed with two decimals: within half a hundredth, plus float slack.
      if (Math.abs((u / total) * 100 - p) > 0.0051) return false;
      checked++;
    }
    return checked > 0;
  });
  if (fits.length === 1) return (fits[0] as [UsedDefinition, unknown])[0];
  if (fits.length === 0 && rows.has('kbavail') && !rows.has('kbslab'))
    return 'total-minus-free-buffers-cache-slab';
  return 'unknown';
}

/** Accumulates one file's sysstat rows into series, per column name. */
export class SysstatSeries {
  private readonly columns = new Map<
    string,
    { meaning: SysstatColumnMeaning; t: number[]; raw: number[]; lines: number[]; headerLine: number }
  >();
  /** Columns read only to tell kbmemused's definition (%memused), not series of their own. */
  private readonly extra = new Map<string, { t: number[]; raw: number[] }>();

  add(
    name: string,
    meaning: SysstatColumnMeaning,
    tMs: number,
    raw: number,
    line: number,
    headerLine: number,
  ): void {
    let column = this.columns.get(name);
    if (column === undefined) {
      column = { meaning, t: [], raw: [], lines: [], headerLine };
      this.columns.set(name, column);
    }
    column.t.push(tMs);
    column.raw.push(raw);
    column.lines.push(line);
  }

  /** The series, with kbmemused's definition read from the rows (matched by time across columns). */
  finish(ctx: IngestContext, format: string): Series[] {
    const definition = this.usedDefinition();
    return [...this.columns].map(([name, column]) => ({
      name,
      metric: column.meaning.metric,
      ...(column.meaning.metric === 'mem.used' ? { definition } : {}),
      unit: column.meaning.unit,
      t: Float64Array.from(column.t),
      v: Float64Array.from(column.raw, (raw) => raw * column.meaning.factor),
      source: { file: ctx.file, format, line: column.headerLine },
      sourceLines: Int32Array.from(column.lines),
    }));
  }

  /** Raw values of the columns the definition needs, aligned on kbmemused's rows. */
  private usedDefinition(): UsedDefinition {
    const used = this.columns.get('kbmemused');
    if (used === undefined) return 'unknown';
    const rows: MemoryRows = new Map([['kbmemused', used.raw]]);
    for (const name of ['%memused', 'kbmemfree', 'kbavail', 'kbbuffers', 'kbcached', 'kbslab']) {
      const column = this.columns.get(name) ?? this.extra.get(name);
      if (column === undefined) continue;
      const byTime = new Map<number, number>();
      column.t.forEach((t, i) => byTime.set(t, column.raw[i] as number));
      rows.set(
        name,
        used.t.map((t) => byTime.get(t) ?? NaN),
      );
    }
    return kbmemusedDefinition(rows);
  }

  addExtra(name: string, tMs: number, raw: number): void {
    let column = this.extra.get(name);
    if (column === undefined) {
      column = { t: [], raw: [] };
      this.extra.set(name, column);
    }
    column.t.push(tMs);
    column.raw.push(raw);
  }
}
