/**
 * Vega-Lite spec → SVG string, server-side: no canvas, no browser, no network. The SVG is inlined
 * into the HTML report, which therefore needs no JavaScript (research/toolchain.md §3).
 * Time axes are deterministic because the chart specs use UTC scales and explicit formats.
 */

import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { vegaTextWidth } from './charts/text-metrics.js';

type VegaModules = { vega: typeof Vega; compile: typeof VegaLite.compile };
let vegaModules: Promise<VegaModules> | undefined;

/**
 * Vega and Vega-Lite, loaded on the first chart: importing them takes ~200 ms, which runs that only
 * write JSON or Markdown without charts should not pay.
 */
function loadVega(): Promise<VegaModules> {
  vegaModules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    // Measure text with DejaVu Sans' advance widths instead of Vega's canvas-less 0.8 em guess, so
    // labels, legends and tick spacing fit what Chromium then draws (./charts/text-metrics.ts).
    // vega's type declarations omit `textMetrics`, though the module exports it (vega-scenegraph's object).
    const textMetrics = (vega as unknown as { textMetrics?: { width: unknown } }).textMetrics;
    if (textMetrics !== undefined) textMetrics.width = vegaTextWidth;
    return { vega, compile: vegaLite.compile };
  });
  return vegaModules;
}

export interface RenderSvgOptions {
  /** Receives Vega-Lite and Vega warnings (a spec problem); they are dropped without it. */
  onWarning?: (message: string) => void;
}

function messageOf(args: unknown[]): string {
  return args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
}

/**
 * A loader that refuses every URL or file: chart data is always inline, nothing may be fetched.
 * Vega only logs a failed load as a warning, so refusals are also recorded for renderSvg to throw.
 */
function offlineLoader(refused: string[]): Vega.Loader {
  const refuse = (uri: string): Promise<never> => {
    refused.push(uri);
    return Promise.reject(new Error(`chart tried to load "${uri}"; report charts must use inline data only`));
  };
  return {
    load: refuse,
    sanitize: refuse,
    http: refuse,
    file: refuse,
  };
}

export async function renderSvg(spec: TopLevelSpec, options: RenderSvgOptions = {}): Promise<string> {
  const { vega, compile } = await loadVega();
  const errors: string[] = [];
  const refused: string[] = [];
  const handler = (method: 'log' | 'warn' | 'error', _level: string, args: unknown[]): void => {
    const message = messageOf(args);
    if (method === 'error') errors.push(message);
    else if (method === 'warn') options.onWarning?.(message);
  };
  const logger = vega.logger(vega.Warn, undefined, handler);
  const { spec: vegaSpec } = compile(spec, { logger });
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: 'none',
    logger,
    loader: offlineLoader(refused),
  });
  try {
    const svg = await view.toSVG();
    if (refused.length > 0) {
      throw new Error(`chart tried to load ${refused.join(', ')}; report charts must use inline data only`);
    }
    if (errors.length > 0) throw new Error(`chart rendering failed: ${errors.join('; ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}
