import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/errors.js';
import { cloudwatchJson } from '../../src/ingest/cloudwatch-json.js';
import { datadogJson } from '../../src/ingest/datadog-json.js';
import type { IngestContext } from '../../src/ingest/importer.js';
import { readInput } from '../../src/ingest/index.js';
import { jsonErrorOffset } from '../../src/ingest/json-input.js';
import { newrelicJson } from '../../src/ingest/newrelic-json.js';
import { prometheusJson } from '../../src/ingest/prometheus-json.js';
import type { Series } from '../../src/model/series.js';
import type { Warning } from '../../src/model/warning.js';

const fixture = (dir: string, name: string): string =>
  fileURLToPath(new URL(`../fixtures/${dir}/${name}`, import.meta.url));
const MAR_2 = Date.UTC(2026, 2, 2);
const MIB = 1024 ** 2;
const values = (series: Series | undefined): number[] => [...(series?.v ?? [])];
const times = (series: Series | undefined): number[] => [...(series?.t ?? [])];
function context(warnings: Warning[] = []): IngestContext {
  return {
    file: 'api.json',
    tz: 'UTC',
    warn: (code, message, line) => warnings.push({ code, message, line }),
  };
}

describe('prometheus-json', () => {
  it('reads a matrix: string values, NaN and +Inf as gaps, absent samples absent, old names without _bytes', async () => {
    const read = await readInput(
      fixture('prometheus-json', 'query_range-node_exporter-NaN-Inf-missing-HANDMADE.json'),
      {
        tz: 'UTC',
      },
    );
    expect(read.format).toBe('prometheus-json');
    expect(read.result.host).toBe('web-01');
    const [available, total] = read.result.series;
    expect(available).toMatchObject({
      name: 'node_memory_MemAvailable_bytes{instance="web-01:9100", job="node"}',
      metric: 'mem.available',
      unit: 'bytes',
    });
    expect(times(available)).toEqual([0, 60, 180, 240, 300].map((s) => MAR_2 + s * 1000));
    expect(values(available)).toEqual([8589934592, 8556380160, NaN, 8489271296, NaN]);
    expect(total).toMatchObject({ metric: 'mem.total', unit: 'bytes' });
    expect(values(total)).toEqual(Array(6).fill(17179869184));
    expect(read.warnings.map((w) => w.code)).toEqual([
      'prometheus-warning',
      'missing-values',
      'non-finite-values',
    ]);
  });

  it('maps cAdvisor container metrics with what their "used" means', async () => {
    const read = await readInput(fixture('prometheus-json', 'query_range-cadvisor-container-HANDMADE.json'), {
      tz: 'UTC',
    });
    expect(read.result.series.map((s) => [s.metric, s.definition, s.unit])).toEqual([
      ['mem.used', 'usage-minus-inactive-file', 'bytes'],
      ['mem.cached', undefined, 'bytes'],
      ['mem.anon', undefined, 'bytes'],
    ]);
    expect(values(read.result.series[0])).toEqual([500, 510, 520, 530, 540].map((m) => m * 1e6));
    expect(times(read.result.series[0])).toEqual([0, 30, 60, 90, 120].map((s) => MAR_2 + s * 1000));
  });

  it('reads an instant vector, marks _total counters, refuses errors and scalars', () => {
    const vector = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [{ metric: { __name__: 'node_vmstat_oom_kill_total' }, value: [1772409600.5, '3'] }],
      },
    });
    const [series] = prometheusJson.parse(vector, context()).series;
    expect(series).toMatchObject({ counter: true, metric: 'other' });
    expect(times(series)).toEqual([MAR_2 + 500]);
    const error = '{"status":"error","errorType":"timeout","error":"query timed out"}';
    expect(() => prometheusJson.parse(error, context())).toThrow(
      expect.objectContaining({
        code: 'api-error',
        message: messages.apiError('Prometheus', 'timeout: query timed out'),
      }),
    );
    const scalar = '{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}';
    expect(() => prometheusJson.parse(scalar, context())).toThrow(
      expect.objectContaining({ code: 'not-series' }),
    );
  });

  it('refuses the error envelope file with the error text', async () => {
    await expect(
      readInput(fixture('prometheus-json', 'error-envelope-bad_data-HANDMADE.json'), { tz: 'UTC' }),
    ).rejects.toMatchObject({
      code: 'api-error',
      line: 1,
      message: expect.stringContaining('bad_data: invalid parameter'),
    });
  });

  it('names the line of a JSON syntax error', () => {
    expect(() =>
      prometheusJson.parse(
        '{"status":"success",\n"data": {"resultType":\n"matrix" "result": []}}',
        context(),
      ),
    ).toThrow(expect.objectContaining({ code: 'bad-json', line: 3 }));
  });
});

describe('datadog-json', () => {
  it('reads pointlists: system.mem.* in MiB, used = total − free, pct_usable a fraction, nulls as gaps', async () => {
    const read = await readInput(fixture('datadog-json', 'query-system-mem-MiB-nulls-HANDMADE.json'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('datadog-json');
    expect(read.result.host).toBe('web-01');
    const [used, usable, pctUsable] = read.result.series;
    expect(used).toMatchObject({
      name: 'system.mem.used{host:web-01}',
      metric: 'mem.used',
      definition: 'total-minus-free',
      unit: 'bytes',
    });
    expect(values(used)).toEqual([12000, 12010.5, 12021, 12031.5].map((m) => m * MIB).concat(NaN));
    expect(times(used)).toEqual([0, 1, 2, 3, 4].map((i) => MAR_2 + i * 60_000));
    expect(usable).toMatchObject({ metric: 'mem.available', unit: 'bytes' });
    expect(values(usable)).toEqual([4000, 3992, 3984, 3976, 3968].map((m) => m * MIB));
    expect(pctUsable).toMatchObject({ metric: 'mem.available', unit: 'percent' });
    expect(values(pctUsable)[0]).toBe(25);
  });

  it('refuses the error response file', async () => {
    await expect(
      readInput(fixture('datadog-json', 'error-forbidden-HANDMADE.json'), { tz: 'UTC' }),
    ).rejects.toMatchObject({
      code: 'api-error',
      message: messages.apiError('Datadog', 'Forbidden'),
    });
  });

  it('refuses an error response', () => {
    expect(() => datadogJson.parse('{"errors": ["Forbidden"]}', context())).toThrow(
      expect.objectContaining({ code: 'api-error', message: messages.apiError('Datadog', 'Forbidden') }),
    );
    expect(datadogJson.sniff('{"errors": ["Forbidden"]}')).toBe(true);
  });
});

describe('newrelic-json', () => {
  it('reads NerdGraph TIMESERIES rows at their begin time; memoryFreeBytes is MemAvailable', async () => {
    const read = await readInput(
      fixture('newrelic-json', 'nerdgraph-timeseries-facet-hostname-HANDMADE.json'),
      { tz: 'UTC' },
    );
    expect(read.format).toBe('newrelic-json');
    expect(read.result.host).toBe('web-01');
    const [used, free, percent] = read.result.series;
    expect(used).toMatchObject({
      name: 'average.memoryUsedBytes{hostname="web-01"}',
      metric: 'mem.used',
      definition: 'total-minus-available',
      unit: 'bytes',
    });
    expect(times(used)).toEqual([0, 1, 2, 3].map((i) => MAR_2 + i * 60_000));
    expect(values(used)).toEqual([4000, 4050, 4100, 4150].map((m) => m * 1e6));
    expect(free).toMatchObject({ metric: 'mem.available', unit: 'bytes' });
    expect(percent).toMatchObject({ metric: 'mem.used', unit: 'percent' });
    expect(values(percent)[1]).toBeCloseTo(25.3, 10);
  });

  it('refuses a GraphQL error and rows without TIMESERIES', async () => {
    await expect(
      readInput(fixture('newrelic-json', 'nerdgraph-error-HANDMADE.json'), { tz: 'UTC' }),
    ).rejects.toMatchObject({
      code: 'api-error',
      line: 1,
      message: expect.stringContaining('NRQL Syntax Error'),
    });
    expect(() => newrelicJson.parse('{"results":[{"average.memoryUsedBytes": 5}]}', context())).toThrow(
      expect.objectContaining({ code: 'not-series' }),
    );
  });
});

describe('cloudwatch-json', () => {
  it('sorts get-metric-statistics datapoints silently, one series per statistic', async () => {
    const read = await readInput(
      fixture('cloudwatch-json', 'get-metric-statistics-unordered-HANDMADE.json'),
      { tz: 'UTC' },
    );
    expect(read.format).toBe('cloudwatch-json');
    const [average, maximum] = read.result.series;
    expect(average).toMatchObject({
      name: 'mem_used_percent (Average)',
      metric: 'mem.used',
      definition: 'unknown',
      unit: 'percent',
    });
    expect(times(average)).toEqual([0, 1, 2, 3].map((i) => MAR_2 + i * 300_000));
    expect(values(average)).toEqual([40, 40.5, 41, 41.5]);
    expect(values(maximum)).toEqual([42, 42.5, 43, 43.5]);
    expect(read.warnings).toEqual([]);
  });

  it('reads get-metric-data and converts stated units', async () => {
    const read = await readInput(fixture('cloudwatch-json', 'get-metric-data-HANDMADE.json'), { tz: 'UTC' });
    expect(read.result.series[0]).toMatchObject({
      name: 'mem_available',
      metric: 'mem.available',
      unit: 'bytes',
    });
    expect(values(read.result.series[0])).toEqual([8.3e9, 8.2e9, 8.1e9, 8e9]);
    const kilobytes = JSON.stringify({
      Label: 'FreeableMemory',
      Datapoints: [{ Timestamp: '2026-03-02T00:00:00Z', Minimum: 2, Unit: 'Megabytes' }],
    });
    expect(cloudwatchJson.parse(kilobytes, context()).series[0]).toMatchObject({
      metric: 'mem.available',
      unit: 'bytes',
    });
    expect(values(cloudwatchJson.parse(kilobytes, context()).series[0])).toEqual([2 * MIB]);
  });
});

describe('jsonErrorOffset', () => {
  it('finds where JSON stops being valid', () => {
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a": 1')).toBe(7);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('[1, "x\\q"]')).toBe(6);
  });
});
