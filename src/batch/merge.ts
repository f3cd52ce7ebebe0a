/**
 * mergeBatches(): several batch outputs (shards) → one output folder with one summary.json and one
 * index.html over all their hosts, outliers recomputed against the whole fleet.
 *
 * Each host's folder is copied into the merged folder (hard links when both are on one file system, else
 * real copies), so report paths in the merged summary stay valid however the shard folders are moved or
 * deleted afterwards. A host's folder is always the one hostDirName() gives for its name, never a path
 * read from a summary, so a crafted summary.json cannot reach outside either folder. A host present in
 * several shards is taken from the last one given (with a warning).
 */

import { copyFile, link, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { VerdictKind } from '../model/result.js';
import { VERSION } from '../version.js';
import { hostDirName } from './host-name.js';
import { outcomeOf, SUMMARY_FILE, writeFleetOutputs, type BatchOutcome } from './run.js';
import { StagedWriter, sweepStaleStaging } from './staged-writer.js';
import { buildSummary, SUMMARY_SCHEMA_VERSION, type BatchSummary, type HostRow } from './summary.js';

export interface MergeOptions {
  /** Batch output folders, each holding a summary.json. */
  inputs: string[];
  outDir: string;
  templateDir?: string | undefined;
  failOn?: VerdictKind[];
  /** Told about hosts that appear in more than one input. */
  onWarning?: (message: string) => void;
  now?: () => Date;
}

async function readSummary(dir: string): Promise<BatchSummary> {
  const file = join(dir, SUMMARY_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      'merge-input',
      code === 'ENOENT' ? 'no summary.json here: not a finished batch output' : `cannot read: ${code}`,
      file,
    );
  }
  let summary: Partial<BatchSummary>;
  try {
    summary = JSON.parse(text) as Partial<BatchSummary>;
  } catch (error) {
    throw new InputError('merge-input', `not valid JSON: ${(error as Error).message.split('\n')[0]}`, file);
  }
  if (summary.schemaVersion !== SUMMARY_SCHEMA_VERSION || !Array.isArray(summary.hosts)) {
    throw new InputError('merge-input', 'not a memautopsy batch summary (schemaVersion 1 with hosts)', file);
  }
  summary.hosts.forEach((row, i) => {
    const valid =
      typeof row?.host === 'string' &&
      (row.status === 'error'
        ? typeof row.error === 'string'
        : row.status === 'ok' && typeof row.verdict?.kind === 'string' && typeof row.report === 'object');
    if (!valid) throw new InputError('merge-input', `hosts[${i}] is not a host row`, file);
  });
  return summary as BatchSummary;
}

/** Hard-link every file of `from` into `to` (recursively), copying where linking is not possible. */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await copyTree(source, target);
    } else if (entry.isFile()) {
      await rm(target, { force: true });
      try {
        await link(source, target);
      } catch {
        await copyFile(source, target);
      }
    }
  }
}

export async function mergeBatches(options: MergeOptions): Promise<BatchOutcome> {
  if (options.inputs.length === 0)
    throw new InputError('merge-input', 'merge needs at least one batch output');
  const summaries: { dir: string; summary: BatchSummary }[] = [];
  for (const dir of options.inputs) summaries.push({ dir, summary: await readSummary(dir) });

  // Later inputs win for a host that appears twice.
  const chosen = new Map<string, { dir: string; row: HostRow }>();
  for (const { dir, summary } of summaries) {
    for (const row of summary.hosts) {
      const earlier = chosen.get(row.host);
      if (earlier !== undefined) {
        options.onWarning?.(`host "${row.host}" is in both ${earlier.dir} and ${dir}; using ${dir}`);
      }
      chosen.set(row.host, { dir, row });
    }
  }

  const outDir = options.outDir;
  await mkdir(outDir, { recursive: true });
  await sweepStaleStaging(outDir);
  const writer = new StagedWriter(outDir);
  try {
    const rows: HostRow[] = [];
    for (const { dir, row } of chosen.values()) {
      if (row.status !== 'ok') {
        rows.push(row);
        continue;
      }
      const hostDir = hostDirName(row.host);
      const source = join(dir, hostDir);
      const target = join(outDir, hostDir);
      if (resolve(source) !== resolve(target)) {
        const exists = await stat(source).then(
          (info) => info.isDirectory(),
          () => false,
        );
        if (!exists) {
          throw new InputError(
            'merge-input',
            `host "${row.host}" is in summary.json but its folder is missing`,
            source,
          );
        }
        await copyTree(source, target);
      }
      // Paths are rebuilt from the host's folder and the formats listed, never taken from the input.
      const report: typeof row.report = {};
      for (const format of Object.keys(row.report) as (keyof typeof row.report)[]) {
        if (['html', 'pdf', 'json', 'md'].includes(format)) report[format] = `${hostDir}/report.${format}`;
      }
      rows.push({ ...row, report });
    }
    const summary = buildSummary(rows, {
      generatedAt: (options.now ?? (() => new Date()))(),
      version: VERSION,
    });
    await writeFleetOutputs(writer, outDir, summary, options.templateDir);
    return outcomeOf(summary, options.failOn ?? [], false);
  } finally {
    await writer.close();
  }
}
