/**
 * vm.swappiness changed on a host whose problem is cache or kernel memory. Swappiness sets the relative
 * IO cost of swapping anonymous pages versus dropping file pages (0–200, default 60) [K34]; it does not
 * touch slab, dentries or inodes, and it does not fix a leak. When it was set away from the default,
 * say it is irrelevant to this growth so nobody keeps tuning it (kernel.md §3).
 */

import type { RecommendationRule } from './rule.js';
import { describeCurrent, valuesOf } from './settings.js';

export const DEFAULT_SWAPPINESS = 60;
const RELEVANT_VERDICTS = new Set(['reclaimable-cache', 'kernel-leak', 'suspected-leak', 'leak']);

export const swappiness: RecommendationRule = {
  id: 'swappiness',
  recommend({ verdict, settings }) {
    if (!RELEVANT_VERDICTS.has(verdict.kind)) return null;
    const set = valuesOf(settings, 'vm.swappiness').find(
      (s) => s.numeric !== null && s.numeric !== DEFAULT_SWAPPINESS,
    );
    if (set === undefined) return null;
    const what =
      verdict.kind === 'leak'
        ? 'a user-space leak: swapping only delays the same exhaustion'
        : verdict.kind === 'kernel-leak'
          ? 'unreclaimable kernel memory, which is never swapped'
          : 'reclaimable cache and slab, which swappiness does not govern';
    return {
      key: 'action',
      value: `Leave vm.swappiness (${set.value} here) out of this fix: it does not affect ${verdict.kind === 'leak' ? 'a leak' : 'slab or dentry growth'}`,
      rationale: `vm.swappiness only weighs swapping anonymous memory against dropping page cache. The growth here is ${what}. Keep it at whatever the workload needs (the default is 60) and do not expect a change to help.`,
      risk: 'None: this is advice not to change it for this problem.',
      apply:
        'Nothing to apply. If it was changed only to fight this growth, remove that line from /etc/sysctl.d/ and run sysctl --system.',
      verify: 'sysctl vm.swappiness prints the value you chose.',
      rollback: 'Nothing to roll back.',
      current: describeCurrent(settings, 'vm.swappiness') as string,
    };
  },
};
