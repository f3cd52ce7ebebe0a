/**
 * Grafana panel "Inspect → Data → Download CSV" (research/formats.md §2): a header with every field
 * double-quoted (`"Time","<series display name>"`, inner quotes doubled), CRLF, nulls as empty cells.
 * Raw mode writes epoch ms and plain numbers; "Formatted data" writes dashboard-zone times without an
 * offset (read in --tz) and values with units (`1.50 GiB`, `45%`). "Series joined by time" gives one
 * value column per series; "Download for Excel" is UTF-16LE (decoded by the registry) with TABs.
 */

import { InputError, messages } from '../errors.js';
import type { Series } from '../model/series.js';
import { buildValueSeries, commonHost, hostFromLabels, readTimeColumn } from './columns.js';
import { headLines, readCsvTable } from './csv-table.js';
import type { Importer } from './importer.js';

/** `"Time"` then a delimiter and another quoted field: Grafana quotes every header field, generic CSVs rarely do. */
const HEADER = /^"Time"([,;\t])"/;

export const grafanaCsv: Importer = {
  id: 'grafana-csv',
  description: 'Grafana panel CSV download (Inspect → Data; raw or formatted, joined by time)',

  sniff(head) {
    const first = headLines(head, 1)[0];
    return first !== undefined && HEADER.test(first);
  },

  parse(text, ctx) {
    const firstLine = headLines(text.slice(0, 65_536), 1)[0] ?? '';
    const delimiter = HEADER.exec(firstLine)?.[1] ?? ',';
    const table = readCsvTable(text, delimiter, ctx);
    if (table.header.length < 2)
      throw new InputError('no-value-columns', messages.noValueColumns(), ctx.file);
    if (table.rows.length === 0) throw new InputError('header-only', messages.headerOnly(), ctx.file);

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
            decimalComma: delimiter !== ',',
            formattedCells: true,
          },
          ctx,
        ),
      );
    }
    const host = commonHost(
      series.map((s) => hostFromLabels(s.name)),
      ctx,
    );
    return { series, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};
