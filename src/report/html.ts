/**
 * Result → self-contained HTML: inline CSS and inline SVG charts, no JavaScript, no external URL,
 * a CSP meta as the first thing in <head>. The same HTML is what Chromium prints to PDF.
 *
 * The sections follow the established postmortem shape (the Google SRE example postmortem): summary
 * with the verdict first, impact, timeline, analysis, recommendations, action items, appendix.
 *
 * Escaping: every value goes through Handlebars' default `{{ }}` escaping; the only triple-stash is the
 * chart SVG, which Vega produced (Vega escapes the data text it draws).
 */

import { InputError } from '../errors.js';
import type { MethodParameter, Recommendation, Result } from '../model/result.js';
import type { ChartId } from './charts/index.js';
import { renderCharts, type RenderedChart } from './figures.js';
import {
  actionDeadline,
  actionItems,
  buildTimeline,
  describeForecast,
  describeImpact,
  findingRows,
  inputRows,
  phaseRows,
  recommendationTitle,
  seriesLabelOf,
  seriesRows,
  timeRangeOf,
  verdictLabel,
  verdictTone,
  type ActionItem,
  type FindingRow,
  type ImpactView,
  type InputRow,
  type KeyFact,
  type PhaseRow,
  type SeriesRow,
  type TimelineEntry,
} from './present.js';
import { templateSet } from './templates.js';

export interface RenderHtmlOptions {
  /** A folder whose `report.hbs`, `report.css` or `partials/*.hbs` replace the bundled ones. */
  templateDir?: string;
}

/**
 * What the templates see: the Result itself plus the derived, display-ready pieces (all plain text,
 * escaped by `{{ }}`, except the charts' `svg`). README "Templates" documents it for custom partials.
 */
export interface ReportView {
  result: Result;
  title: string;
  hostLabel: string;
  range: { start: string | null; end: string | null };
  verdict: Result['verdict'] & { label: string; tone: string };
  /** The summary's four key figures (near exhaustion, closest to the limit, restarts, projection). */
  keyFacts: KeyFact[];
  impact: ImpactView;
  /** `long`: more rows than fit on a page with the section's other content, so the table may break. */
  timeline: { entries: TimelineEntry[]; omitted: number; long: boolean };
  /** Every chart in reading order, numbered. */
  charts: RenderedChart[];
  /** The same charts by id (absent when the inputs give no data for one). */
  chart: Partial<Record<ChartId, RenderedChart>>;
  /** Phase comparison rows (with --mark), on the series `phaseSeries`. */
  phases: PhaseRow[];
  phaseSeries: string | null;
  findings: FindingRow[];
  /** More findings than fit on a page: the table may break between rows (its header repeats). */
  findingsLong: boolean;
  forecastText: string | null;
  primarySeries: string | null;
  forecastSeries: string | null;
  recommendations: (Recommendation & { number: number; title: string })[];
  actionItems: ActionItem[];
  /** The projected exhaustion the action items work to (leak verdicts only), or null. */
  deadline: string | null;
  appendix: { inputs: InputRow[]; series: SeriesRow[]; parameters: MethodParameter[] };
  /** The memory chart's SVG alone (templates written before `charts` existed use it), or null. */
  chartSvg: string | null;
}

/**
 * Tables with more rows than this may break across pages (rows stay whole, the header repeats); shorter
 * ones are kept on one page with their heading.
 */
const LONG_TABLE_ROWS = 16;

/** The template context for a Result (pure apart from the charts, which the caller renders). */
export function reportView(result: Result, charts: RenderedChart[]): ReportView {
  const hostLabel = result.host ?? 'Unknown host';
  const primaryName = result.chart.primary ?? result.chart.lines[0]?.series ?? '';
  const impact = describeImpact(result);
  const timeline = buildTimeline(result);
  const findings = findingRows(result);
  const byId: Partial<Record<ChartId, RenderedChart>> = {};
  for (const chart of charts) byId[chart.id] = chart;
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
    keyFacts: impact.keyFacts,
    impact,
    timeline: { ...timeline, long: timeline.entries.length > LONG_TABLE_ROWS },
    charts,
    chart: byId,
    phases: phaseRows(result),
    phaseSeries:
      (result.phases ?? []).length > 0 && primaryName !== '' ? seriesLabelOf(result, primaryName) : null,
    findings,
    findingsLong: findings.length > LONG_TABLE_ROWS,
    forecastText: describeForecast(result),
    primarySeries: primaryName === '' ? null : seriesLabelOf(result, primaryName),
    forecastSeries: result.forecast === null ? null : seriesLabelOf(result, result.forecast.series),
    recommendations: result.recommendations.map((rec, i) => ({
      ...rec,
      number: i + 1,
      title: recommendationTitle(rec),
    })),
    actionItems: actionItems(result),
    deadline: actionDeadline(result),
    appendix: {
      inputs: inputRows(result),
      series: seriesRows(result),
      parameters: result.method?.parameters ?? [],
    },
    chartSvg: byId.memory?.svg ?? null,
  };
}

export async function renderHtml(result: Result, options: RenderHtmlOptions = {}): Promise<string> {
  const [charts, templates] = await Promise.all([renderCharts(result), templateSet(options.templateDir)]);
  const template = templates.template('report');
  try {
    return template(reportView(result, charts));
  } catch (error) {
    // Runtime template errors (a missing partial, a helper misuse) come from a user's template folder.
    if (options.templateDir === undefined || error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError('template-render', `template error: ${message}`, options.templateDir);
  }
}
