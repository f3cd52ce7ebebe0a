import { describe, expect, it } from 'vitest';
import { columnMeaning, hostFromLabels, hostWithoutPort, parseValueCell } from '../../src/ingest/columns.js';

describe('hostFromLabels', () => {
  it('prefers instance, then nodename/hostname/host/node, without the port', () => {
    expect(hostFromLabels('node_memory_MemFree_bytes{instance="web-01:9100", node="n1"}')).toBe('web-01');
    expect(hostFromLabels('{job="node", nodename="db-2"}')).toBe('db-2');
    expect(hostFromLabels('used{host="cache-3"}')).toBe('cache-3');
    expect(hostFromLabels('Memory used')).toBeUndefined();
    expect(hostFromLabels('host="x" outside a label set')).toBeUndefined();
  });
});

describe('hostWithoutPort', () => {
  it.each([
    ['web-01:9100', 'web-01'],
    ['10.0.0.5:9100', '10.0.0.5'],
    ['[::1]:9100', '::1'],
    ['fe80::1', 'fe80::1'],
    ['http://web-01:9100/metrics', 'web-01'],
    ['web-01', 'web-01'],
  ])('%s → %s', (address, host) => {
    expect(hostWithoutPort(address)).toBe(host);
  });
});

describe('parseValueCell', () => {
  it('reads numbers, gaps and infinities, and refuses the rest', () => {
    expect(parseValueCell(' 12.5 ', false)).toBe(12.5);
    expect(parseValueCell('1e3', false)).toBe(1000);
    for (const gap of ['', 'null', 'NaN', 'None', 'n/a', '-']) expect(parseValueCell(gap, false)).toBeNaN();
    expect(parseValueCell('+Inf', false)).toBe(Infinity);
    expect(parseValueCell('-Inf', false)).toBe(-Infinity);
    expect(parseValueCell('1,5', false)).toBeNull();
    expect(parseValueCell('1,5', true)).toBe(1.5);
    expect(parseValueCell('0x10', false)).toBeNull();
    expect(parseValueCell('12 MB', false)).toBeNull();
  });
});

describe('columnMeaning', () => {
  it('lets the name decide the unit before the header words', () => {
    // The expression mentions _bytes but is a ratio × 100: percent, not bytes.
    expect(columnMeaning('(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100')).toEqual({
      metric: 'mem.used',
      definition: 'total-minus-available',
      unit: 'percent',
      factor: 1,
      unitAssumed: false,
    });
    expect(columnMeaning('used (GiB)')).toMatchObject({
      unit: 'bytes',
      factor: 1024 ** 3,
      unitAssumed: false,
    });
    expect(columnMeaning('used')).toMatchObject({ unit: 'bytes', factor: 1, unitAssumed: true });
  });
});
