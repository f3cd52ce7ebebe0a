/**
 * AWS CloudWatch API JSON as the AWS CLI prints it (research/formats.md §5):
 *
 * - `aws cloudwatch get-metric-statistics`: `{"Label":"mem_used_percent","Datapoints":[{"Timestamp":
 *   "2026-03-02T00:00:00+00:00","Average":45.2,"Unit":"Percent"},…]}` — datapoints come in no particular
 *   order (sorted here, without a warning: that is the API, not a messy export); one series per statistic
 *   (Average, Maximum, Minimum, Sum, extended percentiles), SampleCount skipped.
 * - `aws cloudwatch get-metric-data`: `{"MetricDataResults":[{"Label":…,"Timestamps":[…],"Values":[…]}]}`.
 *
 * Names: the CloudWatch agent's (`mem_used_percent`, `mem_available` …, see telegraf-csv.ts), RDS
 * `FreeableMemory` (available) and ECS `MemoryUtilization`; others via the generic name mapping. A
 * datapoint's `Unit` (Bytes, Kilobytes, Megabytes, Gigabytes — 1024-based like every memory unit here —
 * or Percent) wins over what the name implies.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import { parseTime } from '../normalize/time.js';
import { columnMeaning } from './columns.js';
import type { Importer, IngestContext } from './importer.js';
import { isRecord, lineOf, parseJson } from './json-input.js';
import { memField } from './telegraf-csv.js';

const SOURCE = 'CloudWatch';
const UNIT_FACTORS: Record<string, { unit: Unit; factor: number }> = {
  Percent: { unit: 'percent', factor: 1 },
  Bytes: { unit: 'bytes', factor: 1 },
  Kilobytes: { unit: 'bytes', factor: 1024 },
  Megabytes: { unit: 'bytes', factor: 1024 ** 2 },
  Gigabytes: { unit: 'bytes', factor: 1024 ** 3 },
  Terabytes: { unit: 'bytes', factor: 1024 ** 4 },
  Count: { unit: 'count', factor: 1 },
};
const STATISTICS = ['Average', 'Maximum', 'Minimum', 'Sum'];
const AWS_METRICS: Record<string, { metric: CanonicalMetric; unit: Unit; definition?: UsedDefinition }> = {
  FreeableMemory: { metric: 'mem.available', unit: 'bytes' },
  MemoryUtilization: { metric: 'mem.used', unit: 'percent', definition: 'unknown' },
};

interface Meaning {
  metric: CanonicalMetric;
  unit: Unit;
  factor: number;
  definition?: UsedDefinition;
}

function meaningOf(label: string, unitName: string | undefined, ctx: IngestContext): Meaning {
  const stated = unitName === undefined ? undefined : UNIT_FACTORS[unitName];
  const known = memField(label) ?? AWS_METRICS[label];
  if (known !== undefined && known !== null) {
    return { ...known, factor: 1, ...(stated === undefined ? {} : stated) };
  }
  const guess = columnMeaning(label);
  if (stated === undefined && guess.unitAssumed) {
    ctx.warn('unit-assumed', `"${label}" states no unit; its values are taken as bytes`);
  }
  return {
    metric: guess.metric,
    ...(guess.definition === undefined ? {} : { definition: guess.definition }),
    ...(stated ?? { unit: guess.unit, factor: guess.factor }),
  };
}

function timeOf(value: unknown, ctx: IngestContext, text: string): number {
  const ms = typeof value === 'number' || typeof value === 'string' ? parseTime(String(value), 'UTC') : NaN;
  if (Number.isNaN(ms))
    throw new InputError('bad-time', messages.badTime(String(value)), ctx.file, lineOf(text, value));
  return ms;
}

function sortedSeries(name: string, meaning: Meaning, points: [number, number][], file: string): Series {
  points.sort((a, b) => a[0] - b[0]);
  return {
    name,
    metric: meaning.metric,
    ...(meaning.definition === undefined ? {} : { definition: meaning.definition }),
    unit: meaning.unit,
    t: Float64Array.from(points, (point) => point[0]),
    v: Float64Array.from(points, (point) => point[1] * meaning.factor),
    source: { file, format: 'cloudwatch-json' },
  };
}

export const cloudwatchJson: Importer = {
  id: 'cloudwatch-json',
  description: 'AWS CloudWatch get-metric-statistics / get-metric-data JSON',

  sniff(head) {
    return (
      head.trimStart().startsWith('{') &&
      (/"Datapoints"\s*:/.test(head) || /"MetricDataResults"\s*:/.test(head))
    );
  },

  parse(text, ctx) {
    const body = parseJson(text, ctx.file);
    if (!isRecord(body)) throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, 1);
    const series: Series[] = [];
    if (Array.isArray(body.Datapoints)) {
      const label = String(body.Label ?? 'CloudWatch metric');
      const datapoints = body.Datapoints.filter(isRecord);
      const extended = new Set(
        datapoints.flatMap((point) =>
          isRecord(point.ExtendedStatistics) ? Object.keys(point.ExtendedStatistics) : [],
        ),
      );
      const unitName = datapoints.find((point) => typeof point.Unit === 'string')?.Unit as string | undefined;
      const meaning = meaningOf(label, unitName, ctx);
      for (const statistic of [...STATISTICS, ...extended]) {
        const points: [number, number][] = [];
        for (const point of datapoints) {
          const value = STATISTICS.includes(statistic)
            ? point[statistic]
            : isRecord(point.ExtendedStatistics)
              ? point.ExtendedStatistics[statistic]
              : undefined;
          if (typeof value === 'number') points.push([timeOf(point.Timestamp, ctx, text), value]);
        }
        if (points.length > 0)
          series.push(sortedSeries(`${label} (${statistic})`, meaning, points, ctx.file));
      }
    } else if (Array.isArray(body.MetricDataResults)) {
      for (const result of body.MetricDataResults.filter(isRecord)) {
        const label = String(result.Label ?? result.Id ?? 'CloudWatch metric');
        const timestamps = Array.isArray(result.Timestamps) ? result.Timestamps : [];
        const values = Array.isArray(result.Values) ? result.Values : [];
        if (timestamps.length !== values.length) {
          throw new InputError(
            'bad-json',
            messages.badJson(`"${label}" has ${timestamps.length} timestamps but ${values.length} values`),
            ctx.file,
            lineOf(text, label),
          );
        }
        const points = timestamps.map((stamp, i): [number, number] => [
          timeOf(stamp, ctx, text),
          typeof values[i] === 'number' ? (values[i] as number) : NaN,
        ]);
        if (points.length > 0)
          series.push(sortedSeries(label, meaningOf(label, undefined, ctx), points, ctx.file));
      }
    }
    if (series.length === 0) throw new InputError('no-series', messages.noSeries(SOURCE), ctx.file, 1);
    return { series, slabs: [] };
  },
};
