/**
 * When the inputs cannot attribute the growth, say exactly what to collect: /proc/meminfo (MemAvailable,
 * AnonPages, SReclaimable vs SUnreclaim), `slabtop -o -s c` (which cache), dentry-state (negative
 * dentries) and the largest processes, every hour with a timestamp line before each block — the
 * concatenated-snapshot layout memautopsy reads as time series — plus `sysctl -a` once for the current
 * settings and kernel version (kernel.md §4–§5).
 */

import { formatBytes } from '../model/format.js';
import type { RecommendationRule } from './rule.js';

export const COLLECT_DIR = '/var/tmp/memautopsy';

export const COLLECT_LOOP = [
  `mkdir -p ${COLLECT_DIR} && cd ${COLLECT_DIR}`,
  'sysctl -a > sysctl-a.txt 2>/dev/null   # current settings and kernel.osrelease, once',
  "nohup sh -c 'while :; do",
  '  { date -u -Is; cat /proc/meminfo; } >> meminfo.log',
  '  { date -u -Is; slabtop -o -s c; } >> slabtop.log',
  '  { date -u -Is; cat /proc/sys/fs/dentry-state; } >> dentry-state.log',
  '  { date -u -Is; ps -eo pid,rss,etime,comm --sort=-rss | head -20; } >> ps-rss.log',
  '  sleep 3600',
  "done' >/dev/null 2>&1 & echo $! > collect.pid",
  `# a day later: memautopsy analyze <your metrics export> ${COLLECT_DIR}/*.log ${COLLECT_DIR}/sysctl-a.txt`,
].join('\n');

export const collectEvidence: RecommendationRule = {
  id: 'collect-evidence',
  recommend({ verdict, facts }) {
    if (verdict.kind !== 'suspected-leak' && verdict.kind !== 'inconclusive') return null;
    const growth = facts.series
      .flatMap((s) => s.growth)
      .filter((g) => g.unit === 'bytes')
      .sort((a, b) => b.change - a.change)[0];
    const missing = [
      facts.series.some((s) => s.metric === 'mem.available') ? null : 'MemAvailable',
      facts.meminfo !== null ? null : 'a meminfo breakdown (AnonPages, SReclaimable, SUnreclaim)',
      facts.slab !== null ? null : 'per-cache slab sizes',
      facts.dentry !== null ? null : 'dentry-state',
    ].filter((m): m is string => m !== null);
    const what =
      verdict.kind === 'inconclusive'
        ? 'Only snapshots were given, so growth cannot be seen.'
        : `${growth !== undefined ? `${growth.label} grew ${formatBytes(growth.change)} here` : 'Memory grew here'}, but nothing breaks it down.`;
    return {
      key: 'action',
      value:
        'Collect /proc/meminfo, slabtop -o -s c and dentry-state every hour with timestamps, then run memautopsy again with them',
      rationale: `${what} Missing: ${missing.length > 0 ? missing.join(', ') : 'snapshots taken during the growth'}. MemAvailable tells cache from a leak; SReclaimable vs SUnreclaim and the per-cache sizes tell which cache or whether the kernel leaks; nr_negative tells a failed-lookup workload; the RSS list names a growing process.`,
      risk: 'None: read-only commands. slabtop needs root; the logs grow by about 20 KiB an hour.',
      apply: COLLECT_LOOP,
      verify: `tail -n 3 ${COLLECT_DIR}/dentry-state.log shows a timestamp line and the latest numbers; after a day each log holds 24 blocks.`,
      rollback: `kill "$(cat ${COLLECT_DIR}/collect.pid)"; rm -r ${COLLECT_DIR} when done`,
    };
  },
};
