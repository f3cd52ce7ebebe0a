/**
 * Slab growth across two or more timed slab snapshots (slabtop -o, /proc/slabinfo): per cache, the
 * growth rate in bytes per hour — the difference over the span for two snapshots, Sen's slope of its
 * bytes against time for three or more (robust to one odd snapshot) — whether the kernel can reclaim
 * it, and the top growers as `slab-growth` findings.
 *
 * A cache is reported when it grows materially across the snapshots' span: by at least 5 % of the
 * total memory when known, else of the latest snapshot's slab total — the verdict's materiality
 * (verdict/facts.ts MATERIAL_FRACTION), so every finding is one the verdict may act on. A cache
 * missing from a snapshot held 0 bytes there. Snapshots without a time are skipped (no rate).
 */

import type { SlabGrowthFinding } from '../model/finding.js';
import type { SlabSnapshot } from '../model/slab.js';
import { senSlope } from './stats/sen-slope.js';

/** Share of total memory (or of slab) a cache must grow by across the span to be reported. */
export const SLAB_GROWTH_MATERIAL_FRACTION = 0.05;
/** At most this many growers are reported, fastest first. */
export const SLAB_TOP_GROWERS = 10;

const MS_PER_HOUR = 3_600_000;

function slabTotal(snapshot: SlabSnapshot): number {
  return snapshot.totalBytes ?? snapshot.caches.reduce((sum, c) => sum + c.bytes, 0);
}

export function detectSlabGrowth(
  slabs: SlabSnapshot[],
  totalBytes: number | null = null,
): SlabGrowthFinding[] {
  const timed = slabs
    .filter((s) => s.atMs !== null && s.caches.length > 0)
    .sort((a, b) => (a.atMs as number) - (b.atMs as number));
  if (timed.length < 2) return [];
  const first = timed[0] as SlabSnapshot;
  const last = timed[timed.length - 1] as SlabSnapshot;
  const spanMs = (last.atMs as number) - (first.atMs as number);
  if (!(spanMs > 0)) return [];
  const threshold = SLAB_GROWTH_MATERIAL_FRACTION * (totalBytes ?? slabTotal(last));

  const names = new Set<string>();
  const reclaimable = new Map<string, boolean>();
  for (const snapshot of timed)
    for (const cache of snapshot.caches) {
      names.add(cache.name);
      reclaimable.set(cache.name, cache.reclaimable);
    }
  const hours = timed.map((s) => ((s.atMs as number) - (first.atMs as number)) / MS_PER_HOUR);
  const bySnapshot = timed.map((s) => new Map(s.caches.map((c) => [c.name, c.bytes])));

  const findings: SlabGrowthFinding[] = [];
  for (const name of names) {
    const bytes = bySnapshot.map((m) => m.get(name) ?? 0);
    const startBytes = bytes[0] as number;
    const endBytes = bytes[bytes.length - 1] as number;
    const ratePerHour =
      timed.length === 2 ? (endBytes - startBytes) / ((hours[1] as number) || 1) : senSlope(hours, bytes);
    if (!(ratePerHour > 0) || ratePerHour * (spanMs / MS_PER_HOUR) < threshold) continue;
    findings.push({
      kind: 'slab-growth',
      cache: name,
      growthBytesPerHour: ratePerHour,
      reclaimable: reclaimable.get(name) ?? false,
      start: new Date(first.atMs as number).toISOString(),
      end: new Date(last.atMs as number).toISOString(),
      startBytes,
      endBytes,
      snapshots: timed.length,
    });
  }
  return findings.sort((a, b) => b.growthBytesPerHour - a.growthBytesPerHour).slice(0, SLAB_TOP_GROWERS);
}
