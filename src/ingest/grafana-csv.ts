/**
 * Grafana panel "Inspect → Data → Download CSV" (research/formats.md §2): a header with every field
 * double-quoted (`"Time","<series display name>"`, inner quotes doubled), CRLF, nulls as empty cells.
 * Raw mode writes epoch ms and plain numbers; "Formatted data" writes dashboard-zone times without an
 * offset (read in --tz) and values with units (`1.50 GiB`, `45%`). "Series joined by time" gives one
 * value column per series; "Download for Excel" is UTF-16LE (decoded by the registry) with TABs.
 * Grafana ≤ 6 exported `;`-separated files, either series as columns or one row per point
 * (`"Series";"Time";"Value"`), with digit grouping such as `1,721,992,142.283` (the column decides).
 *
 * Large raw exports take the streaming fast path (fast-csv.ts); anything else goes through csv-parse.
 */

import { InputError, messages } from '../errors.js';
import type { Series } from '../model/series.js';
import { buildValueSeries, commonHost, hostFromLabels, readTimeColumn } from './columns.js';
import type { CsvTable } from './csv-table.js';
import { headLines, readCsvTable, splitDelimitedLine } from './csv-table.js';
import { readNumericColumns } from './fast-csv.js';
import type { ImportResult, Importer, IngestContext } from './importer.js';

/** `"Time"` then a delimiter and another quoted field: Grafana quotes every header field, generic CSVs rarely do. */
const HEADER = /^"Time"([,;\t])"/;
/** Grafana ≤ 6 "Export CSV" with one row per point. */
const LONG_HEADER = /^"Series"([,;\t])"Time"\1"Value"\s*$/;

function headerOf(head: string): { delimiter: ',' | ';' | '\t'; long: boolean; line: string } | null {
  const first = headLines(head, 1)[0];
  if (first === undefined) return null;
  const long = LONG_HEADER.exec(first);
  if (long !== null) return { delimiter: long[1] as ',' | ';' | '\t', long: true, line: first };
  const wide = HEADER.exec(first);
  if (wide !== null) return { delimiter: wide[1] as ',' | ';' | '\t', long: false, line: first };
  return null;
}

export const grafanaCsv: Importer = {
  id: 'grafana-csv',
  description:
    'Grafana panel CSV download (Inspect → Data; raw or formatted, joined by time, legacy ; export)',

  sniff(head) {
    return headerOf(head) !== null;
  },

  parse(text, ctx) {
    const header = headerOf(text.slice(0, 65_536));
    const delimiter = header?.delimiter ?? ',';
    const table = readCsvTable(text, delimiter, ctx);
    if (table.header.length < 2)
      throw new InputError('no-value-columns', messages.noValueColumns(), ctx.file);
    if (table.rows.length === 0) throw new InputError('header-only', messages.headerOnly(), ctx.file);
    const series = header?.long === true ? longSeries(table, ctx) : wideSeries(table, ctx);
    return withHost(series, ctx);
  },

  async parseStream(path, head, ctx) {
    const header = headerOf(head);
    if (header === null || header.long || (header.line.match(/"/g) ?? []).length % 2 !== 0) return null;
    const names = splitDelimitedLine(header.line, header.delimiter);
    const headerLine = headerLineNumber(head);
    const series = await readNumericColumns(
      path,
      { delimiter: header.delimiter, names, headerLine, format: 'grafana-csv' },
      ctx,
    );
    if (series === null) return null;
    return withHost(series, ctx);
  },
};

/** 1-based line of the first non-empty line of the head (the header). */
export function headerLineNumber(head: string): number {
  const lines = head.split('\n');
  const index = lines.findIndex((line) => line.trim() !== '');
  return index + 1;
}

function withHost(series: Series[], ctx: IngestContext): ImportResult {
  const host = commonHost(
    series.map((s) => hostFromLabels(s.name)),
    ctx,
  );
  return { series, slabs: [], ...(host === undefined ? {} : { host }) };
}

/** One column per series ("Series joined by time", a single frame, or legacy series-as-columns). */
function wideSeries(table: CsvTable, ctx: IngestContext): Series[] {
  const times = readTimeColumn(
    table.rows.map((row) => row[0] as string),
    table.lines,
    ctx,
  );
  const series: Series[] = [];
  for (let column = 1; column < table.header.length; column++) {
    series.push(
      buildValueSeries(
        {
          name: table.header[column] as string,
          cells: table.rows.map((row) => row[column] as string),
          lines: table.lines,
          times,
          headerLine: table.headerLine,
          format: 'grafana-csv',
          decimalComma: false,
          formattedCells: true,
        },
        ctx,
      ),
    );
  }
  return series;
}

/** Grafana ≤ 6 one-row-per-point layout: rows grouped by their "Series" cell, in order of first appearance. */
function longSeries(table: CsvTable, ctx: IngestContext): Series[] {
  const groups = new Map<string, number[]>();
  table.rows.forEach((row, index) => {
    const name = row[0] as string;
    const rows = groups.get(name);
    if (rows === undefined) groups.set(name, [index]);
    else rows.push(index);
  });
  return [...groups].map(([name, indices]) => {
    const lines = Int32Array.from(indices, (index) => table.lines[index] as number);
    const times = readTimeColumn(
      indices.map((index) => table.rows[index]?.[1] as string),
      lines,
      ctx,
    );
    return buildValueSeries(
      {
        name,
        cells: indices.map((index) => table.rows[index]?.[2] as string),
        lines,
        times,
        headerLine: table.headerLine,
        format: 'grafana-csv',
        decimalComma: false,
        formattedCells: true,
      },
      ctx,
    );
  });
}
