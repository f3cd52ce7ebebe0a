/**
 * Phrases that tie a recommendation's rationale to this report's evidence, built from the host facts
 * (verdict/facts.ts) — never from raw series.
 */

import { formatBytes, formatPercent, formatSlope, formatValue } from '../model/format.js';
import type { Growth, HostFacts, SeriesFacts } from '../verdict/facts.js';

/** Total memory, from the inputs or a meminfo snapshot. */
export function memoryBytes(facts: HostFacts): number | null {
  return facts.totalBytes ?? facts.meminfo?.memTotal ?? null;
}

function seriesOf(facts: HostFacts, metric: SeriesFacts['metric']): SeriesFacts[] {
  return facts.series.filter((s) => s.metric === metric);
}

function largest(growth: Growth[]): Growth | undefined {
  return [...growth].sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0];
}

/** "10.5 GiB (+109 MiB/h)", or just the rate when the span is unknown. */
function amount(g: Growth): string {
  const rate = formatSlope(g.slopePerHour, g.unit);
  return Number.isFinite(g.change) ? `${formatValue(Math.abs(g.change), g.unit)} (${rate})` : rate;
}

/** "Used memory (total − free) grew 10.5 GiB (+109 MiB/h)", or null. */
export function usedGrowthPhrase(facts: HostFacts): string | null {
  const g = largest(seriesOf(facts, 'mem.used').flatMap((s) => s.growth));
  return g === undefined ? null : `${g.label} grew ${amount(g)}`;
}

/** "MemAvailable declined 3.6 GiB (-45 MiB/h)", or null. */
export function availableDeclinePhrase(facts: HostFacts): string | null {
  const g = largest(seriesOf(facts, 'mem.available').flatMap((s) => s.decline));
  return g === undefined ? null : `MemAvailable declined ${amount(g)}`;
}

/** "MemAvailable never fell below 13.3 GiB (83% of 16 GiB)", or null without an available series. */
export function availableFloorPhrase(facts: HostFacts): string | null {
  const series = seriesOf(facts, 'mem.available')[0];
  if (series === undefined) return null;
  const total = memoryBytes(facts);
  const share =
    total !== null && series.unit === 'bytes'
      ? ` (${formatPercent(series.level.min / total)} of ${formatBytes(total)})`
      : '';
  return `MemAvailable never fell below ${formatValue(series.level.min, series.unit)}${share}`;
}

/** Growth of unreclaimable kernel memory, e.g. "Unreclaimable slab (SUnreclaim) grew 6.5 GiB (+40 MiB/h)". */
export function kernelGrowthPhrase(facts: HostFacts): string | null {
  const g =
    largest(seriesOf(facts, 'slab.unreclaimable').flatMap((s) => s.growth)) ??
    largest((facts.slab?.growth ?? []).filter((c) => c.reclaimable === false));
  return g === undefined ? null : `${g.label} grew ${amount(g)}`;
}

/** "dentry holds 12.9 GiB of 13.2 GiB slab", or null. */
export function largestCachePhrase(facts: HostFacts, reclaimable?: boolean): string | null {
  const slab = facts.slab;
  if (slab === null) return null;
  const cache =
    reclaimable === undefined
      ? slab.largest
      : reclaimable
        ? slab.largestReclaimable
        : slab.largestUnreclaimable;
  if (cache === null) return null;
  return `${cache.name} holds ${formatBytes(cache.bytes)} of ${formatBytes(slab.totalBytes)} slab`;
}

/** Bytes a cache grew or holds, for "about X" sizing in verify steps. */
export function cacheBytes(facts: HostFacts, name: string): number | null {
  const slab = facts.slab;
  if (slab === null) return null;
  if (slab.largest.name === name) return slab.largest.bytes;
  for (const cache of [slab.largestReclaimable, slab.largestUnreclaimable])
    if (cache?.name === name) return cache.bytes;
  return null;
}

/**
 * A PromQL label matcher for this host's node_exporter instance ("web-01" also matches "web-01:9100").
 * The host name is taken literally: regex metacharacters escaped for RE2, then the whole value escaped
 * for a PromQL double-quoted string (backslashes doubled, quotes and control characters escaped).
 */
export function instanceMatcher(host: string | null): string {
  if (host === null) return 'instance=~"<host>(:[0-9]+)?"';
  const regex = host.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
  return `instance=~"${promqlStringBody(`${regex}(:[0-9]+)?`)}"`;
}

/** Text as the inside of a PromQL (Go-style) double-quoted string; control characters dropped. */
function promqlStringBody(text: string): string {
  return withoutControls(text).replace(/[\\"]/g, (c) => `\\${c}`);
}

/** A NRQL string literal (single quotes; a quote or backslash in the value is escaped with a backslash). */
export function nrqlString(text: string): string {
  return `'${withoutControls(text).replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** Control characters have no place in a query or a rule file line (a host name never has them). */
function withoutControls(text: string): string {
  return text.replace(/\p{Cc}/gu, '');
}

/**
 * A host name as Datadog stores it in a tag: lower case, and every character other than letters,
 * digits, `_ - : . /` turned into an underscore (Datadog's tag normalisation), so the query matches the
 * tag the agent reported and nothing in the name can change the query.
 */
export function datadogTagValue(host: string): string {
  return host.toLowerCase().replace(/[^\p{L}\p{N}_\-:./]/gu, '_');
}

/**
 * A YAML scalar for one line of a rule file: plain when that is unambiguous, else single-quoted (a
 * quote inside doubled), so a host name with `: ` or ` #` cannot break the file.
 */
export function yamlScalar(text: string): string {
  const plainIsSafe = /^[A-Za-z0-9_(]/.test(text) && !/: |\s#|\p{Cc}/u.test(text) && text === text.trim();
  return plainIsSafe ? text : `'${withoutControls(text).replace(/'/g, "''")}'`;
}
