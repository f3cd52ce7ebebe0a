// The esbuild bundle (dist/bundle/, built by test/global-setup.ts like `npm run build`) is what
// bin/memautopsy runs when it is fresh: it must behave like the sources, including its lazily loaded
// parts (report renderers, help) and the batch worker, which is a second entry point beside main.js.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { VERSION } from '../../src/version.js';

const BUNDLE_MAIN = join(REPO_ROOT, 'dist', 'bundle', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'memautopsy-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runBundle(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BUNDLE_MAIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function sampleFiles(name: string): string[] {
  const dir = join(REPO_ROOT, 'samples', name);
  return readdirSync(dir).map((file) => join(dir, file));
}

describe('the CLI bundle', () => {
  it('prints the version and the help (the help is a lazily loaded chunk)', () => {
    expect(runBundle(['--version']).stdout.trim()).toBe(VERSION);
    const help = runBundle(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('grafana-csv');
  });

  it('gives the same verdict and findings as the sources', async () => {
    const run = runBundle(['analyze', ...sampleFiles('dentry-cache'), '--format', 'json']);
    expect(run.status).toBe(0);
    const fromBundle = JSON.parse(run.stdout) as { verdict: unknown; findings: unknown };
    const { analyze } = await import('../../src/pipeline.js');
    const fromSources = await analyze(sampleFiles('dentry-cache'), {});
    expect(fromBundle.verdict).toEqual(JSON.parse(JSON.stringify(fromSources.verdict)));
    expect(fromBundle.findings).toEqual(JSON.parse(JSON.stringify(fromSources.findings)));
  });

  it('reads its templates from the package and runs batch workers from the bundle', () => {
    const hosts = join(work, 'hosts');
    cpSync(join(REPO_ROOT, 'samples', 'healthy'), join(hosts, 'web-1'), { recursive: true });
    cpSync(join(REPO_ROOT, 'samples', 'user-space-leak'), join(hosts, 'web-2'), { recursive: true });
    const out = join(work, 'out');
    const run = runBundle(['batch', hosts, '-o', out, '--format', 'html,json', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      hosts: { host: string; verdict: { kind: string } }[];
    };
    expect(summary.hosts.map((host) => [host.host, host.verdict.kind]).sort()).toEqual([
      ['web-1', 'healthy'],
      ['web-2', 'leak'],
    ]);
    expect(readFileSync(join(out, 'web-2', 'report.html'), 'utf8')).toContain('<svg');
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });
});
