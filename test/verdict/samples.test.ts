// Every verdict case end to end: realistic multi-series samples (samples/<scenario>/, see samples/README.md)
// through analyze(). Only inputs whose formats import today are used; the figures asserted come from the
// snapshots (exact) or are ranges (detection may refine regime boundaries).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyze } from '../../src/pipeline.js';
import type { VerdictKind } from '../../src/model/result.js';
import { REPO_ROOT } from '../helpers/cli.js';

const sample = (scenario: string, ...files: string[]): string[] =>
  files.map((file) => join(REPO_ROOT, 'samples', scenario, file));

interface SampleCase {
  name: string;
  files: string[];
  kind: VerdictKind;
  cache?: string;
  evidence: RegExp[];
  summary?: RegExp;
  minConfidence: number;
  /** A recommendation (by key and a text pattern over value + apply) that must be present. */
  recommendation?: { key: string; text: RegExp };
  /** Settings in place that must be flagged: key → the value advised (for `action`, the advice text). */
  current?: Record<string, RegExp>;
}

const DENTRY = 'dentry-cache';
const DENTRY_CSV = 'Memory-used-data-as-joinbyfield-2026-03-09_10_42_19.csv';
const DENTRY_SNAPSHOTS = [
  'slabtop-o-web-01-2026-03-06T1130Z.txt',
  'meminfo-web-01-2026-03-06T1130Z.txt',
  'dentry-state-web-01-2026-03-06T1130Z.txt',
];

const CASES: SampleCase[] = [
  {
    name: 'reclaimable-cache: web-01, used (total − free) climbs, MemAvailable flat, dentry 98% of slab',
    files: sample(DENTRY, DENTRY_CSV, ...DENTRY_SNAPSHOTS),
    kind: 'reclaimable-cache',
    cache: 'dentry',
    evidence: [
      /^Used memory \(total − free\) grew 1\d(\.\d+)? GiB \(\+1\d\d MiB\/h\)/,
      /^Available memory \(MemAvailable\) stayed flat around 13\.\d GiB .*while used grew/,
      /^dentry holds 12\.9 GiB \(reclaimable\), 98% of 13\.2 GiB slab, 82% of memory; 99% of slab is reclaimable/,
      /SReclaimable 13\.1 GiB, SUnreclaim 309 MiB.*MemAvailable 13\.8 GiB of 16 GiB/,
      /^93% of 70,962,860 dentries are negative/,
    ],
    summary: /dentry cache/,
    minConfidence: 0.9,
    recommendation: { key: 'action', text: /NSS_SDB_USE_CACHE=yes/ },
  },
  {
    name: 'reclaimable-cache: web-01 with the Grafana export alone (MemAvailable is enough)',
    files: sample(DENTRY, DENTRY_CSV),
    kind: 'reclaimable-cache',
    evidence: [/^Available memory \(MemAvailable\) stayed flat around 13\.\d GiB/],
    minConfidence: 0.6,
  },
  {
    name: 'reclaimable-cache: ci-05, 64 GiB, SReclaimable 38.5 GiB covers the growth',
    files: sample(
      'harmful-sysctl',
      'Memory-ci-05-data-as-joinbyfield-2026-03-09_07_55_18.csv',
      'meminfo-ci-05-2026-03-08T2350Z.txt',
    ),
    kind: 'reclaimable-cache',
    evidence: [
      /SReclaimable 38\.5 GiB.*MemAvailable − MemFree = 3\d\.\d GiB is reclaimable/,
      /stayed flat around 3\d(\.\d)? GiB/,
    ],
    minConfidence: 0.7,
  },
  {
    name: 'reclaimable-cache: ci-05 with sysctl -a and the copied tuning file — every harmful setting flagged',
    files: sample(
      'harmful-sysctl',
      '99-memory-tuning.conf',
      'Memory-ci-05-data-as-joinbyfield-2026-03-09_07_55_18.csv',
      'meminfo-ci-05-2026-03-08T2350Z.txt',
      'sysctl-a-ci-05-2026-03-08T2350Z.txt',
    ),
    kind: 'reclaimable-cache',
    evidence: [/^87% of 212,016,883 dentries are negative/],
    minConfidence: 0.7,
    current: {
      'vm.vfs_cache_pressure': /^100$/,
      'vm.min_free_kbytes': /^32768$/,
      'vm.dirty_background_ratio': /^10$/,
      action: /^Remove the vm\.overcommit_ratio line \(2 here\)/,
    },
  },
  {
    name: 'reclaimable-cache: a pod whose cAdvisor working set grows with page cache while RSS is flat',
    files: sample(
      'container',
      'memory.current',
      'memory.max',
      'memory.stat',
      'query_range-search-indexer-2026-03-07.json',
    ),
    kind: 'reclaimable-cache',
    evidence: [
      /^Used memory \(working set\) grew [12]\.\d+ GiB/,
      /^cgroup working set 2\.9\d GiB: anon 5\d\d MiB \(20%\), active_file 2\.1\d GiB \(7\d%\)/,
      /stayed flat around 5\d\d MiB/,
    ],
    summary: /container's anonymous memory \(RSS\), not its working set/,
    minConfidence: 0.8,
    recommendation: { key: 'action', text: /container_memory_rss/ },
  },
  {
    name: 'kernel-leak: gw-03 with its meminfo capture loop as well',
    files: sample(
      'kernel-leak',
      'Memory-gw-03-data-as-joinbyfield-2026-03-09_08_12_40.csv',
      'meminfo-loop-gw-03-2026-03-08.log',
      'slabinfo-gw-03-2026-03-02T0010Z.txt',
      'slabinfo-gw-03-2026-03-08T2350Z.txt',
    ),
    kind: 'kernel-leak',
    cache: 'kmalloc-128',
    evidence: [/SUnreclaim 7\.06 GiB/],
    minConfidence: 0.9,
  },
  {
    name: 'leak: api-07, MemAvailable declines, the OOM kill resets it and it declines again',
    files: sample('user-space-leak', 'Memory-used-data-2026-03-06_09_03_27.csv', 'api-07-memory.csv'),
    kind: 'leak',
    evidence: [
      /^Available memory \(MemAvailable\) declined [\d.]+ GiB \(-4\d(\.\d)? MiB\/h\)/,
      /the same growth after a reset$/,
    ],
    minConfidence: 0.6,
    recommendation: { key: 'action', text: /ps -eo pid,rss,etime,comm --sort=-rss/ },
  },
  {
    name: 'leak hidden under reclaim: etl-05, used saws between the same bounds while MemAvailable declines',
    files: sample(
      'hidden-leak',
      'Memory-etl-05-data-as-joinbyfield-2026-03-08_06_20_11.csv',
      'meminfo-etl-05-2026-03-07T2355Z.txt',
    ),
    kind: 'leak',
    evidence: [
      /^Available memory \(MemAvailable\) declined 3\.\d+ GiB/,
      /^Used memory \(total − free\) saws between 1\d(\.\d)? GiB and 1\d(\.\d)? GiB .*reclaim hides the growth in "used"$/,
      /^Unreclaimable slab is only 256 MiB \(2% of memory\)/,
    ],
    summary: /hidden under reclaim/,
    minConfidence: 0.6,
  },
  {
    name: 'kernel-leak: gw-03, SUnreclaim climbs all week and kmalloc-128 grows between the slabinfo snapshots',
    files: sample(
      'kernel-leak',
      'Memory-gw-03-data-as-joinbyfield-2026-03-09_08_12_40.csv',
      'slabinfo-gw-03-2026-03-02T0010Z.txt',
      'slabinfo-gw-03-2026-03-08T2350Z.txt',
    ),
    kind: 'kernel-leak',
    cache: 'kmalloc-128',
    evidence: [
      /^Unreclaimable slab \(SUnreclaim\).* grew [56]\.\d+ GiB \(\+3\d(\.\d)? MiB\/h\)/,
      /^kmalloc-128 grew/,
    ],
    summary: /kmalloc-128/,
    minConfidence: 0.9,
    recommendation: { key: 'action', text: /slub_debug=U,kmalloc-128/ },
  },
  {
    name: 'workload-change: cache-04, one deploy raises memory by 3 GiB, flat around it',
    files: sample('workload-change', 'Memory-cache-04-data-as-joinbyfield-2026-03-08_09_30_02.csv'),
    kind: 'workload-change',
    evidence: [
      /^Used memory \(total − available\) stepped up by [23]\.\d+ GiB at 2026-03-05 14:\d\d UTC, from [45](\.\d+)? GiB to [78](\.\d+)? GiB$/,
    ],
    minConfidence: 0.6,
  },
  {
    name: 'suspected-leak: app-11, one "used" column and nothing else',
    files: sample('suspected-leak', 'app-11-memory.csv'),
    kind: 'suspected-leak',
    evidence: [
      /^Used memory grew 2\.\d+ GiB \(\+2\d(\.\d)? MiB\/h\)/,
      /^Nothing breaks the 2\.\d+ GiB of growth down/,
    ],
    minConfidence: 0.3,
    recommendation: {
      key: 'action',
      text: /slabtop -o -s c[\s\S]*\/proc\/meminfo[\s\S]*dentry-state[\s\S]*date -u -Is[\s\S]*sleep 3600/,
    },
  },
  {
    name: 'healthy: db-02, flat with a daily cycle and autocorrelated noise',
    files: sample('healthy', 'db-02-memory-2026-03-07.csv'),
    kind: 'healthy',
    evidence: [/^Used memory stayed flat around 11\.8 GiB/],
    minConfidence: 0.7,
  },
  {
    name: 'inconclusive: web-01 snapshots alone',
    files: sample(DENTRY, ...DENTRY_SNAPSHOTS),
    kind: 'inconclusive',
    evidence: [/^dentry holds 12\.9 GiB/, /^93% of 70,962,860 dentries are negative/],
    minConfidence: 0.3,
    recommendation: { key: 'action', text: /date -u -Is/ },
  },
];

describe('verdicts on the samples (analyze end to end)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const result = await analyze(c.files, { now: () => new Date('2026-03-10T00:00:00Z') });
      const { verdict } = result;
      expect(verdict.kind, verdict.evidence.join('\n')).toBe(c.kind);
      for (const pattern of c.evidence) {
        expect(
          verdict.evidence.some((line) => pattern.test(line)),
          `${pattern}\n${verdict.evidence.join('\n')}`,
        ).toBe(true);
      }
      for (const line of verdict.evidence) expect(line).toMatch(/\d/);
      if (c.cache !== undefined) expect(verdict.cache).toBe(c.cache);
      if (c.summary !== undefined) expect(verdict.summary).toMatch(c.summary);
      expect(verdict.confidence).toBeGreaterThanOrEqual(c.minConfidence);
      if (c.recommendation !== undefined) {
        const { key, text } = c.recommendation;
        expect(
          result.recommendations.some((r) => r.key === key && text.test(`${r.value}\n${r.apply ?? ''}`)),
          JSON.stringify(result.recommendations.map((r) => r.value)),
        ).toBe(true);
      }
      for (const [key, value] of Object.entries(c.current ?? {})) {
        const flagged = result.recommendations.filter((r) => r.key === key && value.test(r.value));
        expect(
          flagged,
          `${key}: ${JSON.stringify(result.recommendations.map((r) => [r.key, r.value]))}`,
        ).toHaveLength(1);
        expect(flagged[0]?.current).toMatch(/running, from .*sysctl-a-ci-05/);
        expect(flagged[0]?.rationale).toMatch(/\d/);
      }
      // For every verdict except inconclusive the first advice is to alert on MemAvailable.
      if (c.kind !== 'inconclusive')
        expect(result.recommendations[0]?.value).toMatch(/^Alert when MemAvailable/);
      expect(result.warnings.filter((w) => w.code === 'recommendation-rejected')).toEqual([]);
    });
  }
});
