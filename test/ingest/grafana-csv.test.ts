import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { genericCsv } from '../../src/ingest/generic-csv.js';
import { grafanaCsv } from '../../src/ingest/grafana-csv.js';
import type { IngestContext } from '../../src/ingest/importer.js';
import { readInput } from '../../src/ingest/index.js';
import type { Warning } from '../../src/model/warning.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/grafana-csv/${name}`, import.meta.url));
const GIB = 1024 ** 3;
const MAR_2 = Date.UTC(2026, 2, 2);

function context(warnings: Warning[] = [], tz = 'UTC'): IngestContext {
  return { file: 'panel.csv', tz, warn: (code, message, line) => warnings.push({ code, message, line }) };
}

describe('grafana-csv sniff', () => {
  it('takes a quoted "Time" header and nothing unquoted', () => {
    expect(grafanaCsv.sniff('"Time","Memory used"\r\n1,2')).toBe(true);
    expect(grafanaCsv.sniff('"Time"\t"Memory used"\r\n')).toBe(true);
    expect(grafanaCsv.sniff('Time,Memory used\n1772409600000,1\n')).toBe(false);
    expect(grafanaCsv.sniff('"Time",used\n')).toBe(false);
    expect(grafanaCsv.sniff('"Series";"Time";"Value"\n')).toBe(true);
    expect(grafanaCsv.sniff('"Series","Value"\n')).toBe(false);
  });
});

describe('grafana-csv on the real Explore download', () => {
  it('reads the node_exporter series in bytes with epoch-ms times and the instance host', async () => {
    const read = await readInput(fixture('grafana_query_tool-readme-explore-raw-node_memory_MemFree.csv'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('grafana-csv');
    expect(read.result.host).toBe('hostname-of-node');
    expect(read.result.series).toHaveLength(1);
    const [series] = read.result.series;
    expect(series?.name).toMatch(/^node_memory_MemFree_bytes\{app_kubernetes_io_component="metrics", /);
    expect(series?.metric).toBe('mem.free');
    expect(series?.unit).toBe('bytes');
    expect(series?.t.length).toBe(8);
    expect(series?.t[0]).toBe(1707538170000);
    expect(series?.t[7]).toBe(1707538275000);
    expect([...(series?.v ?? [])].slice(0, 3)).toEqual([985042944, 1067003904, 1067003904]);
    expect(series?.v[7]).toBe(976990208);
    expect(read.warnings).toEqual([]);
  });
});

describe('grafana-csv series joined by time', () => {
  it('reads both columns with gaps for empty cells, and maps the PromQL legend', async () => {
    const read = await readInput(fixture('joined-by-time-crlf-empty-cells.csv'), { tz: 'UTC' });
    expect(read.result.host).toBe('web-01');
    const [available, used] = read.result.series;
    const minute = 60_000;
    expect([...(available?.t ?? [])]).toEqual([0, 1, 2, 3, 4, 5].map((i) => MAR_2 + i * minute));
    expect(available).toMatchObject({ metric: 'mem.available', unit: 'bytes' });
    expect([...(available?.v ?? [])]).toEqual([8589934592, NaN, 8556380160, 8539602944, NaN, 8506048512]);
    expect(used).toMatchObject({ metric: 'mem.used', definition: 'total-minus-free', unit: 'bytes' });
    expect([...(used?.v ?? [])]).toEqual([4294967296, 4311744512, NaN, 4345298944, NaN, 4378853376]);
    expect(used?.source).toEqual({
      file: fixture('joined-by-time-crlf-empty-cells.csv'),
      format: 'grafana-csv',
      line: 1,
    });
    expect(read.warnings.map((w) => [w.code, w.line])).toEqual([
      ['missing-values', 3],
      ['missing-values', 4],
    ]);
  });
});

describe('grafana-csv legends with units', () => {
  it('converts a (GiB) legend to bytes and a % legend to percent', async () => {
    const read = await readInput(fixture('legend-with-unit.csv'), { tz: 'UTC' });
    const [used, utilization] = read.result.series;
    expect(used).toMatchObject({
      name: 'Memory used (GiB)',
      metric: 'mem.used',
      definition: 'unknown',
      unit: 'bytes',
    });
    expect([...(used?.v ?? [])]).toEqual([1.5 * GIB, 1.75 * GIB, 2 * GIB]);
    expect(utilization).toMatchObject({ metric: 'mem.used', unit: 'percent' });
    expect([...(utilization?.v ?? [])]).toEqual([18.75, 21.875, 25]);
    expect(read.result.host).toBeUndefined();
  });

  it('applies the percent factor of a 0–1 ratio expression', () => {
    const text =
      '"Time","node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes"\r\n1772409600000,0.25\r\n1772409660000,0.5';
    const [series] = grafanaCsv.parse(text, context()).series;
    expect(series).toMatchObject({ metric: 'mem.available', unit: 'percent' });
    expect([...(series?.v ?? [])]).toEqual([25, 50]);
  });

  it('assumes bytes for a legend without a unit and says so on the header line', () => {
    const warnings: Warning[] = [];
    const [series] = grafanaCsv.parse(
      '"Time","Memory used"\r\n1772409600000,1000\r\n1772409660000,2000',
      context(warnings),
    ).series;
    expect(series).toMatchObject({ metric: 'mem.used', definition: 'unknown', unit: 'bytes' });
    expect(warnings).toEqual([expect.objectContaining({ code: 'unit-assumed', line: 1 })]);
  });
});

describe('grafana-csv formatted data', () => {
  it('reads wall-clock times in --tz and values with Grafana units', async () => {
    const read = await readInput(fixture('formatted-berlin.csv'), { tz: 'Europe/Berlin' });
    const [used, cached] = read.result.series;
    expect([...(used?.t ?? [])]).toEqual([MAR_2, MAR_2 + 60_000, MAR_2 + 120_000]);
    expect([...(used?.v ?? [])]).toEqual([1.5 * GIB, 1.6e9, 1.75 * GIB]);
    expect(cached).toMatchObject({ metric: 'mem.cached', unit: 'bytes' });
    expect([...(cached?.v ?? [])]).toEqual([512 * 1024 ** 2, NaN, 0.5 * GIB]);
    expect(read.warnings.map((w) => [w.code, w.line])).toEqual([['missing-values', 3]]);
  });
});

describe('grafana-csv errors and hosts', () => {
  it('rejects a value that is not a number with file and line', () => {
    const parse = (): unknown =>
      grafanaCsv.parse('"Time","Used"\r\n1772409600000,1\r\n1772409660000,lots', context());
    expect(parse).toThrow(InputError);
    expect(parse).toThrow(expect.objectContaining({ code: 'bad-number', file: 'panel.csv', line: 3 }));
  });

  it('says "header only" for a header without rows', () => {
    expect(() => grafanaCsv.parse('"Time","Used"\r\n', context())).toThrow(
      expect.objectContaining({ code: 'header-only' }),
    );
  });

  it('takes no host when series name different instances, with a warning', () => {
    const warnings: Warning[] = [];
    const text =
      '"Time","node_memory_MemFree_bytes{instance=""a:9100""}","node_memory_MemFree_bytes{instance=""b:9100""}"\r\n1772409600000,1,2';
    const result = grafanaCsv.parse(text, context(warnings));
    expect(result.host).toBeUndefined();
    expect(warnings.map((w) => w.code)).toEqual(['multiple-hosts']);
  });

  it('can also be read as a generic CSV (same values)', () => {
    const text = '"Time","node_memory_MemFree_bytes"\r\n1772409600000,5\r\n1772409660000,6';
    expect(genericCsv.sniff(text)).toBe(true);
    expect([...(genericCsv.parse(text, context()).series[0]?.v ?? [])]).toEqual([5, 6]);
  });
});
