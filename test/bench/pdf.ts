// PDF speed (issue 6): one host's PDF through the CLI, browser launch included, against the 1.5 s target,
// with the steps it is made of and three baselines measured in the same run:
//  - "launch after analysis": the same library calls done one after the other, as the CLI did before it
//    started Chromium while the inputs were being analysed;
//  - the JSON report of the same host through the CLI (everything but charts, HTML and Chromium);
//  - the same PDF run from dist/src (the tsc output) instead of the esbuild bundle bin/memautopsy runs.
// Not a test: timings depend on the machine and its load (printed first). Run: npx tsx test/bench/pdf.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../src/pipeline.js';
import { renderCharts } from '../../src/report/figures.js';
import { renderHtml } from '../../src/report/html.js';
import { launchBrowser, renderPdf } from '../../src/report/pdf.js';
import { scenarioFiles } from '../helpers/golden.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(repoRoot);
const RUNS = 7;
const TARGET_MS = 1500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function row(label: string, ours: string, baseline = ''): void {
  console.log(`${label.padEnd(50)} ${ours.padStart(12)}   ${baseline}`);
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
}

// The CLI runs the bundle when it is fresh (bin/memautopsy), so measure the build of these sources.
const bundled = join(repoRoot, 'dist', 'bundle', 'main.js');
const compiled = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
function buildIsFresh(): boolean {
  try {
    const newestSourceMs = newestMtimeMs(join(repoRoot, 'src'));
    return statSync(bundled).mtimeMs >= newestSourceMs && statSync(compiled).mtimeMs >= newestSourceMs;
  } catch {
    return false;
  }
}
if (!buildIsFresh()) {
  console.log('dist/ is missing or older than src/: building it (npm run build) so the CLI runs built code');
  spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
}

const [load1, load5] = loadavg();
console.log(
  `memautopsy PDF bench — node ${process.version}, load average ${load1?.toFixed(2)} / ${load5?.toFixed(2)} (1 / 5 min), ${RUNS} runs each, medians\n`,
);
row('measure', 'ours', 'baseline');

const files = scenarioFiles(repoRoot, 'dentry-cache');
const out = mkdtempSync(join(tmpdir(), 'memautopsy-pdf-bench-'));
try {
  const cli = (target: string, entry = 'bin/memautopsy'): number => {
    const start = performance.now();
    const run = spawnSync(process.execPath, [entry, 'analyze', ...files, '-o', join(out, target)]);
    const ms = performance.now() - start;
    if (run.status !== 0) throw new Error(`CLI failed: ${run.stderr.toString()}`);
    return ms;
  };
  cli('warm.pdf'); // page cache, font cache
  const pdfRuns: number[] = [];
  const jsonRuns: number[] = [];
  const versionRuns: number[] = [];
  const unbundledRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    pdfRuns.push(cli('r.pdf'));
    unbundledRuns.push(cli('u.pdf', compiled));
    jsonRuns.push(cli('r.json'));
    const start = performance.now();
    spawnSync(process.execPath, ['bin/memautopsy', '--version']);
    versionRuns.push(performance.now() - start);
  }
  const pdfMs = median(pdfRuns);
  row(
    'CLI analyze dentry-cache -o r.pdf (wall)',
    `${pdfMs.toFixed(0)} ms`,
    `target < ${TARGET_MS.toLocaleString('en-US')} ms: ${pdfMs < TARGET_MS ? 'met' : 'NOT met'} (runs: ${pdfRuns.map((ms) => ms.toFixed(0)).join(', ')})`,
  );
  row(
    '  the same from dist/src (tsc output, no bundle)',
    `${median(unbundledRuns).toFixed(0)} ms`,
    'baseline: the modules loaded one by one',
  );
  row(
    'CLI analyze dentry-cache -o r.json (wall)',
    `${median(jsonRuns).toFixed(0)} ms`,
    'no charts, no Chromium',
  );
  row('CLI --version (wall: node start and module loading)', `${median(versionRuns).toFixed(0)} ms`);

  // The steps one after the other, in this process (modules already loaded): the sequential baseline.
  const steps = {
    analyze: [] as number[],
    html: [] as number[],
    launch: [] as number[],
    pdf: [] as number[],
    close: [] as number[],
  };
  for (let i = 0; i < RUNS; i++) {
    const [result, analyzeMs] = await timed(() => analyze(files));
    // Charts rendered afresh each time (an equal spec would otherwise come from the render cache).
    const [html, htmlMs] = await timed(async () => {
      await renderCharts(result, { refresh: true });
      return renderHtml(result);
    });
    const [browser, launchMs] = await timed(() => launchBrowser());
    const [, pdfStepMs] = await timed(() => renderPdf(html, { paper: 'a4', browser, host: result.host }));
    const [, closeMs] = await timed(() => browser.close());
    steps.analyze.push(analyzeMs);
    steps.html.push(htmlMs);
    steps.launch.push(launchMs);
    steps.pdf.push(pdfStepMs);
    steps.close.push(closeMs);
  }
  const sequential = median(
    steps.analyze.map(
      (_, i) =>
        (steps.analyze[i] as number) +
        (steps.html[i] as number) +
        (steps.launch[i] as number) +
        (steps.pdf[i] as number) +
        (steps.close[i] as number),
    ),
  );
  row('  analyze() in process', `${median(steps.analyze).toFixed(0)} ms`);
  row('  renderHtml() (charts to SVG, template)', `${median(steps.html).toFixed(0)} ms`);
  row('  launchBrowser() (Chromium start)', `${median(steps.launch).toFixed(0)} ms`);
  row('  renderPdf() (page, content, print)', `${median(steps.pdf).toFixed(0)} ms`);
  row('  browser.close()', `${median(steps.close).toFixed(0)} ms`);
  row(
    'launch after analysis, in process (sum of the above)',
    `${sequential.toFixed(0)} ms`,
    'baseline: the old order; the CLI overlaps the launch with analysis',
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
