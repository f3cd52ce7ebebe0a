import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchSummary } from '../../src/batch/summary.js';
import { formatEta, ProgressReporter } from '../../src/cli/progress.js';
import { writeBrokenHost, writeFleet, type SyntheticHost } from '../batch/fleet-fixture.js';
import { BIN, REPO_ROOT, runCli, schemaErrors } from '../helpers/cli.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'memautopsy-batch-cli-'));

const FLEET: SyntheticHost[] = [
  { name: 'web-01', scenario: 'healthy' },
  { name: 'api-07', scenario: 'leak' },
  { name: 'cache-01', scenario: 'cache' },
];

function readSummary(outDir: string): BatchSummary {
  return JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as BatchSummary;
}

/** Every file below `dir`, relative. */
function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTree(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

/** Each report file left in `outDir` is complete: JSON parses, HTML is closed, PDF has its trailer. */
function expectOnlyCompleteFiles(outDir: string): void {
  for (const file of listTree(outDir)) {
    expect(file).not.toMatch(/staging|\.tmp$/);
    const path = join(outDir, file);
    if (file.endsWith('.json')) expect(() => JSON.parse(readFileSync(path, 'utf8')), file).not.toThrow();
    if (file.endsWith('.html')) expect(readFileSync(path, 'utf8'), file).toMatch(/<\/html>\s*$/);
    if (file.endsWith('.pdf'))
      expect(readFileSync(path).subarray(-1024).toString('latin1'), file).toContain('%%EOF');
  }
}

/** Start the CLI, send SIGINT once `ready()` holds, and resolve with the exit code and stderr. */
function interruptWhen(
  args: string[],
  ready: () => boolean,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        child.kill('SIGINT');
      }
    }, 20);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

function finishedHosts(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir).filter((name) => existsSync(join(outDir, name, 'host-summary.json')));
}

// Each case spawns the CLI (workers, and Chromium for PDF): slow on a loaded machine.
describe('memautopsy batch', { timeout: 180_000 }, () => {
  it('documents batch and merge in --help and rejects bad usage with exit 2', () => {
    const help = runCli(['--help']);
    for (const word of [
      'batch <dir>',
      'merge <outdir...>',
      '--concurrency',
      '--resume',
      '--shard',
      '--quiet',
    ]) {
      expect(help.stdout).toContain(word);
    }
    const dir = tempDir();
    for (const args of [
      ['batch', dir],
      ['batch', dir, '-o', join(dir, 'out'), '--shard', '3/3'],
      ['batch', dir, '-o', join(dir, 'out'), '--shard', 'x'],
      ['batch', dir, '-o', join(dir, 'out'), '--concurrency', '0'],
      ['batch', dir, '-o', join(dir, 'out'), '--format', 'docx'],
      ['merge', '-o', join(dir, 'out')],
    ]) {
      const run = runCli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    // A folder without host subfolders (e.g. one host's own folder) is no usable input.
    const flat = runCli(['batch', dir, '-o', join(dir, 'out')]);
    expect(flat.status).toBe(2);
    expect(flat.stderr).toContain('no host folders');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const missing = runCli(['batch', join(dir, 'nope'), '-o', join(dir, 'out')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(join(dir, 'nope'));
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes every host, records a broken one, prints plain progress lines and exits 1', () => {
    const input = writeFleet(tempDir(), FLEET);
    writeBrokenHost(input, 'db-3');
    const out = tempDir();
    const run = runCli(['batch', input, '-o', out, '--concurrency', '2']);
    expect(run.status, run.stderr).toBe(1);
    // Not a terminal: one plain line per host, no carriage returns.
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).toContain('memautopsy: [');
    expect(run.stderr).toContain('db-3: failed: db-3/mem.csv: no usable time series (header only)');
    expect(run.stderr).toMatch(/api-07: leak/);
    const summary = readSummary(out);
    expect(summary.hosts.map((h) => [h.host, h.status])).toEqual([
      ['api-07', 'ok'],
      ['cache-01', 'ok'],
      ['web-01', 'ok'],
      ['db-3', 'error'],
    ]);
    for (const row of summary.hosts) {
      if (row.status !== 'ok') continue;
      expect(Object.keys(row.report).sort()).toEqual(['html', 'json']);
      expect(schemaErrors(JSON.parse(readFileSync(join(out, row.report.json as string), 'utf8')))).toBeNull();
    }
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('api-07/report.html');
    expectOnlyCompleteFiles(out);
  });

  it('exits 3 when --fail-on matches, even with a failed host; --quiet prints nothing', () => {
    const input = writeFleet(tempDir(), FLEET.slice(0, 2));
    writeBrokenHost(input, 'db-3');
    const run = runCli(['batch', input, '-o', tempDir(), '--fail-on', 'leak,kernel-leak', '--quiet']);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('');
    const clean = runCli(['batch', writeFleet(tempDir(), FLEET.slice(0, 1)), '-o', tempDir(), '-q']);
    expect(clean.status).toBe(0);
    expect(clean.stderr).toBe('');
  });

  it('leaves only complete reports when interrupted, and --resume finishes the rest', async () => {
    const hosts: SyntheticHost[] = Array.from({ length: 24 }, (_, i) => ({
      name: `node-${String(i).padStart(2, '0')}`,
      scenario: i % 5 === 0 ? 'leak' : 'healthy',
    }));
    const input = writeFleet(tempDir(), hosts);
    const out = tempDir();
    const args = ['batch', input, '-o', out, '--concurrency', '1', '--format', 'html,json,md'];
    const interrupted = await interruptWhen(args, () => finishedHosts(out).length >= 2);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('interrupted');
    const done = finishedHosts(out);
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done.length).toBeLessThan(hosts.length);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
    expectOnlyCompleteFiles(out);
    for (const host of done) {
      const files = readdirSync(join(out, host)).sort();
      expect(files.filter((name) => !name.endsWith('.svg'))).toEqual([
        'host-summary.json',
        'report.html',
        'report.json',
        'report.md',
      ]);
      // The Markdown's charts, written with it.
      expect(files).toContain('memory.svg');
    }

    const resumed = runCli([...args, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr.match(/up to date \(skipped\)/g)?.length).toBe(done.length);
    expect(readSummary(out).hosts).toHaveLength(hosts.length);
    expectOnlyCompleteFiles(out);
  });

  it('prints PDFs through one shared browser and cleans up when interrupted mid-PDF', async () => {
    const input = writeFleet(tempDir(), [...FLEET, { name: 'web-02', scenario: 'healthy' }]);
    const out = tempDir();
    const run = runCli(['batch', input, '-o', out, '--format', 'pdf,json', '--concurrency', '2']);
    expect(run.status, run.stderr).toBe(0);
    for (const host of ['web-01', 'api-07', 'cache-01', 'web-02']) {
      expect(
        readFileSync(join(out, host, 'report.pdf'))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    expect(readSummary(out).hosts[0]).toMatchObject({
      host: 'api-07',
      report: { pdf: 'api-07/report.pdf', json: 'api-07/report.json' },
    });

    // With Chromium running, puppeteer's own SIGINT handler exits the process at once: the exit hook
    // must still remove the staging folder.
    const many = writeFleet(
      tempDir(),
      Array.from({ length: 12 }, (_, i) => ({ name: `pdf-${i}`, scenario: 'healthy' as const })),
    );
    const out2 = tempDir();
    const interrupted = await interruptWhen(
      ['batch', many, '-o', out2, '--format', 'pdf', '--concurrency', '1'],
      () => finishedHosts(out2).length >= 1,
    );
    expect(interrupted.code).toBe(130);
    expect(finishedHosts(out2).length).toBeLessThan(12);
    expectOnlyCompleteFiles(out2);
  });

  it('merges shard outputs into one index and summary', () => {
    const input = writeFleet(tempDir(), FLEET);
    writeBrokenHost(input, 'db-3');
    const shards = [tempDir(), tempDir()];
    const codes = shards.map(
      (out, i) => runCli(['batch', input, '-o', out, '--shard', `${i}/2`, '-q']).status,
    );
    expect(codes.every((code) => code === 0 || code === 1)).toBe(true);
    const merged = tempDir();
    const run = runCli(['merge', ...shards, '-o', merged]);
    expect(run.status, run.stderr).toBe(1); // db-3 failed in its shard
    const summary = readSummary(merged);
    expect(summary.hosts.map((h) => h.host)).toEqual(['api-07', 'cache-01', 'web-01', 'db-3']);
    for (const row of summary.hosts) {
      if (row.status === 'ok') expect(existsSync(join(merged, row.report.html as string))).toBe(true);
    }
    expect(readFileSync(join(merged, 'index.html'), 'utf8')).toContain('4 hosts');
  });
});

describe('batch progress', () => {
  it('draws one bar line in place on a terminal: done/total, ETA, current host (sanitised)', () => {
    const writes: string[] = [];
    let now = 0;
    const progress = new ProgressReporter(
      { isTTY: true, columns: 100, write: (text) => writes.push(text) },
      'bar',
      () => now,
    );
    progress.handle({ kind: 'start', total: 4 });
    progress.handle({ kind: 'host-start', host: 'evil\u001b[2Jhost' });
    now = 10_000;
    progress.handle({
      kind: 'host-done',
      host: 'evil\u001b[2Jhost',
      status: 'ok',
      verdict: 'leak',
      done: 1,
      total: 4,
    });
    const bar = progress.barLine();
    expect(bar).toContain('1/4');
    expect(bar).toContain('ETA 0:30'); // 10 s per host, 3 to go
    expect(bar).toContain('evil?[2Jhost');
    expect(writes.join('')).not.toContain('\u001b[2J');
    progress.handle({
      kind: 'host-done',
      host: 'bad',
      status: 'error',
      error: 'bad/x.csv: file is empty',
      done: 2,
      total: 4,
    });
    expect(writes.join('')).toContain('memautopsy: bad: failed: bad/x.csv: file is empty\n');
    progress.finish();
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });

  it('prints nothing when quiet and formats ETAs', () => {
    const writes: string[] = [];
    const progress = new ProgressReporter({ isTTY: true, write: (text) => writes.push(text) }, 'quiet');
    progress.handle({ kind: 'start', total: 1 });
    progress.handle({ kind: 'host-done', host: 'a', status: 'error', error: 'x', done: 1, total: 1 });
    progress.finish();
    expect(writes).toEqual([]);
    expect(formatEta(9)).toBe('0:09');
    expect(formatEta(247)).toBe('4:07');
    expect(formatEta(3 * 3600 + 5 * 60 + 9)).toBe('3:05:09');
  });
});
