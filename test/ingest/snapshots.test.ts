import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/errors.js';
import { attachCgroupValues, cgroupMemory } from '../../src/ingest/cgroup-memory.js';
import { free } from '../../src/ingest/free.js';
import type { IngestContext } from '../../src/ingest/importer.js';
import { readInput } from '../../src/ingest/index.js';
import { meminfo } from '../../src/ingest/meminfo.js';
import { snapshotLoop } from '../../src/ingest/snapshot-loop.js';
import { sysctl } from '../../src/ingest/sysctl.js';
import type { Series } from '../../src/model/series.js';
import type { Warning } from '../../src/model/warning.js';
import { ingestAll } from '../../src/pipeline.js';

const fixture = (dir: string, name: string): string =>
  fileURLToPath(new URL(`../fixtures/${dir}/${name}`, import.meta.url));
const KIB = 1024;
const MIB = 1024 ** 2;
const MAR_2 = Date.UTC(2026, 2, 2);
const HOUR = 3_600_000;
const values = (series: Series | undefined): number[] => [...(series?.v ?? [])];
const times = (series: Series | undefined): number[] => [...(series?.t ?? [])];
const named = (series: Series[], name: string): Series | undefined => series.find((s) => s.name === name);
function context(warnings: Warning[] = [], tz = 'UTC', file = 'capture.txt'): IngestContext {
  return { file, tz, warn: (code, message, line) => warnings.push({ code, message, line }) };
}

describe('meminfo', () => {
  it('reads a real snapshot in bytes', async () => {
    const read = await readInput(
      fixture('meminfo', 'newrelic-infra-agent-testdata-with-memavailable.meminfo'),
      { tz: 'UTC' },
    );
    expect(read.format).toBe('meminfo');
    const [snapshot] = read.result.meminfo ?? [];
    expect(snapshot?.atMs).toBeNull();
    expect(snapshot?.fields.MemAvailable).toBeGreaterThan(0);
    expect(read.result.series).toEqual([]);
    const perf = await readInput(fixture('meminfo', 'perf-tools-78-centos7-sreclaimable-14GB.meminfo'), {
      tz: 'UTC',
    });
    expect(perf.result.meminfo?.[0]?.fields).toMatchObject({
      MemTotal: 24592560 * KIB,
      SReclaimable: 14810428 * KIB,
    });
  });

  it('reads /proc/meminfo itself (a file that reports size 0)', async () => {
    const read = await readInput('/proc/meminfo', { tz: 'UTC' });
    expect(read.format).toBe('meminfo');
    expect(read.result.meminfo?.[0]?.fields.MemTotal).toBeGreaterThan(0);
  });

  it('turns a loop of `date -u` + meminfo into snapshots with times and series per field', async () => {
    const read = await readInput(fixture('meminfo', 'meminfo-loop-date-u-HANDMADE.txt'), { tz: 'UTC' });
    expect(read.format).toBe('meminfo');
    expect(read.result.meminfo?.map((s) => s.atMs)).toEqual([0, 1, 2, 3].map((h) => MAR_2 + h * HOUR));
    const available = named(read.result.series, 'MemAvailable');
    expect(available).toMatchObject({
      metric: 'mem.available',
      unit: 'bytes',
      source: { format: 'meminfo', line: 4 },
    });
    expect(times(available)).toEqual([0, 1, 2, 3].map((h) => MAR_2 + h * HOUR));
    expect(values(available)).toEqual([12000000, 11500000, 11000000, 10500000].map((k) => k * KIB));
    expect([...(available?.sourceLines ?? [])]).toEqual([4, 28, 52, 76]);
    expect(named(read.result.series, 'AnonPages')).toMatchObject({ metric: 'mem.anon' });
    expect(values(named(read.result.series, 'SwapTotal - SwapFree'))).toEqual(
      [0, 1024, 2048, 3072].map((k) => k * KIB),
    );
    expect(read.result.series.map((s) => s.metric)).not.toContain('other');
    expect(read.warnings).toEqual([]);
  });

  it('reports a broken line with its line, and text that holds no snapshot', () => {
    expect(() => meminfo.parse('MemTotal:  100 kB\nMemFree:  lots kB\n', context())).toThrow(
      expect.objectContaining({ code: 'bad-meminfo-line', line: 2 }),
    );
    expect(() => meminfo.parse('hello\nworld\n', context())).toThrow(
      expect.objectContaining({ code: 'no-snapshots', line: 1, message: messages.noSnapshots() }),
    );
  });

  it('refuses a zone abbreviation on a date line unless --tz names the zone', () => {
    const text = 'Mon Mar  2 01:00:00 CET 2026\nMemTotal:  100 kB\n';
    expect(() => meminfo.parse(text, context())).toThrow(
      expect.objectContaining({
        code: 'ambiguous-zone',
        line: 1,
        message: messages.dateLineAbbreviation('CET'),
      }),
    );
    expect(meminfo.parse(text, context([], 'Europe/Berlin')).meminfo?.[0]?.atMs).toBe(MAR_2);
  });
});

describe('dentry-state', () => {
  it('reads the real snapshot (nr_negative)', async () => {
    const read = await readInput(fixture('dentry-state', 'opencloudtouch-387-mostly-negative.dentry-state'), {
      tz: 'UTC',
    });
    expect(read.result.dentryState?.[0]).toMatchObject({
      atMs: null,
      nrDentry: 2368980,
      nrUnused: 2357899,
      nrNegative: 2318380,
    });
  });

  it('turns a `date -Is` loop into series of counts', async () => {
    const read = await readInput(fixture('dentry-state', 'dentry-state-loop-date-Is-HANDMADE.txt'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('dentry-state');
    expect(read.result.dentryState?.map((s) => s.atMs)).toEqual(
      [0, 10, 20, 30].map((m) => MAR_2 + m * 60_000),
    );
    expect(read.result.series.map((s) => [s.name, s.metric, s.unit])).toEqual([
      ['nr_dentry', 'dentry.total', 'count'],
      ['nr_unused', 'dentry.unused', 'count'],
      ['nr_negative', 'dentry.negative', 'count'],
    ]);
    expect(values(named(read.result.series, 'nr_negative'))).toEqual([2318380, 2417380, 2516380, 2615380]);
  });
});

describe('slab loops', () => {
  it('dates each slabinfo snapshot from framed date lines', async () => {
    const read = await readInput(fixture('slabinfo', 'slabinfo-loop-date-HANDMADE.slabinfo'), { tz: 'UTC' });
    expect(read.format).toBe('slabinfo');
    expect(read.result.slabs.map((s) => s.atMs)).toEqual([MAR_2, MAR_2 + HOUR]);
    expect(read.result.slabs[1]?.caches[0]).toMatchObject({
      name: 'dentry',
      numObjs: 2969325,
      bytes: 141397 * 4096,
    });
  });
});

describe('snapshot-loop (mixed capture)', () => {
  it('reads what collect-evidence recommends: meminfo, slabtop and dentry-state between date lines', async () => {
    const read = await readInput(fixture('snapshot-loop', 'collect-evidence-loop-HANDMADE.txt'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('snapshot-loop');
    const hours = [0, 1, 2].map((h) => MAR_2 + h * HOUR);
    expect(read.result.meminfo?.map((s) => s.atMs)).toEqual(hours);
    expect(read.result.slabs.map((s) => s.atMs)).toEqual(hours);
    expect(read.result.dentryState?.map((s) => s.atMs)).toEqual(hours);
    expect(read.result.slabs.map((s) => s.caches[0]?.bytes)).toEqual(
      [451300, 571300, 691300].map((k) => k * KIB),
    );
    expect(values(named(read.result.series, 'nr_dentry'))).toEqual([2368980, 2968980, 3568980]);
    expect(times(named(read.result.series, 'SReclaimable'))).toEqual(hours);
    expect(read.warnings).toEqual([]);
  });

  it('sniffs two kinds or more only', () => {
    expect(snapshotLoop.sniff('MemTotal:  100 kB\n2368980\t2357899\t45\t0\t2318380\t0\n')).toBe(true);
    expect(snapshotLoop.sniff('MemTotal:  100 kB\nMemFree:  1 kB\n')).toBe(false);
    // Six numeric columns without date lines are a table, not dentry-state snapshots.
    expect(snapshotLoop.sniff('1\t2\t3\t4\t5\t6\n7\t8\t9\t10\t11\t12\nMemTotal:  100 kB\n')).toBe(false);
  });
});

describe('free', () => {
  it('reads the old layout (used includes cache) and the -/+ buffers/cache line', () => {
    const warnings: Warning[] = [];
    const text =
      '$ free -m\n             total       used       free     shared    buffers     cached\nMem:          4045       3761        284        145        220       1991\n-/+ buffers/cache:       1548       2497\nSwap:         7632         74       7557\n';
    const result = free.parse(text, context(warnings));
    expect(result.meminfo?.[0]?.fields).toEqual({
      MemTotal: 4045 * MIB,
      MemFree: 284 * MIB,
      Shmem: 145 * MIB,
      Buffers: 220 * MIB,
      Cached: 1991 * MIB,
      SwapTotal: 7632 * MIB,
      SwapFree: 7557 * MIB,
    });
    expect(warnings.map((w) => [w.code, w.line])).toEqual([
      ['unit-assumed', 2],
      ['ignored-lines', 1],
    ]);
  });

  it('tells procps 3.3.10–4.0.0 from ≥ 4.0.1 by which identity "used" satisfies', async () => {
    const loop = await readInput(fixture('free', 'free-m-loop-procps-4-date-HANDMADE.txt'), { tz: 'UTC' });
    expect(loop.format).toBe('free');
    const used = named(loop.result.series, 'Mem used');
    expect(used).toMatchObject({ metric: 'mem.used', definition: 'total-minus-available', unit: 'bytes' });
    expect(times(used)).toEqual([0, 5, 10].map((m) => MAR_2 + m * 60_000));
    expect(values(used)).toEqual([3890, 4590, 5290].map((m) => m * MIB));
    expect(named(loop.result.series, 'Mem available')).toMatchObject({ metric: 'mem.available' });
    expect(named(loop.result.series, 'Swap used')).toMatchObject({ metric: 'swap.used' });

    const text =
      '              total        used        free      shared  buff/cache   available\nMem:            991         113          65          56         813         588\n';
    const older = free.parse(`Mon Mar  2 00:00:00 UTC 2026\n${text}`, context());
    expect(named(older.series, 'Mem used')?.definition).toBe('total-minus-free-buffers-cache');
  });

  it('reads -h suffixes without assuming a unit, and plain KiB by the 16 TiB bound', () => {
    const warnings: Warning[] = [];
    const human = free.parse(
      '               total        used        free      shared  buff/cache   available\nMem:            15Gi       4.3Gi       1.1Gi       120Mi        10Gi        11Gi\nSwap:          2.0Gi          0B       2.0Gi\n',
      context(warnings),
    );
    expect(human.meminfo?.[0]?.fields.MemTotal).toBe(15 * 1024 ** 3);
    expect(warnings).toEqual([]);
    const kib = free.parse(
      '               total        used        free      shared  buff/cache   available\nMem:        32768000     4000000     1000000       10000    27768000    28768000\n',
      context(warnings),
    );
    expect(kib.meminfo?.[0]?.fields.MemTotal).toBe(32768000 * KIB);
    expect(warnings[0]?.message).toContain('KiB');
  });

  it('reports a broken row with its line', () => {
    expect(() =>
      free.parse('               total        used        free\nMem:   100   50  fifty\n', context()),
    ).toThrow(expect.objectContaining({ code: 'bad-free-row', line: 2 }));
  });
});

describe('cgroup-memory', () => {
  it('reads the real v2 memory.stat and attaches memory.current and memory.max from the same folder', async () => {
    const files = ['stat', 'current', 'max'].map((name) =>
      fixture('cgroup-memory', `sysinfo-1219-cgroupv2-memory.${name}`),
    );
    const reads = await Promise.all(files.map((file) => readInput(file, { tz: 'UTC' })));
    expect(reads.map((r) => r.format)).toEqual(['cgroup-memory', 'cgroup-memory', 'cgroup-memory']);
    const merged = attachCgroupValues(reads.flatMap((r) => r.result.cgroup ?? []));
    expect(merged).toHaveLength(1);
    expect(merged[0]?.fields).toMatchObject({
      anon: 2472849408,
      file: 57344,
      slab_reclaimable: 371120,
      inactive_file: 4096,
      'memory.current': 2481475584,
      'memory.max': 7864320000,
    });
  });

  it('reads `max` as no limit, and needs a value file to be named', () => {
    expect(
      cgroupMemory.parse('max\n', context([], 'UTC', '/sys/fs/cgroup/memory.max')).cgroup?.[0]?.fields,
    ).toEqual({
      'memory.max': Infinity,
    });
    expect(() => cgroupMemory.parse('12345\n', context([], 'UTC', 'value.txt'))).toThrow(
      expect.objectContaining({ code: 'cgroup-value-name', message: messages.noCgroupValueName() }),
    );
  });

  it('turns a loop into series and reads v1 keys', () => {
    const v1 = 'cache 1000\nrss 2000\ntotal_cache 5000\ntotal_rss 6000\n';
    const text = `2026-03-02T00:00:00Z\n${v1}2026-03-02T00:01:00Z\n${v1.replace('6000', '7000')}`;
    const result = cgroupMemory.parse(text, context());
    expect(result.series.map((s) => [s.name, s.metric, values(s)])).toEqual([
      ['memory.stat total_rss', 'mem.anon', [6000, 7000]],
      ['memory.stat total_cache', 'mem.cached', [5000, 5000]],
    ]);
    expect(() => cgroupMemory.parse('anon 1\nshmem 2\n', context())).toThrow(
      expect.objectContaining({ code: 'bad-cgroup-stat', line: 1 }),
    );
  });

  it('joins through the pipeline', async () => {
    const files = ['stat', 'current', 'max'].map((name) =>
      fixture('cgroup-memory', `sysinfo-1219-cgroupv2-memory.${name}`),
    );
    const evidence = await ingestAll(
      [...files, fixture('meminfo', 'falcon-plus-230-kernel3x-with-memavailable.meminfo')],
      { tz: 'UTC' },
    );
    expect(evidence.cgroup).toHaveLength(1);
    expect(evidence.cgroup[0]?.fields['memory.current']).toBe(2481475584);
  });
});

describe('sysctl', () => {
  it('reads sysctl -a: running settings, kernel.osrelease kept, dentry-state and host taken, errors skipped', async () => {
    const read = await readInput(fixture('sysctl', 'sysctl-a-excerpt-HANDMADE.txt'), { tz: 'UTC' });
    expect(read.format).toBe('sysctl');
    const [snapshot] = read.result.sysctl ?? [];
    expect(snapshot?.kind).toBe('running');
    expect(snapshot?.settings).toMatchObject({
      'kernel.osrelease': '6.1.0-18-amd64',
      'vm.vfs_cache_pressure': '100',
      'vm.overcommit_memory': '0',
      'fs.file-nr': '4128 0 9223372036854775807',
    });
    expect(read.result.host).toBe('web-01');
    expect(read.result.dentryState?.[0]).toMatchObject({ nrDentry: 2368980, nrNegative: 2318380 });
    expect(read.warnings.map((w) => [w.code, w.line])).toEqual([['sysctl-errors', 4]]);
  });

  it('reads a sysctl.d file: comments, `/` separators, `-` prefixes, trailing spaces', async () => {
    const read = await readInput(fixture('sysctl', '99-memory-tuning.conf'), { tz: 'UTC' });
    const [snapshot] = read.result.sysctl ?? [];
    expect(snapshot?.kind).toBe('config');
    expect(snapshot?.settings).toEqual({
      'vm.vfs_cache_pressure': '500',
      'vm.swappiness': '10',
      'vm.overcommit_memory': '2',
      'kernel.sched_autogroup_enabled': '0',
    });
    expect(read.warnings).toEqual([]);
  });

  it('keeps dots inside a name when slashes separate', () => {
    const result = sysctl.parse('net/ipv4/conf/eth0.100/rp_filter = 1\n', context());
    expect(result.sysctl?.[0]?.settings).toEqual({ 'net.ipv4.conf.eth0/100.rp_filter': '1' });
  });
});
