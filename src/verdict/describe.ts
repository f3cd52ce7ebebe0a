/**
 * Evidence lines: one sentence each, citing this host's figures (sizes, rates, times, files), so a
 * reader can check every claim against the charts and the inputs.
 */

import {
  formatBytes,
  formatDate,
  formatDuration,
  formatPValue,
  formatSlope,
  formatValue,
} from '../model/format.js';
import type { Unit } from '../model/series.js';
import type {
  CgroupFacts,
  DentryFacts,
  Growth,
  LevelShift,
  MeminfoFacts,
  SawtoothFacts,
  SeriesFacts,
  SlabFacts,
} from './facts.js';
import { minOf, maxOf } from '../model/numbers.js';

const pct = (part: number, whole: number): string => `${Math.round((100 * part) / whole)}%`;

/** "Used memory grew 10.5 GiB (+109 MiB/h) from … to … (Mann-Kendall p = 1.4e-15)". */
export function describeGrowth(growth: Growth): string {
  const verb = growth.change >= 0 ? 'grew' : 'declined';
  const amount = Number.isFinite(growth.change)
    ? `${formatValue(Math.abs(growth.change), growth.unit)} (`
    : '(';
  const span = Number.isFinite(growth.startMs)
    ? ` from ${formatDate(growth.startMs)} to ${formatDate(growth.endMs)}`
    : '';
  const test =
    growth.pValue !== null
      ? ` (Mann-Kendall p = ${formatPValue(growth.pValue)})`
      : growth.source !== undefined
        ? ` (${growth.source})`
        : '';
  return `${growth.label} ${verb} ${amount}${formatSlope(growth.slopePerHour, growth.unit)})${span}${test}`;
}

/** Trend lines kept per series: more regimes than this are summed up in one line. */
export const MAX_TREND_LINES_PER_SERIES = 3;

/**
 * One line per growth, at most MAX_TREND_LINES_PER_SERIES per series (the largest, in time order); the
 * rest of a series' regimes become one summary line with their range.
 */
export function describeGrowths(growth: Growth[]): string[] {
  const bySeries = new Map<string, Growth[]>();
  for (const g of growth) bySeries.set(g.name, [...(bySeries.get(g.name) ?? []), g]);
  const lines: string[] = [];
  for (const group of bySeries.values()) {
    if (group.length <= MAX_TREND_LINES_PER_SERIES) {
      lines.push(...group.map(describeGrowth));
      continue;
    }
    const kept = [...group]
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
      .slice(0, MAX_TREND_LINES_PER_SERIES)
      .sort((a, b) => a.startMs - b.startMs);
    const rest = group.filter((g) => !kept.includes(g));
    const changes = rest.map((g) => Math.abs(g.change));
    const first = group[0] as Growth;
    lines.push(
      ...kept.map(describeGrowth),
      `${first.label}: ${rest.length} more regimes ${first.change >= 0 ? 'grew' : 'declined'} by ${formatValue(minOf(changes), first.unit)}–${formatValue(maxOf(changes), first.unit)} each`,
    );
  }
  return lines;
}

export function describeFlat(series: SeriesFacts, while_?: string): string {
  const { level } = series;
  const range =
    level.max > level.min
      ? ` (${formatValue(level.min, level.unit)}–${formatValue(level.max, level.unit)})`
      : '';
  return `${series.label} stayed flat around ${formatValue(level.median, level.unit)}${range}${while_ === undefined ? '' : ` ${while_}`}: no material trend`;
}

export function describeSawtooth(saw: SawtoothFacts): string {
  const floor =
    saw.floorSlopePerHour === null
      ? 'too few troughs to judge the floor'
      : `troughs ${formatSlope(saw.floorSlopePerHour, saw.unit)}, ${saw.risingFloor ? 'rising' : 'flat'}`;
  return `${saw.label} saws between about ${formatValue(saw.low, saw.unit)} and ${formatValue(saw.high, saw.unit)}: ${saw.cycles} drops of about ${formatValue(saw.amplitude, saw.unit)} every ${formatDuration(saw.periodSeconds)} (${floor}) — memory built up and was given back`;
}

export function describeLevelShift(shift: LevelShift, label: string, unit: Unit): string {
  const verb = shift.direction === 'rise' ? 'stepped up' : 'stepped down';
  const cause = shift.cause !== undefined && shift.cause !== 'unknown' ? ` (${shift.cause})` : '';
  return `${label} ${verb} by ${formatValue(shift.magnitude, unit)} at ${formatDate(shift.atMs)}${cause}, from ${formatValue(shift.before, unit)} to ${formatValue(shift.after, unit)}`;
}

/**
 * "dentry holds 12.9 GiB: 98% of 13.2 GiB slab, 81% of memory; 99% of slab is reclaimable (file)",
 * with the share of the growth when one is known.
 */
export function describeSlab(
  slab: SlabFacts,
  memoryBytes: number | null,
  growthBytes: number | null,
): string {
  const top = slab.largest;
  const ofMemory = memoryBytes !== null ? `, ${pct(slab.totalBytes, memoryBytes)} of memory` : '';
  let ofGrowth = '';
  if (growthBytes !== null && growthBytes > 0) {
    ofGrowth =
      top.bytes >= growthBytes
        ? ` — more than the ${formatBytes(growthBytes)} that used memory grew`
        : ` — as much as ${pct(top.bytes, growthBytes)} of the ${formatBytes(growthBytes)} that used memory grew`;
  }
  return `${top.name} holds ${formatBytes(top.bytes)} (${top.reclaimable ? 'reclaimable' : 'unreclaimable'}), ${pct(top.bytes, slab.totalBytes)} of ${formatBytes(slab.totalBytes)} slab${ofMemory}; ${pct(slab.reclaimableBytes, slab.totalBytes)} of slab is reclaimable${ofGrowth} (${slab.file})`;
}

export function describeMeminfo(meminfo: MeminfoFacts): string {
  const parts: string[] = [];
  const add = (name: string, value: number | null): void => {
    if (value !== null) parts.push(`${name} ${formatBytes(value)}`);
  };
  add('SReclaimable', meminfo.sReclaimable);
  add('SUnreclaim', meminfo.sUnreclaim);
  add('AnonPages', meminfo.anon);
  add('Cached', meminfo.cached);
  if (meminfo.memAvailable !== null) {
    parts.push(
      `MemAvailable ${formatBytes(meminfo.memAvailable)}${meminfo.memTotal !== null ? ` of ${formatBytes(meminfo.memTotal)}` : ''}`,
    );
  }
  const when = meminfo.atMs !== null ? ` at ${formatDate(meminfo.atMs)}` : '';
  return `/proc/meminfo${when}: ${parts.join(', ')} (${meminfo.file})`;
}

export function describeNegativeDentries(dentry: DentryFacts): string {
  return `${pct(dentry.nrNegative, dentry.nrDentry)} of ${dentry.nrDentry.toLocaleString('en-US')} dentries are negative: cached failed lookups of names that do not exist, left by a process that keeps looking up (or creating and deleting) missing files — e.g. NSS without NSS_SDB_USE_CACHE=yes in curl health checks (${dentry.file})`;
}

export function describeCgroup(cgroup: CgroupFacts): string {
  const ws = cgroup.workingSet;
  const parts: string[] = [];
  const add = (name: string, value: number | null): void => {
    if (value === null) return;
    parts.push(`${name} ${formatBytes(value)}${ws !== null && ws > 0 ? ` (${pct(value, ws)})` : ''}`);
  };
  add('anon', cgroup.anon);
  add('active_file', cgroup.activeFile);
  add('slab_reclaimable', cgroup.slabReclaimable);
  add('slab_unreclaimable', cgroup.slabUnreclaimable);
  const head = ws !== null ? `cgroup working set ${formatBytes(ws)}: ` : 'cgroup memory.stat: ';
  return `${head}${parts.join(', ')} (${cgroup.file})`;
}
