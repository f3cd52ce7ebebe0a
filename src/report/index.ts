/**
 * One entry point for every output format. Each is a rendering of the Result alone; PDF is the HTML
 * printed by Chromium, and its module (the only one that loads puppeteer) is imported only for PDF.
 */

import type { Browser } from 'puppeteer-core';
import type { Result } from '../model/result.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Paper } from './pdf.js';
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
      return renderMarkdown(result);
    case 'html':
      return renderHtml(result, { templateDir: options.templateDir });
    case 'pdf': {
      const html = await renderHtml(result, { templateDir: options.templateDir });
      const { renderPdf } = await import('./pdf.js');
      const range = timeRangeOf(result);
      return renderPdf(html, {
        paper: options.paper ?? 'a4',
        host: result.host,
        header: `Memory postmortem · ${result.host ?? 'unknown host'} · ${formatTimeRange(range.start, range.end)}`,
        footer: `${result.tool.name} ${result.tool.version} · generated ${formatDate(result.generatedAt)}`,
        browser: options.browser,
      });
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
