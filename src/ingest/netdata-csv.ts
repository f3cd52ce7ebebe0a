/**
 * Netdata `/api/v1/data?chart=system.ram&format=csv` (or `tsv`) (research/formats.md §8): a header
 * `time,free,used,cached,buffers` (the chart's dimensions; `mem.available` has `avail`), CRLF, rows
 * newest first (normalization reverses them), gaps as `null`, time `YYYY-MM-DD HH:MM:SS` in the
 * server's zone (read in --tz) or epoch seconds/ms with `options=seconds|ms`. Values are MiB.
 *
 * Dimensions (netdata proc.plugin proc_meminfo.c): `used` = MemTotal − MemFree − cached − Buffers where
 * `cached` = Cached + KReclaimable (or SReclaimable) − Shmem, so "used" excludes page cache and
 * reclaimable slab (definition total-minus-free-buffers-cache).
 *
 * Sniffed by its header (a `time` column and only these dimension names), by scale (Netdata's MiB values
 * of a host's memory stay below 10⁷, where a byte column of the same names would not) and by its CRLF
 * line ends or newest-first rows.
 */

import type { CanonicalMetric, Series, UsedDefinition } from '../model/series.js';
import { parseValueColumn, readTimeColumn } from './columns.js';
import { headLines, readSniffedTable, splitDelimitedLine } from './csv-table.js';
import type { Importer } from './importer.js';
import { parseTime } from '../normalize/time.js';

const MIB = 1024 ** 2;
/** Values of a memory chart in MiB stay below this; bytes of the same memory would exceed it. */
const MAX_MIB_VALUE = 1e7;

const DIMENSIONS: Record<string, { metric: CanonicalMetric; definition?: UsedDefinition }> = {
  free: { metric: 'mem.free' },
  used: { metric: 'mem.used', definition: 'total-minus-free-buffers-cache' },
  cached: { metric: 'mem.cached' },
  buffers: { metric: 'mem.buffers' },
  avail: { metric: 'mem.available' },
  reclaimable: { metric: 'slab.reclaimable' },
  unreclaimable: { metric: 'slab.unreclaimable' },
};

function layout(head: string): { delimiter: string; header: string[] } | null {
  const [first, second, third] = headLines(head, 3);
  if (first === undefined || second === undefined) return null;
  const crlf = /^[^\n]*\r\n/.test(head.trimStart());
  for (const delimiter of [',', '\t']) {
    const header = splitDelimitedLine(first, delimiter);
    if (header.length < 2 || header[0] !== 'time') continue;
    if (!header.slice(1).every((name) => DIMENSIONS[name] !== undefined)) continue;
    const row = splitDelimitedLine(second, delimiter);
    if (row.length !== header.length) continue;
    const values = row.slice(1).filter((cell) => cell !== 'null' && cell !== '');
    if (!values.every((cell) => Number(cell) < MAX_MIB_VALUE)) continue;
    // Netdata writes CRLF and newest rows first; a plain `time,used` CSV shows neither.
    const next = third === undefined ? undefined : splitDelimitedLine(third, delimiter)[0];
    const newestFirst = next !== undefined && parseTime(next, 'UTC') < parseTime(row[0] as string, 'UTC');
    if (crlf || newestFirst) return { delimiter, header };
  }
  return null;
}

export const netdataCsv: Importer = {
  id: 'netdata-csv',
  description: 'Netdata /api/v1/data CSV/TSV of system.ram or mem.available (MiB, newest first)',

  sniff(head) {
    return layout(head) !== null;
  },

  parse(text, ctx) {
    const table = readSniffedTable(text, layout, ctx);
    const times = readTimeColumn(
      table.rows.map((row) => row[0] as string),
      table.lines,
      ctx,
    );
    const series: Series[] = [];
    for (let column = 1; column < table.header.length; column++) {
      const name = table.header[column] as string;
      const dimension = DIMENSIONS[name] ?? { metric: 'other' as const };
      const { values } = parseValueColumn(
        {
          name,
          cells: table.rows.map((row) => row[column] as string),
          lines: table.lines,
          decimalComma: false,
          formattedCells: false,
        },
        ctx,
      );
      for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * MIB;
      series.push({
        name,
        metric: dimension.metric,
        ...(dimension.definition === undefined ? {} : { definition: dimension.definition }),
        unit: 'bytes',
        t: times,
        v: values,
        source: { file: ctx.file, format: 'netdata-csv', line: table.headerLine },
        sourceLines: table.lines,
      });
    }
    return { series, slabs: [] };
  },
};
