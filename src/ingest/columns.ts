/**
 * Column helpers shared by the CSV-like importers: time columns, value cells, the unit of a column,
 * and host names from Prometheus labels.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import { mapMetricName } from '../normalize/metric-names.js';
import { detectNumberStyle, parseStyledNumber, PLAIN_NUMBERS } from '../normalize/numbers.js';
import type { NumberStyle } from '../normalize/numbers.js';
import type { DateOrder, TimeKind } from '../normalize/time.js';
import {
  describeTimeKind,
  instantAfter,
  nearOffsetChange,
  numericDateFields,
  numericDateOrder,
  parseDateTimeParts,
  parseTimeDetailed,
} from '../normalize/time.js';
import { parseFormattedQuantity, stripLabelSets, unitFromHeader } from '../normalize/units.js';
import type { IngestContext } from './importer.js';

export interface TimeColumnOptions {
  /** Accept Excel serial day numbers (the column's header names a time). */
  excelSerial?: boolean;
  /** Read every cell in this zone whatever --tz says (New Relic CSV is always UTC). */
  tz?: string;
}

/**
 * Parse a time column: every cell must be a time, written the same way as the first row's
 * (InputError 'bad-time' with the line otherwise). Numeric dates (`03/04/2026`) are read day-first or
 * month-first as the column's cells decide (a part above 12); when none decides, or cells disagree,
 * that is an InputError ('ambiguous-date') rather than a guess.
 */
export function readTimeColumn(
  cells: readonly string[],
  lines: Int32Array,
  ctx: Pick<IngestContext, 'file' | 'tz'>,
  options: TimeColumnOptions = {},
): Float64Array {
  const tz = options.tz ?? ctx.tz;
  const times = new Float64Array(cells.length);
  let order: DateOrder | undefined;
  if (cells.length > 0 && numericDateFields(cells[0] as string) !== null) {
    const decision = numericDateOrder(cells);
    if ('conflict' in decision) {
      const { dayFirstIndex, monthFirstIndex } = decision.conflict;
      throw new InputError(
        'ambiguous-date',
        messages.mixedDateOrder(cells[dayFirstIndex] as string, cells[monthFirstIndex] as string),
        ctx.file,
        lines[Math.max(dayFirstIndex, monthFirstIndex)],
      );
    }
    if (decision.order === null) {
      throw new InputError('ambiguous-date', messages.ambiguousDate(cells[0] as string), ctx.file, lines[0]);
    }
    order = decision.order;
  }
  const parseOptions = {
    ...(order === undefined ? {} : { order }),
    excelSerial: options.excelSerial === true,
  };
  let firstKind: TimeKind | undefined;
  let previousMs = -Infinity;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    const parsed = parseTimeDetailed(cell, tz, parseOptions);
    if (parsed === null) throw new InputError('bad-time', messages.badTime(cell), ctx.file, lines[i]);
    if (parsed.kind === 'datetime-local' && nearOffsetChange(parsed.ms, tz)) {
      // The hour DST repeats: the first reading not before the previous row (rows run forward in time).
      const parts = parseDateTimeParts(cell, order);
      if (parts !== null) parsed.ms = instantAfter(parts, tz, previousMs) ?? parsed.ms;
    }
    previousMs = parsed.ms;
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
 * One value column → a Series in bytes or percent. The column's number style (decimal comma, digit
 * grouping) is read from all its cells when plain numbers do not fit (normalize/numbers.ts). A cell that
 * is not a number is an InputError ('bad-number') with its line; an assumed unit is a `unit-assumed`
 * warning on the header line.
 */
export function buildValueSeries(input: ValueColumnInput, ctx: IngestContext): Series {
  const meaning = columnMeaning(input.name);
  const { values, cellUnit, unitCells } = parseValueColumn(input, ctx);
  if (meaning.factor !== 1) {
    // Cells that carried their own unit are already in it; bare numbers take the column's.
    for (let i = 0; i < values.length; i++) {
      if (unitCells?.[i] !== 1) values[i] = (values[i] as number) * meaning.factor;
    }
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

/**
 * The numbers of a value column as written (no unit factor): gaps NaN, the column's number style, and
 * for Grafana "Formatted data" cells their own unit (`1.5 GiB` → bytes, `45%` → percent; one unit per
 * column). InputError 'bad-number' with the line of a cell that is none of these.
 */
export function parseValueColumn(
  input: Pick<ValueColumnInput, 'name' | 'cells' | 'lines' | 'decimalComma' | 'formattedCells'>,
  ctx: Pick<IngestContext, 'file'>,
): { values: Float64Array; cellUnit: Unit | undefined; unitCells: Uint8Array | undefined } {
  const values = new Float64Array(input.cells.length);
  const style = numberStyleOf(input, ctx);
  let cellUnit: Unit | undefined;
  let unitCells: Uint8Array | undefined;
  for (let i = 0; i < input.cells.length; i++) {
    const cell = input.cells[i] as string;
    const plain = parseCell(cell, style);
    if (plain !== null) {
      values[i] = plain;
      continue;
    }
    const quantity = input.formattedCells ? parseFormattedQuantity(cell) : null;
    if (quantity === null || (cellUnit !== undefined && quantity.unit !== cellUnit)) {
      throw new InputError('bad-number', messages.badNumber(input.name, cell), ctx.file, input.lines[i]);
    }
    cellUnit = quantity.unit;
    values[i] = quantity.value;
    unitCells ??= new Uint8Array(input.cells.length);
    unitCells[i] = 1;
  }
  return { values, cellUnit, unitCells };
}

/**
 * A column already parsed to plain numbers (the fast path) → a Series, exactly as buildValueSeries would
 * make it from the same cells.
 */
export function numericColumnSeries(
  input: {
    name: string;
    values: Float64Array;
    times: Float64Array;
    lines: Int32Array;
    headerLine: number;
    format: string;
  },
  ctx: IngestContext,
): Series {
  const meaning = columnMeaning(input.name);
  const values = input.values;
  if (meaning.factor !== 1)
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * meaning.factor;
  if (meaning.unitAssumed) {
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
    unit: meaning.unit,
    t: input.times,
    v: values,
    source: { file: ctx.file, format: input.format, line: input.headerLine },
    sourceLines: input.lines,
  };
}

/** Gap cells → NaN, `±Inf` → ±Infinity, otherwise a number in the column's style (null when not one). */
function parseCell(cell: string, style: NumberStyle): number | null {
  const plain = parseValueCell(cell, false);
  if (style === PLAIN_NUMBERS) return plain;
  // Under a decimal comma `1.100` is 1100: every number goes through the column's style.
  if (plain !== null && !Number.isFinite(plain)) return plain;
  return parseStyledNumber(cell, style);
}

/**
 * Plain numbers unless some cell is not one; then the style the column's cells decide. `decimalComma`
 * (a `;` or TAB file) lets a lone `1,234` read as 1.234, since such files come from decimal-comma locales.
 */
function numberStyleOf(
  input: Pick<ValueColumnInput, 'name' | 'cells' | 'lines' | 'decimalComma'>,
  ctx: Pick<IngestContext, 'file'>,
): NumberStyle {
  const cells = input.cells.map((cell) => cell.trim());
  if (cells.every((cell) => parseValueCell(cell, false) !== null)) return PLAIN_NUMBERS;
  const numeric = cells.filter((cell) => /^[+-]?[\d.,' \u00a0\u202f]+$/.test(cell));
  const decision = detectNumberStyle(numeric);
  if ('style' in decision) return decision.style;
  if ('ambiguous' in decision) {
    if (input.decimalComma) return { decimal: ',', group: '.' };
    const cell = numeric[decision.ambiguous] as string;
    throw new InputError(
      'ambiguous-number',
      messages.ambiguousNumber(input.name, cell),
      ctx.file,
      input.lines[cells.indexOf(cell)],
    );
  }
  const [first, second] = decision.conflict.map((index) => numeric[index] as string);
  throw new InputError(
    'ambiguous-number',
    messages.mixedNumberStyles(input.name, first as string, second as string),
    ctx.file,
    input.lines[cells.indexOf(second as string)],
  );
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
