/**
 * The TCPD benchmark data (test/fixtures/tcpd) and TCPDBench's two metrics, ported from
 * alan-turing-institute/TCPDBench `analysis/scripts/metrics.py` (MIT): F1 with a margin of 5 points
 * (index 0 added to every annotation set and to the prediction; precision against the union of the
 * annotators, recall averaged over annotators; each prediction matched at most once, to the closest
 * annotation) and covering (Arbeláez et al. 2010, averaged over annotators).
 */
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../fixtures/tcpd/', import.meta.url);

export interface TcpdSeries {
  name: string;
  /** Values with null (missing) as NaN. */
  values: number[];
  /** Annotator id → 0-based change point indices. */
  annotations: Record<string, number[]>;
}

interface Reference {
  rows: Record<
    string,
    {
      n_obs: number;
      pelt_default_cps_0based: number[];
      pelt_default_f1: number;
      pelt_default_cover: number;
      zero_f1: number;
      zero_cover: number;
    }
  >;
}

export const reference = JSON.parse(
  readFileSync(new URL('reference_default_pelt_and_zero.json', FIXTURES), 'utf8'),
) as Reference;

const annotations = JSON.parse(readFileSync(new URL('annotations.json', FIXTURES), 'utf8')) as Record<
  string,
  Record<string, number[]>
>;

export function loadTcpd(name: string): TcpdSeries {
  const data = JSON.parse(readFileSync(new URL(`datasets/${name}.json`, FIXTURES), 'utf8')) as {
    series: { raw: (number | null)[] }[];
  };
  const raw = data.series[0]?.raw ?? [];
  return {
    name,
    values: raw.map((v) => (v === null ? NaN : v)),
    annotations: annotations[name] ?? {},
  };
}

/** All series of the reference file, and the 25 real ones the benchmark averages (no quality_control_*). */
export const TCPD_ALL = Object.keys(reference.rows);
export const TCPD_REAL = TCPD_ALL.filter((name) => !name.startsWith('quality_control'));

/** metrics.py `true_positives`: annotations matched, greedily, each to the closest unused prediction. */
function truePositives(truth: number[], predictions: number[], margin: number): number {
  const remaining = new Set(predictions);
  let count = 0;
  for (const tau of truth) {
    let bestDistance = Infinity;
    let best = NaN;
    for (const x of remaining) {
      const distance = Math.abs(tau - x);
      if (distance <= margin && (distance < bestDistance || (distance === bestDistance && x < best))) {
        bestDistance = distance;
        best = x;
      }
    }
    if (!Number.isNaN(best)) {
      count++;
      remaining.delete(best);
    }
  }
  return count;
}

const sortedUnique = (values: Iterable<number>): number[] => [...new Set(values)].sort((a, b) => a - b);

/** metrics.py `f_measure` (alpha 0.5, margin 5 by default). */
export function fMeasure(
  annotationSets: Record<string, number[]>,
  predictions: number[],
  margin = 5,
): number {
  const sets = Object.values(annotationSets).map((cps) => sortedUnique([0, ...cps]));
  const predicted = sortedUnique([0, ...predictions]);
  const union = sortedUnique(sets.flat());
  const precision = truePositives(union, predicted, margin) / predicted.length;
  const recall =
    sets.reduce((sum, set) => sum + truePositives(set, predicted, margin) / set.length, 0) / sets.length;
  if (precision + recall === 0) return 0;
  return (precision * recall) / (0.5 * recall + 0.5 * precision);
}

/** Segments [start, end) of 0..n−1 cut at the given change points (each the first index of a segment). */
function partition(cps: number[], n: number): [number, number][] {
  const cuts = sortedUnique(cps.filter((c) => c > 0 && c < n));
  const bounds = [0, ...cuts, n];
  const parts: [number, number][] = [];
  for (let i = 0; i + 1 < bounds.length; i++) parts.push([bounds[i] as number, bounds[i + 1] as number]);
  return parts;
}

function jaccard(a: [number, number], b: [number, number]): number {
  const intersection = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  const union = a[1] - a[0] + (b[1] - b[0]) - intersection;
  return intersection / union;
}

/** metrics.py `covering`: per annotator Σ|A|·max_A' J(A, A')/n, averaged. */
export function covering(annotationSets: Record<string, number[]>, predictions: number[], n: number): number {
  const predicted = partition(predictions, n);
  const scores = Object.values(annotationSets).map((cps) => {
    let total = 0;
    for (const segment of partition(cps, n)) {
      let best = 0;
      for (const other of predicted) best = Math.max(best, jaccard(segment, other));
      total += (segment[1] - segment[0]) * best;
    }
    return total / n;
  });
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}
