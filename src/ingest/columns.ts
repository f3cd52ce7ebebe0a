/**
 * Column helpers shared by the CSV-like importers: time columns, value cells, the unit of a column,
 * and host names from Prometheus labels.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import { mapMetricName } from '../normalize/metric-names.js';
import type { TimeKind } from '../normalize/time.js';
import { describeTimeKind, parseTimeDetailed } from '../normalize/time.js';
import { parseFormattedQuantity, stripLabelSets, unitFromHeader } from '../normalize/units.js';
import type { IngestContext } from './importer.js';

/**
 * Parse a time column: every cell must be a time, written the same way as the first row's
 * (InputError 'bad-time' with the line otherwise).
 */
export function readTimeColumn(
  cells: readonly string[],
  lines: Int32Array,
  ctx: Pick<IngestContext, 'file' | 'tz'>,
): Float64Array {
  const times = new Float64Array(cells.length);
  let firstKind: TimeKind | undefined;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    const parsed = parseTimeDetailed(cell, ctx.tz);
    if (parsed === null) throw new InputError('bad-time', messages.badTime(cell), ctx.file, lines[i]);
    firstKind ??= parsed.kind;
    if (parsed.kind !== firstKind) {
      throw new InputError(
        'bad-time',
        messages.timeFormatChanged(cell, describeTimeKind(firstKind)),
        ctx.file,
        lines[i],
      );
    }
    times[i] = parsed.ms;
  }
  return times;
}

const NULL_CELLS = new Set(['', 'null', 'nan', 'none', 'n/a', 'na', '-']);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const DECIMAL_COMMA_NUMBER = /^[+-]?\d+,\d+$/;

/**
 * A value cell → number; NaN for an empty/null cell (a gap); ±Infinity for `+Inf`/`-Inf`
 * (Prometheus spelling; normalization turns them into gaps with a warning); null when not a number.
 * `decimalComma` accepts `1,5` (European CSVs, only safe when the delimiter is not a comma).
 */
export function parseValueCell(cell: string, decimalComma: boolean): number | null {
  const text = cell.trim();
  const lower = text.toLowerCase();
  if (NULL_CELLS.has(lower)) return NaN;
  if (NUMBER.test(text)) return Number(text);
  if (lower === '+inf' || lower === 'inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (decimalComma && DECIMAL_COMMA_NUMBER.test(text)) return Number(text.replace(',', '.'));
  return null;
}

export interface ColumnMeaning {
  metric: CanonicalMetric;
  definition?: UsedDefinition;
  unit: Unit;
  /** Multiply source values by this to get `unit`. */
  factor: number;
  /** True when nothing stated the unit and bytes were assumed. */
  unitAssumed: boolean;
}

/**
 * What a column holds, from its name: the metric (metric-names.ts) and the unit. The name's own
 * implication wins (node_exporter metrics are bytes, a ratio expression is percent), then a unit in
 * the header (`(MiB)`, `%`, `_kb`), else bytes are assumed and the caller warns `unit-assumed`.
 */
export function columnMeaning(name: string): ColumnMeaning {
  const mapping = mapMetricName(name);
  const base = {
    metric: mapping.metric,
    ...(mapping.definition === undefined ? {} : { definition: mapping.definition }),
  };
  if (mapping.unit !== undefined) {
    return { ...base, unit: mapping.unit, factor: mapping.valueFactor ?? 1, unitAssumed: false };
  }
  const stated = unitFromHeader(name);
  if (stated !== null)
    return { ...base, unit: stated.unit, factor: stated.factorToBytes, unitAssumed: false };
  return { ...base, unit: 'bytes', factor: 1, unitAssumed: true };
}

export interface ValueColumnInput {
  name: string;
  cells: readonly string[];
  lines: Int32Array;
  times: Float64Array;
  headerLine: number;
  format: string;
  decimalComma: boolean;
  /** Grafana "Formatted data" cells carry units (`1.5 GiB`, `45%`). */
  formattedCells: boolean;
}

/**
 * One value column → a Series in bytes or percent. A cell that is not a number is an InputError
 * ('bad-number') with its line; an assumed unit is a `unit-assumed` warning on the header line.
 */
export function buildValueSeries(input: ValueColumnInput, ctx: IngestContext): Series {
  const meaning = columnMeaning(input.name);
  const values = new Float64Array(input.cells.length);
  let cellUnit: Unit | undefined;
  for (let i = 0; i < input.cells.length; i++) {
    const cell = input.cells[i] as string;
    const plain = parseValueCell(cell, input.decimalComma);
    if (plain !== null) {
      values[i] = plain * meaning.factor;
      continue;
    }
    const quantity = input.formattedCells ? parseFormattedQuantity(cell) : null;
    if (quantity === null || (cellUnit !== undefined && quantity.unit !== cellUnit)) {
      throw new InputError('bad-number', messages.badNumber(input.name, cell), ctx.file, input.lines[i]);
    }
    cellUnit = quantity.unit;
    values[i] = quantity.value;
  }

  const unit = cellUnit ?? meaning.unit;
  if (cellUnit === undefined && meaning.unitAssumed) {
    ctx.warn(
      'unit-assumed',
      `column "${input.name}" states no unit; its values are taken as bytes`,
      input.headerLine,
    );
  }
  return {
    name: input.name,
    metric: meaning.metric,
    ...(meaning.definition === undefined ? {} : { definition: meaning.definition }),
    unit,
    t: input.times,
    v: values,
    source: { file: ctx.file, format: input.format, line: input.headerLine },
    sourceLines: input.lines,
  };
}

/** Label names that name the host, most specific first. */
const HOST_LABELS = ['instance', 'nodename', 'hostname', 'host', 'node'];

/** The host a Prometheus-style name's labels state (`instance="web-01:9100"` → `web-01`), if any. */
export function hostFromLabels(name: string): string | undefined {
  if (stripLabelSets(name) === name) return undefined;
  const labels = new Map<string, string>();
  for (const match of name.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=~?\s*"((?:[^"\\]|\\.)*)"/g)) {
    labels.set(match[1] as string, (match[2] as string).replace(/\\(.)/g, '$1'));
  }
  for (const label of HOST_LABELS) {
    const value = labels.get(label);
    if (value !== undefined && value.trim() !== '') return hostWithoutPort(value.trim());
  }
  return undefined;
}

/** `web-01:9100` → `web-01`, `[::1]:9100` → `::1`, `http://web-01:9100/metrics` → `web-01`. */
export function hostWithoutPort(address: string): string {
  let host = address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed !== null) return bracketed[1] as string;
  // Only one colon: host:port. More than one without brackets is a bare IPv6 address.
  if ((host.match(/:/g) ?? []).length === 1) host = host.replace(/:\d*$/, '');
  return host;
}

/** The one host that a file's series names state; undefined (with a `multiple-hosts` warning) when they disagree. */
export function commonHost(hosts: readonly (string | undefined)[], ctx: IngestContext): string | undefined {
  const distinct = [...new Set(hosts.filter((host): host is string => host !== undefined))];
  if (distinct.length > 1) {
    ctx.warn(
      'multiple-hosts',
      `series name several hosts (${distinct.join(', ')}); the file gives no single host`,
    );
  }
  return distinct.length === 1 ? distinct[0] : undefined;
}
