/**
 * A kernel leak: unreclaimable slab (SUnreclaim, a kmalloc-* or other cache without
 * SLAB_RECLAIM_ACCOUNT [K45]) grows. No sysctl reclaims it [K8]; the fix is a kernel, driver or module
 * change, found by tracing who allocates the growing cache. Known patterns: kmem_cache/kmalloc growth
 * from per-memcg cache churn and zombie (dying) memory cgroups, visible as nr_dying_descendants in
 * cgroup.stat [K51][K53][K54][K55]; a frequently restarting systemd unit leaking unreclaimable slab
 * until reboot [K52]; conntrack tables (node-mixin alerts at 75 % of nf_conntrack_max) [K56].
 */

import { formatBytes } from '../model/format.js';
import { kernelGrowthPhrase, largestCachePhrase } from './figures.js';
import type { RecommendationRule } from './rule.js';

/** Extra, cache-specific commands for the known patterns. */
function patternCommands(cache: string | null): string[] {
  if (cache === null) return [];
  if (/^kmem_cache|-cg-|^kmalloc-cg/.test(cache)) {
    return [
      'grep nr_dying_descendants /sys/fs/cgroup/cgroup.stat   # zombie memory cgroups pin kernel memory; a large, growing number points here',
      "systemctl list-units --state=activating,failed; journalctl --since -1d | grep -c 'Started'   # units that restart in a loop create and destroy cgroups",
    ];
  }
  if (/conntrack/.test(cache)) {
    return [
      'sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max   # a table near its limit',
    ];
  }
  if (/^(task_struct|pid|cred_jar|signal_cache|mm_struct)$/.test(cache)) {
    return ["ps -eLf | wc -l; ps -eo stat | grep -c '^Z'   # thread count and zombie processes"];
  }
  return [];
}

export const findKernelLeak: RecommendationRule = {
  id: 'find-kernel-leak',
  recommend({ verdict, facts }) {
    if (verdict.kind !== 'kernel-leak') return null;
    const cache = verdict.cache ?? null;
    const growth = kernelGrowthPhrase(facts);
    const holds = cache !== null ? largestCachePhrase(facts, false) : null;
    const target = cache ?? '<cache>';
    const apply = [
      ...(facts.slab === null
        ? [
            'slabtop -o -s c | head -20; sleep 3600; slabtop -o -s c | head -20   # which unreclaimable cache grows (no slab snapshot was given)',
          ]
        : [
            `slabtop -o -s c | head -20; sleep 3600; slabtop -o -s c | head -20   # confirm ${target} keeps growing`,
          ]),
      `cat /sys/kernel/slab/${target}/reclaim_account   # 0 = unreclaimable; ls -l /sys/kernel/slab/ | grep ${target} shows caches merged into it`,
      'memleak-bpfcc -o 600000 600 1   # bcc: kernel allocations still outstanding after 10 min, by call stack (/usr/share/bcc/tools/memleak on RHEL)',
      `# precise call sites: boot with slub_debug=U,${target} (one host), then: sort -rn /sys/kernel/debug/slab/${target}/alloc_traces | head   (kernels < 5.14: /sys/kernel/slab/${target}/alloc_calls)`,
      ...patternCommands(cache),
      '# then: a kernel or driver update that fixes the call site, or report it upstream with the traces; meanwhile reboot at a quiet time before memory runs out',
    ];
    return {
      key: 'action',
      value: `Find what allocates the growing unreclaimable slab cache${cache !== null ? ` (${cache})` : ''} — no sysctl setting will free it`,
      rationale: `${growth ?? 'Unreclaimable kernel memory grows'} on this host${holds !== null ? `, and ${holds}` : ''}. This memory is not reclaimable: the kernel cannot give it back under pressure, drop_caches does not touch it, and no vm.* setting changes that. It is a leak in the kernel, a driver or a module (or kernel objects pinned by user space, such as dying cgroups), found by its allocation call stacks.${facts.totalBytes !== null ? ` At ${formatBytes(facts.totalBytes)} of memory the host will run out when it is not fixed.` : ''}`,
      risk: 'Reading slabtop and sysfs is safe. memleak adds overhead to every allocation while it runs (minutes, not hours); slub_debug=U costs some memory and CPU — use it on one host.',
      apply: apply.join('\n'),
      verify:
        'After the fix, SUnreclaim stays flat for a day: grep SUnreclaim /proc/meminfo every hour (or the SUnreclaimGrowing alert stays quiet).',
      rollback: 'Stop memleak (Ctrl-C); remove slub_debug= from the kernel command line and reboot.',
    };
  },
};
