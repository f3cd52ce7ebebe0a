/**
 * New Relic dashboard table "Export as CSV" (research/formats.md §1): the docs say only that table
 * charts export and that "CSV is output in UTC (±0:00)"; no public sample states the columns. So this
 * reads what a TIMESERIES table shows: a begin-time and an end-time column (`Begin Time`/`End Time`, or
 * `beginTimeSeconds`/`endTimeSeconds`), facet columns holding text (`Hostname`), and one numeric column
 * per aggregate (`Average Memory Used Bytes`, `average.memoryUsedBytes`). Times are read as UTC whatever
 * --tz says; each row is stamped at its begin time. Aggregates map by attribute (newrelic-json.ts:
 * `memoryFreeBytes` is MemAvailable); a faceted table gives one series per facet value.
 */

import { InputError, messages } from '../errors.js';
import type { Series } from '../model/series.js';
import { commonHost, parseValueCell, parseValueColumn, readTimeColumn } from './columns.js';
import { headLines, readSniffedTable, splitDelimitedLine } from './csv-table.js';
import type { Importer } from './importer.js';
import { newRelicColumn } from './newrelic-json.js';

const DELIMITERS = [',', ';', '\t'] as const;
/** Facets that name the host. */
const HOST_FACETS = new Set(['hostname', 'host', 'fullhostname', 'entityname']);

function normalised(name: string): string {
  return name.replace(/[^A-Za-z]/g, '').toLowerCase();
}
const isBegin = (name: string): boolean => ['begintime', 'begintimeseconds'].includes(normalised(name));
const isEnd = (name: string): boolean => ['endtime', 'endtimeseconds'].includes(normalised(name));

function layout(head: string): { delimiter: string; header: string[] } | null {
  const first = headLines(head, 1)[0];
  if (first === undefined) return null;
  for (const delimiter of DELIMITERS) {
    const header = splitDelimitedLine(first, delimiter);
    if (header.some(isBegin) && header.some(isEnd)) return { delimiter, header };
  }
  return null;
}

export const newrelicCsv: Importer = {
  id: 'newrelic-csv',
  description: 'New Relic table "Export as CSV" (Begin Time / End Time columns, UTC)',

  sniff(head) {
    return layout(head) !== null;
  },

  parse(text, ctx) {
    const table = readSniffedTable(text, layout, ctx);
    const beginColumn = table.header.findIndex(isBegin);
    if (beginColumn < 0)
      throw new InputError('no-time-column', messages.noTimeColumn('Begin Time'), ctx.file, table.headerLine);

    const others = table.header
      .map((_, index) => index)
      .filter((index) => index !== beginColumn && !isEnd(table.header[index] as string));
    // Facet columns hold text; aggregate columns numbers (gaps allowed).
    const isText = (index: number): boolean =>
      table.rows.some(
        (row) => /[A-Za-z]/.test(row[index] ?? '') && parseValueCell(row[index] ?? '', false) === null,
      );
    const facetColumns = others.filter(isText);
    const valueColumns = others.filter((index) => !facetColumns.includes(index));
    if (valueColumns.length === 0)
      throw new InputError('no-value-columns', messages.noValueColumns(), ctx.file, table.headerLine);

    const groups = new Map<string, number[]>();
    table.rows.forEach((row, index) => {
      const key = facetColumns
        .map((column) => `${table.header[column] as string}="${(row[column] ?? '').trim()}"`)
        .join(', ');
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [index]);
      else list.push(index);
    });

    const series: Series[] = [];
    const hosts: (string | undefined)[] = [];
    for (const [facets, indices] of groups) {
      const lines = Int32Array.from(indices, (index) => table.lines[index] as number);
      const times = readTimeColumn(
        indices.map((index) => table.rows[index]?.[beginColumn] as string),
        lines,
        ctx,
        { tz: 'UTC' },
      );
      for (const column of valueColumns) {
        const header = table.header[column] as string;
        const meaning = newRelicColumn(header, ctx, table.headerLine);
        const { values } = parseValueColumn(
          {
            name: header,
            cells: indices.map((index) => table.rows[index]?.[column] as string),
            lines,
            decimalComma: false,
            formattedCells: false,
          },
          ctx,
        );
        if (meaning.factor !== 1)
          for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * meaning.factor;
        series.push({
          name: facets === '' ? header : `${header}{${facets}}`,
          metric: meaning.metric,
          ...(meaning.definition === undefined ? {} : { definition: meaning.definition }),
          unit: meaning.unit,
          t: times,
          v: values,
          source: { file: ctx.file, format: 'newrelic-csv', line: table.headerLine },
          sourceLines: lines,
        });
      }
      const hostColumn = facetColumns.find((column) =>
        HOST_FACETS.has(normalised(table.header[column] as string)),
      );
      if (hostColumn !== undefined)
        hosts.push((table.rows[indices[0] as number]?.[hostColumn] ?? '').trim() || undefined);
    }
    const host = commonHost(hosts, ctx);
    return { series, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};
