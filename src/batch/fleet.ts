/**
 * The fleet index (`index.html`): every host of a summary, ranked by severity, with its sparkline,
 * verdict, growth rate, forecast and peer-outlier flag; failed hosts listed with their error. Static
 * HTML from `templates/fleet.hbs` (+ `partials/fleet-*.hbs`): inline CSS and SVG, no JavaScript, a CSP
 * meta, every value escaped by Handlebars (the sparkline path is numbers and M/L only).
 */

import { formatDate, formatPercent, formatSlope, NOT_AVAILABLE } from '../model/format.js';
import type { VerdictKind } from '../model/result.js';
import { VERDICT_KINDS } from '../model/result.js';
import { verdictLabel, verdictTone, type VerdictTone } from '../report/present.js';
import { templateSet } from '../report/templates.js';
import { InputError } from '../errors.js';
import { sparklinePath, type SparklinePath } from './sparkline.js';
import { MIN_OUTLIER_PEERS, OUTLIER_Z, severityOf, type BatchSummary, type ReportFormat } from './summary.js';

const FORMAT_ORDER: readonly ReportFormat[] = ['html', 'pdf', 'md', 'json'];

/** One host row of the index. Field names must not be template helper names (`date`, `verdictLabel` …). */
export interface FleetHostView {
  rank: number;
  host: string;
  kind: VerdictKind;
  verdictText: string;
  verdictSummary: string;
  tone: VerdictTone;
  confidence: string;
  growth: string;
  forecast: string;
  heading: boolean;
  outlier: boolean;
  outlierText: string | null;
  sparkline: SparklinePath & { title: string };
  /** The report to open from the host name: HTML, else PDF, else Markdown, else JSON. */
  href: string | null;
  links: { format: ReportFormat; href: string }[];
  warnings: number;
}

export interface FleetView {
  title: string;
  generatedAt: string;
  version: string;
  shard: string | null;
  total: number;
  analysed: number;
  failedCount: number;
  outlierCount: number;
  counts: { kind: VerdictKind; label: string; tone: VerdictTone; count: number }[];
  hosts: FleetHostView[];
  failures: { host: string; error: string }[];
  outlierRule: string;
}

/** A relative path as an href: each segment percent-encoded (host folders may contain `%`). */
export function hrefOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function growthText(bytesPerHour: number | null, percentPerHour: number | null): string {
  if (bytesPerHour !== null) return formatSlope(bytesPerHour, 'bytes');
  if (percentPerHour !== null) return formatSlope(percentPerHour, 'percent');
  return NOT_AVAILABLE;
}

export function fleetView(summary: BatchSummary): FleetView {
  const hosts: FleetHostView[] = [];
  const failures: { host: string; error: string }[] = [];
  const counts = new Map<VerdictKind, number>();
  for (const row of summary.hosts) {
    if (row.status !== 'ok') {
      failures.push({ host: row.host, error: row.error });
      continue;
    }
    counts.set(row.verdict.kind, (counts.get(row.verdict.kind) ?? 0) + 1);
    const links = FORMAT_ORDER.flatMap((format) => {
      const path = row.report[format];
      return path === undefined ? [] : [{ format, href: hrefOf(path) }];
    });
    const z = row.growthRobustZ;
    const spark = sparklinePath(row.sparkline?.values ?? []);
    hosts.push({
      rank: hosts.length + 1,
      host: row.host,
      kind: row.verdict.kind,
      verdictText: verdictLabel(row.verdict.kind),
      verdictSummary: row.verdict.summary,
      tone: verdictTone(row.verdict.kind),
      confidence: formatPercent(row.verdict.confidence),
      growth: growthText(row.growthBytesPerHour, row.growthPercentPerHour),
      forecast:
        row.forecast.exhaustionAt === null
          ? 'not heading to exhaustion'
          : formatDate(row.forecast.exhaustionAt),
      heading: row.forecast.exhaustionAt !== null,
      outlier: row.outlier,
      outlierText:
        row.outlier && z !== null
          ? `${z > 0 ? 'grows faster' : 'grows slower'} than its peers (robust z ${z.toFixed(1)})`
          : null,
      sparkline: {
        ...spark,
        title:
          row.sparkline === null
            ? 'no series'
            : `${row.sparkline.series}, ${formatDate(row.sparkline.start)} – ${formatDate(row.sparkline.end)}`,
      },
      href: links[0]?.href ?? null,
      links,
      warnings: row.warnings,
    });
  }
  const kinds = [...VERDICT_KINDS].sort((a, b) => severityOf(a) - severityOf(b));
  return {
    title: summary.shard
      ? `Fleet memory overview (shard ${summary.shard.index}/${summary.shard.count})`
      : 'Fleet memory overview',
    generatedAt: summary.generatedAt,
    version: summary.tool.version,
    shard: summary.shard ? `${summary.shard.index}/${summary.shard.count}` : null,
    total: summary.hosts.length,
    analysed: hosts.length,
    failedCount: failures.length,
    outlierCount: hosts.filter((h) => h.outlier).length,
    counts: kinds
      .filter((kind) => (counts.get(kind) ?? 0) > 0)
      .map((kind) => ({
        kind,
        label: verdictLabel(kind),
        tone: verdictTone(kind),
        count: counts.get(kind) ?? 0,
      })),
    hosts,
    failures,
    outlierRule:
      `Outlier: growth rate with |modified z| > ${OUTLIER_Z} against the fleet ` +
      `(0.6745 · (rate − median) / MAD; needs ${MIN_OUTLIER_PEERS}+ hosts with a rate).`,
  };
}

/** Render the fleet index with the bundled (or `templateDir`'s) `fleet.hbs`. */
export async function renderFleetIndex(
  summary: BatchSummary,
  options: { templateDir?: string | undefined } = {},
): Promise<string> {
  const templates = await templateSet(options.templateDir);
  const template = templates.template('fleet');
  try {
    return template(fleetView(summary));
  } catch (error) {
    if (options.templateDir === undefined || error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError('template-render', `template error: ${message}`, options.templateDir);
  }
}
