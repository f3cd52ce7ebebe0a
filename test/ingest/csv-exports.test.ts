import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/errors.js';
import { collectdCsv } from '../../src/ingest/collectd-csv.js';
import { genericCsv } from '../../src/ingest/generic-csv.js';
import type { IngestContext } from '../../src/ingest/importer.js';
import { readInput } from '../../src/ingest/index.js';
import { netdataCsv } from '../../src/ingest/netdata-csv.js';
import { newrelicCsv } from '../../src/ingest/newrelic-csv.js';
import { telegrafCsv } from '../../src/ingest/telegraf-csv.js';
import type { Series } from '../../src/model/series.js';
import type { Warning } from '../../src/model/warning.js';
import { ingestAll } from '../../src/pipeline.js';

const fixture = (dir: string, name: string): string =>
  fileURLToPath(new URL(`../fixtures/${dir}/${name}`, import.meta.url));
const MAR_2 = Date.UTC(2026, 2, 2);
const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
const values = (series: Series | undefined): number[] => [...(series?.v ?? [])];
const times = (series: Series | undefined): number[] => [...(series?.t ?? [])];
function context(warnings: Warning[] = [], file = 'export.csv'): IngestContext {
  return { file, tz: 'UTC', warn: (code, message, line) => warnings.push({ code, message, line }) };
}

describe('netdata-csv', () => {
  it('reads system.ram: MiB, newest first, CRLF, null gaps, used without cache', async () => {
    const read = await readInput(fixture('netdata-csv', 'system.ram-newest-first-crlf-null-HANDMADE.csv'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('netdata-csv');
    const [free, used, cached, buffers] = read.result.series;
    expect(times(used)).toEqual([0, 1, 2, 3].map((i) => MAR_2 + i * 60_000));
    expect(used).toMatchObject({
      metric: 'mem.used',
      definition: 'total-minus-free-buffers-cache',
      unit: 'bytes',
    });
    expect(values(used)).toEqual([3000.25 * MIB, 2990.25 * MIB, NaN, 2970.25 * MIB]);
    expect(values(free)[0]).toBe(1000.5 * MIB);
    expect(cached).toMatchObject({ metric: 'mem.cached' });
    expect(buffers).toMatchObject({ metric: 'mem.buffers' });
    expect(read.warnings.map((w) => [w.code, w.line])).toEqual([['missing-values', 3]]);
  });

  it('is not taken for a plain time,used CSV in bytes or in time order with LF', () => {
    expect(netdataCsv.sniff('time,used\r\n2026-03-02 00:00:00,8000000000\r\n')).toBe(false);
    expect(netdataCsv.sniff('time,used\n2026-03-02 00:00:00,1\n2026-03-02 00:01:00,2\n')).toBe(false);
    expect(netdataCsv.sniff('time,used\n2026-03-02 00:01:00,1\n2026-03-02 00:00:00,2\n')).toBe(true);
  });
});

describe('collectd-csv', () => {
  it('names the series by its type instance and the host by its folder', async () => {
    const read = await readInput(fixture('collectd-csv', 'web-01/memory/memory-used-2026-03-02'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('collectd-csv');
    expect(read.result.host).toBe('web-01');
    const [used] = read.result.series;
    expect(used).toMatchObject({
      name: 'memory-used',
      metric: 'mem.used',
      definition: 'total-minus-free-buffers-cache-slab',
      unit: 'bytes',
    });
    expect(times(used)).toEqual([0, 10, 20].map((s) => MAR_2 + 86_400_000 - 30_000 + s * 1000 + 123));
    expect(values(used)).toEqual([2_000_000_000, 2_000_100_000, 2_000_200_000]);
  });

  it('joins the days of one type instance into one series', async () => {
    const evidence = await ingestAll(
      ['memory-used-2026-03-02', 'memory-used-2026-03-03', 'memory-slab_recl-2026-03-02'].map((name) =>
        fixture('collectd-csv', `web-01/memory/${name}`),
      ),
      { tz: 'UTC' },
    );
    expect(evidence.series.map((s) => [s.name, s.metric, s.t.length])).toEqual([
      ['memory-used', 'mem.used', 6],
      ['memory-slab_recl', 'slab.reclaimable', 3],
    ]);
  });

  it('sniffs the epoch,value header only', () => {
    expect(collectdCsv.sniff('epoch,value\n1772409600.000,5.000000\n')).toBe(true);
    expect(collectdCsv.sniff('epoch,rx,tx\n1772409600.000,5,6\n')).toBe(true);
    expect(collectdCsv.sniff('time,value\n1772409600,5\n')).toBe(false);
  });

  it('reports a bad value with its line', () => {
    expect(() =>
      collectdCsv.parse(
        'epoch,value\n1772409600.000,5\n1772409610.000,x\n',
        context([], 'memory-free-2026-03-02'),
      ),
    ).toThrow(expect.objectContaining({ code: 'bad-number', line: 3 }));
  });
});

describe('telegraf-csv', () => {
  it('reads the csv serializer: bytes and percent, used without cache, other measurements skipped', async () => {
    const read = await readInput(fixture('telegraf-csv', 'telegraf-file-output-mem-HANDMADE.csv'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('telegraf-csv');
    expect(read.result.host).toBe('web-01');
    const used = read.result.series.find((s) => s.name === 'used');
    expect(used).toMatchObject({
      metric: 'mem.used',
      definition: 'total-minus-free-buffers-cache',
      unit: 'bytes',
    });
    expect(times(used)).toEqual([0, 10, 20, 30].map((s) => MAR_2 + s * 1000));
    expect(values(used)).toEqual([4000, 4010, 4020, 4030].map((m) => m * 1e6));
    expect(read.result.series.find((s) => s.name === 'used_percent')).toMatchObject({ unit: 'percent' });
    expect(read.result.series.find((s) => s.name === 'sreclaimable')).toMatchObject({
      metric: 'slab.reclaimable',
    });
    expect(read.result.series.find((s) => s.name === 'active')).toMatchObject({ metric: 'other' });
  });

  it('reads CloudWatch agent columns with the instance as host; their "used" is not verified', async () => {
    const read = await readInput(fixture('telegraf-csv', 'cloudwatch-agent-columns-HANDMADE.csv'), {
      tz: 'UTC',
    });
    expect(read.result.host).toBe('i-0abc123');
    expect(read.result.series.map((s) => [s.name, s.metric, s.definition, s.unit])).toEqual([
      ['mem_used_percent', 'mem.used', 'unknown', 'percent'],
      ['mem_available', 'mem.available', undefined, 'bytes'],
      ['mem_total', 'mem.total', undefined, 'bytes'],
    ]);
    expect(times(read.result.series[0])).toEqual([0, 1, 2, 3].map((i) => MAR_2 + i * 60_000));
  });

  it('needs a percent field to sniff, and reports bad values with lines', () => {
    expect(telegrafCsv.sniff('timestamp,used,free\n1,2,3\n')).toBe(false);
    expect(() =>
      telegrafCsv.parse('timestamp,used_percent\n1772409600,5\n1772409610,-\n1772409620,5x\n', context()),
    ).toThrow(expect.objectContaining({ code: 'bad-number', line: 4 }));
  });
});

describe('newrelic-csv', () => {
  it('reads begin times as UTC whatever --tz says, one series per facet, attributes mapped', async () => {
    const read = await readInput(fixture('newrelic-csv', 'table-export-facet-hostname-HANDMADE.csv'), {
      tz: 'Asia/Tokyo',
    });
    expect(read.format).toBe('newrelic-csv');
    expect(read.result.host).toBe('web-01');
    const [used, free] = read.result.series;
    expect(used).toMatchObject({
      name: 'Average Memory Used Bytes{Hostname="web-01"}',
      metric: 'mem.used',
      definition: 'total-minus-available',
      unit: 'bytes',
    });
    expect(times(used)).toEqual([0, 1, 2, 3].map((i) => MAR_2 + i * 60_000));
    expect(values(used)).toEqual([4000, 4050, 4100, 4150].map((m) => m * 1e6));
    expect(free).toMatchObject({ metric: 'mem.available' });
  });

  it('splits facets into series and needs a value column', () => {
    const text =
      'Begin Time,End Time,Hostname,Average Memory Used Percent\n2026-03-02 00:00:00,2026-03-02 00:01:00,a,10\n2026-03-02 00:00:00,2026-03-02 00:01:00,b,20\n';
    const warnings: Warning[] = [];
    const result = newrelicCsv.parse(text, context(warnings));
    expect(result.series.map((s) => [s.name, s.unit, values(s)])).toEqual([
      ['Average Memory Used Percent{Hostname="a"}', 'percent', [10]],
      ['Average Memory Used Percent{Hostname="b"}', 'percent', [20]],
    ]);
    expect(result.host).toBeUndefined();
    expect(warnings.map((w) => w.code)).toEqual(['multiple-hosts']);
    expect(() =>
      newrelicCsv.parse('Begin Time,End Time,Hostname\n2026-03-02,2026-03-02,a\n', context()),
    ).toThrow(expect.objectContaining({ code: 'no-value-columns' }));
  });
});

describe('grafana-csv legacy and Excel downloads', () => {
  it('reads the Grafana ≤ 6 one-row-per-point ; export with digit groups', async () => {
    const read = await readInput(
      fixture('grafana-csv', 'legacy-series-time-value-semicolon-grouped-HANDMADE.csv'),
      { tz: 'UTC' },
    );
    expect(read.format).toBe('grafana-csv');
    const [used, cached] = read.result.series;
    expect(used?.name).toBe('Memory used');
    const start = Date.UTC(2018, 11, 12, 1, 0);
    expect(times(used)).toEqual([0, 1, 2].map((i) => start + i * 60_000));
    expect(values(used)).toEqual([1721992142.283, 1722992142.283, 1723992142]);
    expect(cached).toMatchObject({ metric: 'mem.cached' });
    expect(values(cached)).toEqual([985042, 1067003, NaN]);
  });

  it('reads "Download for Excel": UTF-16LE with a BOM and TABs', async () => {
    const read = await readInput(fixture('grafana-csv', 'download-for-excel-utf16le-bom-tabs-HANDMADE.csv'), {
      tz: 'UTC',
    });
    expect(read.format).toBe('grafana-csv');
    expect(values(read.result.series[0])).toEqual([1024, 1536, 2048].map((m) => m * MIB));
    expect(times(read.result.series[0])).toEqual([0, 1, 2].map((i) => MAR_2 + i * 60_000));
  });
});

describe('generic-csv spreadsheet forms', () => {
  it('reads day-first dotted dates, decimal commas with dot groups, (GB) as GiB', async () => {
    const read = await readInput(
      fixture('generic-csv', 'spreadsheet-day-first-dots-decimal-comma-HANDMADE.csv'),
      { tz: 'UTC' },
    );
    const [used, cache] = read.result.series;
    expect(times(used)).toEqual([
      Date.UTC(2026, 2, 2, 14, 5),
      Date.UTC(2026, 2, 2, 14, 10),
      Date.UTC(2026, 2, 13, 9),
    ]);
    expect(values(used)).toEqual([1024.5 * GIB, 1030.75 * GIB, 1100 * GIB]);
    expect(values(cache)).toEqual([12.25 * GIB, 12.5 * GIB, 13 * GIB]);
  });

  it('reads month-first dates with a 12-hour clock when a day above 12 decides', async () => {
    const read = await readInput(fixture('generic-csv', 'spreadsheet-month-first-12h-HANDMADE.csv'), {
      tz: 'UTC',
    });
    expect(times(read.result.series[0])).toEqual([
      Date.UTC(2026, 2, 2, 14, 5),
      Date.UTC(2026, 2, 2, 14, 10),
      Date.UTC(2026, 2, 13, 9),
    ]);
  });

  it('refuses dates no row can order, naming the line', async () => {
    const file = fixture('generic-csv', 'spreadsheet-ambiguous-dates-HANDMADE.csv');
    await expect(readInput(file, { tz: 'UTC' })).rejects.toMatchObject({
      code: 'ambiguous-date',
      file,
      line: 2,
      message: messages.ambiguousDate('03/04/2026 10:00'),
    });
  });

  it('refuses a column that mixes both orders', () => {
    const text = 'date,used_bytes\n13/03/2026,1\n03/14/2026,2\n';
    expect(() => genericCsv.parse(text, context())).toThrow(
      expect.objectContaining({
        code: 'ambiguous-date',
        line: 3,
        message: messages.mixedDateOrder('13/03/2026', '03/14/2026'),
      }),
    );
  });

  it('reads Excel serial days under a time header, in --tz', async () => {
    const read = await readInput(fixture('generic-csv', 'spreadsheet-excel-serial-HANDMADE.csv'), {
      tz: 'Europe/Berlin',
    });
    expect(times(read.result.series[0])).toEqual([
      Date.UTC(2026, 2, 1, 23),
      Date.UTC(2026, 2, 2, 5),
      Date.UTC(2026, 2, 2, 11),
    ]);
    expect(values(read.result.series[0])).toEqual([10, 10.5, 11].map((g) => g * GIB));
  });

  it('reads the hour DST repeats forward in time, not as duplicates', () => {
    const text =
      'time,used_bytes\n2026-11-01 01:30,1\n2026-11-01 01:45,2\n2026-11-01 01:15,3\n2026-11-01 01:30,4\n';
    const result = genericCsv.parse(text, { ...context(), tz: 'America/New_York' });
    expect(times(result.series[0])).toEqual([
      Date.UTC(2026, 10, 1, 5, 30),
      Date.UTC(2026, 10, 1, 5, 45),
      Date.UTC(2026, 10, 1, 6, 15),
      Date.UTC(2026, 10, 1, 6, 30),
    ]);
  });

  it('reads month names', async () => {
    const read = await readInput(fixture('generic-csv', 'month-names-HANDMADE.csv'), { tz: 'UTC' });
    expect(times(read.result.series[0])).toEqual([0, 5, 10].map((m) => MAR_2 + m * 60_000));
    expect(read.result.series[0]).toMatchObject({ metric: 'mem.available', unit: 'bytes' });
  });

  it('refuses a number that could be grouped or decimal, and mixed decimal marks', () => {
    expect(() =>
      genericCsv.parse('time,used_bytes\n1772409600,"1,234"\n1772409660,"2,345"\n', context()),
    ).toThrow(expect.objectContaining({ code: 'ambiguous-number', line: 2 }));
    expect(() =>
      genericCsv.parse('time,used_bytes\n1772409600,"1,234.5"\n1772409660,"2.345,5"\n', context()),
    ).toThrow(expect.objectContaining({ code: 'ambiguous-number', line: 3 }));
  });
});
