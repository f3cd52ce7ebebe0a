// Memory against input size (issue 8): a Grafana raw CSV (`Time,used`, epoch ms, one row a second) of
// ~200 MB and of ~2 GB, generated into a temporary folder (deleted afterwards), each run through
// `bin/memautopsy analyze <file> --format json -o <tmp>` in a child process under /usr/bin/time -v.
// It prints wall time and peak RSS for both sizes and their ratio: RSS that grows with the input is a
// finding, and the bench says so. With the default --max-rows (20 M lines) the 2 GB file (80 M rows) is
// refused at line 20,000,001 with a one-line message; `npx tsx test/bench/limits.ts 500 1000` shows the
// growth below the limit. Not a test: figures depend on the machine.
//
//   npx tsx test/bench/limits.ts            (both sizes; needs ~2.3 GB free in the temp folder)
//   npx tsx test/bench/limits.ts 200        (only the small file, sizes in MB)
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, statfsSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/memautopsy', import.meta.url));
const START_MS = Date.UTC(2024, 0, 1);
const MB = 1e6;

/** Write `targetBytes` of `Time,used` rows; a slow sawtooth so the analysis has real work to do. */
async function writeGrafanaCsv(path: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let row = 0;
  const chunkRows = 100_000;
  const header = 'Time,used\n';
  out.write(header);
  written += header.length;
  while (written < targetBytes) {
    const lines: string[] = [];
    for (let i = 0; i < chunkRows; i++, row++) {
      const usedBytes = 4e9 + (row % 86_400) * 10_000 + (row % 7) * 4096;
      lines.push(`${START_MS + row * 1000},${usedBytes}\n`);
    }
    const text = lines.join('');
    written += text.length;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return row;
}

interface Run {
  sizeBytes: number;
  rows: number;
  wallS: number;
  peakRssBytes: number;
  exit: number | null;
  stderr: string;
}

async function measure(dir: string, sizeMb: number): Promise<Run> {
  const input = join(dir, `grafana-${sizeMb}MB.csv`);
  const rows = await writeGrafanaCsv(input, sizeMb * MB);
  const sizeBytes = statSync(input).size;
  const started = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, BIN, 'analyze', input, '--format', 'json', '-o', join(dir, 'out.json')],
    { encoding: 'utf8', maxBuffer: 64 * MB },
  );
  const wallS = (performance.now() - started) / 1000;
  rmSync(input, { force: true });
  const rssKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
  const ownStderr = run.stderr.split('\n\tCommand being timed')[0]?.trim() ?? '';
  return {
    sizeBytes,
    rows,
    wallS,
    peakRssBytes: Number(rssKb ?? NaN) * 1024,
    exit: run.status,
    stderr: ownStderr,
  };
}

async function main(): Promise<void> {
  const sizesMb = process.argv.slice(2).map(Number);
  const wanted = sizesMb.length > 0 ? sizesMb : [200, 2000];
  const dir = mkdtempSync(join(tmpdir(), 'memautopsy-limits-bench-'));
  try {
    const fs = statfsSync(dir);
    const freeBytes = fs.bavail * fs.bsize;
    const needBytes = Math.max(...wanted) * MB * 1.1;
    if (freeBytes < needBytes) {
      console.log(
        `not enough space in ${dir}: ${(freeBytes / 1e9).toFixed(1)} GB free, need ${(needBytes / 1e9).toFixed(1)} GB`,
      );
      process.exitCode = 1;
      return;
    }
    const runs: Run[] = [];
    for (const sizeMb of wanted) {
      const run = await measure(dir, sizeMb);
      runs.push(run);
      console.log(
        `${(run.sizeBytes / 1e9).toFixed(2)} GB, ${run.rows.toLocaleString('en')} rows: exit ${run.exit}, ` +
          `wall ${run.wallS.toFixed(1)} s, peak RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB` +
          `${run.exit === 0 ? '' : ` — ${run.stderr.split('\n')[0] ?? ''}`}`,
      );
    }
    const [small, large] = [runs[0], runs[runs.length - 1]];
    if (large !== undefined && large.exit !== 0) {
      console.log(
        `the largest input was refused (exit ${large.exit}), so its RSS is the refusal's, not an analysis'`,
      );
    } else if (small !== undefined && large !== undefined && small !== large) {
      const sizeRatio = large.sizeBytes / small.sizeBytes;
      const rssRatio = large.peakRssBytes / small.peakRssBytes;
      console.log(
        `input ×${sizeRatio.toFixed(1)} → peak RSS ×${rssRatio.toFixed(1)}: ` +
          (rssRatio > 1.5
            ? 'memory GROWS with input size (the streaming reader keeps every row as typed arrays, and the analysis holds the whole series)'
            : 'memory does not grow with input size'),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
