import { describe, expect, it } from 'vitest';
import {
  buildSummary,
  flagOutliers,
  rankHosts,
  robustZScores,
  type HostRow,
  type OkHostRow,
} from '../../src/batch/summary.js';
import type { VerdictKind } from '../../src/model/result.js';

function ok(host: string, kind: VerdictKind, growthBytesPerHour: number | null): OkHostRow {
  return {
    host,
    status: 'ok',
    verdict: { kind, confidence: 0.8, summary: '' },
    report: { html: `${host}/report.html` },
    growthBytesPerHour,
    growthPercentPerHour: null,
    forecast: { exhaustionAt: null },
    growthRobustZ: null,
    outlier: false,
    warnings: 0,
    sparkline: null,
  };
}

describe('rankHosts', () => {
  it('orders by severity class, then growth (fastest first, unknown last), then name; failures last', () => {
    const rows: HostRow[] = [
      { host: 'broken', status: 'error', error: 'broken/a.csv: file is empty' },
      ok('idle', 'inconclusive', 0),
      ok('fine', 'healthy', 1),
      ok('shift', 'workload-change', 5),
      ok('cache', 'reclaimable-cache', 9e9),
      ok('maybe', 'suspected-leak', 1),
      ok('slow-leak', 'leak', 1e6),
      ok('kernel', 'kernel-leak', 5e6),
      ok('fast-leak', 'leak', 9e6),
      ok('pct-leak', 'leak', null),
      ok('b-twin', 'healthy', 1),
      ok('a-twin', 'healthy', 1),
    ];
    expect(rankHosts(rows).map((r) => r.host)).toEqual([
      'fast-leak',
      'kernel',
      'slow-leak',
      'pct-leak',
      'maybe',
      'cache',
      'shift',
      'a-twin',
      'b-twin',
      'fine',
      'idle',
      'broken',
    ]);
  });
});

describe('robustZScores', () => {
  it('is 0.6745·(x − median)/MAD', () => {
    // median 3, |dev| = 2,1,0,1,97 → MAD 1
    const z = robustZScores([1, 2, 3, 4, 100]);
    expect(z[2]).toBe(0);
    expect(z[0]).toBeCloseTo(-1.349, 6);
    expect(z[4]).toBeCloseTo(0.6745 * 97, 6);
  });

  it('falls back to the mean absolute deviation when MAD is 0, and gives up without spread or peers', () => {
    const z = robustZScores([0, 0, 0, 0, 10]);
    // median 0, MeanAD 2 → 10 / (1.253314 · 2)
    expect(z[4]).toBeCloseTo(10 / (1.253314 * 2), 6);
    expect(z[0]).toBe(0);
    expect(robustZScores([5, 5, 5])).toEqual([null, null, null]);
    expect(robustZScores([1, 100])).toEqual([null, null]);
  });
});

describe('flagOutliers / buildSummary', () => {
  it('flags the host far from its peers, in either direction, and only analysed hosts with a rate', () => {
    const rows: HostRow[] = [
      ...Array.from({ length: 9 }, (_, i) => ok(`peer-${i}`, 'healthy', 1e6 + i * 1e5)),
      ok('runaway', 'leak', 5e8),
      ok('shrinker', 'healthy', -4e8),
      ok('no-rate', 'healthy', null),
      { host: 'broken', status: 'error', error: 'x' },
    ];
    const flagged = flagOutliers(rows);
    const outliers = flagged.filter((r) => r.status === 'ok' && r.outlier).map((r) => r.host);
    expect(outliers.sort()).toEqual(['runaway', 'shrinker']);
    const noRate = flagged.find((r) => r.host === 'no-rate') as OkHostRow;
    expect(noRate.growthRobustZ).toBeNull();
  });

  it('builds the contract shape: schemaVersion, generatedAt, hosts in rank order', () => {
    const summary = buildSummary([ok('b', 'healthy', 0), ok('a', 'leak', 1)], {
      generatedAt: new Date('2026-03-10T00:00:00Z'),
      version: '9.9.9',
      shard: { index: 1, count: 4 },
    });
    expect(summary.schemaVersion).toBe(1);
    expect(summary.generatedAt).toBe('2026-03-10T00:00:00.000Z');
    expect(summary.shard).toEqual({ index: 1, count: 4 });
    expect(summary.hosts.map((h) => h.host)).toEqual(['a', 'b']);
    expect(Object.keys(summary.hosts[0] as object).slice(0, 4)).toEqual([
      'host',
      'status',
      'verdict',
      'report',
    ]);
  });
});
