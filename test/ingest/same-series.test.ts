// One MemAvailable series written by ten exporters must read as the same canonical series:
// metric mem.available, bytes, the same UTC times and the same values.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../src/ingest/index.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/same-series/${name}`, import.meta.url));
const MIB = 1024 ** 2;
const EXPECTED_T = [0, 1, 2, 3, 4].map((i) => Date.UTC(2026, 2, 2) + i * 60_000);
const EXPECTED_V = [4096, 4000, 3900, 3950, 3800].map((m) => m * MIB);

describe('one series in many formats', () => {
  it.each([
    ['grafana-raw.csv', 'grafana-csv'],
    ['prometheus.json', 'prometheus-json'],
    ['datadog.json', 'datadog-json'],
    ['newrelic.json', 'newrelic-json'],
    ['netdata.csv', 'netdata-csv'],
    ['sadf-dU.csv', 'sadf'],
    ['telegraf.csv', 'telegraf-csv'],
    ['generic.csv', 'generic-csv'],
    ['cloudwatch.json', 'cloudwatch-json'],
    ['meminfo-loop.txt', 'meminfo'],
  ])('%s (%s) gives the canonical MemAvailable series', async (name, format) => {
    const read = await readInput(fixture(name), { tz: 'UTC' });
    expect(read.format).toBe(format);
    const available = read.result.series.filter((s) => s.metric === 'mem.available' && s.unit === 'bytes');
    expect(available).toHaveLength(1);
    expect([...(available[0]?.t ?? [])]).toEqual(EXPECTED_T);
    expect([...(available[0]?.v ?? [])]).toEqual(EXPECTED_V);
  });
});
