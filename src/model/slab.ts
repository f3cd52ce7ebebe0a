/** Slab-allocator snapshots (/proc/slabinfo, slabtop -o) and the reclaimability rules from research/kernel.md §5. */

import type { SourceRef } from './series.js';

export interface SlabCache {
  name: string;
  activeObjs: number;
  numObjs: number;
  objSizeBytes: number;
  /** Memory held by the cache in bytes (slabtop CACHE SIZE, or slabs × pages × page size / objs × size). */
  bytes: number;
  reclaimable: boolean;
}

export interface SlabSnapshot {
  /** Epoch ms when the snapshot was taken, when the input says so. */
  atMs: number | null;
  caches: SlabCache[];
  /** Total slab bytes as the source states it (slabtop summary), when given. */
  totalBytes?: number;
  source: SourceRef;
}

/**
 * Whether a cache is normally created with SLAB_RECLAIM_ACCOUNT (counted in SReclaimable).
 * dentry, inode caches, radix_tree_node, buffer_head and kmalloc-rcl-* are reclaimable; generic
 * kmalloc-*, task_struct, kmem_cache* and the rest are not (research/kernel.md §5 [K45]–[K50]).
 */
export function isReclaimableCache(name: string): boolean {
  const n = name.trim();
  if (n === 'dentry' || n === 'buffer_head' || n === 'radix_tree_node' || n === 'xfs_inode') return true;
  if (n.startsWith('kmalloc-rcl-') || n.startsWith('dma-kmalloc-rcl-')) return true;
  if (/(^|_)inode(_cache)?$/.test(n) || n.endsWith('_inode_cache') || n === 'inode_cache') return true;
  if (n === 'ext4_extent_status' || n === 'xfs_ili' || n === 'nfs_inode_cache') return true;
  return false;
}
