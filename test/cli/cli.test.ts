import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, runCli, schemaErrors } from '../helpers/cli.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'memautopsy-cli-'));

/** An error must be one short message, never a stack trace. */
function expectCleanError(stderr: string): void {
  expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/Error:/);
}

describe('memautopsy CLI', () => {
  it('prints its version and help', () => {
    const pkg = JSON.parse(readFileSync(join(fixture('..', '..'), 'package.json'), 'utf8')) as {
      version: string;
    };
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);

    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    for (const word of [
      'analyze',
      '--format',
      '--mark',
      '--fail-on',
      'grafana-csv',
      'generic-csv',
      'slabtop',
    ]) {
      expect(help.stdout).toContain(word);
    }
  });

  it('rejects an unknown command and a bad option with exit 2', () => {
    const unknown = runCli(['analyse', 'x.csv']);
    expect(unknown.status).toBe(2);
    expectCleanError(unknown.stderr);
    const badFormat = runCli(['analyze', fixture('cli', 'growth.csv'), '--format', 'docx']);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('docx');
    const badTz = runCli(['analyze', fixture('cli', 'growth.csv'), '--tz', 'Mars/Olympus']);
    expect(badTz.status).toBe(2);
    const badMark = runCli(['analyze', fixture('cli', 'growth.csv'), '--mark', 'drop_caches']);
    expect(badMark.status).toBe(2);
    expect(badMark.stderr).toContain('--mark');
  });

  it('writes a schema-valid JSON Result to stdout', () => {
    const run = runCli(['analyze', fixture('cli', 'growth.csv'), '--format', 'json', '--host', 'web-01']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      host: string;
      verdict: { kind: string };
      findings: { kind: string }[];
    };
    expect(schemaErrors(result)).toBeNull();
    expect(result.host).toBe('web-01');
    expect(result.findings.some((f) => f.kind === 'monotonic-growth')).toBe(true);
    expect(result.verdict.kind).toBe('leak');
  });

  it('names the file and line of bad input, exits 2 and leaves no output file', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const run = runCli(['analyze', fixture('cli', 'bad-time.csv'), '-o', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('bad-time.csv:4');
    expectCleanError(run.stderr);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names a missing file and exits 2', () => {
    const run = runCli(['analyze', 'does-not-exist.csv', '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('does-not-exist.csv');
    expectCleanError(run.stderr);
  });

  it('keeps an existing report when a later run fails', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    expect(runCli(['analyze', fixture('cli', 'growth.csv'), '-o', out]).status).toBe(0);
    const before = readFileSync(out, 'utf8');
    expect(runCli(['analyze', fixture('cli', 'bad-time.csv'), '-o', out]).status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes several formats into a folder', () => {
    const dir = join(tempDir(), 'reports');
    const run = runCli(['analyze', fixture('cli', 'growth.csv'), '--format', 'html,json,md', '-o', dir]);
    expect(run.status, run.stderr).toBe(0);
    // With Markdown in a folder, the charts are written beside it as SVG and PNG (issue 6).
    expect(readdirSync(dir).sort()).toEqual([
      'memory.png',
      'memory.svg',
      'report.html',
      'report.json',
      'report.md',
    ]);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<svg');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/leak/i);
  });

  it('takes the format from the -o extension', () => {
    const dir = tempDir();
    const out = join(dir, 'x.md');
    expect(runCli(['analyze', fixture('cli', 'flat.csv'), '-o', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# /m);
  });

  it('exits 3 when --fail-on matches the verdict, 0 when it does not', () => {
    const dir = tempDir();
    const matched = runCli([
      'analyze',
      fixture('cli', 'growth.csv'),
      '-o',
      join(dir, 'a.json'),
      '--fail-on',
      'leak,kernel-leak',
    ]);
    expect(matched.status).toBe(3);
    expect(existsSync(join(dir, 'a.json'))).toBe(true);
    const notMatched = runCli([
      'analyze',
      fixture('cli', 'flat.csv'),
      '-o',
      join(dir, 'b.json'),
      '--fail-on',
      'leak',
    ]);
    expect(notMatched.status).toBe(0);
    const badKind = runCli(['analyze', fixture('cli', 'flat.csv'), '--format', 'json', '--fail-on', 'oops']);
    expect(badKind.status).toBe(2);
  });

  it('reads one good file and warns about a bad one in a multi-file run', () => {
    const dir = tempDir();
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'just some words\nnothing to see\n');
    const run = runCli(['analyze', fixture('cli', 'growth.csv'), junk, '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { warnings: { file?: string }[] };
    expect(result.warnings.some((w) => w.file === junk)).toBe(true);
  });

  it('applies --mark and --total-memory', () => {
    const run = runCli([
      'analyze',
      fixture('cli', 'growth.csv'),
      '--format',
      'json',
      '--total-memory',
      '8GiB',
      '--mark',
      '2026-03-02T00:00Z=deploy',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      phases: { label: string }[];
      forecast: { exhaustionAt: string | null };
    };
    expect(result.phases.map((p) => p.label)).toEqual(['before deploy', 'after deploy']);
    expect(result.forecast.exhaustionAt).not.toBeNull();
  });
});

describe('memautopsy CLI limits', () => {
  it('refuses an input above --max-rows or --max-input-size with exit 2 and no output', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const rows = runCli(['analyze', fixture('cli', 'growth.csv'), '--max-rows', '10', '-o', out]);
    expect(rows.status).toBe(2);
    expect(rows.stderr).toMatch(/growth\.csv:11: .*row limit/);
    const size = runCli(['analyze', fixture('cli', 'growth.csv'), '--max-input-size', '1KiB', '-o', out]);
    expect(size.status).toBe(2);
    expect(size.stderr).toContain('growth.csv');
    expect(readdirSync(dir)).toEqual([]);
  });
});
