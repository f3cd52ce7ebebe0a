import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError, messages } from '../../src/errors.js';
import { genericCsv } from '../../src/ingest/generic-csv.js';
import { grafanaCsv } from '../../src/ingest/grafana-csv.js';
import type { IngestContext } from '../../src/ingest/importer.js';
import { readInput } from '../../src/ingest/index.js';
import type { Series } from '../../src/model/series.js';
import type { Warning } from '../../src/model/warning.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/generic-csv/${name}`, import.meta.url));
const KIB = 1024;
const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
const MAR_2 = Date.UTC(2026, 2, 2);
const MINUTE = 60_000;

const values = (series: Series | undefined): number[] => [...(series?.v ?? [])];
const times = (series: Series | undefined): number[] => [...(series?.t ?? [])];

function context(warnings: Warning[] = []): IngestContext {
  return {
    file: 'mem.csv',
    tz: 'UTC',
    warn: (code, message, line) => warnings.push({ code, message, line }),
  };
}

describe('generic-csv sniff', () => {
  it('takes time-first delimited text with a header', () => {
    expect(genericCsv.sniff('time,used\n2026-03-02T00:00:00Z,1\n')).toBe(true);
    expect(genericCsv.sniff('Zeit;Belegt\n2026-03-02 00:00;1,5\n')).toBe(true);
    expect(genericCsv.sniff('time\tused\n1772409600\t1\n')).toBe(true);
    expect(genericCsv.sniff('sep=;\ntime;used\n1772409600;1\n')).toBe(true);
    expect(genericCsv.sniff('time,used\n')).toBe(true);
  });

  it('rejects text whose first column is not a time, or without a header', () => {
    expect(genericCsv.sniff('host,time,used\nweb-01,2026-03-02T00:00:00Z,1\n')).toBe(false);
    expect(genericCsv.sniff('2026-03-02T00:00:00Z,1\n2026-03-02T00:01:00Z,2\n')).toBe(false);
    expect(genericCsv.sniff('a,b\n1,2\n')).toBe(false);
    expect(genericCsv.sniff('MemTotal:       16314528 kB\nMemFree:  1 kB\n')).toBe(false);
    expect(genericCsv.sniff('time,used\n2026-03-02T00:00:00Z,1,9\n')).toBe(false);
  });

  it('is not mistaken for Grafana when the header is unquoted', () => {
    expect(grafanaCsv.sniff('Time,Memory used\r\n1772409600000,1\r\n')).toBe(false);
  });
});

describe('generic-csv times', () => {
  it('reads ISO 8601 with an offset', async () => {
    const read = await readInput(fixture('iso-offset.csv'), { tz: 'Asia/Tokyo' });
    expect(read.format).toBe('generic-csv');
    const [used, available] = read.result.series;
    expect(times(used)).toEqual([0, 5, 10, 15].map((m) => MAR_2 - 60 * MINUTE + m * MINUTE));
    expect(used).toMatchObject({
      name: 'used (MiB)',
      metric: 'mem.used',
      definition: 'unknown',
      unit: 'bytes',
    });
    expect(values(used)).toEqual([1024 * MIB, 1536 * MIB, NaN, 2048 * MIB]);
    expect(available).toMatchObject({ metric: 'mem.available', unit: 'bytes' });
    expect(values(available)).toEqual([3072 * MIB, 2560 * MIB, 2048 * MIB, NaN]);
    // Empty and null cells are gaps, reported once per series with the first line.
    expect(read.warnings.map((w) => [w.code, w.line])).toEqual([
      ['missing-values', 4],
      ['missing-values', 5],
    ]);
  });

  it('reads times without an offset in --tz, across the DST change', async () => {
    const read = await readInput(fixture('iso-local.csv'), { tz: 'Europe/Berlin' });
    const [used] = read.result.series;
    // 01:00 and 01:30 are CET (+1), 03:00 and 03:30 CEST (+2).
    expect(times(used)).toEqual([
      Date.UTC(2026, 2, 29, 0, 0),
      Date.UTC(2026, 2, 29, 0, 30),
      Date.UTC(2026, 2, 29, 1, 0),
      Date.UTC(2026, 2, 29, 1, 30),
    ]);
    expect(values(used)).toEqual([1, 1.5, 2, 2.5].map((g) => g * GIB));
  });

  it('reads epoch seconds with (GB) and (KiB) headers', async () => {
    const read = await readInput(fixture('epoch-seconds.csv'), { tz: 'UTC' });
    const [free, buffers] = read.result.series;
    expect(times(free)).toEqual([MAR_2, MAR_2 + MINUTE, MAR_2 + 2 * MINUTE]);
    expect(free).toMatchObject({ metric: 'mem.free', unit: 'bytes' });
    expect(values(free)).toEqual([4 * GIB, 3.5 * GIB, 3 * GIB]);
    expect(buffers).toMatchObject({ metric: 'mem.buffers', unit: 'bytes' });
    expect(values(buffers)).toEqual([1024 * KIB, 2048 * KIB, 4096 * KIB]);
  });

  it('reads epoch milliseconds with % and _bytes headers', async () => {
    const read = await readInput(fixture('epoch-ms.csv'), { tz: 'UTC' });
    const [usedPercent, available] = read.result.series;
    expect(times(usedPercent)).toEqual([MAR_2, MAR_2 + MINUTE, MAR_2 + 2 * MINUTE]);
    expect(usedPercent).toMatchObject({ metric: 'mem.used', unit: 'percent' });
    expect(values(usedPercent)).toEqual([40.5, 41, 41.25]);
    expect(available).toMatchObject({ metric: 'mem.available', unit: 'bytes' });
    expect(values(available)).toEqual([8589934592, 8522825728, 8455716864]);
  });

  it('sorts a newest-first file without a warning about order', async () => {
    const read = await readInput(fixture('newest-first.csv'), { tz: 'UTC' });
    const [used] = read.result.series;
    expect(times(used)).toEqual([MAR_2, MAR_2 + MINUTE, MAR_2 + 2 * MINUTE, MAR_2 + 3 * MINUTE]);
    expect(values(used)).toEqual([1, 2, 3, 4]);
    expect(read.warnings).toEqual([]);
  });
});

describe('generic-csv delimiters', () => {
  it('reads ; with decimal commas and (MB) as MiB', async () => {
    const read = await readInput(fixture('semicolon-decimal-comma.csv'), { tz: 'UTC' });
    const [occupied, cache] = read.result.series;
    expect(times(occupied)).toEqual([MAR_2, MAR_2 + MINUTE, MAR_2 + 2 * MINUTE]);
    expect(occupied).toMatchObject({ name: 'Belegt (MB)', metric: 'other', unit: 'bytes' });
    expect(values(occupied)).toEqual([1024.5 * MIB, 1025 * MIB, 1030.75 * MIB]);
    expect(cache).toMatchObject({ metric: 'mem.cached' });
    expect(values(cache)).toEqual([512 * MIB, 512.25 * MIB, NaN]);
  });

  it('reads TSV with (KiB)', async () => {
    const read = await readInput(fixture('tsv-kib.tsv'), { tz: 'UTC' });
    const [used, cached] = read.result.series;
    expect(used).toMatchObject({ metric: 'mem.used', unit: 'bytes' });
    expect(values(used)).toEqual([1048576, 1049600, 1050624].map((k) => k * KIB));
    expect(values(cached)).toEqual([524288, 524800, 525312].map((k) => k * KIB));
  });

  it('honours an Excel sep= line and keeps line numbers', () => {
    const warnings: Warning[] = [];
    const text = 'sep=;\ntime;used_bytes\n1772409600;5\n1772409660;oops\n';
    expect(() => genericCsv.parse(text, context(warnings))).toThrow(
      expect.objectContaining({ code: 'bad-number', line: 4 }),
    );
  });
});

describe('generic-csv hosts and units', () => {
  it('takes the host from a hostname column and assumes bytes for unitless columns', async () => {
    const file = fixture('host-column.csv');
    const read = await readInput(file, { tz: 'UTC' });
    expect(read.result.host).toBe('web-02');
    expect(read.result.series.map((s) => [s.name, s.metric, s.unit])).toEqual([
      ['used', 'mem.used', 'bytes'],
      ['cached', 'mem.cached', 'bytes'],
    ]);
    expect(values(read.result.series[0])).toEqual([1000000, 1000100, 1000200]);
    expect(read.warnings).toEqual([
      { code: 'unit-assumed', message: expect.stringContaining('"used"'), file, line: 1 },
      { code: 'unit-assumed', message: expect.stringContaining('"cached"'), file, line: 1 },
    ]);
  });

  it('strips the port of an instance column', () => {
    const result = genericCsv.parse('time,instance,used_bytes\n1772409600,db-1:9100,5\n', context());
    expect(result.host).toBe('db-1');
  });

  it('refuses rows from several hosts in one file', async () => {
    const file = fixture('multiple-hosts.csv');
    await expect(readInput(file, { tz: 'UTC' })).rejects.toMatchObject({
      code: 'multiple-hosts',
      file,
      message: messages.multipleHosts(['web-02', 'web-03']),
    });
  });
});

describe('generic-csv errors carry file and line', () => {
  it.each([
    ['bad-number.csv', 'bad-number', 4, messages.badNumber('used_bytes', '12 oops')],
    ['bad-time.csv', 'bad-time', 3, messages.badTime('yesterday noon')],
    ['mixed-epoch.csv', 'bad-time', 4, messages.timeFormatChanged('1772409720000', 'epoch seconds')],
  ])('%s → %s at line %d', async (name, code, line, message) => {
    const file = fixture(name);
    const error = await readInput(file, { tz: 'UTC' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code, file, line, message });
  });

  it('says "header only" for a header without rows', async () => {
    await expect(readInput(fixture('header-only.csv'), { tz: 'UTC' })).rejects.toMatchObject({
      code: 'header-only',
      message: messages.headerOnly(),
    });
  });

  it('reports a row with the wrong number of fields', () => {
    expect(() => genericCsv.parse('time,used\n1772409600,1\n1772409660,2,3\n', context())).toThrow(
      expect.objectContaining({ code: 'bad-csv', line: 3, message: messages.columnCount(2, 3) }),
    );
  });

  it('needs at least one value column', () => {
    expect(() => genericCsv.parse('time,host\n1772409600,a\n', context())).toThrow(
      expect.objectContaining({ code: 'no-value-columns' }),
    );
  });
});

describe('generic-csv normalization warnings', () => {
  it('sorts, merges duplicates and drops bad values, naming the lines', async () => {
    const file = fixture('unsorted-duplicates-negative.csv');
    const read = await readInput(file, { tz: 'UTC' });
    const [used] = read.result.series;
    expect(times(used)).toEqual([0, 1, 2, 3, 4, 5].map((m) => MAR_2 + m * MINUTE));
    expect(values(used)).toEqual([1000, 1100, 1250, NaN, NaN, 1500]);
    expect(read.warnings.map((w) => [w.code, w.line])).toEqual([
      ['out-of-order', 4],
      ['duplicate-timestamps', 5],
      ['non-finite-values', 7],
      ['negative-values', 6],
    ]);
    expect(read.warnings.every((w) => w.file === file)).toBe(true);
  });
});
