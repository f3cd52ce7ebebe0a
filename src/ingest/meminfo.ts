/**
 * /proc/meminfo (research/formats.md §7): `Key:<spaces>value kB`, HugePages_* unitless counts. kB is
 * KiB and becomes bytes. One snapshot per block; several dumps captured in a loop with timestamp lines
 * (snapshot-blocks.ts) also become one series per canonical field (MemTotal, MemAvailable, Cached, Slab,
 * SReclaimable, SUnreclaim, AnonPages …, plus swap used = SwapTotal − SwapFree). The key set varies by
 * kernel (MemAvailable since 3.14), so a block may start at any known key and continue with any key.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric } from '../model/series.js';
import type { MeminfoSnapshot } from '../model/snapshot.js';
import type { Importer } from './importer.js';
import type { SnapshotKind, SnapshotPoint } from './snapshot-blocks.js';
import { snapshotImporter } from './snapshot-blocks.js';
import { snapshotKinds } from './snapshot-kinds.js';

const LINE = /^([A-Za-z_][A-Za-z0-9_()]*):\s+(\d+)(?:\s+(kB))?\s*$/;
/** `Key:` followed by something that is not a value: a broken meminfo line. */
const KEY_LIKE = /^[A-Za-z_][A-Za-z0-9_()]*:\s/;

/** Keys /proc/meminfo has printed across kernels: a block starts only at one of these. */
const KNOWN_KEYS = new Set(
  (
    'MemTotal MemFree MemAvailable Buffers Cached SwapCached Active Inactive Active(anon) Inactive(anon) ' +
    'Active(file) Inactive(file) Unevictable Mlocked HighTotal HighFree LowTotal LowFree MmapCopy SwapTotal ' +
    'SwapFree Zswap Zswapped Dirty Writeback AnonPages Mapped Shmem KReclaimable Slab SReclaimable SUnreclaim ' +
    'KernelStack ShadowCallStack PageTables SecPageTables NFS_Unstable Bounce WritebackTmp CommitLimit ' +
    'Committed_AS VmallocTotal VmallocUsed VmallocChunk Percpu HardwareCorrupted AnonHugePages ShmemHugePages ' +
    'ShmemPmdMapped FileHugePages FilePmdMapped CmaTotal CmaFree Unaccepted Balloon HugePages_Total ' +
    'HugePages_Free HugePages_Rsvd HugePages_Surp Hugepagesize Hugetlb DirectMap4k DirectMap2M DirectMap4M ' +
    'DirectMap1G Quicklists'
  ).split(' '),
);

/** Fields that become series in a loop, and their metric. */
const SERIES_FIELDS: readonly [string, CanonicalMetric][] = [
  ['MemTotal', 'mem.total'],
  ['MemFree', 'mem.free'],
  ['MemAvailable', 'mem.available'],
  ['Buffers', 'mem.buffers'],
  ['Cached', 'mem.cached'],
  ['AnonPages', 'mem.anon'],
  ['Shmem', 'mem.shmem'],
  ['Committed_AS', 'mem.committed'],
  ['Slab', 'slab.total'],
  ['SReclaimable', 'slab.reclaimable'],
  ['SUnreclaim', 'slab.unreclaimable'],
];

export const meminfoKind: SnapshotKind = {
  id: 'meminfo',
  starts(line) {
    const match = LINE.exec(line);
    return match !== null && KNOWN_KEYS.has(match[1] as string);
  },
  next(line, block) {
    const match = LINE.exec(line);
    if (match !== null) {
      // A key seen before starts the next dump.
      const key = `${match[1] as string}:`;
      return block.some((entry) => entry.text.startsWith(key)) ? 'end' : 'continue';
    }
    // `Key: garbage` is a broken line of this dump: parse reports it with its line.
    return KEY_LIKE.test(line) ? 'continue' : 'end';
  },
  parse(block, atMs, ctx) {
    const fields: Record<string, number> = {};
    for (const { text, line } of block) {
      const match = LINE.exec(text);
      if (match === null) {
        throw new InputError(
          'bad-meminfo-line',
          messages.badSnapshotLine('meminfo', text.trim().slice(0, 80)),
          ctx.file,
          line,
        );
      }
      const value = Number(match[2]);
      fields[match[1] as string] = match[3] === 'kB' ? value * 1024 : value;
    }
    const first = block[0]?.line ?? 1;
    const lineOf = (key: string): number =>
      block.find((entry) => entry.text.startsWith(`${key}:`))?.line ?? first;
    const points: SnapshotPoint[] = [];
    for (const [key, metric] of SERIES_FIELDS) {
      const value = fields[key];
      if (value !== undefined) points.push({ name: key, metric, unit: 'bytes', value, line: lineOf(key) });
    }
    const { SwapTotal: swapTotal, SwapFree: swapFree } = fields;
    if (swapTotal !== undefined && swapFree !== undefined) {
      points.push({
        name: 'SwapTotal - SwapFree',
        metric: 'swap.used',
        unit: 'bytes',
        value: swapTotal - swapFree,
        line: lineOf('SwapFree'),
      });
    }
    const meminfo: MeminfoSnapshot = {
      atMs,
      fields,
      source: { file: ctx.file, format: 'meminfo', line: first },
    };
    return { meminfo, points };
  },
};

export const meminfo: Importer = snapshotImporter(
  'meminfo',
  '/proc/meminfo snapshot(s); several with timestamp lines become series',
  snapshotKinds,
);
