/** A user-space leak is fixed in the application, not with sysctl: find the process that grows. */

import type { RecommendationRule } from './rule.js';

export const findLeakingProcess: RecommendationRule = {
  id: 'find-leaking-process',
  recommend({ verdict }) {
    if (verdict.kind !== 'leak') return null;
    return {
      key: 'action',
      value: 'Find the process whose resident memory grows, and fix or bound it',
      rationale:
        'Application memory (anon/RSS) grows and is not given back, so no kernel setting will help; restarts only reset the clock.',
      risk: 'None to diagnose. A memory limit (systemd MemoryMax=, container limit) turns an eventual host-wide OOM into a restart of one service.',
      apply:
        'ps -eo pid,rss,etime,cmd --sort=-rss | head; compare twice an hour apart. Then a heap profile of that process (pprof, jemalloc prof, valgrind massif, bcc memleak -p <pid>). Meanwhile: MemoryMax= on its systemd unit.',
      verify: 'After the fix, MemAvailable stays flat over a full day of normal load.',
      rollback: 'Remove the memory limit if it restarts the service too often.',
    };
  },
};
