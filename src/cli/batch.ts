/**
 * `memautopsy batch` and `memautopsy merge`: process wiring (signals, progress on stderr, exit codes)
 * around the library's runBatch / mergeBatches.
 *
 * Exit codes: 3 when --fail-on matched any host (even if other hosts failed: a matched verdict is the
 * more urgent signal, and the failures are listed in summary.json and index.html); else 1 when any host
 * failed; else 0. Interrupted (SIGINT/SIGTERM): 130, after removing every partly written file; the
 * hosts finished so far keep their complete reports and `--resume` carries on from there.
 */

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { mergeBatches } from '../batch/merge.js';
import { INDEX_FILE, startBatch, type BatchOutcome } from '../batch/run.js';
import type { BatchCommand, MergeCommand } from './args.js';
import { printable, progressMode, ProgressReporter } from './progress.js';

const EXIT_OK = 0;
const EXIT_HOSTS_FAILED = 1;
const EXIT_FAIL_ON = 3;
const EXIT_INTERRUPTED = 130;

function exitCodeOf(outcome: BatchOutcome): number {
  if (outcome.failOnMatches.length > 0) return EXIT_FAIL_ON;
  return outcome.failed > 0 ? EXIT_HOSTS_FAILED : EXIT_OK;
}

/** "200 hosts: 3 leak, 1 kernel-leak, 190 healthy; 2 failed; 1 outlier". */
function describeOutcome(outcome: BatchOutcome): string {
  const counts = new Map<string, number>();
  let outliers = 0;
  for (const row of outcome.summary.hosts) {
    if (row.status !== 'ok') continue;
    counts.set(row.verdict.kind, (counts.get(row.verdict.kind) ?? 0) + 1);
    if (row.outlier) outliers++;
  }
  const parts = [...counts].map(([kind, n]) => `${n} ${kind}`);
  const total = outcome.summary.hosts.length;
  return (
    `${total} host${total === 1 ? '' : 's'}: ${parts.length > 0 ? parts.join(', ') : 'none analysed'}` +
    (outcome.failed > 0 ? `; ${outcome.failed} failed` : '') +
    (outliers > 0 ? `; ${outliers} outlier${outliers === 1 ? '' : 's'}` : '')
  );
}

function reportOutcome(outcome: BatchOutcome, outDir: string, quiet: boolean): number {
  const code = exitCodeOf(outcome);
  if (!quiet) {
    process.stderr.write(`memautopsy: ${describeOutcome(outcome)}; wrote ${join(outDir, INDEX_FILE)}\n`);
    if (outcome.failOnMatches.length > 0) {
      const names = outcome.failOnMatches.slice(0, 10).map(printable).join(', ');
      const more = outcome.failOnMatches.length > 10 ? ` and ${outcome.failOnMatches.length - 10} more` : '';
      process.stderr.write(`memautopsy: --fail-on matched: ${names}${more}\n`);
    }
  }
  return code;
}

export async function runBatchCommand(command: BatchCommand): Promise<number> {
  const progress = new ProgressReporter(process.stderr, progressMode(process.stderr, command.quiet));
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(EXIT_INTERRUPTED); // a second Ctrl-C: stop now (the exit hook cleans up)
    interrupted = true;
    progress.finish();
    // Written now: with a PDF browser running, puppeteer's own SIGINT handler exits the process next.
    process.stderr.write(
      'memautopsy: interrupted; hosts already finished keep complete reports (run again with --resume)\n',
    );
    controller.abort();
  };
  // Registered before the browser starts, so this runs before puppeteer's handler.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const run = startBatch({
    inputDir: command.inputDir,
    outDir: command.out,
    formats: command.formats,
    tz: command.tz,
    paper: command.paper,
    templateDir: command.templateDir,
    concurrency: command.concurrency ?? availableParallelism(),
    resume: command.resume,
    shard: command.shard,
    failOn: command.failOn,
    signal: controller.signal,
    onProgress: (event) => progress.handle(event),
  });
  const cleanUp = (): void => run.removePartialOutputSync();
  process.on('exit', cleanUp);
  try {
    const outcome = await run.done;
    progress.finish();
    if (outcome.interrupted) return EXIT_INTERRUPTED;
    return reportOutcome(outcome, command.out, command.quiet);
  } finally {
    progress.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export async function runMergeCommand(command: MergeCommand): Promise<number> {
  const outcome = await mergeBatches({
    inputs: command.inputs,
    outDir: command.out,
    templateDir: command.templateDir,
    failOn: command.failOn,
    onWarning: (message) => process.stderr.write(`memautopsy: warning: ${printable(message)}\n`),
  });
  return reportOutcome(outcome, command.out, command.quiet);
}
