// Memory against input size (issue 8): a Grafana raw CSV (`Time,used`, epoch ms, one row a second) of
// ~200 MB and of ~2 GB, generated into a temporary folder (deleted afterwards), each run through
// `bin/memautopsy analyze <file> --format json -o <tmp>` in a child process under /usr/bin/time -v.
// It prints wall time, peak RSS and the points analysed for both sizes, then the large run against the
// baseline (the small run): the input-size ratio, the RSS ratio, and the extra RSS per extra MB of
// input. Memory counts as bounded when 10× the input costs less than 1.5× the RSS (before the
// time-bucket reducer every row was kept: 2.2 GB RSS at 20 M rows, 4.3 GB at 40 M, and the 2 GB file
// exhausted the heap). Load average is printed with each run because the machine may be shared.
// Not a test: figures depend on the machine.
//
//   npx tsx test/bench/limits.ts             (both sizes; needs ~2.3 GB free in the temp folder)
//   npx tsx test/bench/limits.ts 200 2000    (sizes in MB; the first is the baseline)
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, statfsSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
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
  /** Points of the analysed series, and the resolution-reduced warning, from the JSON report. */
  points: number | null;
  reducedBy: string | null;
  loadBefore: string;
}

const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function measure(dir: string, sizeMb: number): Promise<Run> {
  const input = join(dir, `grafana-${sizeMb}MB.csv`);
  const rows = await writeGrafanaCsv(input, sizeMb * MB);
  const sizeBytes = statSync(input).size;
  const output = join(dir, 'out.json');
  const loadBefore = load();
  const started = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, BIN, 'analyze', input, '--format', 'json', '-o', output],
    {
      encoding: 'utf8',
      maxBuffer: 64 * MB,
    },
  );
  const wallS = (performance.now() - started) / 1000;
  rmSync(input, { force: true });
  let points: number | null = null;
  let reducedBy: string | null = null;
  if (run.status === 0) {
    const result = JSON.parse(readFileSync(output, 'utf8')) as {
      series: { points: number }[];
      warnings: { code: string; message: string }[];
    };
    points = result.series[0]?.points ?? null;
    reducedBy = result.warnings.find((w) => w.code === 'resolution-reduced')?.message ?? null;
    rmSync(output, { force: true });
  }
  const rssKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
  const ownStderr = run.stderr.split('\n\tCommand being timed')[0]?.trim() ?? '';
  return {
    sizeBytes,
    rows,
    wallS,
    peakRssBytes: Number(rssKb ?? NaN) * 1024,
    exit: run.status,
    stderr: ownStderr,
    points,
    reducedBy,
    loadBefore,
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
    console.log(`${cpus().length} CPUs; load average (1, 5, 15 min) at start: ${load()}`);
    const runs: Run[] = [];
    for (const sizeMb of wanted) {
      const run = await measure(dir, sizeMb);
      runs.push(run);
      console.log(
        `${(run.sizeBytes / 1e9).toFixed(2)} GB, ${run.rows.toLocaleString('en')} rows: exit ${run.exit}, ` +
          `wall ${run.wallS.toFixed(1)} s, peak RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB, ` +
          `${run.points?.toLocaleString('en') ?? '?'} points analysed (load before: ${run.loadBefore})` +
          `${run.exit === 0 ? '' : ` — ${run.stderr.split('\n')[0] ?? ''}`}`,
      );
      if (run.reducedBy !== null) console.log(`  warning: ${run.reducedBy}`);
    }
    const [small, large] = [runs[0], runs[runs.length - 1]];
    if (small === undefined || large === undefined || small === large) return;
    if (small.exit !== 0 || large.exit !== 0) {
      console.log('a run failed, so there is no memory comparison');
      process.exitCode = 1;
      return;
    }
    const sizeRatio = large.sizeBytes / small.sizeBytes;
    const rssRatio = large.peakRssBytes / small.peakRssBytes;
    const extraKbPerMb =
      (large.peakRssBytes - small.peakRssBytes) / 1024 / ((large.sizeBytes - small.sizeBytes) / 2 ** 20);
    console.log(
      `baseline: the ${(small.sizeBytes / 1e6).toFixed(0)} MB run, peak RSS ${(small.peakRssBytes / 2 ** 20).toFixed(0)} MiB, ` +
        `wall ${small.wallS.toFixed(1)} s`,
    );
    console.log(
      `input ×${sizeRatio.toFixed(1)} → peak RSS ×${rssRatio.toFixed(2)}, wall ×${(large.wallS / small.wallS).toFixed(1)}; ` +
        `RSS change per extra MiB of input ${extraKbPerMb >= 0 ? '+' : '−'}${Math.abs(extraKbPerMb).toFixed(0)} KiB: ` +
        (rssRatio > 1.5 ? 'memory GROWS with input size' : 'memory does not grow with input size (bounded)'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
