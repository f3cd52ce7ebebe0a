// A broken file of every format: an InputError naming the file and the line (through readInput, the
// path the CLI takes; the CLI turns it into exit 2 — see cli.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { importerIds, readInput } from '../../src/ingest/index.js';

const dir = mkdtempSync(join(tmpdir(), 'memautopsy-bad-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BAD: Record<string, [name: string, text: string, line: number]> = {
  'prometheus-json': [
    'prom.json',
    '{"status":"success","data":{"resultType":"matrix","result":[\n{"metric":{"__name__":"node_memory_MemFree_bytes"},\n"values":[[1772409600,"12 MB"]]}]}}\n',
    3,
  ],
  'datadog-json': [
    'dd.json',
    '{"status":"ok","res_type":"time_series","series":[{"metric":"system.mem.used",\n"pointlist":[[1772409600000,"lots"]]}]}\n',
    2,
  ],
  'newrelic-json': [
    'nr.json',
    '{"data":{"actor":{"account":{"nrql":{\n"results":[{"average.memoryUsedBytes":5}]}}}}}\n',
    2,
  ],
  'cloudwatch-json': [
    'cw.json',
    '{"Label":"mem_used_percent",\n"Datapoints":[{"Timestamp":"yesterday","Average":5}]}\n',
    2,
  ],
  sadf: [
    'sadf.csv',
    '# hostname;interval;timestamp;kbmemfree;kbmemused\nh;60;2026-03-02 00:00:00 UTC;1;x\n',
    2,
  ],
  sar: [
    'sar.txt',
    'Linux 6.1.0 (h) \t2026-03-02 \t_x86_64_\t(2 CPU)\n\n00:00:01 kbmemfree kbmemused\n00:10:01 1000 x\n',
    4,
  ],
  'grafana-csv': ['g.csv', '"Time","Used"\r\n1772409600000,1\r\n1772409660000,lots\r\n', 3],
  'newrelic-csv': [
    'nr.csv',
    'Begin Time,End Time,Average Memory Used Bytes\n2026-03-02 00:00:00,2026-03-02 00:01:00,5\nnot a time,2026-03-02 00:02:00,6\n',
    3,
  ],
  'telegraf-csv': ['t.csv', 'timestamp,used_percent\n1772409600,5\n1772409660,5%%\n', 3],
  'netdata-csv': ['n.csv', 'time,used\r\n2026-03-02 00:01:00,5\r\n2026-03-02 00:00:00,five\r\n', 3],
  'collectd-csv': ['memory-used-2026-03-02', 'epoch,value\n1772409600.000,5\n1772409610.000,5,6\n', 3],
  'snapshot-loop': [
    'loop.txt',
    '2026-03-02T00:00:00Z\nMemTotal:  100 kB\nMemFree:  x kB\n2368980\t2357899\t45\t0\t2318380\t0\n',
    3,
  ],
  slabinfo: ['s.slabinfo', 'slabinfo - version: 2.1\ndentry 1 2 3\n', 2],
  slabtop: [
    's.slabtop',
    '  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME\n100 90 90% 0.19K dentry\n',
    2,
  ],
  free: ['free.txt', '              total        used        free\nMem:     100      50     fifty\n', 2],
  meminfo: ['meminfo', 'MemTotal:  100 kB\nMemFree:  x kB\n', 2],
  'dentry-state': ['dentry-state', 'nr_dentry nr_unused\n', 1],
  'cgroup-memory': ['memory.stat', 'anon 1\nfile x\n', 2],
  sysctl: ['sysctl.conf', '# only comments\nthis is not a setting\n', 2],
  'generic-csv': ['x.csv', 'time,used_bytes\n2026-03-02T00:00:00Z,1\n2026-03-02T00:01:00Z,2 apples\n', 3],
};

describe('a bad file of each format', () => {
  it('covers every importer', () => {
    expect(Object.keys(BAD).sort()).toEqual([...importerIds()].sort());
  });

  it.each(Object.entries(BAD))('%s: InputError with file and line', async (id, [name, text, line]) => {
    const path = join(dir, `${id}-${name}`);
    writeFileSync(path, text);
    const error = await readInput(path, { tz: 'UTC', inputFormat: id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: path, line });
    expect((error as InputError).format()).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: \\S`),
    );
  });
});
