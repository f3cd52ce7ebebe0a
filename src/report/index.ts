/**
 * One entry point for every output format. Each is a rendering of the Result alone; PDF is the HTML
 * printed by Chromium, and its module (the only one that loads puppeteer) is imported only for PDF.
 */

import type { Browser } from 'puppeteer-core';
import type { Result } from '../model/result.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown, type MarkdownChartLink } from './markdown.js';
import { renderCharts } from './figures.js';
import type { Paper } from './pdf.js';
import type { Printer } from './printer.js';
import { formatDate, formatTimeRange } from '../model/format.js';
import { timeRangeOf } from './present.js';

export type RenderFormat = 'json' | 'md' | 'html' | 'pdf';
export const RENDER_FORMATS: readonly RenderFormat[] = ['json', 'md', 'html', 'pdf'];

export interface RenderOptions {
  /** Template folder overriding the bundled templates (HTML and PDF). */
  templateDir?: string;
  /** PDF paper size; default a4. */
  paper?: Paper;
  /** A running browser to print with (batch runs share one); otherwise one is launched per PDF. */
  browser?: Browser;
  /** A print thread to print with (the CLI's, see printer.ts); takes precedence over `browser`. */
  printer?: Printer;
  /** Markdown only: link these chart files (written beside the Markdown by `renderChartFiles`). */
  charts?: MarkdownChartLink[];
  /** PDF only: this Result's HTML report when it is already rendered (with the same templates). */
  html?: string;
}

export function render(result: Result, format: 'pdf', options?: RenderOptions): Promise<Uint8Array>;
export function render(
  result: Result,
  format: 'json' | 'md' | 'html',
  options?: RenderOptions,
): Promise<string>;
export function render(
  result: Result,
  format: RenderFormat,
  options?: RenderOptions,
): Promise<string | Uint8Array>;
export async function render(
  result: Result,
  format: RenderFormat,
  options: RenderOptions = {},
): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'md':
      return renderMarkdown(result, { charts: options.charts });
    case 'html':
      return renderHtml(result, { templateDir: options.templateDir });
    case 'pdf': {
      const html = options.html ?? (await renderHtml(result, { templateDir: options.templateDir }));
      const range = timeRangeOf(result);
      const pdfOptions = {
        paper: options.paper ?? 'a4',
        host: result.host,
        header: `Memory postmortem · ${result.host ?? 'unknown host'} · ${formatTimeRange(range.start, range.end)}`,
        footer: `${result.tool.name} ${result.tool.version} · generated ${formatDate(result.generatedAt)}`,
      };
      if (options.printer !== undefined) return options.printer.printPdf(html, pdfOptions);
      const { renderPdf } = await import('./pdf.js');
      return renderPdf(html, { ...pdfOptions, browser: options.browser });
    }
  }
}

export { renderHtml, type RenderHtmlOptions } from './html.js';
export { renderJson } from './json.js';
export { renderMarkdown, escapeMarkdown } from './markdown.js';
export { memoryChartSpec, type MemoryChartOptions } from './charts/memory-chart.js';
export { renderSvg } from './svg.js';
export { downsampleMinMax, type ChartPoint } from './downsample.js';
export type { Paper } from './pdf.js';
export { startPrinter, type Printer, type PrintPdfOptions } from './printer.js';

/** One file of `renderChartFiles`: a name relative to the report's folder, and its bytes or text. */
export interface ChartFile {
  name: string;
  content: string | Uint8Array;
}

/**
 * The report's charts as files for a folder output: `<id>.svg` (the SVG the HTML inlines) and, given a
 * printer or a browser, `<id>.png` (Chromium's screenshot of it, at 2× for sharp text), plus the links the Markdown
 * report shows (the PNG as the image, or the SVG without a browser).
 */
export async function renderChartFiles(
  result: Result,
  options: { browser?: Browser | undefined; printer?: Printer | undefined } = {},
): Promise<{ files: ChartFile[]; links: MarkdownChartLink[] }> {
  const charts = await renderCharts(result);
  const svgs = charts.map((chart) => chart.svg);
  const { browser, printer } = options;
  const pngs =
    printer !== undefined
      ? await printer.renderPngs(svgs)
      : browser !== undefined
        ? await (await import('./pdf.js')).renderPngs(svgs, { browser })
        : null;
  const files: ChartFile[] = [];
  const links: MarkdownChartLink[] = [];
  charts.forEach((chart, i) => {
    const svg = `${chart.id}.svg`;
    const png = pngs === null ? null : `${chart.id}.png`;
    files.push({ name: svg, content: `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n` });
    if (png !== null) files.push({ name: png, content: pngs?.[i] as Uint8Array });
    links.push({ title: `Figure ${chart.number}. ${chart.title}`, svg, png: png ?? svg });
  });
  return { files, links };
}

export { reportCharts, type ReportChart, type ChartId } from './charts/index.js';
export { renderCharts, type RenderedChart } from './figures.js';
export { type MarkdownChartLink } from './markdown.js';
