/**
 * Keep vm.vfs_cache_pressure at its default when dentry/inode caches dominate. The widely copied
 * 100000 does not cap the cache, only makes reclaim scan harder and moves memory to page cache; the
 * kernel documentation warns against values far above 100 (kernel.md §1, [K1][K2][K7]). Never
 * recommend ≥ 1000 or 0.
 */

import type { RecommendationRule } from './rule.js';

export const keepVfsCachePressure: RecommendationRule = {
  id: 'keep-vfs-cache-pressure',
  recommend({ verdict, slab }) {
    if (verdict.kind !== 'reclaimable-cache') return null;
    const top = slab?.top[0];
    const cacheNote =
      top !== undefined && top.reclaimable ? ` (${top.name} is the largest slab cache here)` : '';
    return {
      key: 'vm.vfs_cache_pressure',
      value: '100',
      rationale: `The dentry and inode caches${cacheNote} are reclaimable and the kernel already reclaims them under pressure. Keep the default: raising it (the often-copied 100000) does not stop the cache from growing on an idle host, only makes every reclaim pass scan far more objects under locks.`,
      risk: 'None at the default. Values above 1000 cost CPU and lock contention in reclaim; 0 can cause out-of-memory conditions.',
      apply:
        "sysctl -w vm.vfs_cache_pressure=100 && echo 'vm.vfs_cache_pressure = 100' > /etc/sysctl.d/60-vfs-cache-pressure.conf",
      verify: 'sysctl vm.vfs_cache_pressure prints 100; MemAvailable stays high while slab grows.',
      rollback: 'Remove /etc/sysctl.d/60-vfs-cache-pressure.conf and run sysctl --system.',
    };
  },
};
