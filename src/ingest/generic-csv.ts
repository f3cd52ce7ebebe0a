/**
 * A time-first CSV or TSV: the fallback for exports without a public sample (Datadog "Download as
 * CSV", CloudWatch console CSV, spreadsheets) and anything else laid out as time + value columns
 * (research/formats.md §0). Delimiter `,` `;` or TAB (or an Excel `sep=` line); a header row; the first
 * column is the time (ISO 8601, `YYYY-MM-DD HH:MM[:SS]`, epoch s or ms, or a spreadsheet form such as
 * `02.03.2026 14:05`, `3/2/2026 2:05 PM`, `2-Mar-2026` or an Excel serial under a time header — all rows
 * alike; day-first or month-first as the column decides); a `host`/`hostname`/`instance` column names the
 * host; every other column is one numeric series (decimal comma and digit grouping as the column
 * decides), its unit from the header (see normalize/units.ts: 1024-based) or bytes with a
 * `unit-assumed` warning. Plain numeric files with epoch times take the streaming fast path.
 */

import { InputError, messages } from '../errors.js';
import type { Series } from '../model/series.js';
import { parseTimeDetailed } from '../normalize/time.js';
import { buildValueSeries, commonHost, hostFromLabels, hostWithoutPort, readTimeColumn } from './columns.js';
import type { CsvTable } from './csv-table.js';
import { headLines, readCsvTable, splitDelimitedLine } from './csv-table.js';
import { readNumericColumns } from './fast-csv.js';
import type { ImportResult, Importer, IngestContext } from './importer.js';

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
    if (!isTimeCell(cells[0]?.[0] ?? '', headerCells[0] as string)) continue;
    if (best === null || headerCells.length > best.columns) best = { delimiter, columns: headerCells.length };
  }
  return best === null ? null : { delimiter: best.delimiter, skipLines };
}

/**
 * Whether a first-column cell is a time for sniffing: any form parseTimeDetailed reads, with `03/04/2026`
 * accepted either way round (the column decides later) and Excel serials only under a time header.
 */
function isTimeCell(cell: string, header: string): boolean {
  const options = { excelSerial: TIME_HEADER.test(header.trim()) };
  return (
    parseTimeDetailed(cell, 'UTC', options) !== null ||
    parseTimeDetailed(cell, 'UTC', { ...options, order: 'dmy' }) !== null ||
    parseTimeDetailed(cell, 'UTC', { ...options, order: 'mdy' }) !== null
  );
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
      { excelSerial: TIME_HEADER.test((table.header[0] ?? '').trim()) },
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

  async parseStream(path, head, ctx): Promise<ImportResult | null> {
    const layout = detectLayout(head);
    if (layout === null) return null;
    const headerText = headLines(head, layout.skipLines + 1)[layout.skipLines];
    if (headerText === undefined || (headerText.match(/"/g) ?? []).length % 2 !== 0) return null;
    const names = splitDelimitedLine(headerText, layout.delimiter);
    if (names.slice(1).some((name) => HOST_COLUMNS.has(name.trim().toLowerCase()))) return null;
    const headerLine = nthNonEmptyLine(head, layout.skipLines + 1);
    const series = await readNumericColumns(
      path,
      { delimiter: layout.delimiter as ',' | ';' | '\t', names, headerLine, format: 'generic-csv' },
      ctx,
    );
    if (series === null) return null;
    const host = commonHost(
      series.map((s) => hostFromLabels(s.name)),
      ctx,
    );
    return { series, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};

/** 1-based line number of the n-th non-empty line of a text. */
function nthNonEmptyLine(text: string, n: number): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] as string).trim() !== '' && ++seen === n) return i + 1;
  }
  return lines.length;
}

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
