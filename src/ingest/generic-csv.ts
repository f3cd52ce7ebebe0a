/**
 * A time-first CSV or TSV: the fallback for exports without a public sample (New Relic, Datadog,
 * CloudWatch, spreadsheets) and for Netdata/collectd-style files (research/formats.md §0, §8).
 * Delimiter `,` `;` or TAB (or an Excel `sep=` line); a header row; the first column is the time
 * (ISO 8601, `YYYY-MM-DD HH:MM[:SS]`, epoch s or ms — all rows alike); a `host`/`hostname`/`instance`
 * column names the host; every other column is one numeric series, its unit from the header
 * (see normalize/units.ts: 1024-based) or bytes with a `unit-assumed` warning.
 */

import { InputError, messages } from '../errors.js';
import type { Series } from '../model/series.js';
import { parseTimeDetailed } from '../normalize/time.js';
import { buildValueSeries, commonHost, hostFromLabels, hostWithoutPort, readTimeColumn } from './columns.js';
import type { CsvTable } from './csv-table.js';
import { headLines, readCsvTable, splitDelimitedLine } from './csv-table.js';
import type { Importer, IngestContext } from './importer.js';

const DELIMITERS = [',', ';', '\t'] as const;
const HOST_COLUMNS = new Set(['host', 'hostname', 'instance']);
const SEP_LINE = /^sep=(.)\s*$/;
const TIME_HEADER = /^(?:time|timestamp|date|datetime|date ?time|ts|epoch)(?:\s*\(.*\))?$/i;

/** Lines the sniffer looks at: enough to see the layout, few enough to stay inside the head. */
const SNIFF_LINES = 6;

interface Layout {
  delimiter: string;
  /** Lines before the header (an Excel `sep=` line). */
  skipLines: number;
}

/**
 * The delimiter under which the header has 2+ fields, every sniffed data row has as many, the header's
 * first field is not a time and the first row's is. The most columns wins among delimiters that fit.
 */
function detectLayout(head: string): Layout | null {
  // A head cut from a longer text may end mid-row: leave its last line out when others remain.
  const cut = !head.endsWith('\n') && head.split('\n', 3).length > 2;
  let lines = headLines(cut ? head.slice(0, head.lastIndexOf('\n')) : head, SNIFF_LINES);
  let skipLines = 0;
  const sep = SEP_LINE.exec(lines[0] ?? '');
  if (sep !== null) {
    lines = lines.slice(1);
    skipLines = 1;
  }
  const [header, ...rows] = lines;
  if (header === undefined) return null;
  if (rows.length === 0) return headerOnlyLayout(header, skipLines, sep?.[1]);
  const candidates = sep !== null ? [sep[1] as string] : DELIMITERS;

  let best: { delimiter: string; columns: number } | null = null;
  for (const delimiter of candidates) {
    const headerCells = splitDelimitedLine(header, delimiter);
    if (headerCells.length < 2) continue;
    if (parseTimeDetailed(headerCells[0] as string, 'UTC') !== null) continue;
    const cells = rows.map((row) => splitDelimitedLine(row, delimiter));
    if (!cells.every((row) => row.length === headerCells.length)) continue;
    if (parseTimeDetailed(cells[0]?.[0] ?? '', 'UTC') === null) continue;
    if (best === null || headerCells.length > best.columns) best = { delimiter, columns: headerCells.length };
  }
  return best === null ? null : { delimiter: best.delimiter, skipLines };
}

/** A header with nothing under it is still this format when its first field names a time (parse says "header only"). */
function headerOnlyLayout(header: string, skipLines: number, sep: string | undefined): Layout | null {
  for (const delimiter of sep !== undefined ? [sep] : DELIMITERS) {
    const cells = splitDelimitedLine(header, delimiter);
    if (cells.length >= 2 && TIME_HEADER.test(cells[0] as string)) return { delimiter, skipLines };
  }
  return null;
}

export const genericCsv: Importer = {
  id: 'generic-csv',
  description: 'time-first CSV/TSV: header row, ISO 8601 or epoch time, numeric columns',

  sniff(head) {
    return detectLayout(head) !== null;
  },

  parse(text, ctx) {
    const layout = detectLayout(text.slice(0, 65_536)) ?? fallbackLayout(text);
    const table = readCsvTable(text, layout.delimiter, ctx, { skipLines: layout.skipLines });
    if (table.rows.length === 0) throw new InputError('header-only', messages.headerOnly(), ctx.file);

    const hostColumns: number[] = [];
    const valueColumns: number[] = [];
    table.header.forEach((name, index) => {
      if (index === 0) return;
      (HOST_COLUMNS.has(name.trim().toLowerCase()) ? hostColumns : valueColumns).push(index);
    });
    if (valueColumns.length === 0) {
      throw new InputError('no-value-columns', messages.noValueColumns(), ctx.file, table.headerLine);
    }

    const times = readTimeColumn(
      table.rows.map((row) => row[0] as string),
      table.lines,
      ctx,
    );
    const series: Series[] = valueColumns.map((column) =>
      buildValueSeries(
        {
          name: table.header[column] as string,
          cells: table.rows.map((row) => row[column] as string),
          lines: table.lines,
          times,
          headerLine: table.headerLine,
          format: 'generic-csv',
          decimalComma: layout.delimiter !== ',',
          formattedCells: false,
        },
        ctx,
      ),
    );

    const host =
      hostColumns.length > 0
        ? hostFromColumns(table, hostColumns, ctx)
        : commonHost(
            series.map((s) => hostFromLabels(s.name)),
            ctx,
          );
    return { series, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};

/** Used with --input-format generic-csv when the sniffer would not have matched: count the delimiters. */
function fallbackLayout(text: string): Layout {
  const header = headLines(text.slice(0, 65_536), 1)[0] ?? '';
  let best: string = DELIMITERS[0];
  for (const delimiter of DELIMITERS) {
    if (splitDelimitedLine(header, delimiter).length > splitDelimitedLine(header, best).length)
      best = delimiter;
  }
  return { delimiter: best, skipLines: 0 };
}

/** The one host the host column(s) name; rows of several hosts cannot be one host's series. */
function hostFromColumns(table: CsvTable, columns: number[], ctx: IngestContext): string | undefined {
  const hosts = new Set<string>();
  for (const row of table.rows) {
    for (const column of columns) {
      const cell = (row[column] ?? '').trim();
      if (cell !== '') hosts.add(hostWithoutPort(cell));
    }
  }
  if (hosts.size > 1) {
    throw new InputError('multiple-hosts', messages.multipleHosts([...hosts]), ctx.file, table.headerLine);
  }
  return hosts.values().next().value;
}
