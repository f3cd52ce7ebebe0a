/**
 * Time cells → epoch milliseconds (UTC). Accepted: ISO 8601 with or without an offset (`T` or a space
 * between date and time, `Z`/`UTC`/`±HH:MM`/`±HHMM`/`±HH`), `YYYY-MM-DD HH:MM[:SS[.fff]]`, a bare date,
 * `/` as the date separator, and epoch seconds or milliseconds. Times without an offset are wall-clock
 * times in the given IANA zone (`--tz`); luxon resolves DST (a time skipped by spring-forward moves forward).
 */

import { DateTime } from 'luxon';

/**
 * How a time cell is written. Rows of one column must agree, so that e.g. a stray epoch-seconds value
 * in a millisecond column is an error rather than a time 1000× off.
 */
export type TimeKind = 'epoch-s' | 'epoch-ms' | 'datetime-offset' | 'datetime-local';

/**
 * Plausible epochs: 1990-01-01 up to 2200-01-01. This is what tells seconds from milliseconds (by
 * magnitude) and keeps a column of row numbers or sizes from passing as times.
 */
const EPOCH_MIN_S = 631_152_000;
const EPOCH_MAX_S = 7_258_118_400;

const DATETIME =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const EPOCH = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export interface ParsedTime {
  ms: number;
  kind: TimeKind;
}

/** Epoch ms of a time cell, or NaN when it is not a time (see the module comment for the forms). */
export function parseTime(text: string, tz: string): number {
  return parseTimeDetailed(text, tz)?.ms ?? NaN;
}

/** Like parseTime, but also says how the cell was written; null when it is not a time. */
export function parseTimeDetailed(text: string, tz: string): ParsedTime | null {
  const cell = text.trim();
  if (EPOCH.test(cell)) {
    const value = Number(cell);
    if (value >= EPOCH_MIN_S && value < EPOCH_MAX_S) return { ms: Math.round(value * 1000), kind: 'epoch-s' };
    if (value >= EPOCH_MIN_S * 1000 && value < EPOCH_MAX_S * 1000) return { ms: value, kind: 'epoch-ms' };
    return null;
  }

  const match = DATETIME.exec(cell);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[3]);
  const day = Number(match[4]);
  const hour = match[5] === undefined ? 0 : Number(match[5]);
  const minute = match[6] === undefined ? 0 : Number(match[6]);
  const second = match[7] === undefined ? 0 : Number(match[7]);
  const fractionMs = match[8] === undefined ? 0 : Number(`0.${match[8]}`) * 1000;
  const zone = match[9];

  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wallClockAsUtcMs = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 April over into May; a round trip catches impossible dates.
  if (new Date(wallClockAsUtcMs).getUTCDate() !== day) return null;

  if (zone !== undefined) {
    const offsetMinutes = parseOffsetMinutes(zone);
    if (offsetMinutes === null) return null;
    return { ms: wallClockAsUtcMs - offsetMinutes * 60_000 + fractionMs, kind: 'datetime-offset' };
  }
  if (isUtcZone(tz)) return { ms: wallClockAsUtcMs + fractionMs, kind: 'datetime-local' };
  const local = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: tz });
  if (!local.isValid) return null;
  return { ms: local.toMillis() + fractionMs, kind: 'datetime-local' };
}

/** Human wording of a TimeKind for messages. */
export function describeTimeKind(kind: TimeKind): string {
  switch (kind) {
    case 'epoch-s':
      return 'epoch seconds';
    case 'epoch-ms':
      return 'epoch milliseconds';
    case 'datetime-offset':
      return 'date-times with a UTC offset';
    case 'datetime-local':
      return 'date-times without a UTC offset';
  }
}

function parseOffsetMinutes(zone: string): number | null {
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (match === null) return null;
  const hours = Number(match[2]);
  const minutes = match[3] === undefined ? 0 : Number(match[3]);
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function isUtcZone(tz: string): boolean {
  const upper = tz.toUpperCase();
  return upper === 'UTC' || upper === 'ETC/UTC' || upper === 'Z' || upper === 'GMT' || upper === 'ETC/GMT';
}
