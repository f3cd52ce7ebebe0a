/**
 * runBatch(): many hosts → per-host reports, summary.json and the fleet index.
 *
 *   <dir>/<host>/… ──discover (names only)──▶ shard filter ──▶ up to `concurrency + pdfPages` hosts in
 *   flight ──worker pool: analyze + render text──▶ shared browser: PDF ──▶ staged, atomic writes
 *   ──▶ one small row per host ──▶ summary.json + index.html
 *
 * Memory stays bounded: hosts are streamed; the main thread keeps only each host's summary row (a few
 * hundred bytes), never a Result. A host that fails (bad input, a renderer error, a dead worker) becomes
 * an error row and the run goes on. Each host's reports plus `host-summary.json` (the resume marker,
 * renamed last) are placed together after all of them were written in full.
 */

import { availableParallelism } from 'node:os';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, messages } from '../errors.js';
import type { VerdictKind } from '../model/result.js';
import type { Paper } from '../report/pdf.js';
import { templateSet } from '../report/templates.js';
import { VERSION } from '../version.js';
import { listHostFiles, listHosts, type HostEntry } from './discover.js';
import { renderFleetIndex } from './fleet.js';
import type { HostJob } from './host-job.js';
import { hostDirName, inShard, type Shard } from './host-name.js';
import { DEFAULT_PDF_PAGES, PdfPrinter } from './pdf-printer.js';
import { WorkerPool } from './pool.js';
import { StagedWriter, sweepStaleStaging, type StagedFile } from './staged-writer.js';
import {
  buildSummary,
  type BatchSummary,
  type HostRow,
  type OkHostRow,
  type ReportFormat,
} from './summary.js';

/** Per host, beside its reports: the host's summary row; its presence marks the set complete. */
export const HOST_SUMMARY_FILE = 'host-summary.json';
export const SUMMARY_FILE = 'summary.json';
export const INDEX_FILE = 'index.html';

export interface BatchOptions {
  /** The folder whose immediate subfolders are hosts. */
  inputDir: string;
  outDir: string;
  /** Default html and json. */
  formats?: ReportFormat[];
  tz?: string;
  paper?: Paper;
  templateDir?: string | undefined;
  /** Worker threads for analysis; default the number of cores. */
  concurrency?: number;
  /** PDF pages printing at once in the shared browser. */
  pdfPages?: number;
  /** Skip hosts whose reports are newer than every input file. */
  resume?: boolean;
  shard?: Shard | undefined;
  failOn?: VerdictKind[];
  signal?: AbortSignal;
  onProgress?: (event: BatchProgress) => void;
  /** Clock for generatedAt (tests pin it). */
  now?: () => Date;
}

export const DEFAULT_BATCH_FORMATS: readonly ReportFormat[] = ['html', 'json'];

export type BatchProgress =
  | { kind: 'start'; total: number }
  | { kind: 'host-start'; host: string }
  | {
      kind: 'host-done';
      host: string;
      status: 'ok' | 'skipped' | 'error';
      verdict?: VerdictKind;
      error?: string;
      done: number;
      total: number;
    };

export interface BatchOutcome {
  summary: BatchSummary;
  /** Hosts that failed. */
  failed: number;
  /** Hosts whose verdict is one of `failOn`. */
  failOnMatches: string[];
  /** True when the run was aborted: no summary or index was written. */
  interrupted: boolean;
}

export interface BatchRun {
  done: Promise<BatchOutcome>;
  /** Remove every partly written file now (synchronous: safe in a process 'exit' handler). */
  removePartialOutputSync(): void;
}

async function mtimeMs(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return null;
  }
}

function reportPaths(dir: string, formats: readonly ReportFormat[]): Partial<Record<ReportFormat, string>> {
  const paths: Partial<Record<ReportFormat, string>> = {};
  for (const format of formats) paths[format] = `${dir}/report.${format}`;
  return paths;
}

/** A host-summary.json as written by a previous run, or null when missing or not ours. */
async function readHostSummary(path: string): Promise<OkHostRow | null> {
  try {
    const row = JSON.parse(await readFile(path, 'utf8')) as Partial<OkHostRow>;
    if (row.status !== 'ok' || typeof row.host !== 'string' || typeof row.verdict?.kind !== 'string')
      return null;
    return row as OkHostRow;
  } catch {
    return null;
  }
}

/**
 * The previous row when every requested report and the marker exist and are newer than every input
 * file; else null (the host is redone).
 */
async function upToDateRow(
  outDir: string,
  dir: string,
  host: string,
  files: readonly string[],
  formats: readonly ReportFormat[],
): Promise<OkHostRow | null> {
  const markerPath = join(outDir, dir, HOST_SUMMARY_FILE);
  const outputs = [markerPath, ...formats.map((format) => join(outDir, dir, `report.${format}`))];
  let newestInputMs = 0;
  for (const file of files) newestInputMs = Math.max(newestInputMs, (await mtimeMs(file)) ?? Infinity);
  for (const output of outputs) {
    const outputMs = await mtimeMs(output);
    if (outputMs === null || !(outputMs > newestInputMs)) return null;
  }
  const row = await readHostSummary(markerPath);
  return row !== null && row.host === host ? row : null;
}

export function startBatch(options: BatchOptions): BatchRun {
  const writer = new StagedWriter(options.outDir);
  const done = execute(options, writer);
  return { done, removePartialOutputSync: () => writer.removeSync() };
}

/** Analyze every host folder of `options.inputDir` into `options.outDir` (see the module comment). */
export function runBatch(options: BatchOptions): Promise<BatchOutcome> {
  return startBatch(options).done;
}

async function execute(options: BatchOptions, writer: StagedWriter): Promise<BatchOutcome> {
  const formats = [...new Set(options.formats ?? DEFAULT_BATCH_FORMATS)];
  const tz = options.tz ?? 'UTC';
  const concurrency = options.concurrency ?? availableParallelism();
  const signal = options.signal;
  const emit = options.onProgress ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const nowMs = options.now === undefined ? undefined : options.now().getTime();
  const outDir = options.outDir;

  // Fail fast, before any host: a bad template folder would fail every host the same way.
  await templateSet(options.templateDir);
  const allHosts = await listHosts(options.inputDir, outDir);
  if (allHosts.length === 0) {
    throw new InputError('batch-no-hosts', messages.noHostFolders(), options.inputDir);
  }
  // A shard may be empty (more shards than hosts): that is a valid, empty result.
  const hosts = allHosts.filter((h) => inShard(h.name, options.shard));
  await sweepStaleStaging(outDir, writer.stagingDir);

  const pool = new WorkerPool(Math.max(1, Math.min(concurrency, Math.max(hosts.length, 1))));
  let printer: PdfPrinter | null = null;
  const rows: HostRow[] = [];
  let completed = 0;
  try {
    if (formats.includes('pdf') && hosts.length > 0) {
      printer = await PdfPrinter.start(options.paper ?? 'a4', options.pdfPages ?? DEFAULT_PDF_PAGES);
    }
    emit({ kind: 'start', total: hosts.length });

    const processHost = async (entry: HostEntry): Promise<{ row: HostRow; skipped: boolean }> => {
      const dir = hostDirName(entry.name);
      const files = await listHostFiles(entry.path);
      if (options.resume) {
        const previous = await upToDateRow(outDir, dir, entry.name, files, formats);
        if (previous !== null)
          return { row: { ...previous, report: reportPaths(dir, formats) }, skipped: true };
      }
      return { row: await analyzeHost(entry, dir, files), skipped: false };
    };

    const analyzeHost = async (entry: HostEntry, dir: string, files: string[]): Promise<HostRow> => {
      emit({ kind: 'host-start', host: entry.name });
      const job: HostJob = {
        host: entry.name,
        files,
        batchDir: options.inputDir,
        formats,
        tz,
        ...(options.templateDir === undefined ? {} : { templateDir: options.templateDir }),
        ...(nowMs === undefined ? {} : { nowMs }),
      };
      const output = await pool.run(job);
      if (!output.ok) return { host: entry.name, status: 'error', error: output.error };
      const staged: StagedFile[] = [];
      for (const format of formats) {
        const path = join(outDir, dir, `report.${format}`);
        if (format === 'pdf') {
          try {
            staged.push({
              path,
              content: await (printer as PdfPrinter).print(output.pdfHtml ?? '', entry.name),
            });
          } catch (error) {
            const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
            return { host: entry.name, status: 'error', error: `${entry.name}: PDF failed: ${message}` };
          }
        } else {
          staged.push({ path, content: output.texts[format] ?? '' });
        }
      }
      for (const file of output.chartFiles) {
        staged.push({ path: join(outDir, dir, file.name), content: file.content });
      }
      const row: OkHostRow = {
        ...output.facts,
        report: reportPaths(dir, formats),
        growthRobustZ: null,
        outlier: false,
      };
      staged.push({
        path: join(outDir, dir, HOST_SUMMARY_FILE),
        content: `${JSON.stringify(row, null, 2)}\n`,
      });
      await writer.writeAll(staged);
      return row;
    };

    // A fixed number of lanes pull hosts in name order: at most `lanes` hosts are in flight, so memory
    // stays bounded whatever the fleet size, and PDF printing overlaps the next hosts' analysis.
    let next = 0;
    const lanes = pool.size + (printer?.pages ?? 0);
    const lane = async (): Promise<void> => {
      while (next < hosts.length && !signal?.aborted) {
        const entry = hosts[next++] as HostEntry;
        let row: HostRow;
        let skipped = false;
        try {
          ({ row, skipped } = await processHost(entry));
        } catch (error) {
          if (signal?.aborted) return;
          const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
          row = { host: entry.name, status: 'error', error: `${entry.name}: ${message}` };
        }
        if (signal?.aborted) return;
        rows.push(row);
        completed++;
        emit({
          kind: 'host-done',
          host: entry.name,
          status: row.status === 'error' ? 'error' : skipped ? 'skipped' : 'ok',
          ...(row.status === 'ok' ? { verdict: row.verdict.kind } : { error: row.error }),
          done: completed,
          total: hosts.length,
        });
      }
    };
    const aborted = new Promise<void>((resolveAbort) => {
      if (signal?.aborted) resolveAbort();
      signal?.addEventListener('abort', () => resolveAbort(), { once: true });
    });
    await Promise.race([Promise.all(Array.from({ length: Math.max(1, lanes) }, lane)), aborted]);

    const summary = buildSummary(rows, { generatedAt: now(), version: VERSION, ...shardMeta(options.shard) });
    // Interrupted: the hosts done so far keep their reports, but no summary or index claims a whole run.
    if (signal?.aborted) return outcomeOf(summary, options.failOn ?? [], true);
    await writeFleetOutputs(writer, outDir, summary, options.templateDir);
    return outcomeOf(summary, options.failOn ?? [], false);
  } finally {
    await pool.close();
    await printer?.close();
    await writer.close();
  }
}

function shardMeta(shard: Shard | undefined): { shard?: Shard } {
  return shard === undefined ? {} : { shard };
}

export function outcomeOf(
  summary: BatchSummary,
  failOn: readonly VerdictKind[],
  interrupted: boolean,
): BatchOutcome {
  return {
    summary,
    failed: summary.hosts.filter((row) => row.status === 'error').length,
    failOnMatches: summary.hosts.flatMap((row) =>
      row.status === 'ok' && failOn.includes(row.verdict.kind) ? [row.host] : [],
    ),
    interrupted,
  };
}

/** summary.json and index.html, written atomically (the index last). */
export async function writeFleetOutputs(
  writer: StagedWriter,
  outDir: string,
  summary: BatchSummary,
  templateDir: string | undefined,
): Promise<void> {
  const html = await renderFleetIndex(summary, { templateDir });
  await writer.writeAll([
    { path: join(outDir, SUMMARY_FILE), content: `${JSON.stringify(summary, null, 2)}\n` },
    { path: join(outDir, INDEX_FILE), content: html },
  ]);
}
