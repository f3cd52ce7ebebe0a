import { describe, expect, it } from 'vitest';
import {
  parseFormattedQuantity,
  parseSize,
  stripLabelSets,
  unitFromHeader,
} from '../../src/normalize/units.js';

const GIB = 1024 ** 3;

describe('parseSize', () => {
  it('reads 1024-based sizes with and without a unit', () => {
    expect(parseSize('16GiB')).toBe(16 * GIB);
    expect(parseSize('16G')).toBe(16 * GIB);
    expect(parseSize('16 GB')).toBe(16 * GIB);
    expect(parseSize('16384MiB')).toBe(16 * GIB);
    expect(parseSize('17179869184')).toBe(16 * GIB);
    expect(parseSize('1.5t')).toBe(1.5 * 1024 * GIB);
    expect(parseSize('512k')).toBe(512 * 1024);
  });

  it('returns null for text that is not a size', () => {
    expect(parseSize('')).toBeNull();
    expect(parseSize('16 parsecs')).toBeNull();
    expect(parseSize('-4G')).toBeNull();
    expect(parseSize('GiB')).toBeNull();
    expect(parseSize('1e3')).toBeNull();
  });
});

describe('unitFromHeader', () => {
  it.each([
    ['used (MB)', 'bytes', 1024 ** 2],
    ['used (MiB)', 'bytes', 1024 ** 2],
    ['free [GB]', 'bytes', GIB],
    ['cached (GiB)', 'bytes', GIB],
    ['buffers (KB)', 'bytes', 1024],
    ['buffers (kB)', 'bytes', 1024],
    ['buffers (KiB)', 'bytes', 1024],
    ['used (B)', 'bytes', 1],
    ['used bytes', 'bytes', 1],
    ['MemFree_bytes', 'bytes', 1],
    ['free_kb', 'bytes', 1024],
    ['used MB', 'bytes', 1024 ** 2],
    ['used %', 'percent', 1],
    ['used%', 'percent', 1],
    ['used (%)', 'percent', 1],
    ['used_percent', 'percent', 1],
    ['mem_pct', 'percent', 1],
    ['Memory utilization', 'percent', 1],
  ])('%s → %s ×%d', (header, unit, factor) => {
    expect(unitFromHeader(header)).toEqual({ unit, factorToBytes: factor });
  });

  it('returns null when the header states no unit', () => {
    expect(unitFromHeader('used')).toBeNull();
    expect(unitFromHeader('Memory used')).toBeNull();
    // A single letter is a unit only in brackets.
    expect(unitFromHeader('swap g')).toBeNull();
    expect(unitFromHeader('used (G)')).toEqual({ unit: 'bytes', factorToBytes: GIB });
  });

  it('ignores label values', () => {
    expect(unitFromHeader('used{job="percent"}')).toBeNull();
  });
});

describe('parseFormattedQuantity', () => {
  it('reads Grafana IEC units as 1024-based and SI units as decimal', () => {
    expect(parseFormattedQuantity('1.50 GiB')).toEqual({ value: 1.5 * GIB, unit: 'bytes' });
    expect(parseFormattedQuantity('980 MB')).toEqual({ value: 980e6, unit: 'bytes' });
    expect(parseFormattedQuantity('45.2%')).toEqual({ value: 45.2, unit: 'percent' });
    expect(parseFormattedQuantity('12.51 °C')).toBeNull();
    expect(parseFormattedQuantity('abc')).toBeNull();
  });
});

describe('stripLabelSets', () => {
  it('removes label sets, honouring quotes and escapes', () => {
    expect(stripLabelSets('a{x="}",y="\\"{"} - b{z="1"}')).toBe('a - b');
  });
});
