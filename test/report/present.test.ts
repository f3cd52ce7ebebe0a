import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDuration,
  formatPercent,
  formatPercentValue,
  formatPValue,
  formatSlope,
  formatTimeRange,
} from '../../src/model/format.js';
import {
  actionDeadline,
  actionItems,
  buildTimeline,
  forecastCountsCache,
  partOfSawtooth,
  describeFinding,
  describeForecast,
  describeImpact,
  phaseLetter,
  phaseRows,
  seriesMeaning,
  seriesRows,
  verdictLabel,
  type KeyFact,
} from '../../src/report/present.js';
import { reclaimableCacheResult, SAWTOOTH_TROUGHS_MS, sawtoothResult, USED } from './fixtures.js';

const GIB = 2 ** 30;
const MIB = 2 ** 20;

describe('formatting', () => {
  it('formats bytes in binary units with about three significant digits', () => {
    expect(formatBytes(12.4 * GIB)).toBe('12.4 GiB');
    expect(formatBytes(16 * GIB)).toBe('16 GiB');
    expect(formatBytes(240 * MIB)).toBe('240 MiB');
    expect(formatBytes(1.25 * GIB)).toBe('1.25 GiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(-GIB)).toBe('-1 GiB');
    expect(formatBytes(1023.99 * MIB)).toBe('1 GiB');
    expect(formatBytes(NaN)).toBe('—');
    expect(formatBytes(null)).toBe('—');
  });

  it('formats fractions, percent values, dates and ranges in UTC', () => {
    expect(formatPercent(0.9)).toBe('90%');
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercentValue(63.21)).toBe('63.2%');
    expect(formatDate('2026-03-02T14:00:59.000Z')).toBe('2026-03-02 14:00 UTC');
    expect(formatDate(Date.parse('2026-03-02T14:00:00+02:00'))).toBe('2026-03-02 12:00 UTC');
    expect(formatDate('not a date')).toBe('—');
    expect(formatTimeRange('2026-03-02T00:00:00Z', '2026-03-02T06:30:00Z')).toBe(
      '2026-03-02 00:00 – 06:30 UTC',
    );
    expect(formatTimeRange('2026-03-02T00:00:00Z', '2026-03-05T00:00:00Z')).toBe(
      '2026-03-02 00:00 – 2026-03-05 00:00 UTC',
    );
  });

  it('formats durations with the two largest units', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(12 * 60)).toBe('12 min');
    expect(formatDuration(36_864)).toBe('10 h 14 min');
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 5 * 60)).toBe('3 d 4 h');
    expect(formatDuration(86_400 + 60)).toBe('1 d');
  });

  it('formats slopes per hour with a sign', () => {
    expect(formatSlope(251_658_240)).toBe('+240 MiB/h');
    expect(formatSlope(-12 * MIB)).toBe('-12 MiB/h');
    expect(formatSlope(0.52, 'percent')).toBe('+0.52%/h');
    expect(formatSlope(0)).toBe('0 B/h');
  });

  it('formats p-values', () => {
    expect(formatPValue(0.042)).toBe('0.042');
    expect(formatPValue(1.2e-12)).toBe('1.2e-12');
  });
});

describe('report wording', () => {
  it('labels verdicts for humans', () => {
    expect(verdictLabel('reclaimable-cache')).toBe('Reclaimable cache — not a leak');
    expect(verdictLabel('kernel-leak')).toMatch(/kernel/i);
  });

  it('describes each finding kind', () => {
    expect(
      describeFinding({
        kind: 'sawtooth',
        series: 's',
        start: '2026-03-02T00:00:00Z',
        end: '2026-03-09T00:00:00Z',
        periodSeconds: 36_864,
        cycles: 18,
        amplitudeBytes: 2.4 * GIB,
        floorSlopeBytesPerHour: 0,
      }).detail,
    ).toBe('18 cycles every 10 h 14 min, amplitude 2.4 GiB, troughs 0 B/h');
    expect(
      describeFinding({
        kind: 'step-drop',
        series: 's',
        at: '2026-03-04T00:00:00Z',
        magnitudeBytes: 12 * GIB,
        cause: 'restart',
      }),
    ).toEqual({
      kind: 'step-drop',
      label: 'Step drop',
      subject: 's',
      when: '2026-03-04 00:00 UTC',
      whenParts: ['2026-03-04 00:00 UTC'],
      detail: '-12 GiB (restart)',
    });
    expect(
      describeFinding({ kind: 'step-rise', series: 's', at: '2026-03-04T00:00:00Z', magnitudePercent: 7.5 })
        .detail,
    ).toBe('+7.5%');
    expect(
      describeFinding({
        kind: 'slab-growth',
        cache: 'kmalloc-256',
        growthBytesPerHour: 83_200_000,
        reclaimable: false,
      }),
    ).toMatchObject({
      subject: 'kmalloc-256',
      detail: '+79.3 MiB/h, unreclaimable',
    });
    expect(
      describeFinding({
        kind: 'monotonic-decline',
        series: 's',
        start: '2026-03-02T00:00:00Z',
        end: '2026-03-03T00:00:00Z',
        slopePercentPerHour: -0.25,
        pValue: 1e-6,
        tau: -0.71,
        interceptAtStart: 40,
      }).detail,
    ).toBe("-0.25%/h (Sen's slope), Mann-Kendall p = 1.0e-6, τ = -0.71");
  });

  it('describes the forecast', () => {
    expect(describeForecast({ series: [], forecast: null })).toBeNull();
    expect(describeForecast({ series: [], forecast: { series: 'used', exhaustionAt: null } })).toBe(
      'used: not heading to exhaustion.',
    );
    expect(
      describeForecast({
        series: [],
        forecast: {
          series: 'used',
          exhaustionAt: '2026-03-06T01:04:00Z',
          totalBytes: 16 * GIB,
          slopeBytesPerHour: 240 * MIB,
        },
      }),
    ).toBe('used: would reach all 16 GiB at 2026-03-06 01:04 UTC at +240 MiB/h (latest regime).');
  });
});

describe('finding time ranges', () => {
  it('cuts a range where a table cell may wrap', () => {
    const row = describeFinding({
      kind: 'monotonic-growth',
      series: 's',
      start: '2026-03-02T00:00:00Z',
      end: '2026-03-03T23:55:00Z',
      slopeBytesPerHour: 1,
      pValue: 0.01,
      tau: 0.5,
      interceptAtStart: 0,
    });
    expect(row.when).toBe('2026-03-02 00:00 – 2026-03-03 23:55 UTC');
    expect(row.whenParts).toEqual(['2026-03-02 00:00 –', '2026-03-03 23:55 UTC']);
  });
});

describe('postmortem sections', () => {
  it('letters phases A, B … Z, AA', () => {
    expect([0, 1, 25, 26, 27].map(phaseLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });

  it('says what each series measures, by its definition of "used"', () => {
    expect(seriesMeaning({ metric: 'mem.used', definition: 'total-minus-free' })).toMatch(
      /^MemTotal − MemFree: counts page cache/,
    );
    expect(seriesMeaning({ metric: 'mem.used' })).toMatch(/^Not stated by the export/);
    expect(seriesMeaning({ metric: 'mem.available' })).toMatch(/^MemAvailable/);
  });

  it('describes the impact: near exhaustion on MemAvailable, what "used" saw, restarts and projection', () => {
    const view = describeImpact(reclaimableCacheResult());
    const row = (label: string): KeyFact | undefined => view.rows.find((r) => r.label === label);
    expect(row('Total memory')?.value).toBe('16 GiB');
    expect(row('Peak used')?.value).toMatch(/^[\d.]+ GiB, [\d.]+% of total$/);
    expect(row('Peak used')?.note).toContain(USED);
    expect(row('Available ≤ 10% of total')?.value).toBe('never');
    expect(row('Restarts / OOM kills')?.value).toBe('none seen');
    expect(row('Projected exhaustion')?.value).toBe('2026-03-06 01:04 UTC');
    expect(view.statement).toMatch(
      /never fell below [\d.]+ GiB, [\d.]+% of total: the host was not short of memory/,
    );
    expect(view.keyFacts.map((f) => f.label)).toEqual([
      'Near exhaustion',
      'Lowest available',
      'Restarts / OOM kills',
      'Projected exhaustion',
    ]);
    expect(view.keyFacts[0]).toEqual({
      label: 'Near exhaustion',
      value: 'never',
      note: 'MemAvailable ≤ 10%',
    });
  });

  it('counts drops caused by restarts and OOM kills', () => {
    const result = reclaimableCacheResult();
    result.findings.push(
      {
        kind: 'step-drop',
        series: USED,
        at: '2026-03-03T10:00:00.000Z',
        magnitudeBytes: 2 ** 32,
        cause: 'oom-kill',
      },
      {
        kind: 'step-drop',
        series: USED,
        at: '2026-03-03T12:00:00.000Z',
        magnitudeBytes: 2 ** 32,
        cause: 'restart',
      },
    );
    const restarts = describeImpact(result).rows.find((r) => r.label === 'Restarts / OOM kills');
    expect(restarts).toEqual({
      label: 'Restarts / OOM kills',
      value: '1 OOM kill, 1 restart',
      note: 'oom-kill 2026-03-03 10:00 UTC; restart 2026-03-03 12:00 UTC',
    });
  });

  it('cannot tell how close to the limit without a total', () => {
    const result = reclaimableCacheResult();
    result.impact = {
      ...result.impact!,
      totalBytes: null,
      nearExhaustionSeconds: null,
      nearExhaustionBasis: null,
    };
    expect(describeImpact(result).statement).toMatch(/^How close memory came to the limit cannot be told/);
    expect(describeImpact(result).keyFacts[0]?.value).toBe('unknown');
  });

  it('builds the timeline from data, findings, marks and the forecast, in time order', () => {
    const { entries, omitted } = buildTimeline(reclaimableCacheResult());
    expect(omitted).toBe(0);
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const events = entries.map((e) => `${e.source}: ${e.event}`);
    expect(events[0]).toBe('data: Data begins');
    expect(events).toContain('mark: Mark: drop_caches');
    expect(events).toContain(`detected: ${USED} drops 10.7 GiB at the mark "drop_caches"`);
    expect(events).toContain(`detected: ${USED} starts growing +240 MiB/h`);
    expect(events.at(-1)).toMatch(/^forecast: Projected: system.mem.used reaches the total/);
    // The mark comes before the drop it caused at the same minute.
    expect(events.indexOf('mark: Mark: drop_caches')).toBeLessThan(
      events.indexOf(`detected: ${USED} drops 10.7 GiB at the mark "drop_caches"`),
    );
  });

  it('explains a drop whose cause the analysis found', () => {
    const result = reclaimableCacheResult();
    result.marks = [];
    result.findings = result.findings.map((f) => (f.kind === 'step-drop' ? { ...f, cause: 'restart' } : f));
    const events = buildTimeline(result).entries.map((e) => e.event);
    expect(events).toContain(`${USED} drops 10.7 GiB: a process exited and gave its memory back (restart)`);
  });

  it('compares phases to the first one', () => {
    const rows = phaseRows(reclaimableCacheResult());
    expect(rows.map((r) => [r.letter, r.label, r.lasted])).toEqual([
      ['A', 'before drop_caches', '2 d'],
      ['B', 'after drop_caches', '1 d'],
    ]);
    expect(rows[0]?.meanChange).toBe('');
    expect(rows[1]?.meanChange).toMatch(/^-\d+(\.\d+)?%$/);
    expect(rows[0]?.whenParts).toEqual(['2026-03-02 00:00 –', '2026-03-04 00:00 UTC']);
  });

  it('turns recommendations into action items with a done-when check', () => {
    const items = actionItems(reclaimableCacheResult());
    expect(items.map((i) => [i.number, i.action, i.type])).toEqual([
      [1, 'Alert on MemAvailable, not on used memory', 'action'],
      [2, 'vm.vfs_cache_pressure = 200', 'setting'],
    ]);
    expect(items[1]?.doneWhen).toBe(
      'sysctl vm.vfs_cache_pressure; SReclaimable in /proc/meminfo levels off within a day.',
    );
  });

  it('lists each series with its file, points and meaning for the appendix', () => {
    const rows = seriesRows(reclaimableCacheResult());
    expect(rows[0]).toMatchObject({ label: USED, file: 'web-01-datadog.csv', points: '865', unit: 'bytes' });
    expect(rows[0]?.meaning).toMatch(/^MemTotal − MemFree/);
  });
});

describe('forecasts of a "used" that counts cache', () => {
  it('give no deadline unless the verdict is a leak, and say the projection counts cache', () => {
    const cache = reclaimableCacheResult();
    expect(forecastCountsCache(cache)).toBe(true);
    expect(actionDeadline(cache)).toBeNull();
    expect(describeImpact(cache).keyFacts[3]?.note).toContain('counts cache');
    const leak = reclaimableCacheResult();
    leak.verdict = { ...leak.verdict, kind: 'leak' };
    leak.series = leak.series.map((s) =>
      s.name === USED ? { ...s, definition: 'total-minus-available' } : s,
    );
    expect(forecastCountsCache(leak)).toBe(false);
    expect(actionDeadline(leak)).toBe('2026-03-06 01:04 UTC');
    expect(describeImpact(leak).keyFacts[3]).toEqual({
      label: 'Projected exhaustion',
      value: 'in 1 d 1 h',
      note: '2026-03-06 01:04 UTC',
    });
  });
});

describe('partOfSawtooth', () => {
  it('folds the steps and trends inside a sawtooth span on its series into the sawtooth', () => {
    const result = sawtoothResult();
    const inside = {
      kind: 'step-drop',
      series: USED,
      at: new Date(SAWTOOTH_TROUGHS_MS[1]!).toISOString(),
      magnitudeBytes: 1,
    } as const;
    const otherSeries = { ...inside, series: 'other' };
    const before = { ...inside, at: '2026-03-02T06:00:00.000Z' };
    result.findings.push(inside, otherSeries, before);
    expect(partOfSawtooth(inside, result.findings)).toBe(true);
    expect(partOfSawtooth(otherSeries, result.findings)).toBe(false);
    expect(partOfSawtooth(before, result.findings)).toBe(false);
    const entries = buildTimeline(result).entries;
    const at = (time: string): string[] => entries.filter((e) => e.at === time).map((e) => e.event);
    expect(at(inside.at)).toEqual(['other drops 1 B']);
    expect(at(before.at)).toEqual([`${USED} drops 1 B`]);
  });
});

describe('partOfSawtooth and outsized steps', () => {
  it('keeps a drop far larger than the cycles (drop_caches, a restart) as an event of its own', () => {
    const result = sawtoothResult();
    const sawtooth = result.findings.find((f) => f.kind === 'sawtooth')!;
    const at = new Date(SAWTOOTH_TROUGHS_MS[0]!).toISOString();
    const cycle = { kind: 'step-drop', series: USED, at, magnitudeBytes: 3 * 2 ** 30 } as const;
    const outsized = { ...cycle, magnitudeBytes: 13 * 2 ** 30 };
    expect(partOfSawtooth(cycle, [sawtooth])).toBe(true);
    expect(partOfSawtooth(outsized, [sawtooth])).toBe(false);
  });
});
