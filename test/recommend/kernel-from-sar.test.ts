// The kernel release a sar banner states (`Linux <release> (<host>) …`) reaches the recommendations when
// no `sysctl -a` output gives kernel.osrelease: on ≥ 6.16 vm.vfs_cache_pressure is read with its denom.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../src/ingest/index.js';
import { analyze } from '../../src/pipeline.js';
import { REPO_ROOT, fixture } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'memautopsy-sar-kernel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAR = fixture('sar', 'sar-r-ALL-daily-2026-03-02-ISO-HANDMADE.txt');
const TUNING = join(REPO_ROOT, 'samples', 'harmful-sysctl', '99-memory-tuning.conf');

/** The fixture with its banner's kernel release replaced. */
function sarWithKernel(release: string): string {
  const text = readFileSync(SAR, 'utf8').replace(/^Linux \S+/, `Linux ${release}`);
  const path = join(dir, `sar-${release}.txt`);
  writeFileSync(path, text);
  return path;
}

describe('kernel release from a sar banner', () => {
  it('is read from the banner', async () => {
    const read = await readInput(sarWithKernel('6.17.3-200.fc42.x86_64'), { tz: 'UTC' });
    expect(read.result.kernelRelease).toBe('6.17.3-200.fc42.x86_64');
    expect(read.result.host).toBe('app-3');
  });

  it('makes vm.vfs_cache_pressure advice use the 6.16 denominator', async () => {
    const result = await analyze([sarWithKernel('6.17.3-200.fc42.x86_64'), TUNING], {});
    const vfs = result.recommendations.find((rec) => rec.key === 'vm.vfs_cache_pressure');
    expect(vfs?.rationale).toContain('vm.vfs_cache_pressure_denom');
    expect(vfs?.apply).toContain('vm.vfs_cache_pressure_denom = 100');
  });

  it('leaves the denominator out on an older kernel', async () => {
    const result = await analyze([sarWithKernel('5.4.0-150-generic'), TUNING], {});
    const vfs = result.recommendations.find((rec) => rec.key === 'vm.vfs_cache_pressure');
    expect(vfs).toBeDefined();
    expect(vfs?.apply).not.toContain('vm.vfs_cache_pressure_denom');
  });
});
