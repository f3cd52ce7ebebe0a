// An interrupted PDF run (Ctrl-C, or SIGTERM from a job runner) exits 130/143, writes nothing, and
// leaves neither a Chromium process nor its temporary profile behind.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'memautopsy-interrupt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The temporary profile of a Chromium this process started (from its command line), if one runs. */
function chromiumProfileOf(parentPid: number): string | undefined {
  try {
    const children = execFileSync('pgrep', ['-a', '-P', String(parentPid)], { encoding: 'utf8' });
    return /--user-data-dir=(\S+)/.exec(children)?.[1];
  } catch {
    return undefined; // pgrep exits 1 when there is no child
  }
}

/** Processes whose command line names this profile folder (Chromium's browser and its children). */
function processesUsing(profile: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', profile], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function interruptPdfRun(signal: NodeJS.Signals): Promise<{ code: number | null; profile: string }> {
  const dir = join(REPO_ROOT, 'samples', 'dentry-cache');
  const inputs = readdirSync(dir).map((file) => join(dir, file));
  const out = join(work, `${signal}.pdf`);
  const child = spawn(process.execPath, [BIN, 'analyze', ...inputs, '-o', out], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Interrupt once this run's Chromium is running (other tests may run browsers of their own).
  let profile: string | undefined;
  for (let waitedMs = 0; profile === undefined && waitedMs < 60_000; waitedMs += 20) {
    profile = chromiumProfileOf(child.pid as number);
    if (profile === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (profile === undefined) throw new Error('the run started no Chromium');
  child.kill(signal);
  const code = await exited;
  expect(existsSync(out)).toBe(false);
  return { code, profile };
}

describe('interrupting a PDF run', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exit %i, no output, no Chromium and no profile left', async (signal, exitCode) => {
    const { code, profile } = await interruptPdfRun(signal);
    expect(code).toBe(exitCode);
    expect(existsSync(profile)).toBe(false);
    expect(processesUsing(profile)).toEqual([]);
  });
});
