/**
 * `sar` text output (sysstat; research/formats.md §6): `sar -r`, `sar -r ALL`, `sar -S`, `sar -v`, alone
 * or within `sar -A`. A banner `Linux <kernel> (<host>) <date> _<arch>_ (<n> CPU)` gives the host and the
 * date; every row starts with a local wall-clock time of day (`12:58:10 PM` in 12-hour locales,
 * `12:53:21` with LC_ALL=C, `15时30分03秒` in zh_CN) read in --tz. A header row (time + column names)
 * starts each block and may repeat; `Average:`/`Summary:` rows, `LINUX RESTART` rows and activities
 * without memory columns (CPU, network …) are skipped, a restart with one warning.
 *
 * The date: `YYYY-MM-DD` (S_TIME_FORMAT=ISO); `DD.MM.YYYY`; a part above 12 decides `a/b/y`; a 12-hour
 * clock means en_US (month-first); a two-digit year with a 24-hour clock is read as the C locale's
 * `MM/DD/YY` (what `LC_ALL=C sar` prints) with a warning; `DD/MM/YYYY` vs `MM/DD/YYYY` with a 24-hour
 * clock and both parts ≤ 12 is an error (no locale rule decides it).
 *
 * Rows past midnight: within one activity, a time of day more than two hours earlier than the previous
 * row's is the next day; a smaller step back is the local clock repeating an hour (DST ends): each
 * row takes the first instant of its wall-clock time that is not before the previous row's.
 *
 * Several daily files are given as several inputs: each file is read alone, with its own banner date.
 */

import { InputError, messages } from '../errors.js';
import type { DateTimeParts } from '../normalize/time.js';
import { instantAfter } from '../normalize/time.js';
import type { Importer, IngestContext } from './importer.js';
import { memoryColumns, SysstatSeries } from './sysstat.js';

const BANNER = /^Linux\s+(\S+)\s+\(([^)]*)\)\s+(\S+)/;
const TIME_12H = /^(\d{1,2}):(\d{2}):(\d{2})\s+([AaPp][Mm])(?=\s|$)/;
const TIME_24H = /^(\d{1,2}):(\d{2}):(\d{2})(?=\s|$)/;
const TIME_ZH = /^(\d{1,2})时(\d{2})分(\d{2})秒(?=\s|$)/;
/** `Average:`, `Summary:` and their translations: a word and a colon, not a time. */
const SUMMARY_ROW = /^[^\d\s][^\s:]*:(?:\s|$)/;
const NUMBER = /^-?\d+(?:[.,]\d+)?$/;
const TWO_HOURS_S = 2 * 3600;

interface TimeOfDay {
  seconds: number;
  rest: string;
}

function timeOfDay(line: string): TimeOfDay | null {
  let match = TIME_12H.exec(line);
  if (match !== null) {
    const hour = Number(match[1]);
    if (hour < 1 || hour > 12) return null;
    const pm = (match[4] as string).toLowerCase() === 'pm';
    const seconds = ((hour % 12) + (pm ? 12 : 0)) * 3600 + Number(match[2]) * 60 + Number(match[3]);
    return { seconds, rest: line.slice(match[0].length) };
  }
  match = TIME_24H.exec(line) ?? TIME_ZH.exec(line);
  if (match === null) return null;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  return { seconds, rest: line.slice(match[0].length) };
}

function isHeaderLine(line: string): boolean {
  const time = timeOfDay(line);
  if (time === null) return false;
  const words = time.rest.trim().split(/\s+/);
  return words.length > 0 && words.every((word) => !NUMBER.test(word)) && /[A-Za-z]/.test(time.rest);
}

/** The banner's date → year, month, day (see the module comment for the order rules). */
function bannerDate(
  text: string,
  twelveHour: boolean,
  ctx: IngestContext,
  line: number,
): { year: number; month: number; day: number } {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match !== null) return checked(Number(match[1]), Number(match[2]), Number(match[3]), text, ctx, line);
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(text);
  if (match !== null)
    return checked(year(match[3] as string), Number(match[2]), Number(match[1]), text, ctx, line);
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (match === null) throw new InputError('sar-date', messages.sarDateUnknown(text), ctx.file, line);
  const a = Number(match[1]);
  const b = Number(match[2]);
  const y = year(match[3] as string);
  if (a > 12) return checked(y, b, a, text, ctx, line);
  if (b > 12 || twelveHour) return checked(y, a, b, text, ctx, line);
  if ((match[3] as string).length === 2) {
    ctx.warn(
      'date-order-assumed',
      `banner date "${text}" read as the C locale's MM/DD/YY (if the host used DD/MM/YY, export with S_TIME_FORMAT=ISO)`,
      line,
    );
    return checked(y, a, b, text, ctx, line);
  }
  throw new InputError('sar-date', messages.sarDateAmbiguous(text), ctx.file, line);
}

function year(text: string): number {
  return text.length === 4 ? Number(text) : 2000 + Number(text);
}

function checked(
  y: number,
  month: number,
  day: number,
  text: string,
  ctx: IngestContext,
  line: number,
): { year: number; month: number; day: number } {
  const date = new Date(Date.UTC(y, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day) {
    throw new InputError('sar-date', messages.sarDateUnknown(text), ctx.file, line);
  }
  return { year: y, month, day };
}

interface Activity {
  columns: string[];
  memory: ReturnType<typeof memoryColumns>;
  headerLine: number;
  key: string;
}

export const sar: Importer = {
  id: 'sar',
  description: '`sar -r [ALL]`, `sar -S`, `sar -v` text (banner date, 12/24-hour clocks, restarts)',

  sniff(head) {
    const lines = head.split('\n').map((line) => line.replace(/\r$/, ''));
    const first = lines.find((line) => line.trim() !== '');
    const headers = lines.filter(isHeaderLine);
    if (first !== undefined && BANNER.test(first)) return headers.length > 0;
    return headers.some((line) => memoryColumns(line.trim().split(/\s+/)).length > 0);
  },

  parse(text, ctx) {
    const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
    const twelveHour = lines.some((line) => TIME_12H.test(line));
    const series = new SysstatSeries();
    let date: { year: number; month: number; day: number } | null = null;
    let host: string | undefined;
    let kernelRelease: string | undefined;
    let activity: Activity | null = null;
    const previous = new Map<string, { seconds: number; dayOffset: number; ms: number }>();
    let restarts = 0;
    let firstRestartLine = 0;
    let ignored = 0;
    let firstIgnoredLine = 0;

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const lineNumber = i + 1;
      if (line.trim() === '') {
        activity = null;
        continue;
      }
      const banner = BANNER.exec(line);
      if (banner !== null) {
        date = bannerDate(banner[3] as string, twelveHour, ctx, lineNumber);
        host ??= banner[2] === '' ? undefined : banner[2];
        kernelRelease ??= banner[1];
        previous.clear();
        continue;
      }
      if (SUMMARY_ROW.test(line)) continue;
      const time = timeOfDay(line);
      if (time === null) {
        ignored++;
        firstIgnoredLine ||= lineNumber;
        continue;
      }
      const words = time.rest.trim().split(/\s+/);
      if (/LINUX\s+RESTART/.test(time.rest)) {
        restarts++;
        firstRestartLine ||= lineNumber;
        continue;
      }
      if (words.every((word) => !NUMBER.test(word))) {
        // Activities without memory columns (CPU, network …) are read past, row by row.
        activity = {
          columns: words,
          memory: memoryColumns(words),
          headerLine: lineNumber,
          key: words.join(' '),
        };
        continue;
      }
      if (activity === null || activity.memory.length === 0) {
        if (activity === null) {
          ignored++;
          firstIgnoredLine ||= lineNumber;
        }
        continue;
      }
      if (date === null)
        throw new InputError('sar-date', messages.sarDateUnknown('(no banner)'), ctx.file, 1);
      if (words.length !== activity.columns.length) {
        throw new InputError(
          'bad-sar-row',
          messages.badSarRow(line.trim().slice(0, 80)),
          ctx.file,
          lineNumber,
        );
      }
      const values = words.map((word) => (NUMBER.test(word) ? Number(word.replace(',', '.')) : NaN));
      const bad = values.findIndex((value) => Number.isNaN(value));
      if (bad >= 0) {
        throw new InputError(
          'bad-sar-row',
          messages.badSarRow(line.trim().slice(0, 80)),
          ctx.file,
          lineNumber,
        );
      }
      const ms = rowTime(date, time.seconds, activity.key, previous, ctx, lineNumber);
      for (const column of activity.memory) {
        series.add(
          column.name,
          column.meaning,
          ms,
          values[column.index] as number,
          lineNumber,
          activity.headerLine,
        );
      }
      const percentIndex = activity.columns.indexOf('%memused');
      if (percentIndex >= 0 && activity.memory.some((column) => column.name === 'kbmemused')) {
        series.addExtra('%memused', ms, values[percentIndex] as number);
      }
    }

    const result = series.finish(ctx, 'sar');
    if (date === null) throw new InputError('sar-date', messages.sarDateUnknown('(no banner)'), ctx.file, 1);
    if (result.length === 0) throw new InputError('no-sar-data', messages.noSarData(), ctx.file);
    if (restarts > 0) {
      ctx.warn(
        'host-restart',
        `sar records ${restarts} restart(s) of the host (LINUX RESTART)`,
        firstRestartLine,
      );
    }
    if (ignored > 0) {
      ctx.warn('ignored-lines', `${ignored} line(s) that are not sar rows were ignored`, firstIgnoredLine);
    }
    return {
      series: result,
      slabs: [],
      ...(host === undefined ? {} : { host }),
      ...(kernelRelease === undefined ? {} : { kernelRelease }),
    };
  },
};

/** A row's instant: the banner date plus the days this activity has rolled past midnight, in --tz. */
function rowTime(
  date: { year: number; month: number; day: number },
  seconds: number,
  activityKey: string,
  previous: Map<string, { seconds: number; dayOffset: number; ms: number }>,
  ctx: IngestContext,
  line: number,
): number {
  const last = previous.get(activityKey);
  let dayOffset = last?.dayOffset ?? 0;
  if (last !== undefined && seconds < last.seconds && last.seconds - seconds >= TWO_HOURS_S) dayOffset++;
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day + dayOffset));
  const parts: DateTimeParts = {
    year: day.getUTCFullYear(),
    month: day.getUTCMonth() + 1,
    day: day.getUTCDate(),
    hour: Math.floor(seconds / 3600),
    minute: Math.floor((seconds % 3600) / 60),
    second: seconds % 60,
    fractionMs: 0,
    offsetMinutes: null,
  };
  // The first instant of this wall-clock time not before the previous row (the hour DST repeats).
  const ms = instantAfter(parts, ctx.tz, last?.ms ?? -Infinity);
  if (ms === null) throw new InputError('bad-time', messages.badTime(`${seconds}`), ctx.file, line);
  previous.set(activityKey, { seconds, dayOffset, ms });
  return ms;
}
