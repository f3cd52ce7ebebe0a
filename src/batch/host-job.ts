/**
 * One host's work in a batch, as a worker thread runs it: analyze its files, render the text formats
 * (and the Markdown's SVG charts), and reduce the Result to the summary row. The Result never leaves the worker: only the rendered text,
 * the HTML to print (when PDF is asked for) and the small row go back, so the main thread holds no Results.
 */

import { relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import type { Result } from '../model/result.js';
import { analyze } from '../pipeline.js';
import { render, renderChartFiles, type ChartFile } from '../report/index.js';
import { sparklineOf } from './sparkline.js';
import type { OkHostRow, ReportFormat } from './summary.js';

export interface HostJob {
  host: string;
  /** The host's input files (paths as joined from the batch folder). */
  files: string[];
  /** The batch folder as given: error messages name files relative to it. */
  batchDir: string;
  formats: ReportFormat[];
  tz: string;
  templateDir?: string;
  /** Pinned generatedAt (tests); default now. */
  nowMs?: number;
}

export type TextFormat = Exclude<ReportFormat, 'pdf'>;

/** The row without the fleet-level fields (report paths, outlier flags) the main thread adds. */
export type HostFacts = Omit<OkHostRow, 'report' | 'growthRobustZ' | 'outlier'>;

export type HostJobOutput =
  | {
      ok: true;
      facts: HostFacts;
      texts: Partial<Record<TextFormat, string>>;
      pdfHtml: string | null;
      /** With Markdown: its charts as SVG files (names relative to the host folder), linked from it. */
      chartFiles: ChartFile[];
    }
  | { ok: false; error: string };

/** One line, file paths relative to the batch folder (the contract's "db-3/mem.csv: …"). */
export function errorLine(error: unknown, batchDir: string, host: string): string {
  let text: string;
  if (error instanceof InputError) {
    const file = error.file === undefined ? undefined : relative(batchDir, error.file);
    const where = file === undefined ? '' : `${file}${error.line === undefined ? '' : `:${error.line}`}: `;
    text = `${where}${error.message}`;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    text = `${host}: internal error: ${message}`;
  }
  const prefix = batchDir.endsWith(sep) ? batchDir : `${batchDir}${sep}`;
  return text
    .split(prefix)
    .join('')
    .split(/\s*\n\s*/)
    .filter((part) => part !== '')
    .join('; ');
}

/** Growth of memory in use in the latest regime (see OkHostRow.growthBytesPerHour). */
export function growthOf(result: Result): { bytesPerHour: number | null; percentPerHour: number | null } {
  const forecast = result.forecast;
  if (forecast?.slopeBytesPerHour !== undefined) {
    const metric = result.series.find((s) => s.name === forecast.series)?.metric;
    const sign = metric === 'mem.available' ? -1 : 1;
    return { bytesPerHour: sign * forecast.slopeBytesPerHour, percentPerHour: null };
  }
  const primaryName = result.chart.primary ?? result.series[0]?.name;
  const primary = result.series.find((s) => s.name === primaryName);
  if (primary === undefined) return { bytesPerHour: null, percentPerHour: null };
  const sign = primary.metric === 'mem.available' ? -1 : 1;
  // The latest regime's finding: the one that runs to the series' end.
  let latest: { bytes?: number; percent?: number } | null = null;
  for (const finding of result.findings) {
    if (!('series' in finding) || finding.series !== primary.name || !('end' in finding)) continue;
    if (finding.end !== primary.end) continue;
    latest =
      finding.kind === 'sawtooth'
        ? { bytes: finding.floorSlopeBytesPerHour, percent: finding.floorSlopePercentPerHour }
        : { bytes: finding.slopeBytesPerHour, percent: finding.slopePercentPerHour };
  }
  const isPercent = primary.unit === 'percent';
  const rate = latest === null ? 0 : isPercent ? latest.percent : latest.bytes;
  if (rate === undefined) return { bytesPerHour: null, percentPerHour: null };
  return isPercent
    ? { bytesPerHour: null, percentPerHour: sign * rate }
    : primary.unit === 'bytes'
      ? { bytesPerHour: sign * rate, percentPerHour: null }
      : { bytesPerHour: null, percentPerHour: null };
}

export function hostFacts(result: Result, host: string): HostFacts {
  const growth = growthOf(result);
  return {
    host,
    status: 'ok',
    verdict: {
      kind: result.verdict.kind,
      confidence: result.verdict.confidence,
      summary: result.verdict.summary,
    },
    growthBytesPerHour: growth.bytesPerHour,
    growthPercentPerHour: growth.percentPerHour,
    forecast: { exhaustionAt: result.forecast?.exhaustionAt ?? null },
    warnings: result.warnings.length,
    sparkline: sparklineOf(result),
  };
}

export async function runHostJob(job: HostJob): Promise<HostJobOutput> {
  try {
    if (job.files.length === 0) {
      throw new InputError(
        'no-input-files',
        'no input files in the host folder',
        `${job.batchDir}${sep}${job.host}`,
      );
    }
    const nowMs = job.nowMs;
    const result = await analyze(job.files, {
      host: job.host,
      tz: job.tz,
      ...(nowMs === undefined ? {} : { now: () => new Date(nowMs) }),
    });
    const renderOptions = job.templateDir === undefined ? {} : { templateDir: job.templateDir };
    // Markdown links its charts, written beside it as SVG (workers have no browser for PNG images).
    const charts = job.formats.includes('md') ? await renderChartFiles(result) : null;
    const texts: Partial<Record<TextFormat, string>> = {};
    for (const format of job.formats) {
      if (format === 'md') texts.md = await render(result, 'md', { charts: charts?.links });
      else if (format !== 'pdf') texts[format] = await render(result, format, renderOptions);
    }
    const pdfHtml = job.formats.includes('pdf')
      ? (texts.html ?? (await render(result, 'html', renderOptions)))
      : null;
    return {
      ok: true,
      facts: hostFacts(result, job.host),
      texts,
      pdfHtml,
      chartFiles: charts?.files ?? [],
    };
  } catch (error) {
    return { ok: false, error: errorLine(error, job.batchDir, job.host) };
  }
}
