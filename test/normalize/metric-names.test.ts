import { describe, expect, it } from 'vitest';
import { mapMetricName } from '../../src/normalize/metric-names.js';

const I = '{instance="web-01:9100", job="node"}';

describe('mapMetricName: node_exporter metrics', () => {
  it.each([
    ['node_memory_MemAvailable_bytes', 'mem.available'],
    ['node_memory_MemFree_bytes', 'mem.free'],
    ['node_memory_MemTotal_bytes', 'mem.total'],
    ['node_memory_Cached_bytes', 'mem.cached'],
    ['node_memory_Buffers_bytes', 'mem.buffers'],
    ['node_memory_AnonPages_bytes', 'mem.anon'],
    ['node_memory_Active_anon_bytes', 'mem.anon'],
    ['node_memory_Slab_bytes', 'slab.total'],
    ['node_memory_SReclaimable_bytes', 'slab.reclaimable'],
    ['node_memory_SUnreclaim_bytes', 'slab.unreclaimable'],
    ['node_memory_Shmem_bytes', 'mem.shmem'],
    ['node_memory_Committed_AS_bytes', 'mem.committed'],
    ['node_memory_MemAvailable', 'mem.available'],
    ['node_memory_SwapCached_bytes', 'other'],
  ])('%s → %s (bytes)', (name, metric) => {
    const mapping = mapMetricName(`${name}${I}`);
    expect(mapping.metric).toBe(metric);
    if (metric !== 'other') expect(mapping.unit).toBe('bytes');
  });
});

describe('mapMetricName: PromQL expressions', () => {
  it('reads what "used" means from the subtraction', () => {
    expect(mapMetricName(`node_memory_MemTotal_bytes${I} - node_memory_MemFree_bytes${I}`)).toEqual({
      metric: 'mem.used',
      definition: 'total-minus-free',
      unit: 'bytes',
    });
    expect(mapMetricName('node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes')).toMatchObject({
      metric: 'mem.used',
      definition: 'total-minus-available',
    });
    expect(
      mapMetricName(
        'node_memory_MemTotal_bytes - (node_memory_MemFree_bytes + node_memory_Buffers_bytes + node_memory_Cached_bytes)',
      ),
    ).toMatchObject({ metric: 'mem.used', definition: 'total-minus-free-buffers-cache' });
    expect(
      mapMetricName(
        'node_memory_MemTotal_bytes - node_memory_MemFree_bytes - node_memory_Buffers_bytes - node_memory_Cached_bytes - node_memory_Slab_bytes',
      ),
    ).toMatchObject({ metric: 'mem.used', definition: 'total-minus-free-buffers-cache-slab' });
  });

  it('turns ratios over MemTotal into percent with the factor to apply', () => {
    expect(mapMetricName('(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100')).toEqual({
      metric: 'mem.used',
      definition: 'total-minus-available',
      unit: 'percent',
    });
    expect(
      mapMetricName(
        `100 * (node_memory_MemTotal_bytes${I} - node_memory_MemFree_bytes${I}) / node_memory_MemTotal_bytes${I}`,
      ),
    ).toEqual({ metric: 'mem.used', definition: 'total-minus-free', unit: 'percent' });
    expect(mapMetricName('node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes')).toEqual({
      metric: 'mem.available',
      unit: 'percent',
      valueFactor: 100,
    });
  });

  it('undoes scaling to MiB and passes through aggregations', () => {
    expect(mapMetricName('node_memory_MemFree_bytes / 1024 / 1024')).toEqual({
      metric: 'mem.free',
      unit: 'bytes',
      valueFactor: 1024 * 1024,
    });
    expect(
      mapMetricName('sum by (instance) (node_memory_Buffers_bytes + node_memory_Cached_bytes)').metric,
    ).toBe('mem.cached');
    expect(mapMetricName('avg_over_time(node_memory_MemAvailable_bytes[5m])').metric).toBe('mem.available');
  });

  it('gives up on expressions it cannot reduce', () => {
    expect(mapMetricName('rate(node_memory_MemFree_bytes[5m])').metric).toBe('other');
    expect(mapMetricName('node_memory_MemTotal_bytes - node_memory_Cached_bytes').metric).toBe('other');
    expect(mapMetricName('node_memory_MemFree_bytes * node_memory_Cached_bytes').metric).toBe('other');
    expect(mapMetricName('node_memory_MemFree_bytes / node_memory_Cached_bytes').metric).toBe('other');
  });
});

describe('mapMetricName: legends and column names', () => {
  it.each([
    ['Used', 'mem.used'],
    ['used memory', 'mem.used'],
    ['Memory used', 'mem.used'],
    ['Memory used (GiB)', 'mem.used'],
    ['memoryUsedBytes', 'mem.used'],
    ['system.mem.used', 'mem.used'],
    ['Memory utilization %', 'mem.used'],
    ['available', 'mem.available'],
    ['MemAvailable', 'mem.available'],
    ['system.mem.usable', 'mem.available'],
    ['free', 'mem.free'],
    ['cached', 'mem.cached'],
    ['buff/cache', 'mem.cached'],
    ['buffers', 'mem.buffers'],
    ['total', 'mem.total'],
    ['Active(anon)', 'mem.anon'],
    ['SReclaimable', 'slab.reclaimable'],
    ['slab_unrecl', 'slab.unreclaimable'],
    ['Committed_AS', 'mem.committed'],
    ['swap used', 'swap.used'],
    ['dentries', 'other'],
    ['{instance="web-01:9100", job="node"}', 'other'],
  ])('%s → %s', (name, metric) => {
    expect(mapMetricName(name).metric).toBe(metric);
  });

  it('does not guess what a legend "used" subtracted, nor its unit', () => {
    expect(mapMetricName('Memory used')).toEqual({ metric: 'mem.used', definition: 'unknown' });
  });
});
