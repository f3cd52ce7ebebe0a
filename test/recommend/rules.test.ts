// Each recommendation rule: when it speaks, what it says (value, rationale tied to the host's figures,
// risk, apply + persist, verify, rollback), and the current settings it flags.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/model/finding.js';
import type { Recommendation, Verdict } from '../../src/model/result.js';
import type { SysctlSnapshot } from '../../src/model/snapshot.js';
import { alertOnMemavailable } from '../../src/recommend/alert-on-memavailable.js';
import { COLLECT_LOOP, collectEvidence } from '../../src/recommend/collect-evidence.js';
import { containerWorkingSet } from '../../src/recommend/container-working-set.js';
import { dirtyRatios } from '../../src/recommend/dirty-ratios.js';
import { dropCachesDiagnostic } from '../../src/recommend/drop-caches-diagnostic.js';
import { findFailedLookups } from '../../src/recommend/find-failed-lookups.js';
import { findKernelLeak } from '../../src/recommend/find-kernel-leak.js';
import { findLeakingProcess } from '../../src/recommend/find-leaking-process.js';
import { NO_SETTINGS, readSettings, recommend, RULES } from '../../src/recommend/index.js';
import { keepVfsCachePressure } from '../../src/recommend/keep-vfs-cache-pressure.js';
import { kernelDefaultMinFreeKbytes, minFreeKbytes } from '../../src/recommend/min-free-kbytes.js';
import { nssSdbUseCache } from '../../src/recommend/nss-sdb-use-cache.js';
import { overcommit } from '../../src/recommend/overcommit.js';
import type { RecommendationRule, RuleContext } from '../../src/recommend/rule.js';
import { swappiness } from '../../src/recommend/swappiness.js';
import { gatherFacts, type HostFacts, type JudgeInput } from '../../src/verdict/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import {
  analysisOf,
  cgroupFromFile,
  dentrySnapshot,
  GiB,
  judgeInput,
  makeSeries,
  meminfoSnapshot,
  MiB,
  slabSnapshot,
  sysctlFromText,
  sysctlOf,
  trend,
} from '../verdict/builders.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'verdict');
const HARMFUL = join(REPO_ROOT, 'samples', 'harmful-sysctl');

const verdictOf = (kind: Verdict['kind'], cache?: string): Verdict => ({
  kind,
  confidence: 0.9,
  summary: 's',
  evidence: ['1'],
  ...(cache !== undefined ? { cache } : {}),
});

function growingUsed(definition: 'total-minus-free' | 'total-minus-available' = 'total-minus-free') {
  const series = makeSeries({
    metric: 'mem.used',
    definition,
    hours: 96,
    pieces: [{ fromHour: 0, level: 4 * GiB, slopePerHour: 110 * MiB }],
  });
  return analysisOf(series, { trends: [trend(series, 0, 96, 110 * MiB)] });
}

function flatAvailable(level: number) {
  return analysisOf(makeSeries({ metric: 'mem.available', hours: 96, pieces: [{ fromHour: 0, level }] }));
}

/** web-01-like facts: used grows, MemAvailable flat, dentry dominates slab, most dentries negative. */
const DENTRY_HOST: Partial<JudgeInput> = {
  totalBytes: 16 * GiB,
  analyses: [growingUsed(), flatAvailable(13.8 * GiB)],
  slabs: [
    slabSnapshot(
      [
        ['dentry', 12.9 * GiB],
        ['kmalloc-64', 0.3 * GiB],
      ],
      null,
      'slabtop.txt',
    ),
  ],
  dentryState: [dentrySnapshot(70_962_860, 66_045_134)],
};

function context(
  verdict: Verdict,
  host: Partial<JudgeInput> = {},
  sysctl: SysctlSnapshot[] = [],
  findings: Finding[] = [],
): RuleContext {
  const facts: HostFacts = gatherFacts(judgeInput(host));
  return {
    verdict,
    findings,
    slab: undefined,
    negativeDentryShare: facts.dentry?.negativeShare ?? null,
    host: 'web-01',
    facts,
    settings: sysctl.length === 0 ? NO_SETTINGS : readSettings(sysctl),
  };
}

function run(rule: RecommendationRule, ctx: RuleContext): Recommendation {
  const rec = rule.recommend(ctx);
  expect(rec, rule.id).not.toBeNull();
  return rec as Recommendation;
}

const harmfulRunning = (): SysctlSnapshot =>
  sysctlFromText(
    readFileSync(join(HARMFUL, 'sysctl-a-ci-05-2026-03-08T2350Z.txt'), 'utf8'),
    'running',
    'sysctl-a-ci-05.txt',
  );
const harmfulConfig = (): SysctlSnapshot =>
  sysctlFromText(
    readFileSync(join(HARMFUL, '99-memory-tuning.conf'), 'utf8'),
    'config',
    '99-memory-tuning.conf',
  );

describe('the registry', () => {
  it('has one rule per file, ids equal to file names', () => {
    for (const rule of RULES)
      expect(() => readFileSync(join(REPO_ROOT, 'src', 'recommend', `${rule.id}.ts`))).not.toThrow();
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('for reclaimable cache the first advice is to alert on MemAvailable', () => {
    const recs = recommend(context(verdictOf('reclaimable-cache', 'dentry'), DENTRY_HOST));
    expect(recs[0]?.value).toMatch(/^Alert when MemAvailable stays below 10% of MemTotal/);
    expect(recs.map((r) => r.key)).toContain('vm.vfs_cache_pressure');
  });

  it('every recommendation has a rationale, risk, apply, verify and rollback', () => {
    const ctx = context(verdictOf('reclaimable-cache', 'dentry'), DENTRY_HOST, [
      harmfulRunning(),
      harmfulConfig(),
    ]);
    const recs = recommend(ctx);
    expect(recs.length).toBeGreaterThanOrEqual(8);
    for (const rec of recs) {
      for (const field of ['rationale', 'risk', 'apply', 'verify', 'rollback'] as const)
        expect(rec[field], `${rec.value}: ${field}`).toBeTruthy();
      if (rec.key !== 'action') expect(rec.apply).toContain('/etc/sysctl.d/');
    }
  });
});

describe('alert-on-memavailable', () => {
  it('gives ready PromQL, NRQL and Datadog queries for this host, and cites its figures', () => {
    const rec = run(alertOnMemavailable, context(verdictOf('reclaimable-cache'), DENTRY_HOST));
    expect(rec.apply).toContain(
      'expr: node_memory_MemAvailable_bytes{instance=~"web-01(:[0-9]+)?"} / node_memory_MemTotal_bytes{instance=~"web-01(:[0-9]+)?"} < 0.1',
    );
    expect(rec.apply).toContain('for: 15m');
    expect(rec.apply).toContain(
      "SELECT average(memoryFreePercent) FROM SystemSample WHERE hostname = 'web-01'",
    );
    expect(rec.apply).toContain('avg(last_15m):avg:system.mem.pct_usable{host:web-01} < 0.1');
    expect(rec.rationale).toMatch(
      /^Used memory \(total − free\) grew 10\.3 GiB \(\+110 MiB\/h\) on this host while MemAvailable never fell below 13\.8 GiB \(86\.3% of 16 GiB\)/,
    );
  });

  it('adds an SUnreclaim trend alert for a kernel leak', () => {
    const rec = run(alertOnMemavailable, context(verdictOf('kernel-leak'), { totalBytes: 32 * GiB }));
    expect(rec.apply).toContain(
      'deriv(node_memory_SUnreclaim_bytes{instance=~"web-01(:[0-9]+)?"}[6h]) * 86400 > 0.05 * node_memory_MemTotal_bytes',
    );
    expect(rec.apply).toContain('(1.6 GiB here)');
  });

  it('says nothing when only snapshots were given', () => {
    expect(alertOnMemavailable.recommend(context(verdictOf('inconclusive')))).toBeNull();
  });
  it('takes a hostile host name literally in every query and keeps the rule file valid YAML', () => {
    const host = String.raw`db"1'.prod: #x\{y}`;
    const base = context(verdictOf('kernel-leak'), { totalBytes: 32 * GiB });
    const rec = run(alertOnMemavailable, { ...base, host });
    // PromQL: regex metacharacters escaped (\. \\ \{ \}), then the quote and every backslash escaped
    // for the double-quoted string literal.
    const matcher = String.raw`instance=~"db\"1'\\.prod: #x\\\\\\{y\\}(:[0-9]+)?"`;
    // The expression contains ": " and " #", so the YAML value is single-quoted, its quote doubled.
    const yamlMatcher = matcher.replace("'", "''");
    expect(rec.apply).toContain(
      `  expr: 'node_memory_MemAvailable_bytes{${yamlMatcher}} / node_memory_MemTotal_bytes{${yamlMatcher}} < 0.1'`,
    );
    expect(rec.apply).toContain(`  expr: 'deriv(node_memory_SUnreclaim_bytes{${yamlMatcher}}[6h])`);
    // NRQL: single-quoted, the quote and the backslash escaped.
    expect(rec.apply).toContain(String.raw`WHERE hostname = 'db"1\'.prod: #x\\{y}'`);
    // Datadog: the tag as Datadog normalises it (lower case, other characters as underscores).
    expect(rec.apply).toContain('system.mem.pct_usable{host:db_1_.prod:__x__y_}');
  });

  it('leaves an ordinary rule line plain', () => {
    const rec = run(alertOnMemavailable, context(verdictOf('reclaimable-cache'), DENTRY_HOST));
    expect(rec.apply).toMatch(/^ {2}expr: node_memory_MemAvailable_bytes\{/m);
  });
});

describe('current settings: the widely copied tuning file on a 6.17 kernel', () => {
  const ctx = (): RuleContext =>
    context(verdictOf('reclaimable-cache', 'dentry'), { ...DENTRY_HOST, totalBytes: 64 * GiB }, [
      harmfulRunning(),
      harmfulConfig(),
    ]);

  it('vm.vfs_cache_pressure = 100000: flagged with the 6.16 ratio, back to 100 with denom 100', () => {
    const rec = run(keepVfsCachePressure, ctx());
    expect(rec.key).toBe('vm.vfs_cache_pressure');
    expect(rec.value).toBe('100');
    expect(rec.current).toBe(
      '100000 (running, from sysctl-a-ci-05.txt); 100000 (configured in 99-memory-tuning.conf); denom 100 (running, from sysctl-a-ci-05.txt)',
    );
    expect(rec.rationale).toMatch(
      /^vm\.vfs_cache_pressure is 100000 \(effective 100000\), 1000× the default\. It does not cap the dentry cache/,
    );
    expect(rec.rationale).toContain('This kernel has vm.vfs_cache_pressure_denom (100)');
    expect(rec.apply).toContain('vm.vfs_cache_pressure = 100\\nvm.vfs_cache_pressure_denom = 100\\n');
    expect(rec.apply).toContain('/etc/sysctl.d/90-memautopsy-vfs-cache-pressure.conf');
    expect(rec.verify).toContain(
      'sysctl vm.vfs_cache_pressure vm.vfs_cache_pressure_denom prints 100 and 100',
    );
    expect(rec.rollback).toContain('.memautopsy.bak');
  });

  it('vm.overcommit_ratio = 2 without strict mode: remove it (a no-op and a trap)', () => {
    const rec = run(overcommit, ctx());
    expect(rec.key).toBe('action');
    expect(rec.value).toBe(
      'Remove the vm.overcommit_ratio line (2 here): it does nothing while vm.overcommit_memory is 0',
    );
    expect(rec.rationale).toContain('about 1.28 GiB on this host');
    expect(rec.current).toContain(
      'vm.overcommit_ratio 2 (running, from sysctl-a-ci-05.txt); 2 (configured in 99-memory-tuning.conf)',
    );
  });

  it('vm.min_free_kbytes = 4194304 on 64 GiB: back to the kernel default', () => {
    const rec = run(minFreeKbytes, ctx());
    expect(rec.value).toBe(String(kernelDefaultMinFreeKbytes(64 * GiB)));
    expect(rec.value).toBe('32768');
    expect(rec.rationale).toMatch(/^vm\.min_free_kbytes is 4194304 \(4 GiB, 6% of 64 GiB\)/);
  });

  it('dirty_background_ratio 30 ≥ dirty_ratio 20: background back to 10', () => {
    const rec = run(dirtyRatios, ctx());
    expect(rec.key).toBe('vm.dirty_background_ratio');
    expect(rec.value).toBe('10');
    expect(rec.rationale).toContain('vm.dirty_background_ratio (30) is not below vm.dirty_ratio (20)');
  });

  it('vm.swappiness = 1: irrelevant to dentry growth', () => {
    const rec = run(swappiness, ctx());
    expect(rec.value).toMatch(/^Leave vm\.swappiness \(1 here\) out of this fix/);
    expect(rec.current).toContain('1 (running');
  });

  it('all of them come out of recommend(), after the alert', () => {
    const recs = recommend(ctx());
    const keys = recs.map((r) => (r.key === 'action' ? r.value.slice(0, 20) : r.key));
    expect(recs[0]?.value).toMatch(/^Alert when MemAvailable/);
    expect(keys).toEqual(
      expect.arrayContaining(['vm.vfs_cache_pressure', 'vm.min_free_kbytes', 'vm.dirty_background_ratio']),
    );
    expect(recs.filter((r) => r.current !== undefined).length).toBeGreaterThanOrEqual(5);
  });
});

describe('keep-vfs-cache-pressure', () => {
  it('on a pre-6.16 kernel writes only the pressure and notes the denominator', () => {
    const running = harmfulRunning();
    const settings: Record<string, string> = {
      ...running.settings,
      'kernel.osrelease': '5.15.0-119-generic',
    };
    delete settings['vm.vfs_cache_pressure_denom'];
    const rec = run(keepVfsCachePressure, context(verdictOf('healthy'), {}, [sysctlOf(settings)]));
    expect(rec.apply).not.toContain('denom');
    expect(rec.rationale).toContain('On kernels ≥ 6.16 read it together with vm.vfs_cache_pressure_denom');
  });

  it('100000 over a denominator of 100000 is the default ratio: nothing to flag', () => {
    const ctx = context(verdictOf('healthy'), {}, [
      sysctlOf({
        'kernel.osrelease': '6.17.0',
        'vm.vfs_cache_pressure': '100000',
        'vm.vfs_cache_pressure_denom': '100000',
      }),
    ]);
    expect(keepVfsCachePressure.recommend(ctx)).toBeNull();
  });

  it('0 is flagged whatever the verdict', () => {
    const rec = run(
      keepVfsCachePressure,
      context(verdictOf('leak'), {}, [sysctlOf({ 'vm.vfs_cache_pressure': '0' })]),
    );
    expect(rec.rationale).toMatch(
      /^vm\.vfs_cache_pressure is 0: the kernel never reclaims dentries and inodes/,
    );
  });

  it('keeps 100 for dentry growth without sysctl input, and stays silent for page-cache growth', () => {
    const rec = run(keepVfsCachePressure, context(verdictOf('reclaimable-cache', 'dentry'), DENTRY_HOST));
    expect(rec.value).toBe('100');
    expect(rec.current).toBeUndefined();
    expect(rec.rationale).toContain('dentry holds 12.9 GiB of 13.2 GiB slab');
    expect(
      keepVfsCachePressure.recommend(context(verdictOf('reclaimable-cache'), { totalBytes: 16 * GiB })),
    ).toBeNull();
  });
});

describe('overcommit', () => {
  it('strict mode with ratio 2 and Committed_AS above CommitLimit: back to mode 0', () => {
    const rec = run(
      overcommit,
      context(
        verdictOf('healthy'),
        {
          meminfo: [
            meminfoSnapshot({
              MemTotal: 64 * GiB,
              SwapTotal: 0,
              CommitLimit: 1.28 * GiB,
              Committed_AS: 14 * GiB,
            }),
          ],
        },
        [sysctlOf({ 'vm.overcommit_memory': '2', 'vm.overcommit_ratio': '2' })],
      ),
    );
    expect(rec.key).toBe('vm.overcommit_memory');
    expect(rec.value).toBe('0');
    expect(rec.rationale).toContain(
      'CommitLimit is 1.28 GiB, below the 14 GiB already committed (Committed_AS)',
    );
  });

  it('strict mode with room to spare, or the default ratio: nothing to say', () => {
    const meminfo = [meminfoSnapshot({ MemTotal: 64 * GiB, CommitLimit: 51 * GiB, Committed_AS: 14 * GiB })];
    expect(
      overcommit.recommend(
        context(verdictOf('healthy'), { meminfo }, [
          sysctlOf({ 'vm.overcommit_memory': '2', 'vm.overcommit_ratio': '80' }),
        ]),
      ),
    ).toBeNull();
    expect(
      overcommit.recommend(
        context(verdictOf('healthy'), {}, [
          sysctlOf({ 'vm.overcommit_memory': '0', 'vm.overcommit_ratio': '50' }),
        ]),
      ),
    ).toBeNull();
  });
});

describe('min-free-kbytes, dirty-ratios, swappiness', () => {
  it('the kernel default follows sqrt(kB × 16), clamped to [128, 262144]', () => {
    expect(kernelDefaultMinFreeKbytes(16 * GiB)).toBe(16384);
    expect(kernelDefaultMinFreeKbytes(4 * 1024 * GiB)).toBe(262144);
  });

  it('flags a reserve below 1024 KB and leaves a normal one alone', () => {
    const low = run(
      minFreeKbytes,
      context(verdictOf('healthy'), { totalBytes: 16 * GiB }, [sysctlOf({ 'vm.min_free_kbytes': '512' })]),
    );
    expect(low.rationale).toMatch(/below 1024 KB .* prone to deadlock/);
    expect(low.value).toBe('16384');
    expect(
      minFreeKbytes.recommend(
        context(verdictOf('healthy'), { totalBytes: 16 * GiB }, [
          sysctlOf({ 'vm.min_free_kbytes': '67584' }),
        ]),
      ),
    ).toBeNull();
  });

  it('dirty bytes in the wrong order are flagged too; the right order is not', () => {
    const rec = run(
      dirtyRatios,
      context(verdictOf('healthy'), {}, [
        sysctlOf({ 'vm.dirty_background_bytes': '300000000', 'vm.dirty_bytes': '200000000' }),
      ]),
    );
    expect(rec.key).toBe('vm.dirty_background_bytes');
    expect(rec.value).toBe('100000000');
    expect(
      dirtyRatios.recommend(
        context(verdictOf('healthy'), {}, [
          sysctlOf({ 'vm.dirty_background_ratio': '10', 'vm.dirty_ratio': '20' }),
        ]),
      ),
    ).toBeNull();
  });

  it('swappiness: silent at the default or on a healthy host', () => {
    expect(
      swappiness.recommend(
        context(verdictOf('reclaimable-cache'), {}, [sysctlOf({ 'vm.swappiness': '60' })]),
      ),
    ).toBeNull();
    expect(
      swappiness.recommend(context(verdictOf('healthy'), {}, [sysctlOf({ 'vm.swappiness': '10' })])),
    ).toBeNull();
  });
});

describe('drop-caches-diagnostic', () => {
  it('reclaimable slab: echo 2, once, with before/after figures', () => {
    const rec = run(dropCachesDiagnostic, context(verdictOf('reclaimable-cache', 'dentry'), DENTRY_HOST));
    expect(rec.value).toMatch(/echo 2 > \/proc\/sys\/vm\/drop_caches.*diagnostic/);
    expect(rec.rationale).toContain('about the 12.9 GiB dentry holds');
    expect(rec.apply).toMatch(/# before\n.*echo 2 .*\n.*# after$/);
  });

  it('when this report already shows a cache drop, it says not to repeat it', () => {
    const drop: Finding = {
      kind: 'step-drop',
      series: 'used',
      at: '2026-03-06T12:00:00.000Z',
      magnitudeBytes: 13 * GiB,
      cause: 'cache-drop',
    };
    const rec = run(
      dropCachesDiagnostic,
      context(verdictOf('reclaimable-cache', 'dentry'), DENTRY_HOST, [], [drop]),
    );
    expect(rec.value).toMatch(/already proved the point here — do not repeat or schedule it$/);
    expect(rec.rationale).toContain(
      'used memory dropped 13 GiB at 2026-03-06 12:00 UTC while MemAvailable did not move',
    );
    expect(rec.apply).not.toMatch(/echo \d > \/proc\/sys\/vm\/drop_caches/);
  });

  it('flags vm.drop_caches in a sysctl file even on a healthy host', () => {
    const rec = run(
      dropCachesDiagnostic,
      context(verdictOf('healthy'), {}, [sysctlOf({ 'vm.drop_caches': '3' }, 'config', '99-x.conf')]),
    );
    expect(rec.current).toBe('3 (configured in 99-x.conf)');
    expect(rec.rationale).toContain('runs once at every boot');
  });
});

describe('suspected-leak: collect what is missing', () => {
  it('gives the exact hourly loop with timestamps', () => {
    const rec = run(collectEvidence, context(verdictOf('suspected-leak'), { analyses: [growingUsed()] }));
    expect(rec.apply).toBe(COLLECT_LOOP);
    for (const command of [
      '{ date -u -Is; cat /proc/meminfo; } >> meminfo.log',
      '{ date -u -Is; slabtop -o -s c; } >> slabtop.log',
      '{ date -u -Is; cat /proc/sys/fs/dentry-state; } >> dentry-state.log',
      'sleep 3600',
      'sysctl -a > sysctl-a.txt',
    ])
      expect(rec.apply).toContain(command);
    expect(rec.rationale).toMatch(
      /^Used memory \(total − free\) grew 10\.3 GiB here, but nothing breaks it down\. Missing: MemAvailable, a meminfo breakdown/,
    );
    expect(collectEvidence.recommend(context(verdictOf('leak')))).toBeNull();
  });
});

describe('negative dentries', () => {
  it('explains failed lookups, how to find the process, and the NSS case', () => {
    const ctx = context(verdictOf('reclaimable-cache', 'dentry'), DENTRY_HOST);
    const lookups = run(findFailedLookups, ctx);
    expect(lookups.value).toBe(
      'Find the process that keeps looking up files that do not exist (93% of dentries are negative)',
    );
    expect(lookups.rationale).toMatch(
      /^66,045,134 of 70,962,860 dentries on this host \(93%, about 11\.8 GiB\) are negative/,
    );
    expect(lookups.apply).toContain('/args->ret == -2/ { @[comm] = count(); }');
    expect(lookups.apply).toContain('opensnoop-bpfcc -x');
    expect(lookups.apply).toContain('strace -f -Z -e trace=%file -p <pid>');
    const nss = run(nssSdbUseCache, ctx);
    expect(nss.value).toContain('NSS_SDB_USE_CACHE=yes');
    expect(nss.apply).toContain('Environment=NSS_SDB_USE_CACHE=yes');
    expect(nss.rationale).toContain('NSS 3.16 and later skip that probe');
  });

  it('stays silent when few dentries are negative, or when they are too few to matter', () => {
    expect(
      findFailedLookups.recommend(
        context(verdictOf('healthy'), {
          totalBytes: 16 * GiB,
          dentryState: [dentrySnapshot(1_000_000, 300_000)],
        }),
      ),
    ).toBeNull();
    // 98% negative but only 2.3 M of them (~424 MiB) on a 64 GiB host.
    const small = context(verdictOf('healthy'), {
      totalBytes: 64 * GiB,
      dentryState: [dentrySnapshot(2_368_980, 2_318_380)],
    });
    expect(findFailedLookups.recommend(small)).toBeNull();
    expect(nssSdbUseCache.recommend(small)).toBeNull();
  });
});

describe('leaks', () => {
  it('kernel leak: names the cache, traces its allocations, and checks zombie cgroups for kmem_cache', () => {
    const rec = run(
      findKernelLeak,
      context(verdictOf('kernel-leak', 'kmem_cache'), {
        totalBytes: 32 * GiB,
        slabs: [slabSnapshot([['kmem_cache', 3 * GiB]], null)],
      }),
    );
    expect(rec.value).toContain('(kmem_cache) — no sysctl setting will free it');
    expect(rec.apply).toContain('slub_debug=U,kmem_cache');
    expect(rec.apply).toContain('memleak-bpfcc');
    expect(rec.apply).toContain('nr_dying_descendants');
    expect(rec.rationale).toContain('kmem_cache holds 3 GiB of 3 GiB slab');
  });

  it('kernel leak without a slab snapshot: first find the cache', () => {
    const rec = run(findKernelLeak, context(verdictOf('kernel-leak')));
    expect(rec.apply).toMatch(
      /^slabtop -o -s c \| head -20; sleep 3600; slabtop -o -s c \| head -20 {3}# which unreclaimable cache grows \(no slab snapshot was given\)/,
    );
  });

  it('user-space leak: find the process, mention the resets', () => {
    const drop: Finding = {
      kind: 'step-drop',
      series: 'used',
      at: '2026-03-04T11:00:00.000Z',
      magnitudeBytes: 5 * GiB,
      cause: 'oom-kill',
    };
    const rec = run(
      findLeakingProcess,
      context(
        verdictOf('leak'),
        { totalBytes: 8 * GiB, analyses: [growingUsed('total-minus-available')] },
        [],
        [drop],
      ),
    );
    expect(rec.rationale).toMatch(
      /^Used memory \(total − available\) grew 10\.3 GiB \(\+110 MiB\/h\) on this host\. 1 restart or OOM kill reset it/,
    );
    expect(rec.apply).toContain('MemoryMax=');
  });
});

describe('container-working-set', () => {
  it('fires when the working set is mostly page cache', () => {
    const rec = run(
      containerWorkingSet,
      context(verdictOf('reclaimable-cache'), {
        cgroup: [cgroupFromFile(join(FIXTURES, 'container-cache-memory.stat'))],
      }),
    );
    expect(rec.rationale).toMatch(
      /^80% of this cgroup's 2\.93 GiB working set is active page cache and reclaimable slab/,
    );
    expect(rec.apply).toContain('container_memory_rss');
  });

  it('stays silent for an anon-dominated working set (the real sysinfo pod)', () => {
    expect(
      containerWorkingSet.recommend(
        context(verdictOf('suspected-leak'), {
          cgroup: [cgroupFromFile(join(FIXTURES, 'sysinfo-1219-cgroupv2-memory.stat'))],
        }),
      ),
    ).toBeNull();
  });
});
