/**
 * Time cells → epoch milliseconds (UTC). Accepted:
 *
 * - ISO 8601 with or without an offset (`T` or a space between date and time, `Z`/`UTC`/`GMT`/
 *   `±HH:MM`/`±HHMM`/`±HH`), `YYYY-MM-DD HH:MM[:SS[.fff]]`, a bare date, `/` as the date separator;
 * - spreadsheet forms: `D/M/YYYY` or `M/D/YYYY` (also `-`, and `.` which is always day-first, and
 *   two-digit years), month names (`2-Mar-2026`, `02 Mar 2026`, `Mar 2, 2026`, `March 2 2026`), a
 *   12-hour clock (`2:05 PM`), and Excel serial day numbers where the caller allows them;
 * - epoch seconds or milliseconds (told apart by magnitude).
 *
 * Times without an offset are wall-clock times in the given IANA zone (`--tz`); luxon resolves DST (a
 * time skipped by spring-forward moves forward). Whether `03/04/2026` is day-first or month-first cannot
 * be told from one cell: `numericDateOrder` reads the evidence of a whole column (a part above 12).
 */

import { DateTime } from 'luxon';

/**
 * How a time cell is written. Rows of one column must agree, so that e.g. a stray epoch-seconds value
 * in a millisecond column is an error rather than a time 1000× off.
 */
export type TimeKind = 'epoch-s' | 'epoch-ms' | 'datetime-offset' | 'datetime-local' | 'excel-serial';

/** Day-first (`D/M/Y`) or month-first (`M/D/Y`) numeric dates. */
export type DateOrder = 'dmy' | 'mdy';

/**
 * Plausible epochs: 1990-01-01 up to 2200-01-01. This is what tells seconds from milliseconds (by
 * magnitude) and keeps a column of row numbers or sizes from passing as times.
 */
const EPOCH_MIN_S = 631_152_000;
const EPOCH_MAX_S = 7_258_118_400;
/** [min, max) of plausible epochs in seconds and in milliseconds (the ranges epochTime accepts). */
export const EPOCH_S_RANGE: readonly [number, number] = [EPOCH_MIN_S, EPOCH_MAX_S];
export const EPOCH_MS_RANGE: readonly [number, number] = [EPOCH_MIN_S * 1000, EPOCH_MAX_S * 1000];
/** Excel serial days of the same span (1990-01-01 = 32874, 2200-01-01 = 109574), in the 1900 date system. */
const SERIAL_MIN = 32_874;
const SERIAL_MAX = 109_574;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const TIME_PART = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?`;
const ZONE_PART = String.raw`(Z|UTC|GMT|UCT|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5})`;

const ISO_DATETIME = new RegExp(
  String.raw`^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:[T ]|,\s*)\s*${TIME_PART})?\s*${ZONE_PART}?$`,
  'i',
);
const NUMERIC_DATE = new RegExp(
  String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:(?:[T ]|,\s*)\s*${TIME_PART})?\s*${ZONE_PART}?$`,
  'i',
);
/** `2-Mar-2026 14:05`, `02 Mar 2026 12:00:01 AM UTC`, `Mon, 02 Mar 2026 00:00:01 +0000`. */
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s]+(\d{4}|\d{2})(?:(?:[T ]|,\s*)\s*${TIME_PART})?\s*${ZONE_PART}?$`,
);
/** `Mar 2, 2026 14:05`, `March 2 2026 2:05 PM`, `Tue, Mar 2, 2026 …`. */
const MONTH_NAME_DAY = new RegExp(
  String.raw`^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:(?:[T ]|,\s*)\s*${TIME_PART})?\s*${ZONE_PART}?$`,
);
/** The `date` command's C-locale form: `Mon Mar  2 00:00:01 UTC 2026` (the zone may be missing). */
const DATE_COMMAND = new RegExp(
  String.raw`^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+${TIME_PART}\s+(?:${ZONE_PART}\s+)?(\d{4})$`,
);
const EPOCH = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [
    m,
    i + 1,
  ]),
);

export interface ParsedTime {
  ms: number;
  kind: TimeKind;
}

/** The fields of a date-time as written, before a zone turns them into an instant. */
export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fractionMs: number;
  /** Minutes east of UTC when the text states an offset (`Z`, `UTC` and `GMT` are 0); null for wall-clock. */
  offsetMinutes: number | null;
  /** A zone abbreviation such as `CET` or `EST` that states no offset by itself (kept for the caller). */
  zoneAbbreviation?: string;
}

export interface ParseTimeOptions {
  /** How to read `a/b/yyyy`. Without it, such a cell parses only when a part above 12 decides. */
  order?: DateOrder;
  /** Accept Excel serial day numbers (only where the column is known to be a time, e.g. by its header). */
  excelSerial?: boolean;
}

/** Epoch ms of a time cell, or NaN when it is not a time (see the module comment for the forms). */
export function parseTime(text: string, tz: string, options: ParseTimeOptions = {}): number {
  return parseTimeDetailed(text, tz, options)?.ms ?? NaN;
}

/** Like parseTime, but also says how the cell was written; null when it is not a time. */
export function parseTimeDetailed(
  text: string,
  tz: string,
  options: ParseTimeOptions = {},
): ParsedTime | null {
  const cell = text.trim();
  if (EPOCH.test(cell)) {
    const value = Number(cell);
    const epoch = epochTime(value);
    if (epoch !== null) return epoch;
    if (options.excelSerial === true && value >= SERIAL_MIN && value < SERIAL_MAX) {
      return excelSerialTime(value, tz);
    }
    return null;
  }
  const parts = parseDateTimeParts(cell, options.order);
  if (parts === null || parts.zoneAbbreviation !== undefined) return null;
  const ms = partsToEpochMs(parts, tz);
  if (ms === null) return null;
  return { ms, kind: parts.offsetMinutes === null ? 'datetime-local' : 'datetime-offset' };
}

/** A plain number as an epoch: seconds or milliseconds by magnitude (see EPOCH_MIN_S); null when neither. */
export function epochTime(value: number): ParsedTime | null {
  if (value >= EPOCH_MIN_S && value < EPOCH_MAX_S) return { ms: Math.round(value * 1000), kind: 'epoch-s' };
  if (value >= EPOCH_MIN_S * 1000 && value < EPOCH_MAX_S * 1000) return { ms: value, kind: 'epoch-ms' };
  return null;
}

/**
 * The fields of a date-time in any of the written forms (not epochs), or null. `a/b/yyyy` needs `order`
 * unless a part above 12 decides it; a `.`-separated numeric date is always day-first.
 */
export function parseDateTimeParts(text: string, order?: DateOrder): DateTimeParts | null {
  const cell = text.trim();
  let match = ISO_DATETIME.exec(cell);
  if (match !== null) {
    return buildParts(Number(match[1]), Number(match[3]), Number(match[4]), match.slice(5, 11));
  }
  match = NUMERIC_DATE.exec(cell);
  if (match !== null) {
    const a = Number(match[1]);
    const b = Number(match[3]);
    const readAs = match[2] === '.' ? 'dmy' : (order ?? orderFromParts(a, b));
    if (readAs === null) return null;
    const [day, month] = readAs === 'dmy' ? [a, b] : [b, a];
    return buildParts(fullYear(match[4] as string), month, day, match.slice(5, 11));
  }
  match = DAY_MONTH_NAME.exec(cell);
  if (match !== null) {
    const month = monthNumber(match[2] as string);
    if (month === null) return null;
    return buildParts(fullYear(match[3] as string), month, Number(match[1]), match.slice(4, 10));
  }
  match = MONTH_NAME_DAY.exec(cell);
  if (match !== null) {
    const month = monthNumber(match[1] as string);
    if (month === null) return null;
    return buildParts(Number(match[3]), month, Number(match[2]), match.slice(4, 10));
  }
  match = DATE_COMMAND.exec(cell);
  if (match !== null) {
    const month = monthNumber(match[1] as string);
    if (month === null) return null;
    return buildParts(Number(match[9]), month, Number(match[2]), [...match.slice(3, 9)]);
  }
  return null;
}

/**
 * The two numbers of a `a/b/yyyy` or `a-b-yyyy` cell (not `.`: that is always day-first), or null when
 * the cell is not such a date. A column's order is decided from these (see `numericDateOrder`).
 */
export function numericDateFields(text: string): { a: number; b: number } | null {
  const match = NUMERIC_DATE.exec(text.trim());
  if (match === null || match[2] === '.') return null;
  return { a: Number(match[1]), b: Number(match[3]) };
}

/** Day-first when a first part exceeds 12, month-first when a second part does; null when no cell decides. */
function orderFromParts(a: number, b: number): DateOrder | null {
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return null;
}

export type OrderDecision =
  { order: DateOrder | null } | { conflict: { dayFirstIndex: number; monthFirstIndex: number } };

/**
 * The order of a column of numeric dates, from its cells: a first part above 12 can only be a day, a
 * second part above 12 only a day too. `order: null` when no cell decides (every part ≤ 12); a conflict
 * when cells disagree (the column mixes both orders, so no reading is safe).
 */
export function numericDateOrder(cells: readonly string[]): OrderDecision {
  let dayFirstIndex = -1;
  let monthFirstIndex = -1;
  for (let i = 0; i < cells.length; i++) {
    const fields = numericDateFields(cells[i] as string);
    if (fields === null) continue;
    const order = orderFromParts(fields.a, fields.b);
    if (order === 'dmy' && dayFirstIndex < 0) dayFirstIndex = i;
    if (order === 'mdy' && monthFirstIndex < 0) monthFirstIndex = i;
    if (dayFirstIndex >= 0 && monthFirstIndex >= 0) return { conflict: { dayFirstIndex, monthFirstIndex } };
  }
  if (dayFirstIndex >= 0) return { order: 'dmy' };
  if (monthFirstIndex >= 0) return { order: 'mdy' };
  return { order: null };
}

function monthNumber(name: string): number | null {
  return MONTHS.get(name.slice(0, 3).toLowerCase()) ?? null;
}

/** Two-digit years are 2000–2069 or 1970–1999, as spreadsheets read them. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

/** `time` = [hour, minute, second, fraction, am/pm, zone] as captured (undefined when absent). */
function buildParts(
  year: number,
  month: number,
  day: number,
  time: readonly (string | undefined)[],
): DateTimeParts | null {
  const [hourText, minuteText, secondText, fraction, meridiem, zone] = time;
  let hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toLowerCase() === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC rolls 31 April over into May; a round trip catches impossible dates.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  const parts: DateTimeParts = {
    year,
    month,
    day,
    hour,
    minute,
    second,
    fractionMs: fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000,
    offsetMinutes: null,
  };
  if (zone === undefined) return parts;
  const offset = parseOffsetMinutes(zone);
  if (offset !== null) return { ...parts, offsetMinutes: offset };
  if (/^[A-Za-z]{2,5}$/.test(zone)) return { ...parts, zoneAbbreviation: zone.toUpperCase() };
  return null;
}

/** The instant of date-time parts: their offset, else wall-clock in `tz`; null for an unknown zone. */
export function partsToEpochMs(parts: DateTimeParts, tz: string): number | null {
  const wallClockAsUtcMs = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  if (parts.offsetMinutes !== null) return wallClockAsUtcMs - parts.offsetMinutes * 60_000 + parts.fractionMs;
  if (isUtcZone(tz)) return wallClockAsUtcMs + parts.fractionMs;
  const local = DateTime.fromObject(
    {
      year: parts.year,
      month: parts.month,
      day: parts.day,
      hour: parts.hour,
      minute: parts.minute,
      second: parts.second,
    },
    { zone: tz },
  );
  if (!local.isValid) return null;
  return local.toMillis() + parts.fractionMs;
}

/** Excel's 1900 date system: whole days since 1899-12-30, the fraction is the time of day (wall-clock). */
function excelSerialTime(serial: number, tz: string): ParsedTime | null {
  const wallClockAsUtcMs = Math.round(EXCEL_EPOCH_MS + serial * DAY_MS);
  const date = new Date(wallClockAsUtcMs);
  const parts: DateTimeParts = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    fractionMs: date.getUTCMilliseconds(),
    offsetMinutes: null,
  };
  const ms = partsToEpochMs(parts, tz);
  return ms === null ? null : { ms, kind: 'excel-serial' };
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
    case 'excel-serial':
      return 'spreadsheet serial day numbers';
  }
}

function parseOffsetMinutes(zone: string): number | null {
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT' || upper === 'UCT') return 0;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (match === null) return null;
  const hours = Number(match[2]);
  const minutes = match[3] === undefined ? 0 : Number(match[3]);
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

export function isUtcZone(tz: string): boolean {
  const upper = tz.toUpperCase();
  return upper === 'UTC' || upper === 'ETC/UTC' || upper === 'Z' || upper === 'GMT' || upper === 'ETC/GMT';
}

// ---------------------------------------------------------------------------------------------
// Timestamp lines between snapshots captured in a loop

export type DateLine =
  | { ms: number }
  /** A zone abbreviation (`CET`) other than UTC/GMT while `tz` is UTC: the offset is unknown. */
  | { abbreviation: string };

/**
 * A line printed by `date`, `date -u`, `date -R`, `date -Is`/`-Ins`, `date +%s`, `date '+%F %T'` or
 * `date +%Y-%m-%dT%H:%M:%SZ`, optionally framed by `=`, `-`, `#` or `*` (`=== … ===`); null when the
 * line is not one. A zone abbreviation other than UTC/GMT is read in `tz` when the user chose a zone;
 * with `tz` UTC the caller must refuse it (`{ abbreviation }`), since guessing would shift every time.
 */
export function parseDateLine(line: string, tz: string): DateLine | null {
  const text = line.trim().replace(/^[=#*\-\s]+|[=#*\-\s]+$/g, '');
  if (text === '' || !/\d/.test(text)) return null;
  if (/^\d{9,10}(?:\.\d+)?$/.test(text)) {
    const parsed = parseTimeDetailed(text, tz);
    return parsed?.kind === 'epoch-s' ? { ms: parsed.ms } : null;
  }
  // A date line states a time of day; `date -Ins` writes its nanoseconds after a comma (ISO allows it).
  if (!text.includes(':')) return null;
  const parts = parseDateTimeParts(text);
  if (parts === null) return null;
  if (parts.zoneAbbreviation !== undefined) {
    if (isUtcZone(tz)) return { abbreviation: parts.zoneAbbreviation };
    const ms = partsToEpochMs({ ...parts, offsetMinutes: null }, tz);
    return ms === null ? null : { ms };
  }
  const ms = partsToEpochMs(parts, tz);
  return ms === null ? null : { ms };
}

/**
 * Every instant at which a wall-clock time happens in `tz`, earliest first: two for the hour repeated
 * when DST ends (luxon alone picks one of them), one otherwise, none in the hour skipped when it begins
 * (there luxon's forward-shifted reading is returned). Readers of local-time logs pick the first instant
 * not before the previous row's.
 */
export function wallClockInstants(parts: DateTimeParts, tz: string): number[] {
  const ms = partsToEpochMs(parts, tz);
  if (ms === null) return [];
  if (parts.offsetMinutes !== null || isUtcZone(tz)) return [ms];
  const instants = new Set<number>();
  for (const shiftMs of [-3_600_000, -1_800_000, 0, 1_800_000, 3_600_000]) {
    const candidate = DateTime.fromMillis(ms - parts.fractionMs + shiftMs, { zone: tz });
    if (
      candidate.year === parts.year &&
      candidate.month === parts.month &&
      candidate.day === parts.day &&
      candidate.hour === parts.hour &&
      candidate.minute === parts.minute &&
      candidate.second === parts.second
    ) {
      instants.add(ms + shiftMs);
    }
  }
  return instants.size === 0 ? [ms] : [...instants].sort((a, b) => a - b);
}

/** The first of a wall-clock time's instants that is not before `previousMs` (else the last). */
export function instantAfter(parts: DateTimeParts, tz: string, previousMs: number): number | null {
  const instants = wallClockInstants(parts, tz);
  if (instants.length === 0) return null;
  return instants.find((instant) => instant >= previousMs) ?? (instants[instants.length - 1] as number);
}

/** Whether `tz` changes its UTC offset within three hours of `ms` (where a wall-clock time may be ambiguous). */
export function nearOffsetChange(ms: number, tz: string): boolean {
  if (isUtcZone(tz)) return false;
  const window = 3 * 3_600_000;
  return (
    DateTime.fromMillis(ms - window, { zone: tz }).offset !==
    DateTime.fromMillis(ms + window, { zone: tz }).offset
  );
}
