/**
 * cgroup memory files (research/formats.md §7):
 *
 * - `memory.stat`: flat `key value` lines, amounts in bytes, keys as the kernel writes them ("new entries
 *   can show up in the middle", so they are read by key). cgroup v2 has `anon`, `file`, `shmem`,
 *   `slab_reclaimable`, `slab_unreclaimable` …; v1 has `cache`, `rss` and hierarchical `total_*`.
 * - single-value files `memory.current`, `memory.max` (`max` = no limit), `memory.peak`, `memory.high`,
 *   `memory.low`, `memory.min`, `memory.swap.current` and v1's `memory.usage_in_bytes`,
 *   `memory.limit_in_bytes`: one number. Content alone cannot say which file it is, so the file's
 *   name does (only for the label; the format was chosen by content).
 *
 * Each memory.stat becomes a CgroupMemoryStat; value files given in the same run are attached to the
 * memory.stat of the same folder (`attachCgroupValues`, called by the pipeline). Dumps captured in a
 * loop with timestamp lines also become series (anon, file, slab …).
 */

import { basename, dirname } from 'node:path';
import { InputError, messages } from '../errors.js';
import type { CanonicalMetric } from '../model/series.js';
import type { CgroupMemoryStat } from '../model/snapshot.js';
import type { Importer } from './importer.js';
import type { SnapshotKind, SnapshotPoint } from './snapshot-blocks.js';
import { readSnapshots, sniffSnapshotKinds } from './snapshot-blocks.js';
import { snapshotKinds } from './snapshot-kinds.js';

const LINE = /^([a-z][a-z0-9_]*) (\d+)\s*$/;
const KEY_LIKE = /^[a-z][a-z0-9_]*\s+\S+\s*$/;
/** Keys that begin memory.stat in v2 (`anon`) and v1 (`cache`), and others a grep may start with. */
const START_KEYS = new Set(['anon', 'file', 'cache', 'rss', 'total_cache', 'total_rss', 'kernel', 'shmem']);
const VALUE_FILE = /^\s*(\d+|max)\s*$/;
const VALUE_FILE_NAMES = [
  'memory.current',
  'memory.max',
  'memory.peak',
  'memory.high',
  'memory.low',
  'memory.min',
  'memory.swap.current',
  'memory.swap.max',
  'memory.usage_in_bytes',
  'memory.limit_in_bytes',
  'memory.max_usage_in_bytes',
];

/** memory.stat key → metric; v1's hierarchical `total_*` key wins over the cgroup's own. */
const SERIES_KEYS: readonly [string[], CanonicalMetric][] = [
  [['anon', 'total_rss', 'rss'], 'mem.anon'],
  [['file', 'total_cache', 'cache'], 'mem.cached'],
  [['shmem', 'total_shmem'], 'mem.shmem'],
  [['slab'], 'slab.total'],
  [['slab_reclaimable'], 'slab.reclaimable'],
  [['slab_unreclaimable'], 'slab.unreclaimable'],
];

export const cgroupMemoryKind: SnapshotKind = {
  id: 'cgroup-memory',
  starts(line) {
    const match = LINE.exec(line);
    return match !== null && START_KEYS.has(match[1] as string);
  },
  next(line, block) {
    if (!KEY_LIKE.test(line)) return 'end';
    const key = `${line.trim().split(/\s+/)[0] as string} `;
    return block.some((entry) => entry.text.startsWith(key)) ? 'end' : 'continue';
  },
  parse(block, atMs, ctx) {
    const fields: Record<string, number> = {};
    const lines = new Map<string, number>();
    for (const { text, line } of block) {
      const match = LINE.exec(text);
      if (match === null) {
        throw new InputError(
          'bad-cgroup-stat',
          messages.badSnapshotLine('memory.stat', text.trim()),
          ctx.file,
          line,
        );
      }
      fields[match[1] as string] = Number(match[2]);
      lines.set(match[1] as string, line);
    }
    const first = block[0]?.line ?? 1;
    const v2 = fields.anon !== undefined && fields.file !== undefined;
    const v1 = fields.cache !== undefined && fields.rss !== undefined;
    if (!v2 && !v1) {
      throw new InputError(
        'bad-cgroup-stat',
        'not a cgroup memory.stat: it needs "anon" and "file" (v2) or "cache" and "rss" (v1)',
        ctx.file,
        first,
      );
    }
    const points: SnapshotPoint[] = [];
    for (const [keys, metric] of SERIES_KEYS) {
      const key = keys.find((candidate) => fields[candidate] !== undefined);
      if (key === undefined) continue;
      points.push({
        name: `memory.stat ${key}`,
        metric,
        unit: 'bytes',
        value: fields[key] as number,
        line: lines.get(key) ?? first,
      });
    }
    const cgroup: CgroupMemoryStat = {
      atMs,
      fields,
      source: { file: ctx.file, format: 'cgroup-memory', line: first },
    };
    return { cgroup, points };
  },
};

export const cgroupMemory: Importer = {
  id: 'cgroup-memory',
  description: 'cgroup memory.stat (v1/v2) and memory.current/memory.max value files',
  sniff(head) {
    if (VALUE_FILE.test(head)) return true;
    const found = sniffSnapshotKinds(head, snapshotKinds());
    return found.size === 1 && found.has('cgroup-memory');
  },
  parse(text, ctx) {
    const value = VALUE_FILE.exec(text);
    if (value === null) return readSnapshots(text, ctx, snapshotKinds());
    const name = VALUE_FILE_NAMES.find((candidate) => basename(ctx.file).endsWith(candidate));
    if (name === undefined)
      throw new InputError('cgroup-value-name', messages.noCgroupValueName(), ctx.file, 1);
    // `max` means no limit.
    const amount = value[1] === 'max' ? Infinity : Number(value[1]);
    return {
      series: [],
      slabs: [],
      cgroup: [
        {
          atMs: null,
          fields: { [name]: amount },
          source: { file: ctx.file, format: 'cgroup-memory', line: 1 },
        },
      ],
    };
  },
};

/**
 * Value files (memory.current, memory.max …) joined to the memory.stat snapshot from the same folder
 * that has no time (the files of one `cat` of a cgroup). Value files without such a memory.stat stay
 * as snapshots of their own.
 */
export function attachCgroupValues(snapshots: readonly CgroupMemoryStat[]): CgroupMemoryStat[] {
  const isValueFile = (snapshot: CgroupMemoryStat): boolean =>
    Object.keys(snapshot.fields).every((key) => key.startsWith('memory.'));
  const stats = snapshots
    .filter((snapshot) => !isValueFile(snapshot))
    .map((s) => ({ ...s, fields: { ...s.fields } }));
  const leftovers: CgroupMemoryStat[] = [];
  for (const snapshot of snapshots.filter(isValueFile)) {
    const folder = dirname(snapshot.source.file);
    const target = stats.find((stat) => stat.atMs === null && dirname(stat.source.file) === folder);
    if (target === undefined) leftovers.push(snapshot);
    else Object.assign(target.fields, snapshot.fields);
  }
  return [...stats, ...leftovers];
}
