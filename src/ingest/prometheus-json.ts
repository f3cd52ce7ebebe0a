/**
 * Prometheus HTTP API `/api/v1/query_range` (and `/api/v1/query`) JSON (research/formats.md §4):
 * `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{labels},"values":[[t,"v"],…]}]}}`.
 * Times are Unix seconds (float); values are JSON strings, so `"NaN"`, `"+Inf"` and `"-Inf"` occur (a NaN
 * is a gap; infinities become gaps with a warning in normalization); missing samples are simply absent.
 * `warnings` (and Prometheus 3's `infos`) are passed on as warnings; an error envelope
 * (`"status":"error","errorType":…,"error":…`) is an InputError. A `vector` result gives one point per
 * series; `scalar`/`string` results are not series.
 *
 * Each series is named as a selector, `__name__{label="value",…}`: node_exporter names (with or without
 * `_bytes`) and cAdvisor/kubelet container metrics map to canonical metrics (normalize/metric-names.ts);
 * `…_total` metrics are counters (resets are reported). The host comes from `instance`/`nodename`/… labels.
 */

import { InputError, messages } from '../errors.js';
import type { Series } from '../model/series.js';
import { columnMeaning, commonHost, hostFromLabels } from './columns.js';
import type { Importer } from './importer.js';
import { isRecord, lineOf, parseJson } from './json-input.js';

const SOURCE = 'Prometheus';

/** `__name__{a="b", …}` with label values escaped as PromQL writes them. */
export function selectorName(labels: Record<string, unknown>, fallback: string): string {
  const name = typeof labels.__name__ === 'string' ? labels.__name__ : '';
  const pairs = Object.entries(labels)
    .filter(([key]) => key !== '__name__')
    .map(([key, value]) => `${key}="${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  if (name === '' && pairs.length === 0) return fallback;
  return pairs.length === 0 ? name : `${name}{${pairs.join(', ')}}`;
}

/** A sample value: a number or a Prometheus string (`"1e3"`, `"NaN"`, `"+Inf"`); undefined when neither. */
function sampleValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const number = Number(text);
  return text === '' || Number.isNaN(number) ? undefined : number;
}

export const prometheusJson: Importer = {
  id: 'prometheus-json',
  description: 'Prometheus /api/v1/query_range JSON (matrix; node_exporter and cAdvisor metrics)',

  sniff(head) {
    const start = head.trimStart();
    return start.startsWith('{') && (/"resultType"\s*:/.test(head) || /"errorType"\s*:/.test(head));
  },

  parse(text, ctx) {
    const body = parseJson(text, ctx.file);
    if (!isRecord(body))
      throw new InputError('bad-json', messages.notTimeSeries(SOURCE, 'no object'), ctx.file, 1);
    if (body.status === 'error' || typeof body.error === 'string') {
      const detail = `${typeof body.errorType === 'string' ? `${body.errorType}: ` : ''}${String(body.error ?? 'unknown error')}`;
      throw new InputError('api-error', messages.apiError(SOURCE, detail), ctx.file, 1);
    }
    for (const key of ['warnings', 'infos']) {
      const notes = body[key];
      if (Array.isArray(notes))
        for (const note of notes) ctx.warn(`prometheus-${key.slice(0, -1)}`, `Prometheus: ${String(note)}`);
    }
    const data = body.data;
    if (!isRecord(data) || !Array.isArray(data.result)) {
      throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, 1);
    }
    const resultType = data.resultType;
    if (resultType !== 'matrix' && resultType !== 'vector') {
      throw new InputError(
        'not-series',
        messages.notTimeSeries(SOURCE, `a ${String(resultType)} result`),
        ctx.file,
        1,
      );
    }
    const series: Series[] = [];
    data.result.forEach((entry: unknown, index: number) => {
      if (!isRecord(entry)) return;
      const labels = isRecord(entry.metric) ? entry.metric : {};
      const name = selectorName(labels, `series ${index + 1}`);
      const samples = resultType === 'matrix' ? entry.values : [entry.value];
      if (!Array.isArray(samples)) return;
      const t = new Float64Array(samples.length);
      const v = new Float64Array(samples.length);
      samples.forEach((sample: unknown, i: number) => {
        const time = Array.isArray(sample) ? sample[0] : undefined;
        const value = Array.isArray(sample) ? sampleValue(sample[1]) : undefined;
        if (typeof time !== 'number' || value === undefined) {
          const bad = Array.isArray(sample) ? (typeof time !== 'number' ? time : sample[1]) : sample;
          throw new InputError(
            'bad-sample',
            messages.badNumber(name, JSON.stringify(sample)),
            ctx.file,
            lineOf(text, bad),
          );
        }
        t[i] = Math.round(time * 1000);
        v[i] = value;
      });
      const meaning = columnMeaning(name);
      if (meaning.unitAssumed)
        ctx.warn('unit-assumed', `"${name}" states no unit; its values are taken as bytes`);
      for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * meaning.factor;
      const metricName = typeof labels.__name__ === 'string' ? labels.__name__ : '';
      series.push({
        name,
        metric: meaning.metric,
        ...(meaning.definition === undefined ? {} : { definition: meaning.definition }),
        unit: meaning.unit,
        t,
        v,
        source: { file: ctx.file, format: 'prometheus-json' },
        ...(metricName.endsWith('_total') ? { counter: true } : {}),
      });
    });
    if (series.length === 0)
      throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, lineOf(text, 'result'));
    const host = commonHost(
      series.map((s) => hostFromLabels(s.name)),
      ctx,
    );
    return { series, slabs: [], ...(host === undefined ? {} : { host }) };
  },
};
