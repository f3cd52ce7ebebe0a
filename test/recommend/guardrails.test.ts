// Guardrails: never vm.vfs_cache_pressure ≥ 1000 (or 0), never vm.overcommit_ratio without
// vm.overcommit_memory = 2, drop_caches only as a diagnostic — checked on every rule's raw output for
// every sample (end to end) and for a grid of held scenarios (every verdict × harmful and sane settings
// × kernels before and after 6.16 × hosts with and without each breakdown).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readInput } from '../../src/ingest/index.js';
import type { Recommendation, Verdict, VerdictKind } from '../../src/model/result.js';
import { VERDICT_KINDS } from '../../src/model/result.js';
import type { SysctlSnapshot } from '../../src/model/snapshot.js';
import { analyze } from '../../src/pipeline.js';
import { guardrailViolations, NO_SETTINGS, readSettings, runRules } from '../../src/recommend/index.js';
import type { RuleContext } from '../../src/recommend/rule.js';
import { gatherFacts, type HostFacts } from '../../src/verdict/index.js';
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

const SAMPLES = join(REPO_ROOT, 'samples');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'verdict');

/** Settings in actionable text that a guardrail forbids, found independently of guardrails.ts. */
function forbidden(rec: Recommendation): string[] {
  const text = [rec.value, rec.apply ?? '', rec.rollback ?? ''].join('\n');
  const found: string[] = [];
  for (const m of text.matchAll(/vfs_cache_pressure(?!_denom)\s*=\s*(\d+)/g)) {
    const value = Number(m[1]);
    if (value === 0 || value >= 1000) found.push(`vfs_cache_pressure=${value}`);
  }
  if (rec.key === 'vm.vfs_cache_pressure' && (Number(rec.value) === 0 || Number(rec.value) >= 1000))
    found.push(`key vfs_cache_pressure=${rec.value}`);
  if (
    (rec.key === 'vm.overcommit_ratio' || /overcommit_ratio\s*=\s*\d/.test(text)) &&
    !/overcommit_memory\s*=\s*2/.test(text)
  )
    found.push('overcommit_ratio without mode 2');
  if (rec.key === 'vm.drop_caches') found.push('drop_caches as a key');
  if (
    /drop_caches/.test(rec.apply ?? '') &&
    /\b(cron|crontab|OnCalendar|while)\b/.test(rec.apply ?? '') &&
    /echo \d > \/proc\/sys\/vm\/drop_caches/.test(rec.apply ?? '')
  )
    found.push('drop_caches scheduled');
  if (/echo \d > \/proc\/sys\/vm\/drop_caches/.test(text) && !/diagnostic/i.test(rec.value))
    found.push('drop_caches not a diagnostic');
  return found;
}

function expectSafe(recs: { rule: string; recommendation: Recommendation }[], where: string): void {
  for (const { rule, recommendation } of recs) {
    expect(guardrailViolations(recommendation), `${where}: ${rule}`).toEqual([]);
    expect(forbidden(recommendation), `${where}: ${rule}`).toEqual([]);
  }
}

describe('guardrailViolations', () => {
  const ok: Recommendation = {
    key: 'vm.vfs_cache_pressure',
    value: '100',
    rationale: 'why',
    risk: 'none',
    apply: "printf 'vm.vfs_cache_pressure = 100\\n' > /etc/sysctl.d/90-x.conf",
    verify: 'sysctl vm.vfs_cache_pressure',
    rollback: 'rm /etc/sysctl.d/90-x.conf',
  };

  it('passes a complete, safe recommendation', () => {
    expect(guardrailViolations(ok)).toEqual([]);
  });

  it.each([
    ['vfs_cache_pressure 100000 as the value', { value: '100000' }, /≥ 1000/],
    [
      'vfs_cache_pressure 1000 in apply',
      { apply: 'sysctl -w vm.vfs_cache_pressure=1000 # /etc/sysctl.d/' },
      /≥ 1000/,
    ],
    ['vfs_cache_pressure 0', { value: '0' }, /is 0/],
    [
      'a denominator below its minimum',
      { apply: `${ok.apply}\nvm.vfs_cache_pressure_denom = 10` },
      /below its minimum/,
    ],
    [
      'overcommit_ratio without mode 2',
      {
        key: 'vm.overcommit_ratio',
        value: '80',
        apply: 'printf "vm.overcommit_ratio = 80" > /etc/sysctl.d/x.conf',
      },
      /overcommit_memory = 2/,
    ],
    [
      'drop_caches as a key',
      { key: 'vm.drop_caches', value: '3', apply: 'echo /etc/sysctl.d/' },
      /as a setting/,
    ],
    [
      'drop_caches from cron',
      {
        key: 'action',
        value: 'Diagnostic: drop caches',
        apply: 'echo "0 3 * * * root echo 3 > /proc/sys/vm/drop_caches" >> /etc/crontab',
      },
      /scheduled/,
    ],
    [
      'drop_caches persisted',
      { key: 'action', value: 'Diagnostic', apply: "echo 'vm.drop_caches = 3' >> /etc/sysctl.conf" },
      /persisted/,
    ],
    [
      'drop_caches sold as a fix',
      { key: 'action', value: 'Free memory nightly', apply: 'sync; echo 3 > /proc/sys/vm/drop_caches' },
      /diagnostic/,
    ],
    ['a sysctl not persisted', { apply: 'sysctl -w vm.vfs_cache_pressure=100' }, /persist/],
    ['no rollback', { rollback: '' }, /no rollback/],
  ] as [string, Partial<Recommendation>, RegExp][])('rejects %s', (_name, change, reason) => {
    const problems = guardrailViolations({ ...ok, ...change });
    expect(
      problems.some((p) => reason.test(p)),
      problems.join('; '),
    ).toBe(true);
  });

  it('allows overcommit_ratio when the same advice sets strict mode', () => {
    expect(
      guardrailViolations({
        ...ok,
        key: 'vm.overcommit_ratio',
        value: '80',
        apply: "printf 'vm.overcommit_memory = 2\\nvm.overcommit_ratio = 80\\n' > /etc/sysctl.d/90-x.conf",
      }),
    ).toEqual([]);
  });

  it('reads a 6.16 denominator: 100000 over 100000 is the default ratio', () => {
    expect(
      guardrailViolations({
        ...ok,
        value: '100',
        apply:
          "printf 'vm.vfs_cache_pressure = 100000\\nvm.vfs_cache_pressure_denom = 100000\\n' > /etc/sysctl.d/90-x.conf",
      }),
    ).toEqual([]);
  });
});

describe('guardrails over every sample', () => {
  const scenarios = readdirSync(SAMPLES).filter((name) => statSync(join(SAMPLES, name)).isDirectory());

  it('there are samples for every verdict the samples claim', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });

  for (const scenario of scenarios) {
    it(`${scenario}: no rule advises against a guardrail`, async () => {
      const files = readdirSync(join(SAMPLES, scenario))
        .filter((name) => name !== 'README.md')
        .map((name) => join(SAMPLES, scenario, name));
      const result = await analyze(files, { now: () => new Date('2026-03-10T00:00:00Z') });
      expect(result.warnings.filter((w) => w.code === 'recommendation-rejected')).toEqual([]);
      expectSafe(
        result.recommendations.map((recommendation) => ({ rule: '(final)', recommendation })),
        scenario,
      );
    });
  }
});

describe('guardrails over held scenarios (every verdict × settings × kernel × host)', async () => {
  const harmfulDir = join(SAMPLES, 'harmful-sysctl');
  const running = sysctlFromText(
    readFileSync(join(harmfulDir, 'sysctl-a-ci-05-2026-03-08T2350Z.txt'), 'utf8'),
    'running',
    'sysctl-a.txt',
  );
  const config = sysctlFromText(
    readFileSync(join(harmfulDir, '99-memory-tuning.conf'), 'utf8'),
    'config',
    '99-memory-tuning.conf',
  );
  const older: Record<string, string> = { ...running.settings, 'kernel.osrelease': '5.15.0-119-generic' };
  delete older['vm.vfs_cache_pressure_denom'];

  const settingsSets: [string, SysctlSnapshot[]][] = [
    ['none', []],
    ['harmful on 6.17 (sysctl -a and the conf)', [running, config]],
    ['harmful on 5.15', [sysctlOf(older)]],
    ['harmful config only', [config]],
    [
      'sane defaults',
      [
        sysctlOf({
          'kernel.osrelease': '6.8.0-45-generic',
          'vm.vfs_cache_pressure': '100',
          'vm.overcommit_memory': '0',
          'vm.overcommit_ratio': '50',
          'vm.min_free_kbytes': '67584',
          'vm.swappiness': '60',
          'vm.dirty_ratio': '20',
          'vm.dirty_background_ratio': '10',
        }),
      ],
    ],
    ['strict mode with ratio 2', [sysctlOf({ 'vm.overcommit_memory': '2', 'vm.overcommit_ratio': '2' })]],
    ['pressure 0', [sysctlOf({ 'vm.vfs_cache_pressure': '0' })]],
    [
      'pressure 1 over denom 10000 (6.16 HDFS style)',
      [
        sysctlOf({
          'kernel.osrelease': '6.16.1',
          'vm.vfs_cache_pressure': '1',
          'vm.vfs_cache_pressure_denom': '10000',
        }),
      ],
    ],
    [
      'pressure 100000 over denom 100000',
      [
        sysctlOf({
          'kernel.osrelease': '6.17.0',
          'vm.vfs_cache_pressure': '100000',
          'vm.vfs_cache_pressure_denom': '100000',
        }),
      ],
    ],
    [
      'min_free_kbytes 512, drop_caches in a conf',
      [sysctlOf({ 'vm.min_free_kbytes': '512', 'vm.drop_caches': '3' }, 'config', 'bad.conf')],
    ],
  ];

  const selinux = (
    await readInput(join(FIXTURES, 'selinux-220-ebitmap_node-kernel-leak-TRUNCATED.slabtop'), { tz: 'UTC' })
  ).result.slabs;
  const used = makeSeries({
    metric: 'mem.used',
    definition: 'total-minus-free',
    hours: 96,
    pieces: [{ fromHour: 0, level: 4 * GiB, slopePerHour: 110 * MiB }],
  });
  const growingUsed = analysisOf(used, { trends: [trend(used, 0, 96, 110 * MiB)] });
  const hosts: [string, HostFacts][] = [
    ['no breakdown', gatherFacts(judgeInput({ analyses: [growingUsed] }))],
    [
      'dentry-heavy 16 GiB',
      gatherFacts(
        judgeInput({
          totalBytes: 16 * GiB,
          analyses: [growingUsed],
          slabs: [
            slabSnapshot(
              [
                ['dentry', 12 * GiB],
                ['kmalloc-64', 0.3 * GiB],
              ],
              null,
            ),
          ],
          dentryState: [dentrySnapshot(71_000_000, 66_000_000)],
          meminfo: [
            meminfoSnapshot({
              MemTotal: 16 * GiB,
              MemFree: 0.3 * GiB,
              MemAvailable: 13 * GiB,
              CommitLimit: 0.3 * GiB,
              Committed_AS: 3 * GiB,
              SwapTotal: 0,
            }),
          ],
        }),
      ),
    ],
    ['kernel leak (ebitmap_node)', gatherFacts(judgeInput({ totalBytes: 64 * GiB, slabs: selinux }))],
    [
      'container',
      gatherFacts(judgeInput({ cgroup: [cgroupFromFile(join(FIXTURES, 'container-cache-memory.stat'))] })),
    ],
  ];

  const verdicts: Verdict[] = VERDICT_KINDS.flatMap((kind: VerdictKind) => [
    { kind, confidence: 0.8, summary: 's', evidence: ['1'] },
    ...(kind === 'kernel-leak' || kind === 'reclaimable-cache'
      ? [
          {
            kind,
            confidence: 0.8,
            summary: 's',
            evidence: ['1'],
            cache: kind === 'kernel-leak' ? 'kmem_cache' : 'dentry',
          },
        ]
      : []),
  ]);

  for (const [settingsName, snapshots] of settingsSets) {
    it(`settings: ${settingsName}`, () => {
      const settings = snapshots.length === 0 ? NO_SETTINGS : readSettings(snapshots);
      let emitted = 0;
      for (const [hostName, facts] of hosts) {
        for (const verdict of verdicts) {
          const context: RuleContext = {
            verdict,
            findings: [],
            slab: undefined,
            negativeDentryShare: facts.dentry?.negativeShare ?? null,
            host: 'h-01',
            facts,
            settings,
          };
          const recs = runRules(context);
          emitted += recs.length;
          expectSafe(recs, `${hostName} / ${verdict.kind}${verdict.cache ? ` (${verdict.cache})` : ''}`);
          // No sysctl key is advised twice by different rules.
          const keys = recs.map((r) => r.recommendation.key).filter((k) => k !== 'action');
          expect(new Set(keys).size, keys.join(',')).toBe(keys.length);
        }
      }
      expect(emitted).toBeGreaterThan(0);
    });
  }
});
