// Round trips (issue 8): a generated series (fast-check times and byte values) written in each
// time-series format, read back through readInput with that format's id, gives the same times (ms) and
// values (bytes). Values are generated in the format's own unit (bytes, KiB or MiB) as whole numbers,
// so every format prints them exactly; times are whole seconds, strictly increasing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInput } from '../../src/ingest/index.js';
import type { CanonicalMetric } from '../../src/model/series.js';

const dir = mkdtempSync(join(tmpdir(), 'memautopsy-roundtrip-'));
const KIB = 1024;
const MIB = 1024 ** 2;
let fileCounter = 0;

interface Sample {
  tS: number;
  /** The value in the format's unit (see Writer.unitBytes). */
  count: number;
}

interface Writer {
  id: string;
  /** Bytes per unit the format prints its values in. */
  unitBytes: number;
  /** The canonical metric the written column maps to. */
  metric: CanonicalMetric;
  /** The file name to write (collectd names its files by type and date). */
  name: string;
  write(samples: Sample[]): string;
  /** Samples the format can hold, when narrower than samplesArbitrary's (sar: one day per file). */
  samples?: fc.Arbitrary<Sample[]>;
}

const SAR_DAY_S = Date.UTC(2026, 2, 2) / 1000;

/** sar -r: one day, times of day strictly increasing (a sar file starts a new day at midnight). */
function sarSamples(): fc.Arbitrary<Sample[]> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 86_399 }), { minLength: 3, maxLength: 40 })
    .chain((seconds) =>
      fc
        .array(fc.integer({ min: 0, max: 2 ** 30 }), { minLength: seconds.length, maxLength: seconds.length })
        .map((counts) =>
          [...seconds]
            .sort((a, b) => a - b)
            .map((second, i) => ({ tS: SAR_DAY_S + second, count: counts[i] as number })),
        ),
    );
}

/** `HH:MM:SS` of a UTC time, as sar prints it with S_TIME_FORMAT=ISO / LC_ALL=C. */
const timeOfDay = (tS: number): string => iso(tS).slice(11, 19);

const iso = (tS: number): string => new Date(tS * 1000).toISOString().replace('.000Z', 'Z');
/** `YYYY-MM-DD HH:MM:SS` in UTC, as netdata's CSV prints it. */
const spaced = (tS: number): string => iso(tS).replace('T', ' ').replace('Z', '');

const WRITERS: Writer[] = [
  {
    id: 'grafana-csv',
    unitBytes: 1,
    metric: 'mem.available',
    name: 'grafana.csv',
    write: (samples) =>
      `"Time","node_memory_MemAvailable_bytes"\n${samples.map((s) => `${s.tS * 1000},${s.count}`).join('\n')}\n`,
  },
  {
    id: 'generic-csv',
    unitBytes: 1,
    metric: 'mem.available',
    name: 'generic.csv',
    write: (samples) =>
      `time,MemAvailable_bytes\n${samples.map((s) => `${iso(s.tS)},${s.count}`).join('\n')}\n`,
  },
  {
    id: 'prometheus-json',
    unitBytes: 1,
    metric: 'mem.available',
    name: 'prometheus.json',
    write: (samples) =>
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: { __name__: 'node_memory_MemAvailable_bytes', instance: 'web-01:9100' },
              values: samples.map((s) => [s.tS, String(s.count)]),
            },
          ],
        },
      }),
  },
  {
    id: 'datadog-json',
    unitBytes: MIB,
    metric: 'mem.available',
    name: 'datadog.json',
    write: (samples) =>
      JSON.stringify({
        status: 'ok',
        res_type: 'time_series',
        series: [
          {
            metric: 'system.mem.usable',
            scope: 'host:web-01',
            pointlist: samples.map((s) => [s.tS * 1000, s.count]),
          },
        ],
      }),
  },
  {
    id: 'newrelic-json',
    unitBytes: 1,
    // New Relic's memoryFreeBytes is MemAvailable (research/formats.md).
    metric: 'mem.available',
    name: 'newrelic.json',
    write: (samples) =>
      JSON.stringify({
        data: {
          actor: {
            account: {
              nrql: {
                results: samples.map((s) => ({
                  beginTimeSeconds: s.tS,
                  endTimeSeconds: s.tS + 1,
                  'average.memoryFreeBytes': s.count,
                })),
              },
            },
          },
        },
      }),
  },
  {
    id: 'cloudwatch-json',
    unitBytes: 1,
    metric: 'mem.available',
    name: 'cloudwatch.json',
    write: (samples) =>
      JSON.stringify({
        MetricDataResults: [
          {
            Id: 'm1',
            Label: 'mem_available',
            // CloudWatch returns newest first.
            Timestamps: samples.map((s) => iso(s.tS)).reverse(),
            Values: samples.map((s) => s.count).reverse(),
            StatusCode: 'Complete',
          },
        ],
        Messages: [],
      }),
  },
  {
    id: 'netdata-csv',
    unitBytes: MIB,
    metric: 'mem.free',
    name: 'netdata.csv',
    write: (samples) =>
      `time,free\r\n${[...samples]
        .reverse()
        .map((s) => `${spaced(s.tS)},${s.count}`)
        .join('\r\n')}\r\n`,
  },
  {
    id: 'telegraf-csv',
    unitBytes: 1,
    metric: 'mem.available',
    name: 'telegraf.csv',
    write: (samples) =>
      `timestamp,measurement,host,available\n${samples.map((s) => `${s.tS},mem,web-01,${s.count}`).join('\n')}\n`,
  },
  {
    id: 'collectd-csv',
    unitBytes: 1,
    metric: 'mem.free',
    name: 'memory-free-2026-03-02',
    write: (samples) => `epoch,value\n${samples.map((s) => `${s.tS}.000,${s.count}.000000`).join('\n')}\n`,
  },
  {
    id: 'sadf',
    unitBytes: KIB,
    metric: 'mem.available',
    name: 'sadf.csv',
    write: (samples) =>
      `# hostname;interval;timestamp;kbavail\n${samples.map((s) => `web-01;60;${s.tS};${s.count}`).join('\n')}\n`,
  },
  {
    id: 'sar',
    unitBytes: KIB,
    metric: 'mem.available',
    name: 'sar.txt',
    samples: sarSamples(),
    write: (samples) =>
      `Linux 6.1.0 (web-01) \t2026-03-02 \t_x86_64_\t(2 CPU)\n\n` +
      `00:00:00    kbmemfree   kbavail kbmemused  %memused\n` +
      samples
        .map((s) => `${timeOfDay(s.tS)}      1000000 ${String(s.count).padStart(9)}   2000000     20.00`)
        .join('\n') +
      '\n',
  },
];

/** 3–40 samples from 2020–2030 at distinct whole-second times, values up to 2^40 bytes in the unit. */
function samplesArbitrary(unitBytes: number): fc.Arbitrary<Sample[]> {
  return fc
    .tuple(
      fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }),
      fc.array(
        fc.tuple(
          fc.integer({ min: 1, max: 86_400 }),
          fc.integer({ min: 0, max: Math.floor(2 ** 40 / unitBytes) }),
        ),
        {
          minLength: 3,
          maxLength: 40,
        },
      ),
    )
    .map(([startS, steps]) => {
      let tS = startS;
      return steps.map(([gapS, count]) => {
        tS += gapS;
        return { tS, count };
      });
    });
}

describe.each(WRITERS)('$id', (writer) => {
  it('reads back the times and values it was written with', async () => {
    await fc.assert(
      fc.asyncProperty(writer.samples ?? samplesArbitrary(writer.unitBytes), async (samples) => {
        const sub = join(dir, String(fileCounter++));
        mkdirSync(sub);
        const path = join(sub, writer.name);
        writeFileSync(path, writer.write(samples));
        const read = await readInput(path, { tz: 'UTC', inputFormat: writer.id });
        expect(read.format).toBe(writer.id);
        const series = read.result.series.find((one) => one.metric === writer.metric);
        expect(series, `no ${writer.metric} series`).toBeDefined();
        expect(Array.from(series?.t ?? [])).toEqual(samples.map((s) => s.tS * 1000));
        expect(Array.from(series?.v ?? [])).toEqual(samples.map((s) => s.count * writer.unitBytes));
      }),
      { numRuns: 60 },
    );
  });
});
