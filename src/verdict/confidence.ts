/**
 * Confidence: a noisy-OR over independent lines of evidence, discounted by what speaks against the
 * verdict or what the inputs leave open.
 *
 *   confidence = min(CAP, (1 − Π (1 − sᵢ)) × Π (1 − dⱼ))
 *
 * Each supporting line i carries a strength sᵢ: how often that line alone points the right way. A line
 * is counted once per kind and series (two regimes of the same decline are one line; used and available
 * both flat are two). Each doubt j (a
 * contradicting trend, an alternative the inputs cannot rule out) carries a discount dⱼ. The strengths
 * are fixed here, the same for every input, and ordered by how directly the evidence measures the
 * component: a breakdown series that itself grows beats the kernel's MemAvailable estimate, which beats
 * a single snapshot's composition, which beats a shape (a sawtooth). Metrics alone never prove a root
 * cause, hence the cap.
 */

export const CONFIDENCE_CAP = 0.95;

export const STRENGTH = {
  /** A breakdown series (AnonPages, SUnreclaim, SReclaimable, Cached, a cgroup counter) trends by itself. */
  componentTrend: 0.7,
  /** MemAvailable declines (leak) or stays flat while "used" grows (cache): the kernel's own estimate. */
  availableTrend: 0.6,
  /** A named slab cache grows across timed snapshots. */
  slabCacheGrowth: 0.6,
  /** "Used" grows under a definition that excludes page cache and reclaimable slab. */
  usedExcludingCache: 0.5,
  /** The floor of a sawtooth rises: what reclaim cannot give back grows. */
  risingFloor: 0.5,
  /** One slab snapshot: reclaimable caches hold most of a slab that is a large share of memory. */
  slabComposition: 0.5,
  /** One cgroup memory.stat: active page cache and reclaimable slab make up most of the working set. */
  cgroupComposition: 0.5,
  /** Both non-reclaimable components (anon and SUnreclaim) are measured and flat: the rest is cache. */
  elimination: 0.5,
  /** Growth resumes after a restart or OOM kill reset it: the same growth, twice. */
  repeatAfterReset: 0.4,
  /** A meminfo snapshot's reclaimable memory (MemAvailable − MemFree) covers the growth. */
  meminfoCoverage: 0.4,
  /** A sawtooth with a flat floor: memory is built up and given back every cycle. */
  flatFloor: 0.3,
  /** Most dentries are negative: a failed-lookup workload explains dentry growth. */
  negativeDentries: 0.2,
  /** Growth that nothing attributes: the growth is sure, its cause is not. */
  unattributedGrowth: 0.3,
  /** A level shift with no trend on either side. */
  levelShift: 0.5,
  /** The opposite series (available for used, or the reverse) shifts by a matching amount. */
  matchingShift: 0.4,
  /** A key series (used, available) measured flat: as direct as a component that trends. */
  flatKeySeries: 0.7,
  /** Any other memory series measured flat. */
  flatOtherSeries: 0.2,
  /** Snapshots only: no time, so no growth can be judged. */
  snapshotsOnly: 0.3,
} as const;

export const DOUBT = {
  /** The other kind of leak (user space vs kernel) also grows, by less. */
  competingGrowth: 0.3,
  /** No SUnreclaim series or slab data: kernel memory is not ruled out for a leak. */
  kernelNotRuledOut: 0.15,
  /** More than one level shift: less like one deploy, more like a changing workload. */
  extraLevelShift: 0.15,
} as const;

export type Strength = keyof typeof STRENGTH;
export type Doubt = keyof typeof DOUBT;

/** A supporting line: its kind, and what it is about (a series name) when one kind can occur twice. */
export type Support = Strength | `${Strength}:${string}`;

/**
 * Combine supporting lines and doubts into a confidence in [0, CONFIDENCE_CAP]. Supporting lines are
 * deduplicated (the same kind about the same thing counts once); doubts are not.
 */
export function combineConfidence(support: Iterable<Support>, doubts: Iterable<Doubt> = []): number {
  let miss = 1;
  for (const line of new Set(support)) miss *= 1 - STRENGTH[line.split(':')[0] as Strength];
  let discount = 1;
  for (const kind of doubts) discount *= 1 - DOUBT[kind];
  const value = Math.min(CONFIDENCE_CAP, (1 - miss) * discount);
  return Math.round(value * 100) / 100;
}
