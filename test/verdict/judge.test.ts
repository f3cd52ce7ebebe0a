// The verdict engine, one table row per case of issue 5, with inputs built directly (findings stated,
// not detected) so each case is exact; test/verdict/samples.test.ts runs the realistic samples end to end.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readInput } from '../../src/ingest/index.js';
import type { VerdictKind } from '../../src/model/result.js';
import { gatherFacts, judge, type JudgeInput } from '../../src/verdict/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import {
  analysisOf,
  cgroupFromFile,
  dentrySnapshot,
  GiB,
  HOUR_MS,
  judgeInput,
  makeSeries,
  meminfoSnapshot,
  MiB,
  sawtooth,
  seriesFrom,
  slabSnapshot,
  step,
  T0,
  trend,
} from './builders.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'verdict');
const TOTAL = 16 * GiB;
const H = 96;

async function snapshotsOf(file: string) {
  const read = await readInput(join(FIXTURES, file), { tz: 'UTC' });
  return read.result;
}

const flat = (
  metric: Parameters<typeof makeSeries>[0]['metric'],
  level: number,
  definition?: 'total-minus-available' | 'total-minus-free',
) =>
  analysisOf(
    makeSeries({ metric, hours: H, pieces: [{ fromHour: 0, level }], ...(definition ? { definition } : {}) }),
  );

function growing(
  metric: Parameters<typeof makeSeries>[0]['metric'],
  level: number,
  slopePerHour: number,
  definition?: 'total-minus-available' | 'total-minus-free' | 'unknown' | 'usage-minus-inactive-file',
) {
  const series = makeSeries({
    metric,
    hours: H,
    pieces: [{ fromHour: 0, level, slopePerHour }],
    ...(definition ? { definition } : {}),
  });
  return analysisOf(series, { trends: [trend(series, 0, H, slopePerHour)] });
}

interface Case {
  name: string;
  input: () => Promise<JudgeInput> | JudgeInput;
  kind: VerdictKind;
  cache?: string;
  /** Each must match at least one evidence line. */
  evidence: RegExp[];
  summary?: RegExp;
  confidence: [min: number, max: number];
}

const CASES: Case[] = [
  {
    name: 'kernel-leak: SUnreclaim grows while anon is flat; the slabtop names the cache',
    input: async () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [
          growing('mem.used', 6 * GiB, 40 * MiB, 'total-minus-available'),
          growing('mem.available', 10 * GiB, -40 * MiB),
          growing('slab.unreclaimable', 0.5 * GiB, 40 * MiB),
          flat('mem.anon', 4 * GiB),
        ],
        slabs: (await snapshotsOf('selinux-220-ebitmap_node-kernel-leak-TRUNCATED.slabtop')).slabs,
      }),
    kind: 'kernel-leak',
    cache: 'ebitmap_node',
    evidence: [
      /^Unreclaimable slab \(SUnreclaim\) grew 3\.75 GiB \(\+40 MiB\/h\) from 2026-03-02 00:00 UTC to 2026-03-06 00:00 UTC/,
      /^ebitmap_node is the largest unreclaimable slab cache: 43\.8 GiB, \d+% of [\d.]+ GiB unreclaimable slab \(.*selinux-220.*\) — the first suspect$/,
      /^Available memory \(MemAvailable\) declined 3\.75 GiB/,
    ],
    summary: /ebitmap_node slab cache, \+40 MiB\/h\).*no sysctl setting will fix/,
    confidence: [0.94, 0.94],
  },
  {
    name: 'kernel-leak: timed slab snapshots alone show kmalloc-256 growing',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        slabs: [
          slabSnapshot(
            [
              ['dentry', 1 * GiB],
              ['kmalloc-256', 0.2 * GiB],
            ],
            T0,
            'slab-1.txt',
          ),
          slabSnapshot(
            [
              ['dentry', 1.1 * GiB],
              ['kmalloc-256', 2.2 * GiB],
            ],
            T0 + 24 * HOUR_MS,
            'slab-2.txt',
          ),
        ],
      }),
    kind: 'kernel-leak',
    cache: 'kmalloc-256',
    evidence: [
      /^kmalloc-256 grew 2 GiB \(\+85\.3 MiB\/h\) from 2026-03-02 00:00 UTC to 2026-03-03 00:00 UTC \(slab-1\.txt → slab-2\.txt\)$/,
    ],
    confidence: [0.6, 0.6],
  },
  {
    name: "kernel-leak: a detector's slab-growth finding names kmalloc-cg-1k",
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        slabs: [
          slabSnapshot([['kmalloc-cg-1k', 0.1 * GiB]], T0),
          slabSnapshot([['kmalloc-cg-1k', 1.3 * GiB]], T0 + 24 * HOUR_MS),
        ],
        findings: [
          { kind: 'slab-growth', cache: 'kmalloc-cg-1k', growthBytesPerHour: 50 * MiB, reclaimable: false },
        ],
      }),
    kind: 'kernel-leak',
    cache: 'kmalloc-cg-1k',
    evidence: [/^kmalloc-cg-1k grew 1\.17 GiB \(\+50 MiB\/h\)/],
    confidence: [0.6, 0.6],
  },
  {
    name: 'kernel-leak: Slab grows while SReclaimable stays flat (Datadog sends both)',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [
          growing('slab.total', 1 * GiB, 40 * MiB),
          flat('slab.reclaimable', 0.6 * GiB),
          flat('mem.anon', 4 * GiB),
        ],
      }),
    kind: 'kernel-leak',
    evidence: [/^Slab \(with SReclaimable flat: the unreclaimable part\) grew 3\.75 GiB/],
    confidence: [0.7, 0.7],
  },
  {
    name: 'leak: AnonPages grows, an OOM kill resets it, it grows again; SUnreclaim flat rules the kernel out',
    input: () => {
      const anon = makeSeries({
        metric: 'mem.anon',
        hours: H,
        pieces: [
          { fromHour: 0, level: 3 * GiB, slopePerHour: 45 * MiB },
          { fromHour: 60, level: 0.6 * GiB, slopePerHour: 45 * MiB },
        ],
      });
      const available = makeSeries({
        metric: 'mem.available',
        hours: H,
        pieces: [
          { fromHour: 0, level: 11 * GiB, slopePerHour: -45 * MiB },
          { fromHour: 60, level: 13.4 * GiB, slopePerHour: -45 * MiB },
        ],
      });
      return judgeInput({
        totalBytes: TOTAL,
        analyses: [
          analysisOf(anon, {
            trends: [trend(anon, 0, 59.75, 45 * MiB), trend(anon, 60, H, 45 * MiB)],
            steps: [step(anon, 60, 'step-drop', 5 * GiB, 'oom-kill')],
          }),
          analysisOf(available, {
            trends: [trend(available, 0, 59.75, -45 * MiB), trend(available, 60, H, -45 * MiB)],
            steps: [step(available, 60, 'step-rise', 5 * GiB)],
          }),
          flat('slab.unreclaimable', 300 * MiB),
        ],
      });
    },
    kind: 'leak',
    evidence: [
      /^Anonymous memory \(AnonPages\) grew 2\.63 GiB \(\+45 MiB\/h\)/,
      /^Anonymous memory \(AnonPages\) dropped 5 GiB at 2026-03-04 12:00 UTC \(oom-kill\) and then grew again at \+45 MiB\/h: the same growth after a reset$/,
      /^Unreclaimable slab \(SUnreclaim\) stayed flat around 300 MiB while the leak grew: no material trend$/,
    ],
    summary: /user-space leak/,
    confidence: [0.93, 0.93],
  },
  {
    name: 'leak: anon grows more than SUnreclaim (the kernel growth is reported, and lowers confidence)',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [
          growing('mem.anon', 2 * GiB, 60 * MiB),
          growing('slab.unreclaimable', 0.3 * GiB, 15 * MiB),
        ],
      }),
    kind: 'leak',
    evidence: [
      /^Anonymous memory \(AnonPages\) grew 5\.63 GiB/,
      /^Unreclaimable slab \(SUnreclaim\) grew 1\.41 GiB/,
    ],
    confidence: [0.49, 0.49],
  },
  {
    name: 'kernel-leak: SUnreclaim grows more than anon',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [
          growing('mem.anon', 2 * GiB, 15 * MiB),
          growing('slab.unreclaimable', 0.3 * GiB, 60 * MiB),
        ],
      }),
    kind: 'kernel-leak',
    evidence: [
      /^Unreclaimable slab \(SUnreclaim\) grew 5\.63 GiB/,
      /^Anonymous memory \(AnonPages\) grew 1\.41 GiB/,
    ],
    confidence: [0.49, 0.49],
  },
  {
    name: 'leak hidden under reclaim: used saws between the same bounds while MemAvailable declines',
    input: () => {
      const used = seriesFrom('mem.used', H, (h) => 11.75 * GiB + Math.min(4 * GiB, 1.5 * GiB * (h % 6)), {
        definition: 'total-minus-free',
      });
      return judgeInput({
        totalBytes: TOTAL,
        analyses: [
          analysisOf(used, {
            sawtooth: sawtooth(used, 0, H, {
              cycles: 16,
              periodHours: 6,
              amplitude: 4 * GiB,
              floorSlopePerHour: 0,
            }),
          }),
          growing('mem.available', 12 * GiB, -25 * MiB),
        ],
        meminfo: [
          meminfoSnapshot({
            MemTotal: TOTAL,
            MemFree: 4 * GiB,
            MemAvailable: 9 * GiB,
            SUnreclaim: 256 * MiB,
          }),
        ],
      });
    },
    kind: 'leak',
    evidence: [
      /^Used memory \(total − free\) saws between 11\.8 GiB and 15\.8 GiB \(16 drops every 6 h, troughs flat\) while Available memory \(MemAvailable\) declined 2\.34 GiB: reclaim hides the growth in "used"$/,
      /^Unreclaimable slab is only 256 MiB \(2% of memory\), less than the 2\.34 GiB of growth/,
    ],
    summary: /hidden under reclaim/,
    confidence: [0.6, 0.6],
  },
  {
    name: 'leak: a rising sawtooth floor with nothing else (kernel not ruled out)',
    input: () => {
      const used = seriesFrom('mem.used', H, (h) => 8 * GiB + 20 * MiB * h + 2 * GiB * ((h % 8) / 8), {
        definition: 'total-minus-free',
      });
      return judgeInput({
        totalBytes: TOTAL,
        analyses: [
          analysisOf(used, {
            sawtooth: sawtooth(used, 0, H, {
              cycles: 12,
              periodHours: 8,
              amplitude: 2 * GiB,
              floorSlopePerHour: 20 * MiB,
            }),
          }),
        ],
      });
    },
    kind: 'leak',
    evidence: [
      /troughs \+20 MiB\/h, rising\) — memory built up and was given back$/,
      /^The 1\.88 GiB of growth is not broken down further/,
    ],
    confidence: [0.43, 0.43],
  },
  {
    name: 'reclaimable-cache: a rising sawtooth floor while MemAvailable stays flat is cache',
    input: () => {
      const used = seriesFrom('mem.used', H, (h) => 8 * GiB + 20 * MiB * h + 2 * GiB * ((h % 8) / 8), {
        definition: 'total-minus-free',
      });
      return judgeInput({
        totalBytes: TOTAL,
        analyses: [
          analysisOf(used, {
            sawtooth: sawtooth(used, 0, H, {
              cycles: 12,
              periodHours: 8,
              amplitude: 2 * GiB,
              floorSlopePerHour: 20 * MiB,
            }),
          }),
          flat('mem.available', 12 * GiB),
        ],
      });
    },
    kind: 'reclaimable-cache',
    evidence: [
      /rising\) — memory built up and was given back$/,
      /^Available memory \(MemAvailable\) stayed flat around 12 GiB while used grew/,
    ],
    confidence: [0.6, 0.6],
  },
  {
    name: 'reclaimable-cache: used (total − free) grows, MemAvailable flat, dentry dominates slab, most dentries negative',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [
          growing('mem.used', 4 * GiB, 110 * MiB, 'total-minus-free'),
          flat('mem.available', 13.8 * GiB),
        ],
        slabs: [
          slabSnapshot(
            [
              ['dentry', 12 * GiB],
              ['kmalloc-64', 0.3 * GiB],
            ],
            null,
            'slabtop.txt',
          ),
        ],
        dentryState: [dentrySnapshot(71_000_000, 66_030_000)],
      }),
    kind: 'reclaimable-cache',
    cache: 'dentry',
    evidence: [
      /^Used memory \(total − free\) grew 10\.3 GiB \(\+110 MiB\/h\)/,
      /^Available memory \(MemAvailable\) stayed flat around 13\.8 GiB while used grew: no material trend$/,
      /^dentry holds 12 GiB \(reclaimable\), 98% of 12\.3 GiB slab, 77% of memory; 98% of slab is reclaimable — more than the 10\.3 GiB that used memory grew \(slabtop\.txt\)$/,
      /^93% of 71,000,000 dentries are negative: cached failed lookups .*NSS_SDB_USE_CACHE=yes.* \(dentry-state\.txt\)$/,
    ],
    summary: /mostly the dentry cache.*MemAvailable did not shrink/,
    confidence: [0.84, 0.84],
  },
  {
    name: 'reclaimable-cache: only a meminfo snapshot shows the growth is reclaimable',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [growing('mem.used', 4 * GiB, 110 * MiB, 'total-minus-free')],
        meminfo: [
          meminfoSnapshot({
            MemTotal: TOTAL,
            MemFree: 0.35 * GiB,
            MemAvailable: 13.8 * GiB,
            SReclaimable: 13.1 * GiB,
            SUnreclaim: 0.3 * GiB,
          }),
        ],
      }),
    kind: 'reclaimable-cache',
    evidence: [/MemAvailable − MemFree = 13\.5 GiB is reclaimable, 100% of the 10\.3 GiB growth$/],
    summary: /reclaimable slab \(SReclaimable\)/,
    confidence: [0.4, 0.4],
  },
  {
    name: 'reclaimable-cache: a container working set grows and memory.stat shows it is mostly page cache',
    input: () =>
      judgeInput({
        analyses: [growing('mem.used', 2 * GiB, 30 * MiB, 'usage-minus-inactive-file')],
        cgroup: [cgroupFromFile(join(FIXTURES, 'container-cache-memory.stat'))],
      }),
    kind: 'reclaimable-cache',
    evidence: [
      /^cgroup working set 2\.93 GiB: anon 584 MiB \(19%\), active_file 2\.12 GiB \(72%\), slab_reclaimable 232 MiB \(8%\)/,
    ],
    confidence: [0.5, 0.5],
  },
  {
    name: 'suspected-leak: a container working set grows but memory.stat shows anon, from one snapshot only',
    input: () =>
      judgeInput({
        analyses: [growing('mem.used', 2 * GiB, 30 * MiB, 'usage-minus-inactive-file')],
        cgroup: [cgroupFromFile(join(FIXTURES, 'sysinfo-1219-cgroupv2-memory.stat'))],
      }),
    kind: 'suspected-leak',
    evidence: [
      /^cgroup working set 2\.3 GiB: anon 2\.3 GiB \(100%\), active_file 52 KiB \(0%\)/,
      /^Nothing breaks the 2\.81 GiB of growth down/,
    ],
    confidence: [0.3, 0.3],
  },
  {
    name: 'reclaimable-cache by elimination: AnonPages and SUnreclaim are measured flat',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [
          growing('mem.used', 5 * GiB, 80 * MiB, 'unknown'),
          flat('mem.anon', 3 * GiB),
          flat('slab.unreclaimable', 0.3 * GiB),
        ],
      }),
    kind: 'reclaimable-cache',
    evidence: [
      /^Anonymous memory \(AnonPages\) stayed flat around 3 GiB/,
      /^Unreclaimable slab \(SUnreclaim\) stayed flat around 307 MiB/,
    ],
    confidence: [0.5, 0.5],
  },
  {
    name: 'reclaimable-cache: page cache (Cached) grows with used',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [
          growing('mem.used', 5 * GiB, 80 * MiB, 'total-minus-free'),
          growing('mem.cached', 2 * GiB, 75 * MiB),
        ],
      }),
    kind: 'reclaimable-cache',
    evidence: [/^Page cache \(Cached\) grew 7\.03 GiB \(\+75 MiB\/h\)/],
    summary: /growth is page cache/,
    confidence: [0.7, 0.7],
  },
  {
    name: 'suspected-leak: only a used series whose definition is unknown',
    input: () => judgeInput({ analyses: [growing('mem.used', 3 * GiB, 29 * MiB, 'unknown')] }),
    kind: 'suspected-leak',
    evidence: [/^Used memory grew 2\.72 GiB \(\+29 MiB\/h\)/, /^Nothing breaks the 2\.72 GiB of growth down/],
    summary: /cannot tell a leak from cache/,
    confidence: [0.3, 0.3],
  },
  {
    name: 'suspected-leak: a percent series without a known total',
    input: () =>
      judgeInput({
        analyses: [growing('mem.used', 40, 0.2, 'unknown')].map((a) => ({
          ...a,
          series: { ...a.series, unit: 'percent' as const },
        })),
      }),
    kind: 'suspected-leak',
    evidence: [/^Used memory grew 19\.2% \(\+0\.2%\/h\)/],
    confidence: [0.3, 0.3],
  },
  {
    name: 'leak: used (total − available) grows with no breakdown',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [growing('mem.used', 3 * GiB, 29 * MiB, 'total-minus-available')],
      }),
    kind: 'leak',
    evidence: [/^Used memory \(total − available\) grew 2\.72 GiB/, /kernel memory is not ruled out/],
    confidence: [0.43, 0.43],
  },
  {
    name: 'workload-change: one level shift, matched by MemAvailable, flat around it',
    input: () => {
      const used = makeSeries({
        metric: 'mem.used',
        definition: 'total-minus-available',
        hours: H,
        pieces: [
          { fromHour: 0, level: 5 * GiB },
          { fromHour: 50, level: 8 * GiB },
        ],
      });
      const available = makeSeries({
        metric: 'mem.available',
        hours: H,
        pieces: [
          { fromHour: 0, level: 11 * GiB },
          { fromHour: 50, level: 8 * GiB },
        ],
      });
      return judgeInput({
        totalBytes: TOTAL,
        analyses: [
          analysisOf(used, { steps: [step(used, 50, 'step-rise', 3 * GiB)] }),
          analysisOf(available, { steps: [step(available, 50, 'step-drop', 3 * GiB)] }),
        ],
      });
    },
    kind: 'workload-change',
    evidence: [
      /^Used memory \(total − available\) stepped up by 3 GiB at 2026-03-04 02:00 UTC, from 5 GiB to 8 GiB$/,
      /^Available memory \(MemAvailable\) stepped down by 3 GiB at 2026-03-04 02:00 UTC, from 11 GiB to 8 GiB$/,
      /^No material trend before or after: .* \(a trend must move memory by 5% of the total to count\)$/,
    ],
    summary: /once/,
    confidence: [0.7, 0.7],
  },
  {
    name: 'workload-change: three level shifts are less certain',
    input: () => {
      const used = makeSeries({
        metric: 'mem.used',
        hours: H,
        pieces: [
          { fromHour: 0, level: 5 * GiB },
          { fromHour: 20, level: 6.5 * GiB },
          { fromHour: 50, level: 8 * GiB },
          { fromHour: 70, level: 9.5 * GiB },
        ],
      });
      return judgeInput({
        totalBytes: TOTAL,
        analyses: [
          analysisOf(used, {
            steps: [
              step(used, 20, 'step-rise', 1.5 * GiB),
              step(used, 50, 'step-rise', 1.5 * GiB),
              step(used, 70, 'step-rise', 1.5 * GiB),
            ],
          }),
        ],
      });
    },
    kind: 'workload-change',
    evidence: [/stepped up by 1\.5 GiB at 2026-03-04 22:00 UTC, from 8 GiB to 9\.5 GiB$/],
    summary: /3 times/,
    confidence: [0.36, 0.36],
  },
  {
    name: 'healthy: a drop_caches step on a flat host is not a workload change',
    input: () => {
      const used = makeSeries({
        metric: 'mem.used',
        definition: 'total-minus-free',
        hours: H,
        pieces: [
          { fromHour: 0, level: 9 * GiB },
          { fromHour: 40, level: 3 * GiB },
        ],
      });
      return judgeInput({
        totalBytes: TOTAL,
        analyses: [analysisOf(used, { steps: [step(used, 40, 'step-drop', 6 * GiB, 'cache-drop')] })],
      });
    },
    kind: 'healthy',
    evidence: [/^Used memory \(total − free\) stayed flat around/],
    confidence: [0.7, 0.7],
  },
  {
    name: 'healthy: a sawtooth whose floor stays flat, nothing accumulates',
    input: () => {
      const used = seriesFrom('mem.used', H, (h) => 9 * GiB + 5 * GiB * ((h % 10) / 10), {
        definition: 'total-minus-free',
      });
      return judgeInput({
        totalBytes: TOTAL,
        analyses: [
          analysisOf(used, {
            sawtooth: sawtooth(used, 0, H, {
              cycles: 9,
              periodHours: 10,
              amplitude: 5 * GiB,
              floorSlopePerHour: 0,
            }),
          }),
        ],
      });
    },
    kind: 'healthy',
    evidence: [
      /saws between about 9 GiB and 1[34]\.\d+ GiB: 9 drops of about 5 GiB every 10 h \(troughs 0 B\/h, flat\)/,
    ],
    confidence: [0.79, 0.79],
  },
  {
    name: 'healthy: used and available flat; few negative dentries add no line',
    input: () =>
      judgeInput({
        totalBytes: TOTAL,
        analyses: [flat('mem.used', 9 * GiB, 'total-minus-available'), flat('mem.available', 7 * GiB)],
        dentryState: [dentrySnapshot(1_000_000, 100_000)],
      }),
    kind: 'healthy',
    evidence: [
      /^Used memory \(total − available\) stayed flat around 9 GiB: no material trend$/,
      /^Available memory \(MemAvailable\) stayed flat around 7 GiB/,
    ],
    confidence: [0.91, 0.91],
  },
  {
    name: 'inconclusive: snapshots only (a kernel-leak slabtop and mostly negative dentries)',
    input: async () =>
      judgeInput({
        slabs: (await snapshotsOf('selinux-220-ebitmap_node-kernel-leak-TRUNCATED.slabtop')).slabs,
        dentryState: (await snapshotsOf('opencloudtouch-387-mostly-negative.dentry-state')).dentryState ?? [],
      }),
    kind: 'inconclusive',
    evidence: [
      /^ebitmap_node holds 43\.8 GiB \(unreclaimable\), \d+% of [\d.]+ GiB slab; \d+% of slab is reclaimable \(.*selinux-220.*\)$/,
      /^98% of 2,368,980 dentries are negative/,
    ],
    confidence: [0.3, 0.3],
  },
];

describe('judge: every verdict case', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const input = await c.input();
      const verdict = judge(input);
      expect(verdict.kind, verdict.evidence.join('\n')).toBe(c.kind);
      for (const pattern of c.evidence) {
        expect(
          verdict.evidence.some((line) => pattern.test(line)),
          `${pattern}\n${verdict.evidence.join('\n')}`,
        ).toBe(true);
      }
      if (c.summary !== undefined) expect(verdict.summary).toMatch(c.summary);
      if (c.cache !== undefined) expect(verdict.cache).toBe(c.cache);
      expect(verdict.confidence).toBeGreaterThanOrEqual(c.confidence[0]);
      expect(verdict.confidence).toBeLessThanOrEqual(c.confidence[1]);
      // Every evidence line cites a figure of this host.
      expect(verdict.evidence.length).toBeGreaterThan(0);
      for (const line of verdict.evidence) expect(line, line).toMatch(/\d/);
      // judge(input) and judge(input, gatherFacts(input)) agree: the pipeline passes the facts it shares with the rules.
      expect(judge(input, gatherFacts(input))).toEqual(verdict);
    });
  }

  it('covers every verdict kind', () => {
    expect(new Set(CASES.map((c) => c.kind))).toEqual(
      new Set([
        'leak',
        'kernel-leak',
        'suspected-leak',
        'reclaimable-cache',
        'workload-change',
        'healthy',
        'inconclusive',
      ]),
    );
  });
});

describe('materiality', () => {
  it('a significant trend smaller than 5% of memory is not a leak', () => {
    // 5 MiB/h over 96 h = 480 MiB < 5% of 16 GiB (819 MiB).
    const verdict = judge(
      judgeInput({ totalBytes: TOTAL, analyses: [growing('mem.anon', 3 * GiB, 5 * MiB)] }),
    );
    expect(verdict.kind).toBe('healthy');
  });

  it('the same trend on an 8 GiB host is material', () => {
    const verdict = judge(
      judgeInput({ totalBytes: 8 * GiB, analyses: [growing('mem.anon', 3 * GiB, 5 * MiB)] }),
    );
    expect(verdict.kind).toBe('leak');
  });
});

describe('evidence stays readable', () => {
  it('keeps the 3 largest regimes of one series and sums up the rest in one line', () => {
    const anon = makeSeries({
      metric: 'mem.anon',
      hours: H,
      pieces: [{ fromHour: 0, level: 2 * GiB, slopePerHour: 60 * MiB }],
    });
    const trends = [0, 16, 32, 48, 64, 80].map((from, i) =>
      trend(anon, from, from + 15, (60 + 10 * i) * MiB),
    );
    const verdict = judge(judgeInput({ totalBytes: 8 * GiB, analyses: [analysisOf(anon, { trends })] }));
    const lines = verdict.evidence.filter((line) => line.startsWith('Anonymous memory (AnonPages)'));
    expect(lines).toHaveLength(4);
    // The three largest (slopes 90, 100, 110 MiB/h: hours 48, 64 and 80), in time order.
    expect(lines.slice(0, 3).map((l) => /from (\S+ \S+)/.exec(l)?.[1])).toEqual([
      '2026-03-04 00:00',
      '2026-03-04 16:00',
      '2026-03-05 08:00',
    ]);
    expect(lines[3]).toBe('Anonymous memory (AnonPages): 3 more regimes grew by 900 MiB–1.17 GiB each');
  });
});
