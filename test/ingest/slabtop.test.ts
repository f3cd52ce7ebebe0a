import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/errors.js';
import type { IngestContext } from '../../src/ingest/importer.js';
import { readInput } from '../../src/ingest/index.js';
import { slabtop } from '../../src/ingest/slabtop.js';
import type { Warning } from '../../src/model/warning.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/slabtop/${name}`, import.meta.url));

function context(warnings: Warning[] = []): IngestContext {
  return {
    file: 'slab.txt',
    tz: 'UTC',
    warn: (code, message, line) => warnings.push({ code, message, line }),
  };
}

describe('slabtop', () => {
  it('reads the dentry-dominant snapshot (old layout)', async () => {
    const file = fixture('opencloudtouch-387-dentry-dominant-TRUNCATED.slabtop');
    const read = await readInput(file, { tz: 'UTC' });
    expect(read.format).toBe('slabtop');
    expect(read.result.series).toEqual([]);
    expect(read.result.slabs).toHaveLength(1);
    const [snapshot] = read.result.slabs;
    expect(snapshot?.atMs).toBeNull();
    expect(snapshot?.totalBytes).toBe(Math.round(674440.2 * 1024));
    expect(snapshot?.source).toEqual({ file, format: 'slabtop', line: 7 });
    expect(snapshot?.caches.map((c) => c.name)).toEqual([
      'dentry',
      'kmalloc-rcl-96',
      'kmalloc-rnd-14-192',
      'trace_event_file',
    ]);
    expect(snapshot?.caches[0]).toEqual({
      name: 'dentry',
      numObjs: 2369325,
      activeObjs: 2369308,
      objSizeBytes: Math.round(0.19 * 1024),
      bytes: 451300 * 1024,
      reclaimable: true,
    });
    expect(snapshot?.caches.map((c) => c.reclaimable)).toEqual([true, true, false, false]);
    expect(read.warnings).toEqual([]);
  });

  it('reads 9-digit counts and strips the name padding (kernel-leak sample)', async () => {
    const read = await readInput(fixture('selinux-220-ebitmap_node-kernel-leak-TRUNCATED.slabtop'), {
      tz: 'UTC',
    });
    const [snapshot] = read.result.slabs;
    expect(snapshot?.totalBytes).toBe(Math.round(47376581.93 * 1024));
    expect(snapshot?.caches[0]).toMatchObject({
      name: 'ebitmap_node',
      numObjs: 734506368,
      activeObjs: 734506368,
      bytes: 45906648 * 1024,
      reclaimable: false,
    });
    expect(snapshot?.caches.map((c) => c.name)).toEqual([
      'ebitmap_node',
      'kmalloc-512',
      'kmalloc-2048',
      'task_struct',
    ]);
  });

  it('reads the widened 2025 layout', async () => {
    const read = await readInput(fixture('procps-2025-wide-layout-HANDMADE.slabtop'), { tz: 'UTC' });
    const [snapshot] = read.result.slabs;
    expect(snapshot?.totalBytes).toBe(682280 * 1024);
    expect(snapshot?.caches.map((c) => [c.name, c.bytes, c.reclaimable])).toEqual([
      ['dentry', 451300 * 1024, true],
      ['kmalloc-rcl-96', 96728 * 1024, true],
      ['ext4_inode_cache', 128000 * 1024, true],
      ['kmalloc-256', 6252 * 1024, false],
    ]);
  });

  it('gives one snapshot per run, dated by the date line, reads human and comma sizes, warns about stray lines', () => {
    const warnings: Warning[] = [];
    const text = [
      '$ slabtop -o',
      'Mon Mar  2 00:00:00 UTC 2026',
      ' Active / Total Size (% used)       : 1.5G / 2.0G (75.0%)',
      '',
      '  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME',
      '100 90  90%    0,19K 5       21    1.5M dentry',
      '',
      ' Active / Total Objects (% used)    : 1 / 2 (50.0%)',
      '  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME',
      '200 190  95%    0.19K 10       21    40K dentry',
    ].join('\n');
    const { slabs } = slabtop.parse(text, context(warnings));
    expect(slabs).toHaveLength(2);
    expect(slabs[0]?.totalBytes).toBe(2 * 1024 ** 3);
    expect(slabs[0]?.caches[0]).toMatchObject({ objSizeBytes: 195, bytes: 1.5 * 1024 ** 2 });
    expect(slabs[1]?.totalBytes).toBeUndefined();
    expect(slabs[1]?.caches[0]).toMatchObject({ numObjs: 200, bytes: 40 * 1024 });
    expect(slabs.map((slab) => slab.atMs)).toEqual([Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 2)]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'ignored-lines', line: 1 })]);
  });

  it('rejects a broken row with its line, and text without a table', () => {
    const header = '  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME';
    expect(() => slabtop.parse(`${header}\n100 90 90% 0.19K dentry\n`, context())).toThrow(
      expect.objectContaining({ code: 'bad-slab-row', file: 'slab.txt', line: 2 }),
    );
    expect(() => slabtop.parse(' Active / Total Objects (% used)    : 1 / 2 (50.0%)\n', context())).toThrow(
      expect.objectContaining({ code: 'no-slab-table', message: messages.noSlabTable() }),
    );
  });

  it('sniffs the summary or the table header', () => {
    expect(slabtop.sniff('Active / Total Objects (% used)    : 1 / 2 (50.0%)\n')).toBe(true);
    expect(slabtop.sniff('    OBJS   ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME      \r\n')).toBe(
      true,
    );
    expect(slabtop.sniff('time,used\n1,2\n')).toBe(false);
  });
});
