/**
 * The verdict: findings + every breakdown the inputs give → one answer with a confidence and evidence
 * lines that cite this host's figures (CONTRACT.md verdict kinds; ARCHITECTURE.md "Domain";
 * research/kernel.md §4–§6).
 *
 * The cases, first match wins:
 * 1. kernel-leak — unreclaimable kernel memory grows (SUnreclaim, Slab − SReclaimable, a non-reclaimable
 *    slab cache such as kmalloc-* across snapshots, cgroup slab_unreclaimable), by at least as much as
 *    anonymous memory. Names the cache. No sysctl fixes it [K8][K51][K52].
 * 2. leak — anonymous (or shmem/tmpfs) memory grows; MemAvailable declines; "used" grows under a
 *    definition that excludes cache; or a sawtooth's floor rises (what reclaim cannot give back grows).
 *    Available declining while used saws between the same bounds is a leak hidden under reclaim.
 *    Growth that resumes after a restart or OOM kill raises the confidence.
 * 3. reclaimable-cache — "used" grows (under a definition that counts cache) or saws, and something says
 *    it is cache: MemAvailable flat [K35][K36], SReclaimable/Cached growing, a slab snapshot dominated by
 *    reclaimable caches (dentry, inode caches) [K46][K47], a meminfo snapshot whose reclaimable part covers
 *    the growth, a cgroup working set made of active file pages and reclaimable slab [K58][K59], or anon
 *    and SUnreclaim measured flat.
 * 4. suspected-leak — growth nothing above attributes (e.g. only a "used" series that counts cache).
 * 5. workload-change — one level shift (or a few) with no material trend around it.
 * 6. healthy — no material growth. 7. inconclusive — snapshots only, no time to see growth in.
 * High nr_negative in dentry-state adds the failed-lookup explanation to any verdict [K13][K19][K20].
 *
 * Confidence: ./confidence.ts (noisy-OR of independent evidence with fixed strengths, less doubts).
 */

import { formatBytes, formatDate, formatDuration, formatSlope, formatValue } from '../model/format.js';
import type { Verdict } from '../model/result.js';
import { combineConfidence, type Doubt, type Support } from './confidence.js';
import {
  describeCgroup,
  describeFlat,
  describeGrowths,
  describeLevelShift,
  describeMeminfo,
  describeNegativeDentries,
  describeSawtooth,
  describeSlab,
} from './describe.js';
import {
  gatherFacts,
  MATERIAL_FRACTION,
  usedCountsCache,
  type Growth,
  type HostFacts,
  type JudgeInput,
  type SeriesFacts,
} from './facts.js';
import { maxOf } from '../model/numbers.js';

export { gatherFacts, MATERIAL_FRACTION, materialityThreshold, usedCountsCache } from './facts.js';
export type { Growth, HostFacts, JudgeInput } from './facts.js';
export { CONFIDENCE_CAP, DOUBT, STRENGTH } from './confidence.js';

/** Reclaimable caches holding this share of slab, with slab this share of memory, explain growth as cache. */
export const RECLAIMABLE_SLAB_SHARE = 0.6;
export const SLAB_SHARE_OF_MEMORY = 0.25;
/** nr_negative / nr_dentry at or above this points at a failed-lookup workload (kernel.md §2). */
export const NEGATIVE_DENTRY_SHARE = 0.5;
/** A snapshot's reclaimable memory or a cgroup's cache must cover this share of the growth to explain it. */
const COVERAGE_SHARE = 0.5;

/** Steps whose cause says a process ended: its memory came back, and growth after it starts again. */
const RESET_CAUSES = new Set(['restart', 'oom-kill', 'unknown', undefined]);

const isBytes = (g: Growth): boolean => g.unit === 'bytes' && Number.isFinite(g.change);
const largestChange = (growth: Growth[]): number | null => {
  const bytes = growth.filter(isBytes).map((g) => Math.abs(g.change));
  return bytes.length > 0 ? maxOf(bytes) : null;
};

export function judge(input: JudgeInput, facts: HostFacts = gatherFacts(input)): Verdict {
  const of = (metric: SeriesFacts['metric']): SeriesFacts[] =>
    facts.series.filter((s) => s.metric === metric);
  const memoryBytes = facts.totalBytes ?? facts.meminfo?.memTotal ?? null;
  const used = of('mem.used');
  const available = of('mem.available');
  const anon = of('mem.anon');
  const unreclaimable = of('slab.unreclaimable');
  const cgroupGrowth = facts.cgroup?.growth ?? [];
  const slabGrowth = facts.slab?.growth ?? [];

  const kernelGrowth = [
    ...unreclaimable.flatMap((s) => s.growth),
    ...derivedUnreclaimableGrowth(of('slab.total'), of('slab.reclaimable')),
    ...cgroupGrowth.filter((g) => g.metric === 'slab.unreclaimable' && g.change > 0),
  ];
  const kernelCacheGrowth = slabGrowth.filter((g) => g.reclaimable === false);
  const userGrowth = [
    ...anon.flatMap((s) => s.growth),
    ...of('mem.shmem').flatMap((s) => s.growth),
    ...cgroupGrowth.filter((g) => g.metric === 'mem.anon' && g.change > 0),
  ];
  const availableDecline = available.flatMap((s) => s.decline);
  const availableFlat = available.length > 0 && availableDecline.length === 0;
  const usedExcludingCache = used.filter((s) => usedCountsCache(s.definition) === false);
  const usedExclGrowth = usedExcludingCache.flatMap((s) => s.growth);
  const usedInclGrowth = used.filter((s) => usedCountsCache(s.definition) !== false).flatMap((s) => s.growth);
  const freeDecline = of('mem.free').flatMap((s) => s.decline);
  const usedSaws = used.flatMap((s) => (s.sawtooth === null ? [] : [s.sawtooth]));
  const reclaimableGrowth = [
    ...of('slab.reclaimable').flatMap((s) => s.growth),
    ...of('mem.cached').flatMap((s) => s.growth),
    ...slabGrowth.filter((g) => g.reclaimable === true),
    ...cgroupGrowth.filter(
      (g) => (g.metric === 'mem.cached' || g.metric === 'slab.reclaimable') && g.change > 0,
    ),
  ];
  const dentryHigh = facts.dentry !== null && facts.dentry.negativeShare >= NEGATIVE_DENTRY_SHARE;
  const negativeLine = dentryHigh && facts.dentry !== null ? [describeNegativeDentries(facts.dentry)] : [];
  const meminfoLine = facts.meminfo !== null ? [describeMeminfo(facts.meminfo)] : [];

  // 1. Unreclaimable kernel memory grows (and more than anonymous memory does).
  const kernelBytes = largestChange([...kernelGrowth, ...kernelCacheGrowth]);
  const userBytes = largestChange(userGrowth);
  const kernelFirst = kernelBytes === null || userBytes === null || kernelBytes >= userBytes;
  if (kernelGrowth.length + kernelCacheGrowth.length > 0 && kernelFirst) {
    const evidence = [...describeGrowths(kernelGrowth), ...describeGrowths(kernelCacheGrowth)];
    const named = nameKernelCache(facts, kernelCacheGrowth);
    if (named.line !== null) evidence.push(named.line);
    evidence.push(...describeGrowths(availableDecline), ...describeGrowths(usedExclGrowth));
    evidence.push(...meminfoLine, ...describeGrowths(userGrowth), ...negativeLine);
    const support: Support[] = [];
    if (kernelGrowth.length > 0) support.push('componentTrend');
    if (kernelCacheGrowth.length > 0) support.push('slabCacheGrowth');
    if (availableDecline.length > 0) support.push('availableTrend');
    if (usedExclGrowth.length > 0) support.push('usedExcludingCache');
    const doubts: Doubt[] = userGrowth.length > 0 ? ['competingGrowth'] : [];
    const rate = kernelCacheGrowth[0] ?? kernelGrowth[0];
    const what = named.cache !== null ? `the ${named.cache} slab cache` : 'unreclaimable slab (SUnreclaim)';
    return {
      kind: 'kernel-leak',
      confidence: combineConfidence(support, doubts),
      summary: `Unreclaimable kernel memory grows (${what}${rate !== undefined ? `, ${formatSlope(rate.slopePerHour, rate.unit)}` : ''}): a kernel leak the kernel cannot reclaim and no sysctl setting will fix. Find the allocating code path; a reboot only resets the clock.`,
      evidence,
      ...(named.cache !== null ? { cache: named.cache } : {}),
    };
  }

  // 2. Memory the kernel cannot reclaim grows in user space: a leak (possibly hidden under reclaim).
  const risingFloors = availableFlat ? [] : usedSaws.filter((s) => s.risingFloor);
  if (userGrowth.length + availableDecline.length + usedExclGrowth.length + risingFloors.length > 0) {
    const evidence = [...describeGrowths(userGrowth), ...describeGrowths(availableDecline)];
    evidence.push(...describeGrowths(usedExclGrowth));
    const support: Support[] = [];
    if (userGrowth.length > 0) support.push('componentTrend');
    if (availableDecline.length > 0) support.push('availableTrend');
    if (usedExclGrowth.length > 0) support.push('usedExcludingCache');
    const floorBytes = risingFloors.filter((s) => s.unit === 'bytes').map((s) => s.floorChange ?? 0);
    const declineBytes =
      largestChange([...availableDecline, ...usedExclGrowth, ...userGrowth]) ??
      (floorBytes.length > 0 ? maxOf(floorBytes) : null);
    for (const saw of usedSaws) {
      if (availableDecline.length > 0 && !saw.risingFloor) {
        const decline = availableDecline[0] as Growth;
        evidence.push(
          `${saw.label} saws between ${formatValue(saw.low, saw.unit)} and ${formatValue(saw.high, saw.unit)} (${saw.cycles} drops every ${formatDuration(saw.periodSeconds)}, troughs flat) while ${decline.label} declined ${formatValue(Math.abs(decline.change), decline.unit)}: reclaim hides the growth in "used"`,
        );
      } else if (saw.risingFloor) {
        evidence.push(describeSawtooth(saw));
        support.push('risingFloor');
      }
    }
    const repeats = repeatAfterReset([...anon, ...used, ...available]);
    if (repeats.length > 0) support.push('repeatAfterReset');
    evidence.push(...repeats);
    // "Used" counting cache rises with the leak; a sawing series' rises are refills, not the leak.
    evidence.push(
      ...describeGrowths(
        used
          .filter((s) => s.sawtooth === null && usedCountsCache(s.definition) !== false)
          .flatMap((s) => s.growth),
      ),
    );
    const doubts: Doubt[] = [];
    if (kernelGrowth.length + kernelCacheGrowth.length > 0) {
      evidence.push(...describeGrowths(kernelGrowth), ...describeGrowths(kernelCacheGrowth));
      doubts.push('competingGrowth');
    } else {
      const ruledOut = kernelRuledOut(facts, unreclaimable, declineBytes, memoryBytes);
      if (ruledOut !== null) evidence.push(ruledOut);
      else {
        doubts.push('kernelNotRuledOut');
        if (declineBytes !== null)
          evidence.push(
            `The ${formatBytes(declineBytes)} of growth is not broken down further: without SUnreclaim or a slab snapshot, kernel memory is not ruled out (AnonPages or per-process RSS would confirm user space)`,
          );
      }
    }
    evidence.push(...meminfoLine, ...negativeLine);
    return {
      kind: 'leak',
      confidence: combineConfidence(support, doubts),
      summary:
        usedSaws.length > 0 && availableDecline.length > 0
          ? 'Memory the kernel cannot reclaim grows steadily while "used" saws between the same bounds: a leak hidden under reclaim. MemAvailable shrinks with it.'
          : 'Memory that applications hold grows steadily and is not given back: a user-space leak. MemAvailable shrinks with it; restarts only reset the clock.',
      evidence,
    };
  }

  // 3. "Used" grows or saws: is it cache the kernel gives back?
  // Here every sawtooth of "used" has a flat floor, or a rising one that MemAvailable shows to be cache.
  const cacheGrowth = [...usedInclGrowth, ...freeDecline];
  const flatSaws = usedSaws.filter((s) => !s.risingFloor);
  if (cacheGrowth.length + reclaimableGrowth.length + usedSaws.length > 0) {
    const evidence = [...describeGrowths(cacheGrowth), ...describeGrowths(reclaimableGrowth)];
    evidence.push(...usedSaws.map(describeSawtooth));
    const growthBytes = largestChange(cacheGrowth);
    const support: Support[] = [];
    if (reclaimableGrowth.length > 0) support.push('componentTrend');
    if (availableFlat) {
      for (const s of available) evidence.push(describeFlat(s, 'while used grew'));
      support.push('availableTrend');
    }
    const slab = facts.slab;
    let slabExplains = false;
    if (slab !== null) {
      const bigEnough =
        memoryBytes !== null
          ? slab.totalBytes >= SLAB_SHARE_OF_MEMORY * memoryBytes
          : growthBytes !== null && slab.reclaimableBytes >= COVERAGE_SHARE * growthBytes;
      slabExplains = bigEnough && slab.reclaimableBytes >= RECLAIMABLE_SLAB_SHARE * slab.totalBytes;
      evidence.push(describeSlab(slab, memoryBytes, growthBytes));
      if (slabExplains) support.push('slabComposition');
    }
    const coverage = meminfoCoverage(facts, growthBytes);
    if (coverage !== null) {
      evidence.push(coverage);
      support.push('meminfoCoverage');
    } else evidence.push(...meminfoLine);
    const cgroup = facts.cgroup;
    if (cgroup !== null) {
      evidence.push(describeCgroup(cgroup));
      const cache = (cgroup.activeFile ?? 0) + (cgroup.slabReclaimable ?? 0);
      if (cgroup.workingSet !== null && cache >= COVERAGE_SHARE * cgroup.workingSet)
        support.push('cgroupComposition');
    }
    const kernelFlat = unreclaimable.filter((s) => s.growth.length === 0);
    const anonFlat = anon.filter((s) => s.growth.length === 0);
    // Flat anonymous memory rules out a user-space leak; with SUnreclaim flat too, only cache is left.
    evidence.push(...[...anonFlat, ...kernelFlat].map((s) => describeFlat(s)));
    if (kernelFlat.length > 0 && anonFlat.length > 0) support.push('elimination');
    const explained = support.length > 0;
    if (flatSaws.length > 0) support.push('flatFloor');
    const dentryIsTheCache = slab === null || slab.largestReclaimable?.name === 'dentry';
    if (dentryHigh && dentryIsTheCache) support.push('negativeDentries');
    evidence.push(...negativeLine);

    if (explained) {
      const container =
        facts.cgroup !== null || used.some((s) => s.definition === 'usage-minus-inactive-file');
      const cache = slabExplains ? (slab?.largestReclaimable?.name ?? null) : null;
      const sReclaimable = facts.meminfo?.sReclaimable ?? null;
      const what =
        cache !== null
          ? `reclaimable slab (mostly the ${cache} cache)`
          : reclaimableGrowth.some((g) => g.metric === 'mem.cached')
            ? 'page cache'
            : reclaimableGrowth.some((g) => g.metric === 'slab.reclaimable') ||
                (sReclaimable !== null &&
                  growthBytes !== null &&
                  sReclaimable >= COVERAGE_SHARE * growthBytes)
              ? 'reclaimable slab (SReclaimable)'
              : 'page cache and reclaimable slab';
      return {
        kind: 'reclaimable-cache',
        confidence: combineConfidence(support),
        summary: `The growth is ${what} that the kernel gives back under memory pressure, not a leak${availableFlat ? ': MemAvailable did not shrink with it' : ''}. ${container ? "Alert on the container's anonymous memory (RSS), not its working set." : 'Alert on MemAvailable, not on "used".'}`,
        evidence,
        ...(cache !== null ? { cache } : {}),
      };
    }
    if (cacheGrowth.length > 0) {
      const largest = [...cacheGrowth].sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0] as Growth;
      const amount = `${formatValue(Math.abs(largest.change), largest.unit)} of growth`;
      evidence.push(
        `Nothing breaks the ${amount} down: no MemAvailable, AnonPages, SReclaimable/SUnreclaim or cgroup series, and no slab, meminfo or dentry-state snapshot from during the growth, so cache cannot be told from a leak`,
      );
      return {
        kind: 'suspected-leak',
        confidence: combineConfidence(['unattributedGrowth']),
        summary:
          'Used memory grows, but the inputs cannot tell a leak from cache. Collect the missing evidence (the commands are in the recommendations) and run memautopsy again.',
        evidence,
      };
    }
    // Only a sawtooth with a flat floor: memory is built up and given back, nothing accumulates.
    return {
      kind: 'healthy',
      confidence: combineConfidence(['flatFloor', ...flatKeySupport(used, available)]),
      summary:
        'Memory is built up and given back every cycle and the floor does not rise: nothing accumulates.',
      evidence,
    };
  }

  // 5. Level shifts with no trend around them.
  const shifted = [...used, ...available, ...anon].find((s) => shiftsOf(s).length > 0);
  if (shifted !== undefined) {
    const shifts = shiftsOf(shifted);
    const evidence = shifts.map((shift) => describeLevelShift(shift, shifted.label, shifted.unit));
    const support: Support[] = ['levelShift'];
    const first = shifts[0];
    for (const other of [...used, ...available]) {
      if (other === shifted || first === undefined) continue;
      const match = shiftsOf(other).find(
        (s) =>
          Math.abs(s.atMs - first.atMs) <= 3_600_000 &&
          s.magnitude >= 0.5 * first.magnitude &&
          s.magnitude <= 2 * first.magnitude,
      );
      if (match !== undefined) {
        evidence.push(describeLevelShift(match, other.label, other.unit));
        support.push('matchingShift');
      }
    }
    evidence.push(
      `No material trend before or after: ${[...used, ...available].map((s) => `${s.label} ${formatValue(s.level.min, s.unit)}–${formatValue(s.level.max, s.unit)}`).join('; ')} (a trend must move memory by ${Math.round(MATERIAL_FRACTION * 100)}% of the total to count)`,
    );
    const doubts: Doubt[] = shifts.slice(1).map(() => 'extraLevelShift');
    return {
      kind: 'workload-change',
      confidence: combineConfidence(support, doubts),
      summary: `Memory use moved to a new level ${shifts.length === 1 ? 'once' : `${shifts.length} times`} and stayed flat around it: a workload change (deploy, configuration, traffic), not growth.`,
      evidence,
    };
  }

  // 6. Series, but no material growth.
  if (facts.seriesCount > 0) {
    const keySeries = [...used, ...available];
    const others = facts.series.filter((s) => !keySeries.includes(s)).slice(0, 3);
    const evidence = [...keySeries, ...others].map((s) => describeFlat(s));
    const support: Support[] = [...flatKeySupport(used, available)];
    for (const s of others) support.push(`flatOtherSeries:${s.series}`);
    evidence.push(...negativeLine);
    return {
      kind: 'healthy',
      confidence: combineConfidence(support),
      summary: 'No material memory growth: nothing here is heading for exhaustion.',
      evidence,
    };
  }

  // 7. Snapshots only.
  const evidence: string[] = [];
  if (facts.slab !== null) evidence.push(describeSlab(facts.slab, memoryBytes, null));
  evidence.push(...meminfoLine);
  if (facts.cgroup !== null) evidence.push(describeCgroup(facts.cgroup));
  evidence.push(...negativeLine);
  return {
    kind: 'inconclusive',
    confidence: combineConfidence(['snapshotsOnly']),
    summary:
      'Only snapshots were given: without a time series (or snapshots taken at known times) memautopsy cannot tell growth from a steady state.',
    evidence,
  };
}

function flatKeySupport(used: SeriesFacts[], available: SeriesFacts[]): Support[] {
  return [...used, ...available].map((s): Support => `flatKeySeries:${s.series}`);
}

/** Level shifts that are not a cache drop (dropping cache proves cache; it is not a workload change). */
function shiftsOf(series: SeriesFacts) {
  return series.steps.filter((s) => !(s.direction === 'drop' && s.cause === 'cache-drop'));
}

/** Slab grows while SReclaimable does not: the unreclaimable part grows (Datadog sends both [K39]). */
function derivedUnreclaimableGrowth(slabTotal: SeriesFacts[], reclaimable: SeriesFacts[]): Growth[] {
  if (reclaimable.length === 0) return [];
  const reclaimableChange = largestChange(reclaimable.flatMap((s) => s.growth)) ?? 0;
  return slabTotal
    .flatMap((s) => s.growth)
    .filter((g) => isBytes(g) && g.change - reclaimableChange >= 0.5 * g.change)
    .map((g) => ({ ...g, label: `${g.label} (with SReclaimable flat: the unreclaimable part)` }));
}

/** Name the growing unreclaimable cache: from timed growth, else the snapshots in the order given, else the largest. */
function nameKernelCache(facts: HostFacts, growth: Growth[]): { cache: string | null; line: string | null } {
  const top = growth[0];
  if (top !== undefined) return { cache: top.name, line: null };
  const slab = facts.slab;
  if (slab === null) return { cache: null, line: null };
  const unreclaimableBytes = slab.totalBytes - slab.reclaimableBytes;
  if (slab.untimedChange !== null) {
    const { cache, changeBytes } = slab.untimedChange;
    return {
      cache: cache.name,
      line: `${cache.name} grew by ${formatBytes(changeBytes)} to ${formatBytes(cache.bytes)} between the first and the last slab snapshot given (${slab.snapshots} snapshots, latest ${slab.file}), more than any other unreclaimable cache`,
    };
  }
  const largest = slab.largestUnreclaimable;
  if (largest === null) return { cache: null, line: null };
  return {
    cache: largest.name,
    line: `${largest.name} is the largest unreclaimable slab cache: ${formatBytes(largest.bytes)}, ${Math.round((100 * largest.bytes) / unreclaimableBytes)}% of ${formatBytes(unreclaimableBytes)} unreclaimable slab (${slab.file}) — the first suspect`,
  };
}

/**
 * Growth that came back after a reset (restart, OOM kill): two material trends with a step between.
 * One line, from the first series (in the order given) whose reset has a known cause, else the first.
 */
function repeatAfterReset(series: SeriesFacts[]): string[] {
  const candidates = series.flatMap((s) => {
    const trends = s.metric === 'mem.available' ? s.decline : s.growth;
    if (trends.length < 2) return [];
    const resetDirection = s.metric === 'mem.available' ? 'rise' : 'drop';
    const reset = s.steps.find((step) => step.direction === resetDirection && RESET_CAUSES.has(step.cause));
    return reset === undefined ? [] : [{ s, reset, after: trends.at(-1) as Growth }];
  });
  const chosen =
    candidates.find((c) => c.reset.cause !== undefined && c.reset.cause !== 'unknown') ?? candidates[0];
  if (chosen === undefined) return [];
  const { s, reset, after } = chosen;
  const cause = reset.cause === undefined || reset.cause === 'unknown' ? 'restart or OOM kill' : reset.cause;
  return [
    `${s.label} ${reset.direction === 'drop' ? 'dropped' : 'jumped'} ${formatValue(reset.magnitude, s.unit)} at ${formatDate(reset.atMs)} (${cause}) and then ${after.change > 0 ? 'grew' : 'declined'} again at ${formatSlope(after.slopePerHour, after.unit)}: the same growth after a reset`,
  ];
}

/** A line that rules kernel memory out of a leak, when the inputs can: SUnreclaim flat or too small. */
function kernelRuledOut(
  facts: HostFacts,
  unreclaimable: SeriesFacts[],
  declineBytes: number | null,
  memoryBytes: number | null,
): string | null {
  const flat = unreclaimable.find((s) => s.growth.length === 0);
  if (flat !== undefined) return describeFlat(flat, 'while the leak grew');
  const sUnreclaim =
    facts.meminfo?.sUnreclaim ??
    (facts.slab !== null ? facts.slab.totalBytes - facts.slab.reclaimableBytes : null);
  if (sUnreclaim === null || declineBytes === null || sUnreclaim >= declineBytes) return null;
  const ofMemory =
    memoryBytes !== null ? ` (${Math.round((100 * sUnreclaim) / memoryBytes)}% of memory)` : '';
  return `Unreclaimable slab is only ${formatBytes(sUnreclaim)}${ofMemory}, less than the ${formatBytes(declineBytes)} of growth: the kernel is not where it went (${facts.meminfo?.file ?? facts.slab?.file})`;
}

/** A meminfo snapshot whose reclaimable part (MemAvailable − MemFree) covers the growth in "used". */
function meminfoCoverage(facts: HostFacts, growthBytes: number | null): string | null {
  const m = facts.meminfo;
  if (m === null || m.memAvailable === null || m.memFree === null || growthBytes === null) return null;
  const reclaimableNow = m.memAvailable - m.memFree;
  if (reclaimableNow < COVERAGE_SHARE * growthBytes) return null;
  return `${describeMeminfo(m)}: MemAvailable − MemFree = ${formatBytes(reclaimableNow)} is reclaimable, ${Math.min(100, Math.round((100 * reclaimableNow) / growthBytes))}% of the ${formatBytes(growthBytes)} growth`;
}
