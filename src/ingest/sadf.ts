/**
 * `sadf -d` (sysstat; research/formats.md §6): `;`-separated, one block per activity, each under a
 * header `# hostname;interval;timestamp;kbmemfree;…`. The timestamp is `YYYY-MM-DD HH:MM:SS UTC` by
 * default, local time with a zone abbreviation under `-T` (read in --tz, which must then be given),
 * local time without a zone under `-t` (read in --tz), or epoch seconds under `-U`. Restart and comment
 * records (`host;-1;<ts>;LINUX-RESTART\t(9 CPU)`, `host;-1;<ts>;COM text`) are skipped, a restart with
 * one warning; activities without memory columns are read past. `sadf -dh` (all activities on one row)
 * has the same shape with one long header. Columns, units and kbmemused's definition: sysstat.ts.
 */

import { InputError, messages } from '../errors.js';
import { parseDateLine } from '../normalize/time.js';
import type { Importer } from './importer.js';
import { memoryColumns, SysstatSeries } from './sysstat.js';

const HEADER = /^#\s*hostname;interval;timestamp;/;

export const sadf: Importer = {
  id: 'sadf',
  description: '`sadf -d` output (incl. -U epoch times, -T/-t local times, restarts)',

  sniff(head) {
    return head.split('\n').some((line) => HEADER.test(line));
  },

  parse(text, ctx) {
    const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
    const series = new SysstatSeries();
    let columns: string[] | null = null;
    let memory: ReturnType<typeof memoryColumns> = [];
    let headerLine = 0;
    let host: string | undefined;
    let restarts = 0;
    let firstRestartLine = 0;

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const lineNumber = i + 1;
      if (line.trim() === '') continue;
      if (line.startsWith('#')) {
        if (HEADER.test(line)) {
          columns = line.replace(/^#\s*/, '').split(';');
          memory = memoryColumns(columns);
          headerLine = lineNumber;
        }
        continue;
      }
      const cells = line.split(';');
      if (cells[1] === '-1') {
        if (/RESTART/.test(cells.slice(3).join(';'))) {
          restarts++;
          firstRestartLine ||= lineNumber;
        }
        continue;
      }
      if (columns === null) {
        throw new InputError(
          'bad-sadf-row',
          messages.badSnapshotLine('sadf -d', line.slice(0, 80)),
          ctx.file,
          lineNumber,
        );
      }
      if (memory.length === 0) continue;
      if (cells.length !== columns.length) {
        throw new InputError(
          'bad-csv',
          messages.columnCount(columns.length, cells.length),
          ctx.file,
          lineNumber,
        );
      }
      const stamp = parseDateLine(cells[2] as string, ctx.tz);
      if (stamp === null)
        throw new InputError('bad-time', messages.badTime(cells[2] as string), ctx.file, lineNumber);
      if ('abbreviation' in stamp) {
        throw new InputError(
          'ambiguous-zone',
          messages.dateLineAbbreviation(stamp.abbreviation),
          ctx.file,
          lineNumber,
        );
      }
      host ??= cells[0] === '' ? undefined : cells[0];
      const values = cells.map((cell) => Number(cell.replace(',', '.')));
      for (const column of memory) {
        const value = values[column.index] as number;
        if (Number.isNaN(value)) {
          throw new InputError(
            'bad-number',
            messages.badNumber(column.name, cells[column.index] as string),
            ctx.file,
            lineNumber,
          );
        }
        series.add(column.name, column.meaning, stamp.ms, value, lineNumber, headerLine);
      }
      const percentIndex = columns.indexOf('%memused');
      if (percentIndex >= 0 && memory.some((column) => column.name === 'kbmemused')) {
        series.addExtra('%memused', stamp.ms, values[percentIndex] as number);
      }
    }
    const result = series.finish(ctx, 'sadf');
    if (result.length === 0) throw new InputError('no-sar-data', messages.noSarData(), ctx.file);
    if (restarts > 0) {
      ctx.warn(
        'host-restart',
        `sadf records ${restarts} restart(s) of the host (LINUX-RESTART)`,
        firstRestartLine,
      );
    }
    return { series: result, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};
