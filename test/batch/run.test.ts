import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeBatches } from '../../src/batch/merge.js';
import { runBatch, type BatchProgress } from '../../src/batch/run.js';
import { shardOf } from '../../src/batch/host-name.js';
import type { BatchSummary, OkHostRow } from '../../src/batch/summary.js';
import { schemaErrors } from '../helpers/cli.js';
import { writeBrokenHost, writeFleet, type SyntheticHost } from './fleet-fixture.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'memautopsy-batch-'));
const NOW = new Date('2026-03-10T00:00:00.000Z');

const HOSTS: SyntheticHost[] = [
  { name: 'web-01', scenario: 'healthy' },
  { name: 'web-02', scenario: 'healthy' },
  { name: 'api-07', scenario: 'leak', leakMiBPerHour: 120 },
  { name: 'cache-01', scenario: 'cache' },
];

function readSummary(outDir: string): BatchSummary {
  return JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as BatchSummary;
}

/** Every file below `dir`, relative, sorted. */
function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listTree(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
    )
    .sort();
}

// Each run starts worker threads (through tsx here): slow on a loaded machine, so a generous timeout.
describe('runBatch', { timeout: 180_000 }, () => {
  it('isolates a broken host: the others are written, the failure is recorded with its file', async () => {
    const input = writeFleet(tempDir(), HOSTS);
    writeBrokenHost(input, 'db-3');
    const out = tempDir();
    const outcome = await runBatch({ inputDir: input, outDir: out, concurrency: 2, now: () => NOW });

    expect(outcome.failed).toBe(1);
    expect(outcome.interrupted).toBe(false);
    const summary = readSummary(out);
    expect(summary.schemaVersion).toBe(1);
    expect(summary.generatedAt).toBe(NOW.toISOString());
    expect(summary.hosts).toHaveLength(5);
    const broken = summary.hosts.find((h) => h.host === 'db-3');
    expect(broken).toEqual({
      host: 'db-3',
      status: 'error',
      error: 'db-3/mem.csv: no usable time series (header only)',
    });
    for (const row of summary.hosts) {
      if (row.status !== 'ok') continue;
      expect(row.report).toEqual({ html: `${row.host}/report.html`, json: `${row.host}/report.json` });
      expect(typeof row.verdict.confidence).toBe('number');
      const result = JSON.parse(readFileSync(join(out, row.host, 'report.json'), 'utf8')) as {
        host: string;
        verdict: { kind: string };
      };
      expect(schemaErrors(result)).toBeNull();
      expect(result.host).toBe(row.host);
      expect(result.verdict.kind).toBe(row.verdict.kind);
      expect(readFileSync(join(out, row.host, 'report.html'), 'utf8')).toMatch(/<\/html>\s*$/);
    }
    expect(existsSync(join(out, 'db-3'))).toBe(false);
    const leak = summary.hosts.find((h) => h.host === 'api-07') as OkHostRow;
    expect(leak.verdict.kind).toBe('leak');
    expect(leak.growthBytesPerHour).toBeGreaterThan(100 * 2 ** 20);
    expect(leak.growthBytesPerHour).toBeLessThan(140 * 2 ** 20);
    expect(leak.sparkline?.values.length).toBe(48);
    // Ranked: the leak first, the failure last; only staging-free, finished files are left.
    expect(summary.hosts[0]?.host).toBe('api-07');
    expect(summary.hosts.at(-1)?.host).toBe('db-3');
    expect(listTree(out).filter((f) => /staging|\.tmp$/.test(f))).toEqual([]);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('db-3/mem.csv: no usable time series (header only)');
  });

  it('writes each Markdown report with its charts as SVG files beside it, linked', async () => {
    const input = writeFleet(tempDir(), HOSTS.slice(2));
    const out = tempDir();
    const outcome = await runBatch({
      inputDir: input,
      outDir: out,
      concurrency: 2,
      formats: ['md'],
      now: () => NOW,
    });
    expect(outcome.failed).toBe(0);
    for (const host of ['api-07', 'cache-01']) {
      const markdown = readFileSync(join(out, host, 'report.md'), 'utf8');
      expect(markdown).toContain('](memory.svg)');
      const svg = readFileSync(join(out, host, 'memory.svg'), 'utf8');
      expect(svg).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg\b/);
      // Every chart the Markdown links exists in the host folder.
      for (const [, link] of markdown.matchAll(/\]\(([^)]+\.svg)\)/g)) {
        expect(existsSync(join(out, host, link as string))).toBe(true);
      }
    }
  });

  it('skips up-to-date hosts with resume and redoes a host whose input changed', async () => {
    const input = writeFleet(tempDir(), HOSTS.slice(0, 3));
    const out = tempDir();
    await runBatch({ inputDir: input, outDir: out, concurrency: 2, now: () => NOW });
    const before = new Map(
      HOSTS.slice(0, 3).map((h) => [h.name, statSync(join(out, h.name, 'report.json')).mtimeMs]),
    );
    // web-02's export changed after its report was written.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(input, 'web-02', 'memory.csv'), later, later);

    const events: BatchProgress[] = [];
    const outcome = await runBatch({
      inputDir: input,
      outDir: out,
      concurrency: 2,
      resume: true,
      now: () => NOW,
      onProgress: (event) => events.push(event),
    });
    const statuses = Object.fromEntries(
      events.flatMap((e) => (e.kind === 'host-done' ? [[e.host, e.status]] : [])),
    );
    expect(statuses).toEqual({ 'web-01': 'skipped', 'web-02': 'ok', 'api-07': 'skipped' });
    expect(statSync(join(out, 'web-01', 'report.json')).mtimeMs).toBe(before.get('web-01'));
    expect(statSync(join(out, 'web-02', 'report.json')).mtimeMs).toBeGreaterThan(
      before.get('web-02') as number,
    );
    // Skipped hosts keep their place in the summary with their previous verdict.
    expect(outcome.summary.hosts.map((h) => h.host).sort()).toEqual(['api-07', 'web-01', 'web-02']);
    expect((outcome.summary.hosts[0] as OkHostRow).verdict.kind).toBe('leak');

    // Asking for a format that was not written before redoes every host.
    const redo: string[] = [];
    await runBatch({
      inputDir: input,
      outDir: out,
      formats: ['json', 'md'],
      resume: true,
      onProgress: (e) => e.kind === 'host-done' && e.status === 'ok' && redo.push(e.host),
    });
    expect(redo.sort()).toEqual(['api-07', 'web-01', 'web-02']);
  });

  it('splits hosts into disjoint shards that merge back into the whole fleet', async () => {
    const hosts: SyntheticHost[] = Array.from({ length: 8 }, (_, i) => ({
      name: `node-${i}`,
      scenario: i === 5 ? 'leak' : 'healthy',
    }));
    const input = writeFleet(tempDir(), hosts);
    writeBrokenHost(input, 'broken-1');
    const shardDirs = [tempDir(), tempDir(), tempDir()];
    for (const [index, outDir] of shardDirs.entries()) {
      await runBatch({ inputDir: input, outDir, shard: { index, count: 3 }, concurrency: 2, now: () => NOW });
    }
    const perShard = shardDirs.map((dir) => readSummary(dir));
    perShard.forEach((summary, index) => {
      expect(summary.shard).toEqual({ index, count: 3 });
      for (const row of summary.hosts) expect(shardOf(row.host, 3)).toBe(index);
    });
    const allNames = perShard.flatMap((s) => s.hosts.map((h) => h.host)).sort();
    expect(allNames).toEqual([...hosts.map((h) => h.name), 'broken-1'].sort());

    const merged = tempDir();
    const outcome = await mergeBatches({ inputs: shardDirs, outDir: merged, now: () => NOW });
    const full = tempDir();
    await runBatch({ inputDir: input, outDir: full, concurrency: 2, now: () => NOW });

    const strip = (summary: BatchSummary): unknown =>
      summary.hosts.map((row) => (row.status === 'ok' ? { ...row, sparkline: null } : row));
    expect(strip(readSummary(merged))).toEqual(strip(readSummary(full)));
    expect(readSummary(merged).shard).toBeUndefined();
    expect(outcome.failed).toBe(1);
    // Every report path in the merged summary exists inside the merged folder.
    for (const row of readSummary(merged).hosts) {
      if (row.status !== 'ok') continue;
      for (const path of Object.values(row.report)) expect(existsSync(join(merged, path))).toBe(true);
    }
    expect(readFileSync(join(merged, 'index.html'), 'utf8')).toContain('9 hosts');
  });

  it('makes unsafe host names safe and skips hidden folders and the output folder inside the input', async () => {
    const input = writeFleet(tempDir(), [
      { name: 'a b%c', scenario: 'healthy' },
      { name: '.snapshot', scenario: 'healthy' },
      { name: 'x'.repeat(200), scenario: 'healthy' },
    ]);
    const out = join(input, 'reports');
    await runBatch({ inputDir: input, outDir: out, concurrency: 2, now: () => NOW });
    const summary = readSummary(out);
    expect(summary.hosts.map((h) => h.host).sort()).toEqual(['a b%c', 'x'.repeat(200)]);
    const odd = summary.hosts.find((h) => h.host === 'a b%c') as OkHostRow;
    expect(odd.report.html).toBe('a%20b%25c/report.html');
    expect(existsSync(join(out, 'a%20b%25c', 'report.html'))).toBe(true);
    const long = summary.hosts.find((h) => h.host.startsWith('xxx')) as OkHostRow;
    expect(long.report.html?.split('/')[0]?.length).toBeLessThanOrEqual(120);
    // A second run must not pick up the reports folder as a host.
    await runBatch({ inputDir: input, outDir: out, concurrency: 1, now: () => NOW });
    expect(readSummary(out).hosts).toHaveLength(2);
  });

  it('reports --fail-on matches and refuses a merge input that is not a batch output', async () => {
    const input = writeFleet(tempDir(), HOSTS.slice(1, 3));
    const out = tempDir();
    const outcome = await runBatch({
      inputDir: input,
      outDir: out,
      failOn: ['leak', 'kernel-leak'],
      now: () => NOW,
    });
    expect(outcome.failOnMatches).toEqual(['api-07']);
    expect(outcome.failed).toBe(0);
    await expect(mergeBatches({ inputs: [input], outDir: tempDir() })).rejects.toThrow(/no summary\.json/);
  });
});
