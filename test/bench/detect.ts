// Detector bench: accuracy on TCPD and speed/memory of all detectors, each next to its baseline or
// target in the same run. Not a test: timings depend on the machine (and on what else runs on it).
//
//   npx tsx test/bench/detect.ts            all parts
//   npx tsx test/bench/detect.ts --no-e2e   without the 2.6 M-row end-to-end comparison
//   npx tsx test/bench/detect.ts --e2e-runs 5
//                                           part 4 with 5 alternating runs of ours and pandas (default 3),
//                                           then the medians (the machine may be shared: compare medians)
//   npx tsx test/bench/detect.ts --write-csv /tmp/big.csv
//                                           only write part 4's 2.6 M-row Grafana CSV (for profiling:
//                                           npm run build && node --cpu-prof dist/bundle/main.js analyze
//                                           /tmp/big.csv --format json -o /tmp/x.json)
//
// Parts:
// 1. TCPD (25 real univariate series, F1 margin 5 and covering as TCPDBench's metrics.py computes them):
//    our default segmentation vs TCPDBench's default PELT (reproduced here, exactly) and "zero".
// 2. All detectors (analyzeSeries: segmentation, steps, sawtooth, per-regime trends) on 60,480 points
//    (a week at 10 s) and on 1,000,000 points, each in a fresh process: first call (cold JIT) and the
//    median of 5 more, CPU time, peak RSS. Targets: < 300 ms and < 3 s / 300 MB.
// 3. Sen's slope on the inputs that used to hang (10⁶ points of a ramp with AR(1) noise).
// 4. End to end: `bin/memautopsy analyze big.csv --format json` on a generated 2.6 M-row (~70 MB)
//    Grafana CSV vs `pandas.read_csv` + `scipy.stats.kendalltau` on the same file (Debian's python3),
//    alternately, several times, with the medians, like for like: process wall against process wall
//    (each starts its runtime and loads its libraries), and analyze() + the JSON report in process
//    against read_csv + kendalltau in process (libraries loaded, not timed). bin/memautopsy runs dist/
//    only when it is as new as src/ (else the sources through tsx, much slower): run `npm run build`
//    first; the part says so.
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeSeries } from '../../src/detect/index.js';
import { readInput } from '../../src/ingest/index.js';
import { segmentSeries } from '../../src/detect/segmentation.js';
import { tcpdDefaultPelt } from '../../src/detect/stats/pelt.js';
import { senSlope } from '../../src/detect/stats/sen-slope.js';
import type { Series } from '../../src/model/series.js';
import { ar1Noise } from '../detect/random.js';
import { covering, fMeasure, loadTcpd, reference, TCPD_REAL } from '../detect/tcpd.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PYTHON = '/usr/bin/python3';
const DAY_MS = 86_400_000;
/** Part 4's file: a month at 1 s. */
const E2E_ROWS = 30 * 24 * 3600;

function row(label: string, ours: string, baseline: string): void {
  console.log(`${label.padEnd(50)} ${ours.padStart(22)}   ${baseline}`);
}

/** A week-like memory series at 10 s: a leak with two restarts, a daily wave, AR(1) noise. */
function memorySeries(n: number): Series {
  const noise = ar1Noise(n, 0.95, 7);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const third = Math.floor(n / 3);
  for (let i = 0; i < n; i++) {
    t[i] = Date.UTC(2026, 2, 1) + i * 10_000;
    v[i] =
      4e9 +
      (2e9 * (i % third)) / third +
      2e8 * Math.sin((2 * Math.PI * i) / 8640) +
      2e7 * (noise[i] as number);
  }
  return {
    name: 'used',
    metric: 'mem.used',
    unit: 'bytes',
    t,
    v,
    source: { file: 'bench', format: 'bench' },
  };
}

/** Child mode: time analyzeSeries on n points, print JSON. */
function child(n: number): void {
  const series = memorySeries(n);
  const runs: { wallMs: number; cpuMs: number }[] = [];
  for (let r = 0; r < 6; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    analyzeSeries(series);
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    runs.push({ wallMs, cpuMs: (used.user + used.system) / 1000 });
  }
  console.log(JSON.stringify({ runs, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

/** Child mode: read a file and run every detector on each of its series, print JSON timings. */
async function childFile(file: string): Promise<void> {
  const start = performance.now();
  const read = await readInput(file, { tz: 'UTC' });
  const readMs = performance.now() - start;
  const cpu = process.cpuUsage();
  const detectStart = performance.now();
  let points = 0;
  for (const series of read.result.series) {
    points += series.t.length;
    analyzeSeries(series);
  }
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      readMs,
      detectMs: performance.now() - detectStart,
      detectCpuMs: (used.user + used.system) / 1000,
      points,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

/**
 * The whole analysis as the CLI runs it (analyze() + the JSON report), with the modules already loaded:
 * the in-process counterpart of pandas' read_csv + kendalltau timed after `import pandas, scipy`.
 */
async function childAnalyze(file: string): Promise<void> {
  const { analyze } = await import('../../src/pipeline.js');
  const { renderJson } = await import('../../src/report/json.js');
  const start = performance.now();
  const json = renderJson(await analyze([file], { tz: 'UTC' }));
  console.log(JSON.stringify({ analyzeMs: performance.now() - start, bytes: json.length }));
}

const medianOf = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
};

function tcpdPart(): void {
  console.log('\n1. TCPD, 25 real univariate series (F1 margin 5 / covering, TCPDBench metrics.py)');
  let f1 = 0;
  let cover = 0;
  let peltF1 = 0;
  let peltCover = 0;
  let zeroF1 = 0;
  let zeroCover = 0;
  let identical = 0;
  for (const name of TCPD_REAL) {
    const data = loadTcpd(name);
    const n = data.values.length;
    const series: Pick<Series, 't' | 'v'> = {
      t: Float64Array.from({ length: n }, (_, i) => i * DAY_MS),
      v: Float64Array.from(data.values),
    };
    const cps = segmentSeries(series).changeIndices;
    f1 += fMeasure(data.annotations, cps);
    cover += covering(data.annotations, cps, n);
    const pelt = tcpdDefaultPelt(data.values);
    if (JSON.stringify(pelt) === JSON.stringify(reference.rows[name]?.pelt_default_cps_0based)) identical++;
    peltF1 += fMeasure(data.annotations, pelt);
    peltCover += covering(data.annotations, pelt, n);
    zeroF1 += fMeasure(data.annotations, []);
    zeroCover += covering(data.annotations, [], n);
  }
  const k = TCPD_REAL.length;
  const pair = (a: number, b: number): string => `${(a / k).toFixed(3)} / ${(b / k).toFixed(3)}`;
  row('default segmentation (ours) F1 / cover', pair(f1, cover), 'goal ≥ 0.720 / 0.680');
  row('TCPDBench default PELT, our port', pair(peltF1, peltCover), 'published 0.684 / 0.656');
  row('  change points identical to TCPDBench', `${identical} / ${k}`, '');
  row('zero (no change points)', pair(zeroF1, zeroCover), 'published 0.647 / 0.557');
}

async function detectorPart(): Promise<void> {
  console.log('\n2. All detectors (analyzeSeries), each size in a fresh process');
  for (const [n, targetMs, targetMiB] of [
    [60_480, 300, null],
    [1_000_000, 3000, 300],
  ] as const) {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(n)],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
    const { runs, maxRssMiB } = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as {
      runs: { wallMs: number; cpuMs: number }[];
      maxRssMiB: number;
    };
    const first = runs[0] as { wallMs: number; cpuMs: number };
    const rest = runs.slice(1);
    const label = `${n.toLocaleString('en-US')} points`;
    row(
      `${label}: first call (cold), wall / CPU`,
      `${first.wallMs.toFixed(0)} / ${first.cpuMs.toFixed(0)} ms`,
      `target < ${targetMs} ms`,
    );
    row(
      `${label}: median of 5 more, wall / CPU`,
      `${medianOf(rest.map((r) => r.wallMs)).toFixed(0)} / ${medianOf(rest.map((r) => r.cpuMs)).toFixed(0)} ms`,
      `target < ${targetMs} ms`,
    );
    row(
      `${label}: peak RSS of the process`,
      `${maxRssMiB.toFixed(0)} MiB`,
      targetMiB === null ? '' : `target < ${targetMiB} MB`,
    );
  }
}

function senPart(): void {
  console.log("\n3. Sen's slope, 1,000,000 points, x = i·10,000 (the inputs that used to hang)");
  const n = 1_000_000;
  const noise = ar1Noise(n, 0.8, 3);
  const x = Float64Array.from({ length: n }, (_, i) => i * 10_000);
  for (const [label, y] of [
    ['ramp + AR(1) noise ×1e6 (fractional)', x.map((_, i) => 1e9 + i * 1000 + 1e6 * (noise[i] as number))],
    ['ramp + AR(1) noise ×1 (slopes equal to ~1e-9)', x.map((_, i) => 1e9 + i * 1000 + (noise[i] as number))],
    [
      'ramp + integer noise (atoms of equal slopes)',
      x.map((_, i) => Math.round(1e9 + i * 1000 + 3 * (noise[i] as number))),
    ],
  ] as const) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const slope = senSlope(x, y);
    const used = process.cpuUsage(cpu);
    row(
      `  ${label}, wall / CPU`,
      `${(performance.now() - start).toFixed(0)} / ${((used.user + used.system) / 1000).toFixed(0)} ms`,
      `slope ${slope.toPrecision(12)}; before: > 100 s`,
    );
  }
}

/** A month at 1 s of used memory, Grafana raw CSV (CRLF), ~70 MB. */
async function generateGrafana(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    '"Time","node_memory_MemTotal_bytes{instance=""web-01:9100""} - node_memory_MemAvailable_bytes{instance=""web-01:9100""}"\r\n',
  );
  let state = 42;
  let noise = 0;
  let chunk = '';
  const start = Date.UTC(2026, 2, 1);
  for (let i = 0; i < rows; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    noise = 0.98 * noise + (state / 2147483648 - 0.5);
    const leak = (i % 1_000_000) * 3000; // a leak of ~3 GB per 11.6 days, reset by restarts
    const wave = 3e8 * Math.sin((2 * Math.PI * i) / 86_400);
    const value = Math.round(2.5e9 + leak + wave + 2e7 * noise);
    chunk += `${start + i * 1000},${value}${i + 1 < rows ? '\r\n' : ''}`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** Runs a command, sampling its peak RSS (VmHWM) while it runs. */
async function measured(
  command: string,
  args: string[],
): Promise<{ ms: number; status: number | null; stdout: string; stderr: string; peakMiB: number | null }> {
  const start = performance.now();
  const proc = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKiB: number | null = null;
  const timer = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      if (match) peakKiB = Math.max(peakKiB ?? 0, Number(match[1]));
    } catch {
      // not Linux, or already gone
    }
  }, 20);
  const status = await new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  clearInterval(timer);
  return {
    ms: performance.now() - start,
    status,
    stdout,
    stderr,
    peakMiB: peakKiB === null ? null : peakKiB / 1024,
  };
}

const PANDAS_SCRIPT = `
import sys, time
t0 = time.perf_counter()
import pandas, scipy.stats
t1 = time.perf_counter()
frame = pandas.read_csv(sys.argv[1])
t2 = time.perf_counter()
tau = scipy.stats.kendalltau(frame.iloc[:, 0].to_numpy(), frame.iloc[:, 1].to_numpy())
t3 = time.perf_counter()
print(f"{(t2 - t1) * 1000:.0f} {(t3 - t2) * 1000:.0f} {(t1 - t0) * 1000:.0f} {tau.statistic:.6f} {len(frame)}")
`;

/** Whether bin/memautopsy will run the compiled build (dist/ at least as new as every source file). */
function distIsFresh(): boolean {
  const built = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(built)) return false;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
      ),
    );
  return statSync(built).mtimeMs >= newest(join(repoRoot, 'src'));
}

async function endToEndPart(runs: number): Promise<void> {
  console.log(
    `\n4. End to end: analyze a 2.6 M-row Grafana CSV vs pandas.read_csv + scipy.stats.kendalltau (${runs} alternating runs; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  const fresh = distIsFresh();
  if (!fresh)
    row('  bin/memautopsy runs', 'the sources (tsx)', 'dist/ is older than src/: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'memautopsy-detect-bench-'));
  try {
    const file = join(dir, 'big.csv');
    const rows = E2E_ROWS;
    await generateGrafana(file, rows);
    row('  file', `${rows.toLocaleString('en-US')} rows`, `${(statSync(file).size / 1e6).toFixed(1)} MB`);
    const library = await measured(process.execPath, [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--child-file',
      file,
    ]);
    if (library.status === 0) {
      const figures = JSON.parse(library.stdout.trim().split('\n').at(-1) as string) as {
        readMs: number;
        detectMs: number;
        detectCpuMs: number;
        points: number;
      };
      row(
        '  readInput + all detectors (library, in-process)',
        `${(figures.readMs + figures.detectMs).toFixed(0)} ms`,
        `read ${figures.readMs.toFixed(0)} ms + detect ${figures.detectMs.toFixed(0)} ms (CPU ${figures.detectCpuMs.toFixed(0)} ms) on ${figures.points.toLocaleString('en-US')} points`,
      );
    } else {
      row(
        '  readInput + all detectors (library)',
        `failed (${library.status})`,
        library.stderr.split('\n')[0] ?? '',
      );
    }
    const hasPandas =
      existsSync(PYTHON) &&
      spawnSync(PYTHON, ['-c', 'import pandas, scipy.stats'], { encoding: 'utf8' }).status === 0;
    if (!hasPandas) {
      row(
        '  pandas.read_csv + scipy.stats.kendalltau',
        'not installed',
        `run: apt-get install -y python3-pandas python3-scipy`,
      );
    }
    const oursMs: number[] = [];
    const oursInProcessMs: number[] = [];
    const pandasInProcessMs: number[] = [];
    const pandasWallMs: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const ours = await measured(process.execPath, ['bin/memautopsy', 'analyze', file, '--format', 'json']);
      if (ours.status !== 0) {
        row(
          `  run ${run}: memautopsy analyze --format json`,
          `failed (${ours.status})`,
          ours.stderr.split('\n')[0] ?? '',
        );
        return;
      }
      const result = JSON.parse(ours.stdout) as { verdict: { kind: string }; findings: { kind: string }[] };
      oursMs.push(ours.ms);
      const inProcess = await measured(process.execPath, [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child-analyze',
        file,
      ]);
      const analyzeMs = (
        JSON.parse(inProcess.stdout.trim().split('\n').at(-1) ?? '{}') as { analyzeMs?: number }
      ).analyzeMs;
      if (analyzeMs !== undefined) oursInProcessMs.push(analyzeMs);
      row(
        `  run ${run}: memautopsy analyze --format json (wall)`,
        `${ours.ms.toFixed(0)} ms`,
        `peak ${ours.peakMiB?.toFixed(0) ?? 'n/a'} MiB; verdict ${result.verdict.kind}, ${result.findings.length} findings; in-process analyze() + JSON ${analyzeMs?.toFixed(0) ?? 'n/a'} ms`,
      );
      if (!hasPandas) continue;
      const python = await measured(PYTHON, ['-c', PANDAS_SCRIPT, file]);
      const [readMs, tauMs, importMs] = python.stdout.trim().split(' ').map(Number);
      pandasInProcessMs.push((readMs ?? 0) + (tauMs ?? 0));
      pandasWallMs.push(python.ms);
      row(
        `  run ${run}: pandas.read_csv + kendalltau (in-process)`,
        `${((readMs ?? 0) + (tauMs ?? 0)).toFixed(0)} ms`,
        `read ${readMs} ms + kendalltau ${tauMs} ms (+ ${importMs} ms imports; process wall ${python.ms.toFixed(0)} ms, peak ${python.peakMiB?.toFixed(0) ?? 'n/a'} MiB)`,
      );
    }
    // Like for like: a process against a process (each starts its runtime and loads its libraries),
    // and the calls alone against the calls alone (libraries already loaded).
    row(
      '  median, process wall: analyze --format json',
      `${medianOf(oursMs).toFixed(0)} ms`,
      hasPandas ? `python3 with pandas.read_csv + kendalltau ${medianOf(pandasWallMs).toFixed(0)} ms` : '',
    );
    row(
      '  median, in-process: analyze() + JSON report',
      `${medianOf(oursInProcessMs).toFixed(0)} ms`,
      hasPandas ? `pandas.read_csv + kendalltau ${medianOf(pandasInProcessMs).toFixed(0)} ms` : '',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(Number(process.argv[3]));
} else if (process.argv[2] === '--child-file') {
  await childFile(process.argv[3] as string);
} else if (process.argv[2] === '--child-analyze') {
  await childAnalyze(process.argv[3] as string);
} else if (process.argv[2] === '--write-csv') {
  await generateGrafana(process.argv[3] as string, E2E_ROWS);
} else {
  console.log(`memautopsy detector bench — node ${process.version}, ${new Date().toISOString()}`);
  // Other work on the machine inflates wall times; CPU times are printed where they can be.
  console.log(
    `${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`${'measure'.padEnd(50)} ${'ours'.padStart(22)}   baseline / target`);
  tcpdPart();
  await detectorPart();
  senPart();
  if (!process.argv.includes('--no-e2e')) {
    const runsAt = process.argv.indexOf('--e2e-runs');
    await endToEndPart(runsAt > 0 ? Math.max(1, Number(process.argv[runsAt + 1])) : 3);
  }
}
