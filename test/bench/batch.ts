// Batch benchmark (issue 7): `memautopsy batch` against the naive loop of one `memautopsy analyze`
// per host, both through bin/memautopsy on a fresh build, measured in the same run.
//
//   npx tsx test/bench/batch.ts [hosts=200] [pdfHosts=50]
//
// A seeded synthetic fleet (test/batch/fleet-fixture.ts: one day at one minute per host; 70 % healthy,
// 10 % each leak, reclaimable cache and workload change). Every host gets HTML and JSON, `pdfHosts` of
// them a PDF too. Batch: two runs (the non-PDF hosts with html,json; the PDF hosts with html,json,pdf).
// Naive: one process per host writing the same formats. The ratio is batch wall time / naive wall time
// (target ≤ 0.35); both produce the same verdict for every host (checked).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchSummary } from '../../src/batch/summary.js';
import { writeFleet, type HostScenario, type SyntheticHost } from '../batch/fleet-fixture.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'bin', 'memautopsy');
const hostCount = Number(process.argv[2] ?? 200);
const pdfCount = Math.min(hostCount, Number(process.argv[3] ?? 50));

function run(args: string[]): { ms: number; status: number | null; stderr: string } {
  const start = performance.now();
  const child = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { ms: performance.now() - start, status: child.status, stderr: child.stderr };
}

/** Like run(), also sampling the process's peak resident memory (VmHWM, Linux) while it runs. */
async function runSampled(
  args: string[],
): Promise<{ ms: number; status: number | null; stderr: string; peakMiB: number | null }> {
  const start = performance.now();
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKiB: number | null = null;
  const sample = (): void => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKiB = Math.max(peakKiB ?? 0, Number(match[1]));
    } catch {
      // not Linux, or the process is gone
    }
  };
  const timer = setInterval(sample, 25);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearInterval(timer);
  return { ms: performance.now() - start, status, stderr, peakMiB: peakKiB === null ? null : peakKiB / 1024 };
}

function row(label: string, ours: string, baseline: string): void {
  console.log(`${label.padEnd(44)} ${ours.padStart(14)}   ${baseline}`);
}

// A fresh build, so bin/memautopsy runs dist/ for both sides (not tsx).
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot, encoding: 'utf8' });
if (build.status !== 0)
  process.stderr.write(`bench: tsc reported errors (dist still emitted):\n${build.stdout}\n`);

const scenarios: HostScenario[] = [
  'healthy',
  'leak',
  'healthy',
  'cache',
  'healthy',
  'step',
  'healthy',
  'healthy',
  'healthy',
  'healthy',
];
const hosts: SyntheticHost[] = Array.from({ length: hostCount }, (_, i) => ({
  name: `host-${String(i).padStart(3, '0')}`,
  scenario: scenarios[i % scenarios.length] as HostScenario,
  leakMiBPerHour: 40 + (i % 7) * 30,
}));
const root = mkdtempSync(join(tmpdir(), 'memautopsy-bench-batch-'));
const pdfHosts = hosts.slice(0, pdfCount);
const textHosts = hosts.slice(pdfCount);
writeFleet(join(root, 'fleet-pdf'), pdfHosts, 0x5eed0b47);
writeFleet(join(root, 'fleet-text'), textHosts, 0x5eed0b47 + pdfCount);

console.log(
  `memautopsy batch bench — node ${process.version}, ${availableParallelism()} cores, ${hostCount} hosts ` +
    `(1 day at 1 min), ${pdfCount} with PDF\n`,
);

// Ours: batch, default concurrency (the number of cores).
const batchOut = join(root, 'batch');
const batchText = await runSampled([
  'batch',
  join(root, 'fleet-text'),
  '-o',
  join(batchOut, 'text'),
  '--format',
  'html,json',
  '-q',
]);
const batchPdf = await runSampled([
  'batch',
  join(root, 'fleet-pdf'),
  '-o',
  join(batchOut, 'pdf'),
  '--format',
  'html,json,pdf',
  '-q',
]);
for (const r of [batchText, batchPdf])
  if (r.status !== 0) throw new Error(`batch failed (${r.status}): ${r.stderr}`);

// Baseline: one analyze process per host, same formats.
const naiveOut = join(root, 'naive');
let naiveTextMs = 0;
let naivePdfMs = 0;
for (const [i, host] of [...pdfHosts, ...textHosts].entries()) {
  const withPdf = i < pdfCount;
  const folder = join(root, withPdf ? 'fleet-pdf' : 'fleet-text', host.name);
  const out = join(naiveOut, host.name);
  mkdirSync(out, { recursive: true });
  const r = run([
    'analyze',
    join(folder, 'memory.csv'),
    '--host',
    host.name,
    '--format',
    withPdf ? 'html,json,pdf' : 'html,json',
    '-o',
    `${out}/`,
  ]);
  if (r.status !== 0 && r.status !== 3) throw new Error(`analyze ${host.name} failed: ${r.stderr}`);
  if (withPdf) naivePdfMs += r.ms;
  else naiveTextMs += r.ms;
}

// Same verdict for every host both ways.
const summaries = ['text', 'pdf'].map(
  (part) => JSON.parse(readFileSync(join(batchOut, part, 'summary.json'), 'utf8')) as BatchSummary,
);
for (const summary of summaries) {
  for (const hostRow of summary.hosts) {
    if (hostRow.status !== 'ok') throw new Error(`batch: ${hostRow.host} failed: ${hostRow.error}`);
    const naive = JSON.parse(readFileSync(join(naiveOut, hostRow.host, 'report.json'), 'utf8')) as {
      verdict: { kind: string };
    };
    if (naive.verdict.kind !== hostRow.verdict.kind) {
      throw new Error(
        `${hostRow.host}: batch says ${hostRow.verdict.kind}, analyze says ${naive.verdict.kind}`,
      );
    }
  }
}

const batchMs = batchText.ms + batchPdf.ms;
const naiveMs = naiveTextMs + naivePdfMs;
const perSecond = (count: number, ms: number): string => `${((count * 1000) / ms).toFixed(1)} hosts/s`;
console.log(`${'measure'.padEnd(44)} ${'ours (batch)'.padStart(14)}   baseline (one analyze per host)`);
row(
  `${textHosts.length} hosts html+json (wall)`,
  `${(batchText.ms / 1000).toFixed(1)} s`,
  `${(naiveTextMs / 1000).toFixed(1)} s`,
);
row(
  `${pdfHosts.length} hosts html+json+pdf (wall)`,
  `${(batchPdf.ms / 1000).toFixed(1)} s`,
  `${(naivePdfMs / 1000).toFixed(1)} s`,
);
row(`all ${hostCount} hosts (wall)`, `${(batchMs / 1000).toFixed(1)} s`, `${(naiveMs / 1000).toFixed(1)} s`);
row('throughput', perSecond(hostCount, batchMs), perSecond(hostCount, naiveMs));
row('ratio batch / naive', (batchMs / naiveMs).toFixed(3), 'target ≤ 0.35');
const peak = (r: { peakMiB: number | null }): string =>
  r.peakMiB === null ? 'n/a' : `${r.peakMiB.toFixed(0)} MiB`;
row(
  'peak RSS of one batch process (all threads)',
  `${peak(batchText)}`,
  `${textHosts.length} hosts; ${peak(batchPdf)} for the PDF run (Chromium not counted)`,
);

rmSync(root, { recursive: true, force: true });
