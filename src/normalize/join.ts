/**
 * One series split over several files — daily `sar` files, collectd's one file per day, the same panel
 * exported twice — joined back into one. Series join when their source format, name, metric, unit and
 * definition agree and they come from different files. Each part is already normalized (sorted, unique
 * times); where parts overlap in time the later file's value wins at equal timestamps, with one
 * `overlapping-inputs` warning naming both files.
 */

import type { Series } from '../model/series.js';
import type { Warning } from '../model/warning.js';

function joinKey(series: Series): string {
  return [series.source.format, series.name, series.metric, series.unit, series.definition ?? ''].join(
    '\u0000',
  );
}

/** Series with parts in several files joined (in order of their first time); others unchanged, in input order. */
export function joinSeriesAcrossFiles(series: readonly Series[], warnings: Warning[]): Series[] {
  const groups = new Map<string, Series[]>();
  for (const s of series) {
    const key = joinKey(s);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [s]);
    else group.push(s);
  }
  const out: Series[] = [];
  for (const s of series) {
    const group = groups.get(joinKey(s)) as Series[];
    if (group.length === 1 || new Set(group.map((part) => part.source.file)).size < group.length) {
      out.push(s);
      continue;
    }
    if (group[0] !== s) continue; // the group is emitted once, where its first part was
    out.push(joinParts(group, warnings));
  }
  return out;
}

function joinParts(parts: Series[], warnings: Warning[]): Series {
  const ordered = [...parts].sort((a, b) => (a.t[0] ?? 0) - (b.t[0] ?? 0));
  let t = ordered[0]?.t ?? new Float64Array();
  let v = ordered[0]?.v ?? new Float64Array();
  let lastFile = ordered[0]?.source.file ?? '';
  for (const part of ordered.slice(1)) {
    const lastTime = t[t.length - 1] ?? -Infinity;
    if ((part.t[0] ?? Infinity) <= lastTime) {
      warnings.push({
        code: 'overlapping-inputs',
        message: `${part.name}: ${part.source.file} overlaps in time with ${lastFile}; at equal times the later file's value is kept`,
        file: part.source.file,
      });
    }
    [t, v] = mergeSorted(t, v, part.t, part.v);
    lastFile = part.source.file;
  }
  const first = ordered[0] as Series;
  const { sourceLines: _lines, ...rest } = first;
  return { ...rest, t, v };
}

/** Merge two time-sorted series; at equal times the second's value wins unless it is a gap. */
function mergeSorted(
  ta: Float64Array,
  va: Float64Array,
  tb: Float64Array,
  vb: Float64Array,
): [Float64Array, Float64Array] {
  const t = new Float64Array(ta.length + tb.length);
  const v = new Float64Array(ta.length + tb.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < ta.length || j < tb.length) {
    const a = i < ta.length ? (ta[i] as number) : Infinity;
    const b = j < tb.length ? (tb[j] as number) : Infinity;
    if (a < b) {
      t[n] = a;
      v[n++] = va[i++] as number;
    } else if (b < a) {
      t[n] = b;
      v[n++] = vb[j++] as number;
    } else {
      const later = vb[j] as number;
      t[n] = a;
      v[n++] = Number.isNaN(later) ? (va[i] as number) : later;
      i++;
      j++;
    }
  }
  return [t.slice(0, n), v.slice(0, n)];
}
