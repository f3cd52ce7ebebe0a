import { describe, expect, it } from 'vitest';
import {
  describeCurrent,
  effectiveValue,
  hasVfsCachePressureDenom,
  kernelAtLeast,
  parseKernelRelease,
  readSettings,
} from '../../src/recommend/settings.js';
import { sysctlOf } from '../verdict/builders.js';

describe('readSettings', () => {
  it('keeps running and configured values apart; running is the value in effect', () => {
    const settings = readSettings([
      sysctlOf({ 'vm.swappiness': '60', 'kernel.osrelease': '6.17.0-8-generic' }, 'running', 'sysctl-a.txt'),
      sysctlOf({ 'vm.swappiness': '1' }, 'config', '99-tuning.conf'),
    ]);
    expect(effectiveValue(settings, 'vm.swappiness')?.value).toBe('60');
    expect(describeCurrent(settings, 'vm.swappiness')).toBe(
      '60 (running, from sysctl-a.txt); 1 (configured in 99-tuning.conf)',
    );
    expect(settings.kernel).toEqual({
      release: '6.17.0-8-generic',
      major: 6,
      minor: 17,
      source: 'sysctl-a.txt',
    });
    expect(settings.given).toBe(true);
  });

  it('later configuration files win, as sysctl --system applies them', () => {
    const settings = readSettings([
      sysctlOf({ 'vm.vfs_cache_pressure': '50' }, 'config', '10-a.conf'),
      sysctlOf({ 'vm.vfs_cache_pressure': '100000' }, 'config', '99-b.conf'),
    ]);
    expect(effectiveValue(settings, 'vm.vfs_cache_pressure')?.numeric).toBe(100000);
  });
});

describe('kernel versions and vm.vfs_cache_pressure_denom (6.16)', () => {
  it('parses releases and compares them', () => {
    const v = parseKernelRelease('6.16.0-rc1', 'x');
    expect(kernelAtLeast(v, 6, 16)).toBe(true);
    expect(kernelAtLeast(parseKernelRelease('5.15.0-119-generic', 'x'), 6, 16)).toBe(false);
    expect(kernelAtLeast(parseKernelRelease('7.0.1', 'x'), 6, 16)).toBe(true);
    expect(parseKernelRelease('unknown', 'x')).toBeNull();
  });

  it('takes the kernel from another source (a sar banner) when sysctl -a does not give it', () => {
    const settings = readSettings(
      [sysctlOf({ 'vm.vfs_cache_pressure': '100000' }, 'config', '99.conf')],
      [{ release: '6.17.0-8-generic', file: 'sar-r.txt' }],
    );
    expect(settings.kernel?.source).toBe('sar-r.txt');
    expect(hasVfsCachePressureDenom(settings)).toBe(true);
  });

  it('the denominator applies on ≥ 6.16 or when sysctl -a lists it, not otherwise', () => {
    expect(hasVfsCachePressureDenom(readSettings([sysctlOf({ 'kernel.osrelease': '6.16.2' })]))).toBe(true);
    expect(hasVfsCachePressureDenom(readSettings([sysctlOf({ 'vm.vfs_cache_pressure_denom': '100' })]))).toBe(
      true,
    );
    expect(hasVfsCachePressureDenom(readSettings([sysctlOf({ 'kernel.osrelease': '6.15.9' })]))).toBe(false);
    expect(hasVfsCachePressureDenom(readSettings([]))).toBe(false);
  });
});
