/**
 * New Relic NerdGraph NRQL `TIMESERIES` JSON (research/formats.md §1): the `results` array (found
 * wherever it sits: `data.actor.account.nrql.results`, `data.actor.nrql.results`, or top level) holds
 * one row per bucket: `beginTimeSeconds`, `endTimeSeconds` (epoch seconds), one key per aggregate
 * (`average.memoryUsedBytes`, or the `AS` alias), and with FACET a `facet` plus the faceted attribute
 * (`"hostname": "web-01"`). Each row is stamped at its bucket's begin, as New Relic's charts draw it.
 * A GraphQL error response (`errors`) is an InputError.
 *
 * SystemSample memory attributes (newrelic/infrastructure-agent pkg/metrics/memory*.go): bytes;
 * `memoryUsedBytes` = MemTotal − MemAvailable, and — the trap — `memoryFreeBytes` is MemAvailable, not
 * MemFree (`memoryKernelFreeBytes` is MemFree). Percent attributes stay percent.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import { columnMeaning, commonHost, hostFromLabels } from './columns.js';
import type { Importer, IngestContext } from './importer.js';
import { isRecord, lineOf, parseJson } from './json-input.js';

const SOURCE = 'New Relic';

export interface NewRelicMeaning {
  metric: CanonicalMetric;
  definition?: UsedDefinition;
  unit: Unit;
}

/** Attribute (lower-case, letters and digits only) → meaning. */
const ATTRIBUTES: Record<string, NewRelicMeaning> = {
  memoryusedbytes: { metric: 'mem.used', definition: 'total-minus-available', unit: 'bytes' },
  memoryusedpercent: { metric: 'mem.used', definition: 'total-minus-available', unit: 'percent' },
  memoryfreebytes: { metric: 'mem.available', unit: 'bytes' },
  memoryfreepercent: { metric: 'mem.available', unit: 'percent' },
  memorykernelfreebytes: { metric: 'mem.free', unit: 'bytes' },
  memorykernelfree: { metric: 'mem.free', unit: 'bytes' },
  memorytotalbytes: { metric: 'mem.total', unit: 'bytes' },
  memorycachedbytes: { metric: 'mem.cached', unit: 'bytes' },
  memoryslabbytes: { metric: 'slab.total', unit: 'bytes' },
  memorysharedbytes: { metric: 'mem.shmem', unit: 'bytes' },
  memorybuffersbytes: { metric: 'mem.buffers', unit: 'bytes' },
  swapusedbytes: { metric: 'swap.used', unit: 'bytes' },
  swaptotalbytes: { metric: 'other', unit: 'bytes' },
  swapfreebytes: { metric: 'other', unit: 'bytes' },
  memoryresidentsizebytes: { metric: 'other', unit: 'bytes' },
  memoryvirtualsizebytes: { metric: 'other', unit: 'bytes' },
  memoryworkingsetbytes: { metric: 'mem.used', definition: 'usage-minus-inactive-file', unit: 'bytes' },
};

const AGGREGATES = /^(?:average|avg|max|maximum|min|minimum|latest|sum|median|percentile)[.\s_(-]*/i;

/**
 * A column or key such as `average.memoryUsedBytes`, `Average Memory Used Bytes` or `max(memoryFreePercent)`
 * → its New Relic meaning; null when it is not a known SystemSample attribute.
 */
export function newRelicMeaning(name: string): NewRelicMeaning | null {
  const attribute = name
    .trim()
    .replace(AGGREGATES, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
  return ATTRIBUTES[attribute] ?? null;
}

/** The meaning of any aggregate key: a New Relic attribute, else the generic name mapping (bytes assumed). */
export function newRelicColumn(
  name: string,
  ctx: IngestContext,
  line?: number,
): NewRelicMeaning & { factor: number } {
  const known = newRelicMeaning(name);
  if (known !== null) return { ...known, factor: 1 };
  const guess = columnMeaning(name);
  if (guess.unitAssumed)
    ctx.warn('unit-assumed', `"${name}" states no unit; its values are taken as bytes`, line);
  return {
    metric: guess.metric,
    ...(guess.definition === undefined ? {} : { definition: guess.definition }),
    unit: guess.unit,
    factor: guess.factor,
  };
}

/** The NRQL `results` array, wherever the response nests it. */
function findResults(value: unknown, depth = 0): unknown[] | null {
  if (depth > 8 || !isRecord(value)) return null;
  if (Array.isArray(value.results)) return value.results;
  for (const child of Object.values(value)) {
    const found = findResults(child, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

const TIME_KEYS = new Set(['beginTimeSeconds', 'endTimeSeconds', 'facet', 'timestamp']);

export const newrelicJson: Importer = {
  id: 'newrelic-json',
  description: 'New Relic NerdGraph NRQL TIMESERIES JSON (SystemSample memory attributes, facets)',

  sniff(head) {
    return (
      head.trimStart().startsWith('{') && (/"beginTimeSeconds"\s*:/.test(head) || /"nrql"\s*:/.test(head))
    );
  },

  parse(text, ctx) {
    const body = parseJson(text, ctx.file);
    if (isRecord(body) && Array.isArray(body.errors) && body.errors.length > 0) {
      const detail = body.errors
        .map((error) => (isRecord(error) ? String(error.message) : String(error)))
        .join('; ');
      throw new InputError('api-error', messages.apiError(SOURCE, detail), ctx.file, 1);
    }
    const results = findResults(body);
    if (results === null || results.length === 0)
      throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, 1);

    interface Accumulator {
      meaning: NewRelicMeaning & { factor: number };
      t: number[];
      v: number[];
    }
    const series = new Map<string, Accumulator>();
    for (const row of results) {
      if (!isRecord(row)) continue;
      const begin = row.beginTimeSeconds;
      if (typeof begin !== 'number') {
        throw new InputError(
          'not-series',
          messages.notTimeSeries(SOURCE, 'rows without beginTimeSeconds (no TIMESERIES clause?)'),
          ctx.file,
          lineOf(text, 'results'),
        );
      }
      // Faceted rows name the faceted attribute(s) as string keys besides `facet`.
      const labels = Object.entries(row)
        .filter(([key, value]) => !TIME_KEYS.has(key) && typeof value === 'string')
        .map(([key, value]) => `${key}="${String(value)}"`);
      if (labels.length === 0 && row.facet !== undefined) {
        labels.push(`facet="${Array.isArray(row.facet) ? row.facet.join(', ') : String(row.facet)}"`);
      }
      const suffix = labels.length === 0 ? '' : `{${labels.join(', ')}}`;
      for (const [key, value] of Object.entries(row)) {
        if (TIME_KEYS.has(key) || (typeof value !== 'number' && value !== null)) continue;
        const name = `${key}${suffix}`;
        let accumulator = series.get(name);
        if (accumulator === undefined) {
          accumulator = { meaning: newRelicColumn(key, ctx), t: [], v: [] };
          series.set(name, accumulator);
        }
        accumulator.t.push(begin * 1000);
        accumulator.v.push(value === null ? NaN : value * accumulator.meaning.factor);
      }
    }
    const out: Series[] = [...series].map(([name, { meaning, t, v }]) => ({
      name,
      metric: meaning.metric,
      ...(meaning.definition === undefined ? {} : { definition: meaning.definition }),
      unit: meaning.unit,
      t: Float64Array.from(t),
      v: Float64Array.from(v),
      source: { file: ctx.file, format: 'newrelic-json' },
    }));
    if (out.length === 0) throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, 1);
    const host = commonHost(
      out.map((s) => hostFromLabels(s.name)),
      ctx,
    );
    return { series: out, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};
