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
import { describeFinding, describeForecast, verdictLabel } from '../../src/report/present.js';

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
