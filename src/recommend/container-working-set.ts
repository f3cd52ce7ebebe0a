/**
 * Containers: cAdvisor's container_memory_working_set_bytes = usage − inactive_file [K58], so it counts
 * active page cache and reclaimable slab (dentries, inodes) [K57][K59][K60]; kubelet's eviction signal
 * is built on it [K61] and active page cache counting against it is a long-open issue [K25]. "My pod is
 * leaking" reports often show a rising working set with flat RSS [K62][K63]. When memory.stat shows the
 * working set is mostly cache, alert and size limits on anon (RSS) instead (kernel.md §6).
 */

import { formatBytes } from '../model/format.js';
import type { RecommendationRule } from './rule.js';

/** Cache (active_file + slab_reclaimable) share of the working set above which it is "mostly cache". */
export const CACHE_SHARE_OF_WORKING_SET = 0.5;

export const containerWorkingSet: RecommendationRule = {
  id: 'container-working-set',
  recommend({ facts, verdict }) {
    const cgroup = facts.cgroup;
    if (cgroup === null || cgroup.workingSet === null || !(cgroup.workingSet > 0)) return null;
    if (verdict.kind === 'leak' || verdict.kind === 'kernel-leak') return null;
    const cache = (cgroup.activeFile ?? 0) + (cgroup.slabReclaimable ?? 0);
    if (cache < CACHE_SHARE_OF_WORKING_SET * cgroup.workingSet) return null;
    const share = Math.round((100 * cache) / cgroup.workingSet);
    return {
      key: 'action',
      value:
        "Alert on the container's anonymous memory (RSS), not its working set; size the limit by anon plus headroom",
      rationale: `${share}% of this cgroup's ${formatBytes(cgroup.workingSet)} working set is active page cache and reclaimable slab (active_file ${formatBytes(cgroup.activeFile ?? 0)}, slab_reclaimable ${formatBytes(cgroup.slabReclaimable ?? 0)}); anon is ${formatBytes(cgroup.anon ?? 0)}. The working set (usage − inactive_file) counts that cache, so it rises with file I/O and looks like a leak; the kernel reclaims it when the cgroup nears its limit. Kubelet evicts on the working set too, so leave headroom for cache above the anon peak.`,
      risk: 'Low: an anon-based alert fires later than a working-set alert when cache grows, which is the point; eviction behaviour does not change.',
      apply: [
        '# PromQL (cAdvisor): container RSS against its limit',
        'container_memory_rss{container!="", pod="<pod>"} / container_spec_memory_limit_bytes{container!="", pod="<pod>"} > 0.9',
        '# on the node, cgroup v2:',
        "grep -E '^(anon|file|active_file|inactive_file|slab_reclaimable|slab_unreclaimable) ' /sys/fs/cgroup/<path>/memory.stat",
      ].join('\n'),
      verify:
        'During heavy file I/O the RSS-based alert stays quiet while the working set rises; memory.stat shows active_file and slab_reclaimable carrying the rise.',
      rollback: 'Re-enable the working-set alert.',
    };
  },
};
