import { describe, expect, it } from 'vitest';
import { detectSlabGrowth } from '../../src/detect/slab-growth.js';
import { isReclaimableCache, type SlabSnapshot } from '../../src/model/slab.js';
import { GIB, HOUR_MS, MIB, START_MS } from './synthetic.js';

function snapshot(atMs: number | null, caches: Record<string, number>): SlabSnapshot {
  return {
    atMs,
    caches: Object.entries(caches).map(([name, bytes]) => ({
      name,
      activeObjs: 0,
      numObjs: 0,
      objSizeBytes: 0,
      bytes,
      reclaimable: isReclaimableCache(name),
    })),
    source: { file: `slab-${atMs}.txt`, format: 'slabtop' },
  };
}

describe('detectSlabGrowth', () => {
  it('reports the material growers between two snapshots, fastest first, with reclaimability', () => {
    const findings = detectSlabGrowth(
      [
        snapshot(START_MS, { dentry: 2 * GIB, 'kmalloc-256': 100 * MIB, task_struct: 50 * MIB }),
        snapshot(START_MS + 10 * HOUR_MS, {
          dentry: 6 * GIB,
          'kmalloc-256': 1100 * MIB,
          task_struct: 52 * MIB,
        }),
      ],
      16 * GIB,
    );
    expect(findings.map((f) => [f.cache, f.reclaimable])).toEqual([
      ['dentry', true],
      ['kmalloc-256', false],
    ]);
    expect(findings[0]?.growthBytesPerHour).toBeCloseTo((4 * GIB) / 10, 0);
    expect(findings[1]?.growthBytesPerHour).toBeCloseTo((1000 * MIB) / 10, 0);
    expect(findings[0]).toMatchObject({
      kind: 'slab-growth',
      start: new Date(START_MS).toISOString(),
      end: new Date(START_MS + 10 * HOUR_MS).toISOString(),
      startBytes: 2 * GIB,
      endBytes: 6 * GIB,
      snapshots: 2,
    });
  });

  it("uses Sen's slope over three or more snapshots, in time order, so one odd snapshot does not decide", () => {
    const findings = detectSlabGrowth(
      [
        snapshot(START_MS + 3 * HOUR_MS, { 'kmalloc-64': 400 * MIB }),
        snapshot(START_MS, { 'kmalloc-64': 100 * MIB }),
        snapshot(START_MS + HOUR_MS, { 'kmalloc-64': 200 * MIB }),
        snapshot(START_MS + 2 * HOUR_MS, { 'kmalloc-64': 3 * GIB }), // one odd reading
        snapshot(START_MS + 4 * HOUR_MS, { 'kmalloc-64': 500 * MIB }),
      ],
      4 * GIB,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.growthBytesPerHour).toBeCloseTo(100 * MIB, -3);
  });

  it('counts a cache missing from a snapshot as 0 bytes and skips snapshots without a time', () => {
    const findings = detectSlabGrowth(
      [
        snapshot(START_MS, { dentry: GIB }),
        snapshot(null, { dentry: 9 * GIB, ext4_inode_cache: 9 * GIB }),
        snapshot(START_MS + 4 * HOUR_MS, { dentry: GIB, ext4_inode_cache: 2 * GIB }),
      ],
      16 * GIB,
    );
    expect(findings.map((f) => f.cache)).toEqual(['ext4_inode_cache']);
    expect(findings[0]?.startBytes).toBe(0);
  });

  it('without the total, measures materiality against the latest slab total; nothing from one snapshot', () => {
    const snapshots = [
      snapshot(START_MS, { dentry: 1000 * MIB, 'kmalloc-32': 10 * MIB }),
      snapshot(START_MS + HOUR_MS, { dentry: 1000 * MIB, 'kmalloc-32': 40 * MIB }),
    ];
    // +30 MiB of 1040 MiB slab = 2.9 % < 5 %
    expect(detectSlabGrowth(snapshots)).toEqual([]);
    expect(detectSlabGrowth(snapshots.slice(0, 1))).toEqual([]);
    expect(detectSlabGrowth([snapshot(START_MS, { a: 1 }), snapshot(START_MS, { a: 9 })])).toEqual([]);
  });
});
