import { describe, expect, it } from 'vitest';
import {
  numericDateOrder,
  parseDateLine,
  parseTime,
  parseTimeDetailed,
  wallClockInstants,
} from '../../src/normalize/time.js';

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

describe('spreadsheet and date-command forms', () => {
  it('reads numeric dates in the order given, or when a part above 12 decides', () => {
    expect(parseTime('02.03.2026 14:05', 'UTC')).toBe(Date.UTC(2026, 2, 2, 14, 5));
    expect(parseTime('13/03/2026', 'UTC')).toBe(Date.UTC(2026, 2, 13));
    expect(parseTime('3/13/26 2:05 PM', 'UTC')).toBe(Date.UTC(2026, 2, 13, 14, 5));
    expect(parseTime('03/04/2026', 'UTC')).toBeNaN();
    expect(parseTime('03/04/2026', 'UTC', { order: 'dmy' })).toBe(Date.UTC(2026, 3, 3));
    expect(parseTime('03/04/2026', 'UTC', { order: 'mdy' })).toBe(Date.UTC(2026, 2, 4));
    expect(parseTime('12:30 AM', 'UTC')).toBeNaN();
  });

  it('reads month names, weekday prefixes, 12-hour clocks and Excel serials', () => {
    expect(parseTime('2-Mar-2026 14:05', 'UTC')).toBe(Date.UTC(2026, 2, 2, 14, 5));
    expect(parseTime('Mar 2, 2026 2:05:30 PM', 'UTC')).toBe(Date.UTC(2026, 2, 2, 14, 5, 30));
    expect(parseTime('Mon, 02 Mar 2026 00:00:01 +0000', 'Asia/Tokyo')).toBe(Date.UTC(2026, 2, 2, 0, 0, 1));
    expect(parseTime('2026-03-02 12:00:00 AM', 'UTC')).toBe(MAR_2);
    expect(parseTime('46083.5', 'UTC')).toBeNaN();
    expect(parseTime('46083.5', 'UTC', { excelSerial: true })).toBe(Date.UTC(2026, 2, 2, 12));
  });
});

describe('numericDateOrder', () => {
  it('decides from a part above 12 and reports conflicts', () => {
    expect(numericDateOrder(['03/04/2026', '13/04/2026'])).toEqual({ order: 'dmy' });
    expect(numericDateOrder(['03/04/2026', '03/14/2026'])).toEqual({ order: 'mdy' });
    expect(numericDateOrder(['03/04/2026'])).toEqual({ order: null });
    expect(numericDateOrder(['13/04/2026', '03/14/2026'])).toEqual({
      conflict: { dayFirstIndex: 0, monthFirstIndex: 1 },
    });
  });
});

describe('parseDateLine', () => {
  it('reads what date, date -u, date -R, date -Is/-Ins and date +%s print', () => {
    expect(parseDateLine('Mon Mar  2 00:00:01 UTC 2026', 'UTC')).toEqual({
      ms: Date.UTC(2026, 2, 2, 0, 0, 1),
    });
    expect(parseDateLine('Mon 02 Mar 2026 12:00:01 AM UTC', 'UTC')).toEqual({
      ms: Date.UTC(2026, 2, 2, 0, 0, 1),
    });
    expect(parseDateLine('Mon, 02 Mar 2026 01:00:01 +0100', 'UTC')).toEqual({
      ms: Date.UTC(2026, 2, 2, 0, 0, 1),
    });
    expect(parseDateLine('2026-03-02T01:00:01+01:00', 'UTC')).toEqual({ ms: Date.UTC(2026, 2, 2, 0, 0, 1) });
    expect(parseDateLine('2026-03-02T00:00:01,123456789+00:00', 'UTC')).toEqual({
      ms: Date.UTC(2026, 2, 2, 0, 0, 1) + 123.456789,
    });
    expect(parseDateLine('1772409601', 'UTC')).toEqual({ ms: Date.UTC(2026, 2, 2, 0, 0, 1) });
    expect(parseDateLine('=== 2026-03-02 00:00:01 ===', 'Europe/Berlin')).toEqual({
      ms: Date.UTC(2026, 2, 1, 23, 0, 1),
    });
  });

  it('needs --tz for a zone abbreviation, and ignores lines that are not dates', () => {
    expect(parseDateLine('Mon Mar  2 00:00:01 CET 2026', 'UTC')).toEqual({ abbreviation: 'CET' });
    expect(parseDateLine('Mon Mar  2 01:00:01 CET 2026', 'Europe/Berlin')).toEqual({
      ms: Date.UTC(2026, 2, 2, 0, 0, 1),
    });
    for (const line of [
      'MemTotal:  16314528 kB',
      '2368980\t2357899\t45\t0\t2318380\t0',
      '2026-03-02',
      '42',
    ]) {
      expect(parseDateLine(line, 'UTC')).toBeNull();
    }
  });
});

describe('wallClockInstants', () => {
  it('gives both instants of the hour repeated when DST ends', () => {
    const parts = {
      year: 2026,
      month: 11,
      day: 1,
      hour: 1,
      minute: 30,
      second: 0,
      fractionMs: 0,
      offsetMinutes: null,
    };
    expect(wallClockInstants(parts, 'America/New_York')).toEqual([
      Date.UTC(2026, 10, 1, 5, 30),
      Date.UTC(2026, 10, 1, 6, 30),
    ]);
    expect(wallClockInstants({ ...parts, hour: 3 }, 'America/New_York')).toEqual([
      Date.UTC(2026, 10, 1, 8, 30),
    ]);
  });
});
