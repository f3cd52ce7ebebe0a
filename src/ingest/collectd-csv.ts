/**
 * collectd `csv` plugin files (collectd src/csv.c; research/formats.md §8): one file per value list per
 * day, `<DataDir>/<host>/memory/memory-<type_instance>-YYYY-MM-DD`, a header `epoch,value` (or one
 * column per data source), rows `<epoch>.<ms>,<value>.000000`. The content does not say which memory
 * figure the file holds, so its file name does (the format itself was chosen by content): the memory
 * plugin's type instances are `used buffered cached free slab_recl slab_unrecl` (bytes; `percent-*` with
 * ValuesPercentage), where `used` = total − (free + buffered + cached + slab) (src/memory.c). The host is
 * the folder above `memory/`. Several days are several files; the pipeline joins same-named series.
 */

import { basename, dirname } from 'node:path';
import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import { columnMeaning, parseValueColumn, readTimeColumn } from './columns.js';
import { headLines, readCsvTable } from './csv-table.js';
import type { Importer } from './importer.js';

const HEADER = /^epoch(?:,[A-Za-z_][\w-]*)+\s*$/;
const ROW = /^\d{9,10}(?:\.\d+)?,/;
const DAY_SUFFIX = /-\d{4}-\d{2}-\d{2}(?:\.csv)?$/;

const TYPE_INSTANCES: Record<string, { metric: CanonicalMetric; definition?: UsedDefinition }> = {
  used: { metric: 'mem.used', definition: 'total-minus-free-buffers-cache-slab' },
  free: { metric: 'mem.free' },
  buffered: { metric: 'mem.buffers' },
  cached: { metric: 'mem.cached' },
  slab_recl: { metric: 'slab.reclaimable' },
  slab_unrecl: { metric: 'slab.unreclaimable' },
  slab: { metric: 'slab.total' },
};

/** `memory-used-2026-03-02` → { type: 'memory', instance: 'used' }. */
function typeInstance(file: string): { name: string; type: string; instance: string } {
  const name = basename(file).replace(DAY_SUFFIX, '');
  const dash = name.indexOf('-');
  return dash < 0
    ? { name, type: name, instance: '' }
    : { name, type: name.slice(0, dash), instance: name.slice(dash + 1) };
}

/** `<host>/memory/…` → host. */
function hostOf(file: string): string | undefined {
  const plugin = basename(dirname(file));
  if (!/^memory(?:-|$)/.test(plugin)) return undefined;
  const host = basename(dirname(dirname(file)));
  return host === '' || host === '.' || host === '/' ? undefined : host;
}

export const collectdCsv: Importer = {
  id: 'collectd-csv',
  description: 'collectd csv plugin file (memory-<type>-YYYY-MM-DD, epoch,value)',

  sniff(head) {
    const [header, row] = headLines(head, 2);
    return header !== undefined && HEADER.test(header) && (row === undefined || ROW.test(row));
  },

  parse(text, ctx) {
    const table = readCsvTable(text, ',', ctx);
    if (table.rows.length === 0) throw new InputError('header-only', messages.headerOnly(), ctx.file);
    const times = readTimeColumn(
      table.rows.map((row) => row[0] as string),
      table.lines,
      ctx,
    );
    const { name, type, instance } = typeInstance(ctx.file);
    const series: Series[] = [];
    for (let column = 1; column < table.header.length; column++) {
      const source = table.header[column] as string;
      const seriesName = table.header.length === 2 ? name : `${name} ${source}`;
      let meaning: { metric: CanonicalMetric; definition?: UsedDefinition; unit: Unit; factor: number };
      const known = type === 'memory' || type === 'percent' ? TYPE_INSTANCES[instance] : undefined;
      if (known !== undefined)
        meaning = { ...known, unit: type === 'percent' ? 'percent' : 'bytes', factor: 1 };
      else {
        const guess = columnMeaning(seriesName);
        if (guess.unitAssumed) {
          ctx.warn(
            'unit-assumed',
            `"${seriesName}" states no unit; its values are taken as bytes`,
            table.headerLine,
          );
        }
        meaning = {
          metric: guess.metric,
          ...(guess.definition === undefined ? {} : { definition: guess.definition }),
          unit: guess.unit,
          factor: guess.factor,
        };
      }
      const { values } = parseValueColumn(
        {
          name: seriesName,
          cells: table.rows.map((row) => row[column] as string),
          lines: table.lines,
          decimalComma: false,
          formattedCells: false,
        },
        ctx,
      );
      if (meaning.factor !== 1)
        for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * meaning.factor;
      series.push({
        name: seriesName,
        metric: meaning.metric,
        ...(meaning.definition === undefined ? {} : { definition: meaning.definition }),
        unit: meaning.unit,
        t: times,
        v: values,
        source: { file: ctx.file, format: 'collectd-csv', line: table.headerLine },
        sourceLines: table.lines,
      });
    }
    const host = hostOf(ctx.file);
    return { series, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};
