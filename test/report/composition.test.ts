import { describe, expect, it } from 'vitest';
import { memoryComposition } from '../../src/report/composition.js';
import { MEMINFO } from './fixtures.js';

const KIB = 1024;

describe('memoryComposition', () => {
  it('cuts MemTotal into non-overlapping parts that add up to it', () => {
    const composition = memoryComposition(MEMINFO)!;
    const sum = composition.parts.reduce((total, part) => total + part.bytes, 0);
    expect(sum).toBeCloseTo(MEMINFO.fields.MemTotal!, 0);
    const part = (key: string): number | undefined => composition.parts.find((p) => p.key === key)?.bytes;
    // Cached includes Shmem: page cache is the rest, and Shmem is its own (unreclaimable) part.
    expect(part('page-cache')).toBe(MEMINFO.fields.Cached! - MEMINFO.fields.Shmem!);
    expect(part('shmem')).toBe(MEMINFO.fields.Shmem);
    expect(part('kernel')).toBe(MEMINFO.fields.KernelStack! + MEMINFO.fields.PageTables!);
    expect(composition.parts.find((p) => p.key === 'slab-reclaimable')?.reclaimable).toBe(true);
    expect(composition.parts.find((p) => p.key === 'anon')?.reclaimable).toBe(false);
    expect(composition.availableBytes).toBe(MEMINFO.fields.MemAvailable);
    expect(composition.file).toBe('web-01-meminfo.txt');
  });

  it('matches a real 5.15 kernel snapshot (samples/dentry-cache), leaving a small unlisted rest', () => {
    const fields = {
      MemTotal: 16777216,
      MemFree: 371740,
      MemAvailable: 14507212,
      Buffers: 31388,
      Cached: 715272,
      AnonPages: 1418404,
      Shmem: 49152,
      SReclaimable: 13721612,
      SUnreclaim: 316520,
      KernelStack: 10432,
      PageTables: 24680,
    };
    const bytes = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v * KIB]));
    const composition = memoryComposition({
      atMs: null,
      fields: bytes,
      source: { file: 'm', format: 'meminfo' },
    })!;
    const other = composition.parts.find((p) => p.key === 'other')!.bytes;
    expect(other / KIB).toBe(
      16777216 - 371740 - 31388 - 715272 - 1418404 - 13721612 - 316520 - 10432 - 24680,
    );
    expect(composition.at).toBeNull();
  });

  it('needs MemTotal and MemFree; takes unreclaimable slab from Slab when SUnreclaim is missing', () => {
    expect(
      memoryComposition({ atMs: null, fields: { MemFree: 1 }, source: { file: 'm', format: 'meminfo' } }),
    ).toBeUndefined();
    const composition = memoryComposition({
      atMs: null,
      fields: { MemTotal: 100, MemFree: 10, Slab: 50, SReclaimable: 30 },
      source: { file: 'm', format: 'meminfo' },
    })!;
    expect(composition.parts.find((p) => p.key === 'slab-unreclaimable')?.bytes).toBe(20);
    expect(composition.parts.find((p) => p.key === 'other')?.bytes).toBe(40);
  });
});
