/**
 * drop_caches is a diagnostic, not a fix (kernel.md §3 [K1]): once, to prove that "used" memory was
 * cache. Never as a cron job: the kernel rebuilds the caches at I/O and CPU cost.
 */

import type { RecommendationRule } from './rule.js';

export const dropCachesDiagnostic: RecommendationRule = {
  id: 'drop-caches-diagnostic',
  recommend({ verdict }) {
    if (verdict.kind !== 'reclaimable-cache' && verdict.kind !== 'suspected-leak') return null;
    return {
      key: 'action',
      value: 'Run `sync; echo 2 > /proc/sys/vm/drop_caches` once, as a diagnostic only',
      rationale:
        'If used memory falls by the slab size right after, the growth was reclaimable cache. It proves the diagnosis; it is not a fix, because the kernel reclaims these caches by itself when memory is needed.',
      risk: 'The dropped dentries and inodes are rebuilt from disk: a short burst of I/O and CPU. Never schedule it (cron) in production.',
      apply:
        'sync; echo 2 > /proc/sys/vm/drop_caches   # once, as root; 2 = reclaimable slab (dentries, inodes)',
      verify: 'slabtop -o -s c before and after: dentry and inode caches shrink; MemAvailable barely moves.',
      rollback: 'Nothing to roll back: the caches refill as files are used.',
    };
  },
};
