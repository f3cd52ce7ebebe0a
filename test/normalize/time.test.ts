import { describe, expect, it } from 'vitest';
import { parseTime, parseTimeDetailed } from '../../src/normalize/time.js';

const MAR_2 = Date.UTC(2026, 2, 2);

describe('parseTime', () => {
  it('reads ISO 8601 with an offset regardless of the zone', () => {
    expect(parseTime('2026-03-02T00:00:00Z', 'Europe/Berlin')).toBe(MAR_2);
    expect(parseTime('2026-03-02T01:00:00+01:00', 'UTC')).toBe(MAR_2);
    expect(parseTime('2026-03-01T19:00:00-0500', 'UTC')).toBe(MAR_2);
    expect(parseTime('2026-03-02T05:30+05:30', 'UTC')).toBe(MAR_2);
    expect(parseTime('2026-03-02 00:00:00 UTC', 'Asia/Tokyo')).toBe(MAR_2);
    expect(parseTime('2026-03-02T00:00:00.250Z', 'UTC')).toBe(MAR_2 + 250);
  });

  it('reads times without an offset in the given zone, across DST', () => {
    expect(parseTime('2026-03-02T00:00:00', 'UTC')).toBe(MAR_2);
    expect(parseTime('2026-03-02 01:00', 'Europe/Berlin')).toBe(MAR_2);
    expect(parseTime('2026-03-02', 'UTC')).toBe(MAR_2);
    expect(parseTime('2026/03/02 00:00:00', 'UTC')).toBe(MAR_2);
    // CEST: 03:30 local on the change day is 01:30 UTC.
    expect(parseTime('2026-03-29T03:30:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(parseTime('2026-07-01 12:00:00.5', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 16, 0, 0, 500));
  });

  it('tells epoch seconds from milliseconds by magnitude', () => {
    expect(parseTime('1772409600', 'UTC')).toBe(MAR_2);
    expect(parseTime('1772409600000', 'UTC')).toBe(MAR_2);
    expect(parseTime('1772409600.125', 'UTC')).toBe(MAR_2 + 125);
    expect(parseTimeDetailed('1772409600', 'UTC')?.kind).toBe('epoch-s');
    expect(parseTimeDetailed('1772409600000', 'UTC')?.kind).toBe('epoch-ms');
  });

  it('returns NaN for non-times, impossible dates and implausible epochs', () => {
    for (const text of [
      '',
      'yesterday',
      '2026-02-30',
      '2026-13-01',
      '2026-03-02T24:00',
      '42',
      '1e12',
      '2026-03-02T00:00+25:00',
    ]) {
      expect(parseTime(text, 'UTC'), text).toBeNaN();
    }
    expect(parseTime('2026-03-02T00:00', 'Not/AZone')).toBeNaN();
  });

  it('says whether a date-time had an offset', () => {
    expect(parseTimeDetailed('2026-03-02T00:00Z', 'UTC')?.kind).toBe('datetime-offset');
    expect(parseTimeDetailed('2026-03-02T00:00', 'UTC')?.kind).toBe('datetime-local');
  });
});
