import { readFileSync } from 'node:fs';
import type { Series } from './src/model/series.js';
/** Minimal loader of the three samples' CSVs for experiments (not the product's importer). */
export function loadSamples(): Series[] {
  const out: Series[] = [];
  const mk = (name: string, metric: any, t: number[], v: number[], unit: any = 'bytes'): Series => ({ name, metric, unit, t: Float64Array.from(t), v: Float64Array.from(v), source: { file: name, format: 'x' } });
  const lines = (f: string) => readFileSync(f, 'utf8').split(/\r?\n/).filter(Boolean).slice(1).map(l => l.split(','));
  let L = lines('samples/user-space-leak/Memory-used-data-2026-03-06_09_03_27.csv');
  out.push(mk('leak.used', 'mem.used', L.map(r => +r[0]!), L.map(r => r[1] === '' ? NaN : +r[1]!)));
  L = lines('samples/user-space-leak/api-07-memory.csv');
  out.push(mk('leak.available', 'mem.available', L.map(r => Date.parse(r[0]!)), L.map(r => +r[1]! * 2 ** 20)));
  const D = readFileSync('samples/dentry-cache/Memory-used-data-as-joinbyfield-2026-03-09_10_42_19.csv', 'utf8').split(/\r?\n/).filter(Boolean).slice(1).map(l => l.split(','));
  out.push(mk('dentry.used', 'mem.used', D.map(r => +r[0]!), D.map(r => r[1] === '' ? NaN : +r[1]!)));
  out.push(mk('dentry.available', 'mem.available', D.map(r => +r[0]!), D.map(r => r[2] === '' ? NaN : +r[2]!)));
  L = lines('samples/healthy/db-02-memory-2026-03-07.csv');
  out.push(mk('healthy.used', 'mem.used', L.map(r => +r[0]! * 1000), L.map(r => +r[1]! * 2 ** 30)));
  out.push(mk('healthy.cached', 'mem.cached', L.map(r => +r[0]! * 1000), L.map(r => +r[2]! * 2 ** 30)));
  return out;
}
