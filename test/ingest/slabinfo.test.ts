import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/errors.js';
import type { IngestContext } from '../../src/ingest/importer.js';
import { readInput } from '../../src/ingest/index.js';
import { slabinfo } from '../../src/ingest/slabinfo.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/slabinfo/${name}`, import.meta.url));
const context: IngestContext = { file: 'slabinfo', tz: 'UTC', warn: () => undefined };

describe('slabinfo', () => {
  it('reads the full SLUB /proc/slabinfo, long names included', async () => {
    const file = fixture('procfs-fixture-desktop-nvidia.slabinfo');
    const read = await readInput(file, { tz: 'UTC' });
    expect(read.format).toBe('slabinfo');
    const [snapshot] = read.result.slabs;
    expect(snapshot?.source).toEqual({ file, format: 'slabinfo', line: 1 });
    expect(snapshot?.totalBytes).toBeUndefined();
    expect(snapshot?.caches).toHaveLength(300);
    const byName = new Map(snapshot?.caches.map((c) => [c.name, c]));
    expect(byName.get('iwl_cmd_pool:0000:04:00.0')).toEqual({
      name: 'iwl_cmd_pool:0000:04:00.0',
      activeObjs: 0,
      numObjs: 128,
      objSizeBytes: 512,
      bytes: 4 * 4 * 4096,
      reclaimable: false,
    });
    expect(byName.get('nvidia_stack_cache')).toMatchObject({
      activeObjs: 321,
      numObjs: 326,
      bytes: 163 * 8 * 4096,
    });
    expect(byName.get('dentry')?.reclaimable).toBe(true);
    expect(byName.get('fat_inode_cache')?.reclaimable).toBe(true);
  });

  it('reads a headerless excerpt with SLAB-allocator tunables', async () => {
    const read = await readInput(fixture('openzfs-4925-SLAB-allocator-nonzero-tunables-EXCERPT.slabinfo'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('slabinfo');
    const [snapshot] = read.result.slabs;
    expect(snapshot?.caches).toHaveLength(12);
    expect(snapshot?.caches[0]).toEqual({
      name: 'dentry',
      activeObjs: 8245651,
      numObjs: 30399520,
      objSizeBytes: 192,
      bytes: 1519976 * 1 * 4096,
      reclaimable: true,
    });
    expect(snapshot?.caches.find((c) => c.name === 'mm_struct')?.bytes).toBe(30 * 2 * 4096);
  });

  it('sniffs the version line, or complete rows only', () => {
    expect(slabinfo.sniff('slabinfo - version: 2.1\n# name ...\n')).toBe(true);
    expect(
      slabinfo.sniff(
        'dentry            2369308 2369325    192   21    1 : tunables    0    0    0 : slabdata 112825 112825      0\n',
      ),
    ).toBe(true);
    expect(slabinfo.sniff('dentry 1 2 3\n')).toBe(false);
    expect(slabinfo.sniff('2368980\t2357899\t45\t0\t2318380\t0\n')).toBe(false);
    expect(slabinfo.sniff('time,used\n1,2\n')).toBe(false);
  });

  it('rejects a bad row with its line, other versions and a header without rows', () => {
    const header = 'slabinfo - version: 2.1\n# name <active_objs> …\n';
    expect(() => slabinfo.parse(`${header}dentry 1 2 3\n`, context)).toThrow(
      expect.objectContaining({ code: 'bad-slab-row', file: 'slabinfo', line: 3 }),
    );
    expect(() => slabinfo.parse('slabinfo - version: 1.1\n', context)).toThrow(
      expect.objectContaining({ message: messages.unsupportedSlabinfoVersion('1.1'), line: 1 }),
    );
    expect(() => slabinfo.parse(header, context)).toThrow(
      expect.objectContaining({ code: 'no-slab-caches' }),
    );
  });
});
