/**
 * A user-space leak is fixed in the application, not with sysctl: find the process whose resident
 * memory grows, confirm with its heap, and bound it meanwhile so an eventual OOM restarts one service
 * instead of taking the host (kernel.md §7: sysctl tuning does not fix leaks).
 */

import { formatBytes } from '../model/format.js';
import { availableDeclinePhrase, usedGrowthPhrase } from './figures.js';
import type { RecommendationRule } from './rule.js';

export const findLeakingProcess: RecommendationRule = {
  id: 'find-leaking-process',
  recommend({ verdict, facts, findings }) {
    if (verdict.kind !== 'leak') return null;
    const growth = availableDeclinePhrase(facts) ?? usedGrowthPhrase(facts);
    const anon = facts.series.find((s) => s.metric === 'mem.anon' && s.growth.length > 0);
    const shmem = facts.series.find((s) => s.metric === 'mem.shmem' && s.growth.length > 0);
    const resets = findings.filter(
      (f) => f.kind === 'step-drop' && (f.cause === 'restart' || f.cause === 'oom-kill'),
    );
    const resetNote =
      resets.length > 0
        ? ` ${resets.length} restart${resets.length > 1 ? 's' : ''} or OOM kill${resets.length > 1 ? 's' : ''} reset it and it grew again: restarts only reset the clock.`
        : '';
    return {
      key: 'action',
      value: 'Find the process whose resident memory grows, fix it, and bound it meanwhile',
      rationale: `${growth ?? 'Memory that the kernel cannot reclaim grows'} on this host${anon !== undefined ? `, and anonymous memory (${anon.label}) with it` : ''}.${resetNote} No kernel setting gives back memory a process still holds; the fix is in the application.${shmem !== undefined ? ' Shared memory grows too: look at tmpfs files (df -h -t tmpfs) and SysV/POSIX shared memory (ipcs -m).' : ''}`,
      risk: `None to diagnose. A memory limit turns an eventual host-wide OOM into a restart of one service; set it above the service's normal peak${facts.totalBytes !== null ? ` (this host has ${formatBytes(facts.totalBytes)})` : ''}.`,
      apply: [
        'ps -eo pid,rss,etime,comm --sort=-rss | head -15   # now, and again in an hour: the leaking process grows',
        "grep -E 'VmRSS|RssAnon|RssShmem' /proc/<pid>/status",
        "journalctl -k | grep -iE 'out of memory|killed process'   # earlier OOM kills and their victims",
        '# then profile its heap: pprof (Go), heaptrack or jemalloc profiling (C/C++), a heap dump (JVM), or memleak-bpfcc -p <pid>',
        'systemctl set-property <unit> MemoryMax=<size>   # bound it meanwhile (persists under /etc/systemd/system.control/)',
      ].join('\n'),
      verify:
        'After the fix, MemAvailable stays flat (and the process RSS levels off) over a full day of normal load.',
      rollback: 'systemctl set-property <unit> MemoryMax=infinity   # removes the limit',
    };
  },
};
