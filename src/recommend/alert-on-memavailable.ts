/**
 * Alert on MemAvailable, not on "used": used (total − free) counts page cache and reclaimable slab that
 * the kernel gives back, so it fires on healthy hosts; MemAvailable already discounts them
 * (kernel.md §4, [K29][K35][K36]). The first advice for cache growth, and useful for every verdict.
 */

import type { RecommendationRule } from './rule.js';

export const alertOnMemavailable: RecommendationRule = {
  id: 'alert-on-memavailable',
  recommend({ verdict, host }) {
    if (verdict.kind === 'inconclusive') return null;
    const instance = host ?? '<host>';
    const why =
      verdict.kind === 'reclaimable-cache'
        ? 'On this host "used" memory grew while the kernel could still give it back; an alert on used memory fired for cache. MemAvailable counts reclaimable cache as available, so it fires only when memory is really short.'
        : "MemAvailable is the kernel's own estimate of memory that can be had without swapping; alerting on it catches real shortage (including this host's) and ignores cache.";
    return {
      key: 'action',
      value: 'Alert on MemAvailable below 10% of MemTotal for 15 minutes, instead of on used memory',
      rationale: why,
      risk: 'None to the host. The alert fires later than a used-memory alert on cache-heavy hosts, which is the point; keep an OOM-kill alert alongside.',
      apply: [
        `PromQL: node_memory_MemAvailable_bytes{instance=~"${instance}.*"} / node_memory_MemTotal_bytes{instance=~"${instance}.*"} < 0.10`,
        `NRQL: SELECT latest(memoryFreeBytes) / latest(memoryTotalBytes) * 100 FROM SystemSample WHERE hostname = '${instance}' (alert below 10; memoryFreeBytes is MemAvailable)`,
        `Datadog: avg(last_15m):avg:system.mem.pct_usable{host:${instance}} < 0.1`,
      ].join('\n'),
      verify:
        'The alert stays quiet during cache growth and fires in a test that allocates memory (e.g. stress-ng --vm 1 --vm-bytes 90%).',
      rollback: 'Re-enable the previous used-memory alert rule.',
    };
  },
};
