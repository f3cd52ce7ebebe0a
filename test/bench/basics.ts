// npm run bench — prints our figures next to the baseline each is compared against, in the same run.
// Not a test: timings depend on the machine; the figures go into closing notes with this command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mannKendall } from '../../src/detect/stats/mann-kendall.js';
import { senSlope } from '../../src/detect/stats/sen-slope.js';
import { analyze } from '../../src/pipeline.js';
import { scenarioFiles, sampleScenarios } from '../helpers/golden.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(repoRoot);

function timeMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

async function timeMsAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Seeded AR(1) noise on a ramp: the shape of a memory series. */
function ramp(n: number): { x: Float64Array; y: Float64Array } {
  let state = 12345;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let noise = 0;
  for (let i = 0; i < n; i++) {
    noise = 0.8 * noise + (random() - 0.5);
    x[i] = i * 10_000;
    y[i] = 1e9 + i * 1000 + noise * 1e6;
  }
  return { x, y };
}

/** The textbook all-pairs Mann-Kendall S: the O(n²) baseline (what pyMannKendall does). */
function naiveMannKendallS(y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const yi = y[i] as number;
    for (let j = i + 1; j < y.length; j++) s += Math.sign((y[j] as number) - yi);
  }
  return s;
}

function row(label: string, ours: string, baseline: string): void {
  console.log(`${label.padEnd(44)} ${ours.padStart(14)}   ${baseline}`);
}

console.log(`memautopsy bench — node ${process.version}, ${new Date().toISOString()}\n`);
console.log(`${'measure'.padEnd(44)} ${'ours'.padStart(14)}   baseline`);

// 1. Mann-Kendall S: merge-sort inversion count vs the all-pairs loop, same input, same run.
{
  const { y } = ramp(20_000);
  let oursS = 0;
  let naiveS = 0;
  const ours = timeMs(() => (oursS = mannKendall(y).s));
  const naive = timeMs(() => (naiveS = naiveMannKendallS(y)));
  if (oursS !== naiveS) throw new Error(`S differs: ${oursS} vs ${naiveS}`);
  row('Mann-Kendall S, n = 20,000', `${ours.toFixed(1)} ms`, `all-pairs O(n²) loop: ${naive.toFixed(1)} ms`);
}
for (const n of [60_480, 200_000]) {
  const { x, y } = ramp(n);
  const mk = timeMs(() => mannKendall(y));
  const sen = timeMs(() => senSlope(x, y));
  row(
    `Mann-Kendall + Sen slope, n = ${n.toLocaleString('en-US')}`,
    `${(mk + sen).toFixed(0)} ms`,
    '(exact, O(n log n))',
  );
}

// 2. One host end to end: the library call per sample, then the CLI for JSON and for PDF.
for (const scenario of sampleScenarios(repoRoot)) {
  const files = scenarioFiles(repoRoot, scenario);
  await analyze(files); // warm-up: first-call JIT
  const ms = await timeMsAsync(() => analyze(files));
  row(`analyze() ${scenario}`, `${ms.toFixed(0)} ms`, '');
}
const out = mkdtempSync(join(tmpdir(), 'memautopsy-bench-'));
for (const format of ['json', 'pdf'] as const) {
  const files = scenarioFiles(repoRoot, 'dentry-cache');
  const start = performance.now();
  const run = spawnSync(process.execPath, [
    'bin/memautopsy',
    'analyze',
    ...files,
    '-o',
    join(out, `r.${format}`),
  ]);
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`CLI ${format} failed: ${run.stderr.toString()}`);
  row(
    `CLI analyze dentry-cache -o r.${format} (wall)`,
    `${ms.toFixed(0)} ms`,
    format === 'pdf' ? 'target < 1,500 ms incl. browser launch (issue 6)' : '',
  );
}
