/**
 * Alert on MemAvailable, not on "used". Used = total − free counts page cache and reclaimable slab the
 * kernel gives back, so it fires on healthy hosts; MemAvailable is the kernel's own estimate of what can
 * be had without swapping and already counts those caches as available (si_mem_available) [K29][K35][K36];
 * node-mixin alerts on it too [K42]. The first advice for cache growth, and useful for every verdict. For
 * a kernel leak, also alert on the trend of SUnreclaim, which MemAvailable notices only late (kernel.md §7.4).
 *
 * Query facts (research/formats.md §0): New Relic's memoryFreePercent = MemAvailable / MemTotal × 100;
 * Datadog's system.mem.pct_usable = MemAvailable / MemTotal as a 0–1 fraction.
 */

import { formatBytes } from '../model/format.js';
import { MATERIAL_FRACTION } from '../verdict/facts.js';
import {
  availableDeclinePhrase,
  availableFloorPhrase,
  instanceMatcher,
  datadogTagValue,
  nrqlString,
  yamlScalar,
  kernelGrowthPhrase,
  memoryBytes,
  usedGrowthPhrase,
} from './figures.js';
import type { RecommendationRule } from './rule.js';

/** Alert when MemAvailable stays below this share of MemTotal for ALERT_FOR_MINUTES. */
export const AVAILABLE_ALERT_FRACTION = 0.1;
const ALERT_FOR_MINUTES = 15;

export const alertOnMemavailable: RecommendationRule = {
  id: 'alert-on-memavailable',
  recommend({ verdict, host, facts }) {
    if (verdict.kind === 'inconclusive') return null;
    const matcher = instanceMatcher(host);
    const ddHost = host === null ? '<host>' : datadogTagValue(host);
    const percent = Math.round(AVAILABLE_ALERT_FRACTION * 100);
    const used = usedGrowthPhrase(facts);
    const floor = availableFloorPhrase(facts);
    const decline = availableDeclinePhrase(facts);

    let why: string;
    if (verdict.kind === 'reclaimable-cache') {
      why = `${used ?? 'Used memory grew'} on this host${floor !== null ? ` while ${floor}` : ''}: an alert on "used" fires for cache the kernel gives back. MemAvailable counts page cache and reclaimable slab as available, so it fires only when memory is really short.`;
    } else if (verdict.kind === 'leak' || verdict.kind === 'kernel-leak') {
      why = `${decline ?? used ?? 'Memory that cannot be reclaimed grew'} on this host. An alert on MemAvailable fires on this growth with time to act, and stays quiet when the growth is only cache.`;
    } else if (verdict.kind === 'suspected-leak') {
      why = `${used ?? 'Used memory grew'} on this host, and "used" cannot tell cache from a leak; MemAvailable can, at a glance, and it is what to alert on.`;
    } else {
      why = `MemAvailable is the kernel's estimate of memory available without swapping; ${floor !== null ? `${floor} here, and ` : ''}alerting on it catches real shortage and ignores cache.`;
    }

    const lines = [
      '# Prometheus (node_exporter) alerting rule',
      '- alert: MemAvailableLow',
      `  expr: ${yamlScalar(`node_memory_MemAvailable_bytes{${matcher}} / node_memory_MemTotal_bytes{${matcher}} < ${AVAILABLE_ALERT_FRACTION}`)}`,
      `  for: ${ALERT_FOR_MINUTES}m`,
      `# New Relic (NRQL alert condition: static, below ${percent} for at least ${ALERT_FOR_MINUTES} minutes; memoryFreePercent is MemAvailable / MemTotal)`,
      `SELECT average(memoryFreePercent) FROM SystemSample WHERE hostname = ${host === null ? "'<host>'" : nrqlString(host)}`,
      `# Datadog (metric monitor; pct_usable is MemAvailable / MemTotal as a fraction)`,
      `avg(last_${ALERT_FOR_MINUTES}m):avg:system.mem.pct_usable{host:${ddHost}} < ${AVAILABLE_ALERT_FRACTION}`,
    ];
    if (verdict.kind === 'kernel-leak') {
      const total = memoryBytes(facts);
      const kernel = kernelGrowthPhrase(facts);
      why += ` ${kernel !== null ? `${kernel}: ` : ''}MemAvailable notices unreclaimable slab only when it is already large, so alert on its trend as well.`;
      lines.push(
        `# and on unreclaimable slab growing by more than ${Math.round(MATERIAL_FRACTION * 100)}% of memory a day${total !== null ? ` (${formatBytes(MATERIAL_FRACTION * total)} here)` : ''}`,
        '- alert: SUnreclaimGrowing',
        `  expr: ${yamlScalar(`deriv(node_memory_SUnreclaim_bytes{${matcher}}[6h]) * 86400 > ${MATERIAL_FRACTION} * node_memory_MemTotal_bytes{${matcher}}`)}`,
        '  for: 6h',
        `# Datadog has no SUnreclaim metric: graph system.mem.slab - system.mem.slab_reclaimable for host:${ddHost}`,
      );
    }

    return {
      key: 'action',
      value: `Alert when MemAvailable stays below ${percent}% of MemTotal for ${ALERT_FOR_MINUTES} minutes, not on "used" memory`,
      rationale: why,
      risk: 'None to the host. On cache-heavy hosts the alert fires later than a used-memory alert, which is the point; keep an OOM-kill alert alongside.',
      apply: lines.join('\n'),
      verify: `Run the expression now: it returns this host's current share (it must be above ${AVAILABLE_ALERT_FRACTION}). The alert stays quiet while cache grows and fires in a test that really uses memory, e.g. \`stress-ng --vm 1 --vm-bytes 95% --timeout 20m\` on a non-production host.`,
      rollback: 'Delete the new alert rule (and re-enable the previous used-memory alert if you removed it).',
    };
  },
};
