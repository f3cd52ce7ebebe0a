/**
 * Result → self-contained HTML: inline CSS and an inline SVG chart, no JavaScript, no external URL,
 * a CSP meta as the first thing in <head>. The same HTML is what Chromium prints to PDF.
 *
 * Escaping: every value goes through Handlebars' default `{{ }}` escaping; the only triple-stash is the
 * chart SVG, which Vega produced (Vega escapes the data text it draws).
 */

import { InputError } from '../errors.js';
import type { Result } from '../model/result.js';
import { memoryChartSpec } from './charts/memory-chart.js';
import {
  describeFinding,
  describeForecast,
  seriesLabelOf,
  timeRangeOf,
  verdictLabel,
  verdictTone,
  type FindingRow,
} from './present.js';
import { renderSvg } from './svg.js';
import { templateSet } from './templates.js';

export interface RenderHtmlOptions {
  /** A folder whose `report.hbs`, `report.css` or `partials/*.hbs` replace the bundled ones. */
  templateDir?: string;
}

/** What the templates see: the Result itself plus the derived, display-ready pieces. */
export interface ReportView {
  result: Result;
  title: string;
  hostLabel: string;
  range: { start: string | null; end: string | null };
  verdict: Result['verdict'] & { label: string; tone: string };
  findings: FindingRow[];
  forecastText: string | null;
  primarySeries: string | null;
  forecastSeries: string | null;
  /** Trusted SVG from Vega, or null when there is nothing to chart. */
  chartSvg: string | null;
}

/** The template context for a Result (pure apart from the chart SVG, which the caller renders). */
export function reportView(result: Result, chartSvg: string | null): ReportView {
  const hostLabel = result.host ?? 'Unknown host';
  return {
    result,
    title: `Memory postmortem: ${hostLabel}`,
    hostLabel,
    range: timeRangeOf(result),
    verdict: {
      ...result.verdict,
      label: verdictLabel(result.verdict.kind),
      tone: verdictTone(result.verdict.kind),
    },
    findings: result.findings.map((finding) =>
      describeFinding(finding, (name) => seriesLabelOf(result, name)),
    ),
    forecastText: describeForecast(result),
    primarySeries: seriesLabelOf(result, result.chart.primary ?? result.chart.lines[0]?.series ?? '') || null,
    forecastSeries: result.forecast === null ? null : seriesLabelOf(result, result.forecast.series),
    chartSvg,
  };
}

export async function renderHtml(result: Result, options: RenderHtmlOptions = {}): Promise<string> {
  const spec = memoryChartSpec(result);
  const [chartSvg, templates] = await Promise.all([
    spec === null ? Promise.resolve(null) : renderSvg(spec),
    templateSet(options.templateDir),
  ]);
  const template = templates.template('report');
  try {
    return template(reportView(result, chartSvg));
  } catch (error) {
    // Runtime template errors (a missing partial, a helper misuse) come from a user's template folder.
    if (options.templateDir === undefined || error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError('template-render', `template error: ${message}`, options.templateDir);
  }
}
