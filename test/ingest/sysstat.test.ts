import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/errors.js';
import type { IngestContext } from '../../src/ingest/importer.js';
import { readInput } from '../../src/ingest/index.js';
import { sadf } from '../../src/ingest/sadf.js';
import { sar } from '../../src/ingest/sar.js';
import { kbmemusedDefinition } from '../../src/ingest/sysstat.js';
import type { Series } from '../../src/model/series.js';
import type { Warning } from '../../src/model/warning.js';
import { ingestAll } from '../../src/pipeline.js';

const fixture = (dir: string, name: string): string =>
  fileURLToPath(new URL(`../fixtures/${dir}/${name}`, import.meta.url));
const KIB = 1024;
const byName = (series: Series[], name: string): Series => {
  const found = series.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no series ${name}`);
  return found;
};

function context(warnings: Warning[] = [], tz = 'UTC'): IngestContext {
  return { file: 'sar.txt', tz, warn: (code, message, line) => warnings.push({ code, message, line }) };
}

describe('sar text', () => {
  it('reads the real RHEL 7 sar -r (12-hour clock, sysstat 10: used = total − free)', async () => {
    const file = fixture('sar', 'sar-r-rhel7-memory-spike-then-release.txt');
    const read = await readInput(file, { tz: 'UTC' });
    expect(read.format).toBe('sar');
    expect(read.result.host).toBe('dl380g802-v02');
    const used = byName(read.result.series, 'kbmemused');
    expect(used).toMatchObject({ metric: 'mem.used', definition: 'total-minus-free', unit: 'bytes' });
    expect(used.t.length).toBe(24);
    expect(used.t[0]).toBe(Date.UTC(2017, 0, 11, 12, 58, 10));
    expect(used.t[23]).toBe(Date.UTC(2017, 0, 11, 13, 2, 0));
    expect(used.v[0]).toBe(8155044 * KIB);
    expect(used.v[6]).toBe(16129084 * KIB);
    expect(byName(read.result.series, 'kbcached').v[7]).toBe(46292 * KIB);
    expect(read.result.series.map((s) => s.metric)).toEqual([
      'mem.free',
      'mem.used',
      'mem.buffers',
      'mem.cached',
      'mem.committed',
    ]);
    expect(read.warnings).toEqual([]);
  });

  it('reads local times in --tz', async () => {
    const file = fixture('sar', 'sar-r-rhel7-memory-spike-then-release.txt');
    const read = await readInput(file, { tz: 'Europe/Berlin' });
    expect(read.result.series[0]?.t[0]).toBe(Date.UTC(2017, 0, 11, 11, 58, 10));
  });

  it('reads the sysstat test suite (LC_ALL=C, -r ALL and -v, 12.7.8 columns: used = total − kbavail)', async () => {
    const read = await readInput(fixture('sar', 'sysstat-testsuite-sar-r-ALL-and-v-LC_ALL_C.txt'), {
      tz: 'UTC',
    });
    expect(read.result.host).toBe('SYSSTAT.TEST');
    const used = byName(read.result.series, 'kbmemused');
    expect(used.definition).toBe('total-minus-available');
    expect([...used.t]).toEqual([Date.UTC(2020, 5, 1, 12, 53, 21), Date.UTC(2020, 5, 1, 12, 53, 22)]);
    expect(byName(read.result.series, 'kbavail')).toMatchObject({ metric: 'mem.available' });
    expect(byName(read.result.series, 'kbslab')).toMatchObject({ metric: 'slab.total' });
    expect(byName(read.result.series, 'kbanonpg').v[0]).toBe(2733164 * KIB);
    const dentries = byName(read.result.series, 'dentunusd');
    expect(dentries).toMatchObject({ metric: 'dentry.unused', unit: 'count' });
    expect([...dentries.v]).toEqual([156063, 156063]);
    expect(read.warnings).toEqual([expect.objectContaining({ code: 'date-order-assumed', line: 1 })]);
  });

  it('rolls past midnight, skips Average and LINUX RESTART (with a warning), re-reads repeated headers', async () => {
    const read = await readInput(fixture('sar', 'sar-r-12h-past-midnight-restart-HANDMADE.txt'), {
      tz: 'UTC',
    });
    const used = byName(read.result.series, 'kbmemused');
    expect([...used.t]).toEqual([
      Date.UTC(2026, 2, 2, 23, 50, 1),
      Date.UTC(2026, 2, 2, 23, 55, 1),
      Date.UTC(2026, 2, 3, 0, 0, 1),
      Date.UTC(2026, 2, 3, 0, 5, 1),
      Date.UTC(2026, 2, 3, 0, 10, 1),
      Date.UTC(2026, 2, 3, 0, 15, 1),
    ]);
    expect([...used.v]).toEqual(
      [10000000, 10100000, 10200000, 10300000, 4000000, 4100000].map((k) => k * KIB),
    );
    expect(used.definition).toBe('total-minus-free');
    expect(read.warnings).toEqual([expect.objectContaining({ code: 'host-restart', line: 8 })]);
  });

  it('reads each daily file with its own banner date, and the run joins them into one series', async () => {
    const files = ['2026-03-02', '2026-03-03'].map((day) =>
      fixture('sar', `sar-r-ALL-daily-${day}-ISO-HANDMADE.txt`),
    );
    const first = await readInput(files[0] as string, { tz: 'UTC' });
    const used = byName(first.result.series, 'kbmemused');
    // kbavail is printed but the row satisfies total − (free + buffers + cached + slab): sysstat 11.7.4–12.7.7.
    expect(used.definition).toBe('total-minus-free-buffers-cache-slab');
    expect([...used.t]).toEqual([
      Date.UTC(2026, 2, 2, 0, 10, 1),
      Date.UTC(2026, 2, 2, 12, 0, 1),
      Date.UTC(2026, 2, 2, 23, 50, 1),
    ]);
    const evidence = await ingestAll(files, { tz: 'UTC' });
    const joined = evidence.series.filter((s) => s.name === 'kbmemused');
    expect(joined).toHaveLength(1);
    expect(joined[0]?.t.length).toBe(6);
    expect(joined[0]?.t[3]).toBe(Date.UTC(2026, 2, 3, 0, 10, 1));
  });

  it('reads the repeated hour when DST ends as the later instant', () => {
    const text = [
      'Linux 6.1.0 (h) \t2026-11-01 \t_x86_64_\t(2 CPU)',
      '',
      '01:00:00    kbmemfree kbmemused  %memused',
      '01:30:00      1000        3000     75.00',
      '01:45:00      1000        3000     75.00',
      '01:15:00      1000        3000     75.00',
      '01:30:00      1000        3000     75.00',
    ].join('\n');
    const result = sar.parse(text, context([], 'America/New_York'));
    expect([...(result.series[0]?.t ?? [])]).toEqual([
      Date.UTC(2026, 10, 1, 5, 30),
      Date.UTC(2026, 10, 1, 5, 45),
      Date.UTC(2026, 10, 1, 6, 15),
      Date.UTC(2026, 10, 1, 6, 30),
    ]);
  });

  it('refuses a banner date that no rule orders, and a row that does not fit its header, with lines', () => {
    const banner = (date: string): string => `Linux 6.1.0 (h) \t${date} \t_x86_64_\t(2 CPU)\n\n`;
    const table = '12:00:01    kbmemfree kbmemused  %memused\n12:10:01      1000        3000     75.00\n';
    expect(() => sar.parse(banner('03/04/2026') + table, context())).toThrow(
      expect.objectContaining({
        code: 'sar-date',
        line: 1,
        message: messages.sarDateAmbiguous('03/04/2026'),
      }),
    );
    expect(() => sar.parse(banner('2026-03-02') + table + '12:20:01 1000 3000\n', context())).toThrow(
      expect.objectContaining({ code: 'bad-sar-row', line: 5 }),
    );
    // Day-first when a part is above 12; dots are day-first.
    expect(sar.parse(banner('13/03/2026') + table, context()).series[0]?.t[0]).toBe(
      Date.UTC(2026, 2, 13, 12, 10, 1),
    );
    expect(sar.parse(banner('02.03.2026') + table, context()).series[0]?.t[0]).toBe(
      Date.UTC(2026, 2, 2, 12, 10, 1),
    );
  });

  it('sniffs sar text but not other tables', () => {
    expect(sar.sniff('Linux 6.1.0 (h) \t2026-03-02 \t_x86_64_\t(2 CPU)\n\n00:00:01 CPU %user\n')).toBe(true);
    expect(sar.sniff('12:00:01 AM kbmemfree kbmemused\n')).toBe(true);
    expect(sar.sniff('time,used\n12:00:01,1\n')).toBe(false);
  });
});

describe('kbmemused definition from %memused', () => {
  const rows = (entries: Record<string, number>): Map<string, number[]> =>
    new Map(Object.entries(entries).map(([k, v]) => [k, [v]]));
  it('tells the three sysstat definitions apart by which identity predicts %memused', () => {
    expect(kbmemusedDefinition(rows({ kbmemused: 600, '%memused': 60, kbmemfree: 400 }))).toBe(
      'total-minus-free',
    );
    expect(kbmemusedDefinition(rows({ kbmemused: 600, '%memused': 75, kbmemfree: 100, kbavail: 200 }))).toBe(
      'total-minus-available',
    );
    expect(
      kbmemusedDefinition(
        rows({
          kbmemused: 300,
          '%memused': 30,
          kbmemfree: 100,
          kbavail: 650,
          kbbuffers: 50,
          kbcached: 500,
          kbslab: 50,
        }),
      ),
    ).toBe('total-minus-free-buffers-cache-slab');
    // kbavail printed, neither checkable identity holds and kbslab is missing: 11.7.4–12.7.7 by elimination.
    expect(kbmemusedDefinition(rows({ kbmemused: 300, '%memused': 30, kbmemfree: 100, kbavail: 650 }))).toBe(
      'total-minus-free-buffers-cache-slab',
    );
    expect(kbmemusedDefinition(rows({ kbmemused: 300, '%memused': 30, kbmemfree: 100 }))).toBe('unknown');
    expect(kbmemusedDefinition(rows({ kbmemused: 300 }))).toBe('unknown');
  });
});

describe('sadf -d', () => {
  it('reads the sysstat test suite: UTC timestamps, blocks per activity, restart and comment records', async () => {
    const read = await readInput(fixture('sadf', 'sysstat-testsuite-sadf-d-memory-and-dentries.csv'), {
      tz: 'Asia/Tokyo',
    });
    expect(read.format).toBe('sadf');
    expect(read.result.host).toBe('SYSSTAT.TEST');
    const used = byName(read.result.series, 'kbmemused');
    expect(used.definition).toBe('total-minus-available');
    expect([...used.t]).toEqual(
      ['13:20:19', '13:20:29', '13:20:39', '13:20:49', '13:54:35'].map((hms) =>
        Date.parse(`2019-04-18T${hms}Z`),
      ),
    );
    expect(used.v[0]).toBe(3755444 * KIB);
    expect(byName(read.result.series, 'kbcommit').v[1]).toBe(30097852 * KIB);
    expect(byName(read.result.series, 'dentunusd').v.length).toBe(5);
    expect(read.warnings.map((w) => [w.code, w.line])).toEqual([
      ['host-restart', 11],
      ['time-gaps', 15],
      ['time-gaps', 17],
    ]);
  });

  it('reads -U epoch seconds and the swap block', async () => {
    const read = await readInput(fixture('sadf', 'sadf-dU-epoch-restart-swap-HANDMADE.csv'), { tz: 'UTC' });
    const available = byName(read.result.series, 'kbavail');
    expect([...available.t]).toEqual([0, 1, 2, 3].map((i) => Date.UTC(2026, 2, 2) + i * 600_000));
    expect([...available.v]).toEqual([5000000, 4750000, 4500000, 4250000].map((k) => k * KIB));
    expect(byName(read.result.series, 'kbswpused')).toMatchObject({ metric: 'swap.used' });
    expect([...byName(read.result.series, 'kbswpused').v]).toEqual([0, 1024, 2048, 3072].map((k) => k * KIB));
  });

  it('needs --tz for -T zone abbreviations and reads them in it', () => {
    const text =
      '# hostname;interval;timestamp;kbmemfree;kbmemused;%memused\nh;60;2019-04-18 09:20:19 EST;1;3;75.00\n';
    expect(() => sadf.parse(text, context())).toThrow(
      expect.objectContaining({ code: 'ambiguous-zone', line: 2 }),
    );
    const result = sadf.parse(text, context([], 'America/New_York'));
    expect(result.series[0]?.t[0]).toBe(Date.UTC(2019, 3, 18, 13, 20, 19));
  });

  it('reports a row with the wrong number of fields with its line', () => {
    const text =
      '# hostname;interval;timestamp;kbmemfree;kbmemused\nh;60;2019-04-18 09:20:19 UTC;1;3\nh;60;2019-04-18 09:21:19 UTC;1\n';
    expect(() => sadf.parse(text, context())).toThrow(expect.objectContaining({ code: 'bad-csv', line: 3 }));
  });
});
