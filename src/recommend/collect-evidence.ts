/**
 * When growth cannot be attributed, say exactly what to collect: slabtop, meminfo, dentry-state, in an
 * hourly loop with timestamps (the snapshot formats memautopsy reads).
 */

import type { RecommendationRule } from './rule.js';

export const collectEvidence: RecommendationRule = {
  id: 'collect-evidence',
  recommend({ verdict }) {
    if (verdict.kind !== 'suspected-leak' && verdict.kind !== 'inconclusive') return null;
    return {
      key: 'action',
      value: 'Collect slab, meminfo and dentry-state snapshots hourly, then run memautopsy again with them',
      rationale:
        'The inputs show growth but no breakdown, so a leak cannot be told from cache. MemAvailable, SReclaimable vs SUnreclaim and the per-cache slab sizes decide it.',
      risk: 'None: read-only commands (slabtop needs root).',
      apply:
        'while true; do date -u +%Y-%m-%dT%H:%M:%SZ; cat /proc/meminfo; slabtop -o -s c | head -30; cat /proc/sys/fs/dentry-state; sleep 3600; done >> /var/tmp/memautopsy-$(hostname).log',
      verify: 'The log gains one block per hour.',
      rollback: 'Stop the loop.',
    };
  },
};
