/**
 * Telegraf `mem` input fields as CSV columns — Telegraf's csv serializer (`timestamp,measurement,host,
 * active,available,available_percent,…,used,used_percent`, optionally `tag_`/`field_` prefixed) — and the
 * CloudWatch agent's names for the same fields (`mem_used_percent`, `mem_available`, …) as a table with
 * a time column (research/formats.md §5, §8). Values are bytes, `*_percent` percent. The time column may
 * be anywhere (`timestamp`, `time`, `_time`, `@timestamp`); `host`/`InstanceId` columns name the host;
 * rows of other measurements in a multi-measurement file are skipped.
 *
 * "used": Telegraf's is gopsutil's Total − Free − Buffers − Cached, where Cached already includes
 * SReclaimable (definition total-minus-free-buffers-cache). The CloudWatch agent embeds a fork of
 * Telegraf, but its formula was not verified (formats.md §5), so its `mem_used` is 'unknown'.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import { commonHost, hostWithoutPort, parseValueCell, parseValueColumn, readTimeColumn } from './columns.js';
import { headLines, readSniffedTable, splitDelimitedLine } from './csv-table.js';
import type { Importer } from './importer.js';

const TIME_COLUMNS = new Set(['timestamp', 'time', '_time', '@timestamp', 'date', 'datetime']);
const HOST_COLUMNS = new Set(['host', 'hostname', 'instanceid', 'instance']);
const TEXT_COLUMNS = new Set(['measurement', 'name', '_measurement', 'metric_name']);

const FIELDS: Record<string, { metric: CanonicalMetric; unit: Unit; used?: true }> = {
  total: { metric: 'mem.total', unit: 'bytes' },
  available: { metric: 'mem.available', unit: 'bytes' },
  available_percent: { metric: 'mem.available', unit: 'percent' },
  used: { metric: 'mem.used', unit: 'bytes', used: true },
  used_percent: { metric: 'mem.used', unit: 'percent', used: true },
  free: { metric: 'mem.free', unit: 'bytes' },
  cached: { metric: 'mem.cached', unit: 'bytes' },
  buffered: { metric: 'mem.buffers', unit: 'bytes' },
  shared: { metric: 'mem.shmem', unit: 'bytes' },
  slab: { metric: 'slab.total', unit: 'bytes' },
  sreclaimable: { metric: 'slab.reclaimable', unit: 'bytes' },
  sunreclaim: { metric: 'slab.unreclaimable', unit: 'bytes' },
  committed_as: { metric: 'mem.committed', unit: 'bytes' },
};

interface FieldName {
  field: string;
  /** Written the CloudWatch agent's way (`mem_…`). */
  cloudwatch: boolean;
}

function fieldName(column: string): FieldName {
  const lower = column
    .trim()
    .toLowerCase()
    .replace(/^field_/, '');
  const cloudwatch = /^mem[_.]/.test(lower);
  return { field: lower.replace(/^(?:mem|memory)[_.]/, ''), cloudwatch };
}

/**
 * A Telegraf / CloudWatch agent memory field name (`used_percent`, `mem_available`, `field_used`) → its
 * meaning; null when it is not one of the `mem` fields with a canonical metric.
 */
export function memField(
  name: string,
): { metric: CanonicalMetric; unit: Unit; definition?: UsedDefinition } | null {
  const { field, cloudwatch } = fieldName(name);
  const known = FIELDS[field];
  if (known === undefined) return null;
  return {
    metric: known.metric,
    unit: known.unit,
    ...(known.used === true ? { definition: cloudwatch ? 'unknown' : 'total-minus-free-buffers-cache' } : {}),
  };
}

function layout(head: string): { delimiter: string; header: string[] } | null {
  const first = headLines(head, 1)[0];
  if (first === undefined) return null;
  for (const delimiter of [',', ';', '\t']) {
    const header = splitDelimitedLine(first, delimiter);
    const fields = header.map((column) => fieldName(column).field);
    if (!header.some((column) => TIME_COLUMNS.has(column.trim().toLowerCase()))) continue;
    if (!fields.includes('used_percent') && !fields.includes('available_percent')) continue;
    return { delimiter, header };
  }
  return null;
}

export const telegrafCsv: Importer = {
  id: 'telegraf-csv',
  description: 'Telegraf mem / CloudWatch agent columns (used_percent, mem_available …) with a time column',

  sniff(head) {
    return layout(head) !== null;
  },

  parse(text, ctx) {
    const table = readSniffedTable(text, layout, ctx);
    const lowerHeader = table.header.map((column) => column.trim().toLowerCase().replace(/^tag_/, ''));
    const timeColumn = lowerHeader.findIndex((column) => TIME_COLUMNS.has(column));
    if (timeColumn < 0)
      throw new InputError('no-time-column', messages.noTimeColumn('timestamp'), ctx.file, table.headerLine);
    const measurementColumn = lowerHeader.findIndex((column) => TEXT_COLUMNS.has(column));
    const hostColumns = lowerHeader.flatMap((column, index) => (HOST_COLUMNS.has(column) ? [index] : []));

    // Rows of the mem measurement (all rows when the file has no measurement column).
    const rowIndices = table.rows.flatMap((row, index) => {
      if (measurementColumn < 0) return [index];
      const measurement = (row[measurementColumn] ?? '').trim().toLowerCase();
      return measurement === 'mem' || measurement === 'memory' || measurement === '' ? [index] : [];
    });
    if (rowIndices.length === 0) throw new InputError('header-only', messages.headerOnly(), ctx.file);
    const lines = Int32Array.from(rowIndices, (index) => table.lines[index] as number);
    const times = readTimeColumn(
      rowIndices.map((index) => table.rows[index]?.[timeColumn] as string),
      lines,
      ctx,
    );

    const series: Series[] = [];
    table.header.forEach((column, index) => {
      if (index === timeColumn || index === measurementColumn || hostColumns.includes(index)) return;
      if (/^tag_/i.test(column.trim())) return;
      const { field, cloudwatch } = fieldName(column);
      const known = FIELDS[field];
      // Other tags (region, cpu …) hold text: not series. A known field must hold numbers.
      const cells = rowIndices.map((row) => table.rows[row]?.[index] ?? '');
      if (
        known === undefined &&
        cells.some((cell) => /[a-z]/i.test(cell) && parseValueCell(cell, false) === null)
      ) {
        return;
      }
      const unit: Unit = known?.unit ?? (field.endsWith('_percent') ? 'percent' : 'bytes');
      const definition: UsedDefinition | undefined =
        known?.used === true ? (cloudwatch ? 'unknown' : 'total-minus-free-buffers-cache') : undefined;
      const { values } = parseValueColumn(
        {
          name: column,
          cells,
          lines,
          decimalComma: false,
          formattedCells: false,
        },
        ctx,
      );
      series.push({
        name: column,
        metric: known?.metric ?? 'other',
        ...(definition === undefined ? {} : { definition }),
        unit,
        t: times,
        v: values,
        source: { file: ctx.file, format: 'telegraf-csv', line: table.headerLine },
        sourceLines: lines,
      });
    });
    const hosts = hostColumns.flatMap((column) =>
      rowIndices.map((row) => {
        const cell = (table.rows[row]?.[column] ?? '').trim();
        return cell === '' ? undefined : hostWithoutPort(cell);
      }),
    );
    const host = commonHost(hosts, ctx);
    return { series, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};
