// Ingest speed: a 30-day, 1-second Grafana raw CSV (2,592,000 rows, ~70 MB, CRLF), generated into a
// temporary folder, read by memautopsy's readInput and by Debian's pandas.read_csv in the same run.
// Each reader runs in its own process so peak RSS is its own. Not a test: timings depend on the machine.
//
//   npx tsx test/bench/ingest.ts
//
// The pandas baseline needs Debian's python3-pandas (`apt-get install -y python3-pandas`); without it the
// bench says so and installs nothing.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { readInput } from '../../src/ingest/index.js';

const ROWS = 30 * 24 * 3600;
const START_MS = Date.UTC(2026, 2, 1);
const PYTHON = '/usr/bin/python3';
const RUNS = 3;

/** Child mode: read the file once, print wall time and peak RSS as JSON. */
async function child(file: string): Promise<void> {
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  const read = await readInput(file, { tz: 'UTC' });
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const series = read.result.series[0];
  console.log(
    JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      points: series?.t.length ?? 0,
      format: read.format,
      last: series?.v[(series?.v.length ?? 1) - 1],
    }),
  );
}

/** Seeded sawtooth-with-noise values of MemAvailable in bytes, written with CRLF as Grafana does. */
async function generate(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('"Time","node_memory_MemAvailable_bytes{instance=""web-01:9100"", job=""node""}"\r\n');
  let state = 42;
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const value = 8_000_000_000 - (i % 36_000) * 50_000 + Math.floor((state / 2147483648) * 4_000_000) * 4096;
    chunk += `${START_MS + i * 1000},${value}${i + 1 < ROWS ? '\r\n' : ''}`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

interface Measure {
  ms: number;
  cpuMs: number;
  maxRssBytes: number;
  wallMs: number;
}

function runChild(command: string, args: string[]): Measure | string {
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const wallMs = performance.now() - start;
  if (run.status !== 0) return `failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-1)[0] ?? ''}`;
  const lines = run.stdout.trim().split('\n');
  const parsed = JSON.parse(lines[lines.length - 1] as string) as Omit<Measure, 'wallMs'>;
  return { ms: parsed.ms, cpuMs: parsed.cpuMs, maxRssBytes: parsed.maxRssBytes, wallMs };
}

const PANDAS_SCRIPT = `
import json, resource, sys, time
import pandas
start = time.perf_counter()
cpu_start = time.process_time()
frame = pandas.read_csv(sys.argv[1])
ms = (time.perf_counter() - start) * 1000
cpu_ms = (time.process_time() - cpu_start) * 1000
print(json.dumps({"ms": ms, "cpuMs": cpu_ms, "maxRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "rows": len(frame)}))
`;

/** One line: median read and process times, the largest peak RSS (or the first failure). */
function row(label: string, measures: (Measure | string)[]): void {
  const failed = measures.find((measure): measure is string => typeof measure === 'string');
  if (failed !== undefined) {
    console.log(`${label.padEnd(44)} ${failed}`);
    return;
  }
  const ok = measures as Measure[];
  const median = (pick: (m: Measure) => number): number => {
    const sorted = ok.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  const read = `${median((m) => m.ms).toFixed(0)} ms`;
  const cpu = `${median((m) => m.cpuMs).toFixed(0)} ms`;
  const wall = `${median((m) => m.wallMs).toFixed(0)} ms`;
  const rss = mib(Math.max(...ok.map((m) => m.maxRssBytes)));
  console.log(
    `${label.padEnd(44)} ${read.padStart(9)} ${cpu.padStart(9)} ${wall.padStart(9)} ${rss.padStart(10)}`,
  );
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'memautopsy-bench-ingest-'));
  try {
    const file = join(dir, 'grafana-30d-1s.csv');
    await generate(file);
    const sizeMb = statSync(file).size / 1e6;
    console.log(
      `ingest bench — ${ROWS.toLocaleString('en-US')} rows, ${sizeMb.toFixed(1)} MB Grafana raw CSV (CRLF)`,
    );
    console.log(
      `${'reader'.padEnd(44)} ${'read'.padStart(9)} ${'read CPU'.padStart(9)} ${'process'.padStart(9)} ${'peak RSS'.padStart(10)}`,
    );

    const self = fileURLToPath(import.meta.url);
    const hasPandas = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
    const version = hasPandas
      ? spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], {
          encoding: 'utf8',
        }).stdout.trim()
      : '';
    // Interleaved runs, medians reported: the machine may be busy, and both readers share its noise.
    const ours: (Measure | string)[] = [];
    const pandas: (Measure | string)[] = [];
    for (let run = 0; run < RUNS; run++) {
      ours.push(runChild(process.execPath, ['--import', 'tsx', self, '--child', file]));
      if (hasPandas) pandas.push(runChild(PYTHON, ['-c', PANDAS_SCRIPT, file]));
    }
    row('memautopsy readInput (streaming fast path)', ours);
    if (hasPandas) row(`pandas ${version} read_csv (${PYTHON})`, pandas);
    else
      console.log(
        `${'pandas.read_csv (Debian python3-pandas)'.padEnd(44)} not installed: apt-get install -y python3-pandas`,
      );
    console.log(
      `medians of ${RUNS} interleaved runs; read = wall time inside the process, read CPU = its user+system time, process = the whole child incl. start-up (tsx / python), peak RSS = the largest of the child's.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) await child(process.argv[childIndex + 1] as string);
else await main();
