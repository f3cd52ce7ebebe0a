/**
 * Datadog metrics query API v1 (`GET /api/v1/query`) JSON (research/formats.md §3):
 * `{"status":"ok","res_type":"time_series","series":[{"metric":…,"pointlist":[[epoch_ms, value|null],…],
 * "scope":"host:web-01","expression":…,"unit":[{family,name,scale_factor,…},…]}],…}`. One series per
 * group; null values are gaps.
 *
 * The Agent's `system.mem.*` metrics are MiB (`memory_nix.go` divides by 1024²); `system.mem.used` is
 * total − free (page cache and slab included), `system.mem.usable` is MemAvailable, `pct_usable` a 0–1
 * fraction (→ percent). Kubernetes/container metrics (`kubernetes.memory.working_set` …) are bytes. A
 * `unit` array on the series, when present, states the scale and wins; a metric neither names is assumed
 * to be bytes with a warning. An error response (`{"status":"error","error":…}`, `{"errors":[…]}`) is
 * an InputError.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import { columnMeaning, commonHost } from './columns.js';
import type { Importer } from './importer.js';
import { isRecord, lineOf, parseJson } from './json-input.js';

const SOURCE = 'Datadog';
const MIB = 1024 ** 2;

interface Meaning {
  metric: CanonicalMetric;
  definition?: UsedDefinition;
  unit: Unit;
  factor: number;
}

const METRICS: Record<string, Meaning> = {
  'system.mem.total': { metric: 'mem.total', unit: 'bytes', factor: MIB },
  'system.mem.free': { metric: 'mem.free', unit: 'bytes', factor: MIB },
  'system.mem.used': { metric: 'mem.used', definition: 'total-minus-free', unit: 'bytes', factor: MIB },
  'system.mem.usable': { metric: 'mem.available', unit: 'bytes', factor: MIB },
  'system.mem.pct_usable': { metric: 'mem.available', unit: 'percent', factor: 100 },
  'system.mem.cached': { metric: 'mem.cached', unit: 'bytes', factor: MIB },
  'system.mem.buffered': { metric: 'mem.buffers', unit: 'bytes', factor: MIB },
  'system.mem.shared': { metric: 'mem.shmem', unit: 'bytes', factor: MIB },
  'system.mem.slab': { metric: 'slab.total', unit: 'bytes', factor: MIB },
  'system.mem.slab_reclaimable': { metric: 'slab.reclaimable', unit: 'bytes', factor: MIB },
  'system.mem.committed_as': { metric: 'mem.committed', unit: 'bytes', factor: MIB },
  'system.mem.page_tables': { metric: 'other', unit: 'bytes', factor: MIB },
  'system.mem.commit_limit': { metric: 'other', unit: 'bytes', factor: MIB },
  'system.swap.used': { metric: 'swap.used', unit: 'bytes', factor: MIB },
  'system.swap.total': { metric: 'other', unit: 'bytes', factor: MIB },
  'system.swap.free': { metric: 'other', unit: 'bytes', factor: MIB },
  'system.swap.cached': { metric: 'other', unit: 'bytes', factor: MIB },
  'system.swap.pct_free': { metric: 'other', unit: 'percent', factor: 100 },
  'kubernetes.memory.working_set': {
    metric: 'mem.used',
    definition: 'usage-minus-inactive-file',
    unit: 'bytes',
    factor: 1,
  },
  'kubernetes.memory.usage': { metric: 'mem.used', definition: 'cgroup-usage', unit: 'bytes', factor: 1 },
  'kubernetes.memory.rss': { metric: 'mem.anon', unit: 'bytes', factor: 1 },
  'kubernetes.memory.cache': { metric: 'mem.cached', unit: 'bytes', factor: 1 },
  'container.memory.working_set': {
    metric: 'mem.used',
    definition: 'usage-minus-inactive-file',
    unit: 'bytes',
    factor: 1,
  },
  'container.memory.usage': { metric: 'mem.used', definition: 'cgroup-usage', unit: 'bytes', factor: 1 },
  'container.memory.rss': { metric: 'mem.anon', unit: 'bytes', factor: 1 },
  'container.memory.cache': { metric: 'mem.cached', unit: 'bytes', factor: 1 },
  'docker.mem.rss': { metric: 'mem.anon', unit: 'bytes', factor: 1 },
  'docker.mem.cache': { metric: 'mem.cached', unit: 'bytes', factor: 1 },
};

/** The scale the series' `unit` array states: bytes × scale_factor, percent, or a fraction (× 100). */
function statedUnit(unit: unknown): { unit: Unit; factor: number } | null {
  const first = Array.isArray(unit) ? unit[0] : undefined;
  if (!isRecord(first)) return null;
  const family = String(first.family ?? '');
  const name = String(first.name ?? '');
  const scale = typeof first.scale_factor === 'number' ? first.scale_factor : 1;
  if (family === 'bytes') return { unit: 'bytes', factor: scale };
  if (family === 'percentage') return { unit: 'percent', factor: name === 'fraction' ? 100 : 1 };
  return null;
}

function hostOf(entry: Record<string, unknown>): string | undefined {
  const tags = [
    ...String(entry.scope ?? '').split(','),
    ...(Array.isArray(entry.tag_set) ? entry.tag_set.map(String) : []),
  ];
  const host = tags.map((tag) => tag.trim()).find((tag) => tag.startsWith('host:'));
  return host?.slice('host:'.length);
}

export const datadogJson: Importer = {
  id: 'datadog-json',
  description: 'Datadog /api/v1/query JSON (pointlist; system.mem.* in MiB)',

  sniff(head) {
    // Datadog's API errors are `{"errors": ["Forbidden"]}`: a list of strings.
    return (
      head.trimStart().startsWith('{') &&
      (/"pointlist"\s*:/.test(head) ||
        /"res_type"\s*:/.test(head) ||
        /^\s*\{\s*"errors"\s*:\s*\[\s*"/.test(head))
    );
  },

  parse(text, ctx) {
    const body = parseJson(text, ctx.file);
    if (!isRecord(body)) throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, 1);
    if (body.status === 'error' || Array.isArray(body.errors)) {
      const detail = Array.isArray(body.errors)
        ? body.errors.map(String).join('; ')
        : String(body.error ?? body.message);
      throw new InputError('api-error', messages.apiError(SOURCE, detail), ctx.file, 1);
    }
    if (!Array.isArray(body.series))
      throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, 1);
    const series: Series[] = [];
    const hosts: (string | undefined)[] = [];
    for (const entry of body.series as unknown[]) {
      if (!isRecord(entry) || !Array.isArray(entry.pointlist)) continue;
      const metricName = String(entry.metric ?? '');
      const name = String(entry.expression ?? entry.display_name ?? metricName);
      const known = METRICS[metricName];
      const stated = statedUnit(entry.unit);
      let meaning: Meaning;
      if (known !== undefined) meaning = stated === null ? known : { ...known, ...stated };
      else {
        const guess = columnMeaning(metricName);
        meaning = {
          metric: guess.metric,
          ...(guess.definition === undefined ? {} : { definition: guess.definition }),
          ...(stated ?? { unit: guess.unit, factor: guess.factor }),
        };
        if (stated === null && guess.unitAssumed) {
          ctx.warn('unit-assumed', `"${metricName}" states no unit; its values are taken as bytes`);
        }
      }
      const points = entry.pointlist as unknown[];
      const t = new Float64Array(points.length);
      const v = new Float64Array(points.length);
      points.forEach((point, i) => {
        const time = Array.isArray(point) ? point[0] : undefined;
        const value = Array.isArray(point) ? point[1] : undefined;
        if (typeof time !== 'number' || (value !== null && typeof value !== 'number')) {
          const bad = typeof time !== 'number' ? time : value;
          throw new InputError(
            'bad-sample',
            messages.badNumber(name, JSON.stringify(point)),
            ctx.file,
            lineOf(text, bad),
          );
        }
        t[i] = time;
        v[i] = value === null ? NaN : value * meaning.factor;
      });
      series.push({
        name,
        metric: meaning.metric,
        ...(meaning.definition === undefined ? {} : { definition: meaning.definition }),
        unit: meaning.unit,
        t,
        v,
        source: { file: ctx.file, format: 'datadog-json' },
      });
      hosts.push(hostOf(entry));
    }
    if (series.length === 0) throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, 1);
    const host = commonHost(hosts, ctx);
    return { series, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};
