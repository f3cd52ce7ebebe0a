/**
 * Where MemTotal went in a /proc/meminfo snapshot, as parts that add up to MemTotal (for the breakdown
 * chart). Pure.
 *
 * The kernel's counters overlap, so the parts are chosen not to: Cached includes Shmem (tmpfs and
 * shared anonymous memory, which cannot be dropped without swap), so page cache is Cached − Shmem;
 * AnonPages excludes Shmem; Slab = SReclaimable + SUnreclaim. What the listed counters do not cover
 * (vmalloc, per-CPU areas, huge pages, drivers) is "other" (research/kernel.md §1).
 */

import type { CompositionPart, MemoryComposition } from '../model/result.js';
import type { MeminfoSnapshot } from '../model/snapshot.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export function memoryComposition(snapshot: MeminfoSnapshot): MemoryComposition | undefined {
  const f = snapshot.fields;
  const total = f.MemTotal;
  if (total === undefined || !(total > 0) || f.MemFree === undefined) return undefined;
  const field = (name: string): number => {
    const value = f[name];
    return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
  };
  const shmem = field('Shmem');
  const reclaimableSlab = field('SReclaimable');
  const unreclaimableSlab =
    f.SUnreclaim !== undefined ? field('SUnreclaim') : Math.max(0, field('Slab') - reclaimableSlab);
  const parts: CompositionPart[] = [
    { key: 'anon', label: 'Applications (AnonPages)', bytes: field('AnonPages'), reclaimable: false },
    { key: 'shmem', label: 'Shared memory, tmpfs (Shmem)', bytes: shmem, reclaimable: false },
    {
      key: 'page-cache',
      label: 'Page cache (Cached − Shmem)',
      bytes: Math.max(0, field('Cached') - shmem),
      reclaimable: true,
    },
    { key: 'buffers', label: 'Buffers', bytes: field('Buffers'), reclaimable: true },
    {
      key: 'slab-reclaimable',
      label: 'Reclaimable slab (SReclaimable)',
      bytes: reclaimableSlab,
      reclaimable: true,
    },
    {
      key: 'slab-unreclaimable',
      label: 'Unreclaimable slab (SUnreclaim)',
      bytes: unreclaimableSlab,
      reclaimable: false,
    },
    {
      key: 'kernel',
      label: 'Kernel stacks, page tables',
      bytes: field('KernelStack') + field('PageTables'),
      reclaimable: false,
    },
    { key: 'free', label: 'Free (MemFree)', bytes: field('MemFree'), reclaimable: null },
  ];
  const listed = parts.reduce((sum, part) => sum + part.bytes, 0);
  parts.push({
    key: 'other',
    label: 'Other kernel memory',
    bytes: Math.max(0, total - listed),
    reclaimable: null,
  });
  return {
    at: snapshot.atMs === null ? null : iso(snapshot.atMs),
    file: snapshot.source.file,
    totalBytes: total,
    ...(f.MemAvailable !== undefined ? { availableBytes: f.MemAvailable } : {}),
    parts: parts.filter((part) => part.bytes > 0),
  };
}
