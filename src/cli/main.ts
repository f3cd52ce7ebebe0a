/**
 * The CLI entry: the only place that touches process.* (argv, stdout, stderr, exit codes).
 * Exit codes (CONTRACT.md): 0 written, 1 internal error, 2 usage error or no usable input, 3 --fail-on.
 */

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { Result } from '../model/result.js';
import type { ChartFile } from '../report/index.js';
import type { Printer } from '../report/printer.js';
import { VERSION } from '../version.js';
import { parseCommandLine, type AnalyzeCommand, type OutputFormat } from './args.js';
import { writeFilesAtomically, type PendingFile } from './write-atomic.js';

// The analysis, the renderers (Vega alone takes ~160 ms to load), batch mode and the help text are
// imported when a command needs them: `--version` stays instant, and a PDF run gets Chromium starting
// before the rest loads.

const EXIT_OK = 0;
const EXIT_INTERNAL = 1;
const EXIT_USAGE_OR_INPUT = 2;
const EXIT_FAIL_ON = 3;
/** Shell conventions: 128 + the signal number. */
const EXIT_INTERRUPTED = 130;
const EXIT_TERMINATED = 143;
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

function isExistingDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

async function runAnalyze(command: AnalyzeCommand): Promise<number> {
  // Charts go beside the Markdown as SVG and PNG files when writing into a folder.
  const chartFiles = command.outIsFolder && command.formats.includes('md');
  // Chromium (for the PDF and the PNG charts) starts now, in its own thread, while the inputs are read
  // and analysed: its launch is the slowest step of a PDF report.
  let printer: Printer | null = null;
  if (command.formats.includes('pdf') || chartFiles) {
    printer = (await import('../report/printer.js')).startPrinter();
  }
  // Interrupted: end Chromium and remove its temporary profile before exiting (Chromium also exits by
  // itself when this process dies, as it talks to us over a pipe, but the profile would stay behind).
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    stopping = true;
    const exitCode = signal === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_TERMINATED;
    void (printer?.close() ?? Promise.resolve()).finally(() => process.exit(exitCode));
  };
  if (printer !== null) for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
  try {
    return await analyzeAndWrite(command, chartFiles, printer);
  } catch (error) {
    // A print cut short by the interrupt is not an error to report: wait for the exit above.
    if (stopping) await new Promise<never>(() => undefined);
    throw error;
  } finally {
    for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
    await printer?.close();
  }
}

interface RenderedReports {
  rendered: Map<OutputFormat, string | Uint8Array>;
  charts: { files: ChartFile[] } | null;
}

/** JSON alone needs none of the other renderers' modules (templates, charts, Markdown). */
async function renderJsonOnly(result: Result): Promise<RenderedReports> {
  const { renderJson } = await import('../report/json.js');
  return { rendered: new Map([['json', renderJson(result)]]), charts: null };
}

async function renderReports(
  result: Result,
  command: AnalyzeCommand,
  chartFiles: boolean,
  printer: Printer | null,
): Promise<RenderedReports> {
  const { render, renderChartFiles, renderCharts } = await import('../report/index.js');
  // What needs no browser first, while Chromium may still be starting (charts are rendered once and
  // shared by every format).
  const renderOptions = { paper: command.paper, templateDir: command.templateDir };
  const rendered = new Map<OutputFormat, string | Uint8Array>();
  for (const format of command.formats) {
    if (format === 'json' || format === 'html' || (format === 'md' && !chartFiles)) {
      rendered.set(format, await render(result, format, renderOptions));
    }
  }
  if (command.formats.includes('pdf') || chartFiles) await renderCharts(result);
  // Chart images for the Markdown need Chromium; without it they fall back to SVG files alone.
  let pngPrinter: Printer | undefined;
  if (chartFiles && printer !== null) {
    try {
      await printer.ready;
      pngPrinter = printer;
    } catch (error) {
      if (command.formats.includes('pdf')) throw error; // no PDF without Chromium
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      process.stderr.write(`memautopsy: warning: charts written as SVG only: ${reason}\n`);
    }
  }
  const charts = chartFiles ? await renderChartFiles(result, { printer: pngPrinter }) : null;
  // The PDF's HTML is rendered without waiting for Chromium: the print thread takes the document
  // as soon as its browser is up (and rejects it with the reason when it could not start).
  for (const format of command.formats) {
    if (rendered.has(format)) continue;
    rendered.set(
      format,
      await render(result, format, {
        ...renderOptions,
        printer: printer ?? undefined,
        charts: charts?.links,
        html: rendered.get('html') as string | undefined, // the PDF prints the HTML report as is
      }),
    );
  }
  return { rendered, charts };
}

async function analyzeAndWrite(
  command: AnalyzeCommand,
  chartFiles: boolean,
  printer: Printer | null,
): Promise<number> {
  const { analyze } = await import('../pipeline.js');
  const result = await analyze(command.inputs, {
    host: command.host,
    tz: command.tz,
    marks: command.marks,
    totalMemoryBytes: command.totalMemoryBytes,
    inputFormat: command.inputFormat,
    maxInputBytes: command.maxInputBytes,
    maxRows: command.maxRows,
  });
  // Render everything in memory first: a failing renderer must not leave a partial set of reports.
  const { rendered, charts } = command.formats.every((format) => format === 'json')
    ? await renderJsonOnly(result)
    : await renderReports(result, command, chartFiles, printer);

  if (command.out === null) {
    const format = command.formats[0] as OutputFormat;
    if ((format === 'html' || format === 'pdf') && process.stdout.isTTY) {
      // Printing HTML or PDF bytes into a terminal helps nobody: write a file and say where.
      const path = resolve(`memautopsy-report.${format}`);
      await writeFilesAtomically([{ path, content: rendered.get(format) as string | Uint8Array }]);
      process.stderr.write(`memautopsy: wrote ${path}\n`);
    } else {
      await writeStdout(rendered.get(format) as string | Uint8Array);
    }
  } else {
    const files: PendingFile[] = command.outIsFolder
      ? command.formats.map((format) => ({
          path: join(command.out as string, `report.${format}`),
          content: rendered.get(format) as string | Uint8Array,
        }))
      : [
          {
            path: command.out,
            content: rendered.get(command.formats[0] as OutputFormat) as string | Uint8Array,
          },
        ];
    for (const file of charts?.files ?? []) {
      files.push({ path: join(command.out, file.name), content: file.content });
    }
    await writeFilesAtomically(files);
  }

  for (const warning of result.warnings) {
    const where =
      warning.file === undefined
        ? ''
        : `${warning.file}${warning.line === undefined ? '' : `:${warning.line}`}: `;
    process.stderr.write(`memautopsy: warning: ${where}${warning.message}\n`);
  }
  return command.failOn.includes(result.verdict.kind) ? EXIT_FAIL_ON : EXIT_OK;
}

function writeStdout(content: string | Uint8Array): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    process.stdout.write(content, (error) => (error ? reject(error) : resolvePromise()));
  });
}

export async function main(argv: string[]): Promise<number> {
  try {
    const command = parseCommandLine(argv, isExistingDirectory);
    switch (command.command) {
      case 'help':
        process.stdout.write((await import('./help.js')).helpText(VERSION));
        return EXIT_OK;
      case 'version':
        process.stdout.write(`${VERSION}\n`);
        return EXIT_OK;
      case 'analyze':
        return await runAnalyze(command);
      case 'batch':
        return await (await import('./batch.js')).runBatchCommand(command);
      case 'merge':
        return await (await import('./batch.js')).runMergeCommand(command);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`memautopsy: ${error.message}\n`);
      return EXIT_USAGE_OR_INPUT;
    }
    if (error instanceof InputError) {
      process.stderr.write(`memautopsy: ${error.format()}\n`);
      return EXIT_USAGE_OR_INPUT;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`memautopsy: internal error: ${message.split('\n')[0]}\n`);
    if (process.env.MEMAUTOPSY_DEBUG && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    return EXIT_INTERNAL;
  }
}

// A closed pipe (e.g. `| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_OK);
});

process.exitCode = await main(process.argv.slice(2));
