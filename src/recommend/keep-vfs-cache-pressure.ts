/**
 * vm.vfs_cache_pressure: keep the default 100, and flag a harmful value already in place.
 *
 * The knob only scales the object count the dentry/inode shrinker reports to reclaim
 * (`vfs_pressure_ratio()` = count × pressure / denom) [K3][K4]; it never runs without reclaim, so it
 * cannot cap a growing cache on an idle host. The widely copied 100000 makes every light reclaim pass
 * ask to scan about half of the dentry+inode LRU under superblock and LRU locks [K5][K6], discards hot
 * dentries, and in akpm's measurement just moved memory to page cache [K7]; the kernel documentation
 * warns against values far above 100 [K1][K2]. 0 never reclaims them and "can easily lead to
 * out-of-memory conditions" [K1]. Engine rule (kernel.md §7): never advise ≥ 1000 or 0; keep 100.
 *
 * Linux 6.16 added vm.vfs_cache_pressure_denom (default and minimum 100): the effective ratio is
 * pressure / denom, and the two must be read together [K9][K10][K11]. When the kernel is known to be
 * ≥ 6.16 (kernel.osrelease, or sysctl -a listing the denom), this rule reasons in that ratio.
 */

import { formatBytes } from '../model/format.js';
import { largestCachePhrase, usedGrowthPhrase } from './figures.js';
import type { RecommendationRule } from './rule.js';
import {
  describeCurrent,
  effectiveValue,
  hasVfsCachePressureDenom,
  valuesOf,
  type CurrentSettings,
} from './settings.js';

export const DEFAULT_VFS_CACHE_PRESSURE = 100;
/** Effective pressure (in % of the default balance) at or above which the setting is harmful (kernel doc's ×10 example). */
export const HARMFUL_VFS_CACHE_PRESSURE = 1000;

const CONF_FILE = '/etc/sysctl.d/90-memautopsy-vfs-cache-pressure.conf';

/** Effective pressure in percent: pressure × 100 / denom on kernels with the denominator, else pressure. */
export function effectivePressure(pressure: number, denom: number | null): number {
  return denom !== null && denom > 0 ? (pressure * 100) / denom : pressure;
}

function denomOf(settings: CurrentSettings): number | null {
  if (!hasVfsCachePressureDenom(settings)) return null;
  return effectiveValue(settings, 'vm.vfs_cache_pressure_denom')?.numeric ?? 100;
}

/** Dentry or inode caches are the largest reclaimable slab: the case the knob is (mis)applied to. */
function dentryOrInodeCache(name: string | undefined): boolean {
  return name !== undefined && (name === 'dentry' || /inode/.test(name));
}

export const keepVfsCachePressure: RecommendationRule = {
  id: 'keep-vfs-cache-pressure',
  recommend({ verdict, facts, settings }) {
    const denom = denomOf(settings);
    const withDenom = denom !== null;
    const values = valuesOf(settings, 'vm.vfs_cache_pressure').filter((s) => s.numeric !== null);
    const harmful = values.find((s) => {
      const effective = effectivePressure(s.numeric as number, denom);
      return s.numeric === 0 || effective >= HARMFUL_VFS_CACHE_PRESSURE;
    });
    const lowered = values.find(
      (s) => effectivePressure(s.numeric as number, denom) < DEFAULT_VFS_CACHE_PRESSURE,
    );
    const cacheName = verdict.cache ?? facts.slab?.largestReclaimable?.name;
    const cacheCase = verdict.kind === 'reclaimable-cache' && dentryOrInodeCache(cacheName);
    if (harmful === undefined && !cacheCase) return null;

    const holds = largestCachePhrase(facts, true);
    const sReclaimable = facts.meminfo?.sReclaimable ?? null;
    const used = usedGrowthPhrase(facts);
    const evidence =
      holds !== null
        ? ` On this host ${holds}.`
        : sReclaimable !== null
          ? ` On this host SReclaimable is ${formatBytes(sReclaimable)}.`
          : '';
    // With a harmful value in place and growth anyway, the report itself shows it did not help.
    const inPlace =
      harmful !== undefined && used !== null
        ? ` With it in place, ${used.charAt(0).toLowerCase()}${used.slice(1)}: it did not stop the growth.`
        : '';
    const ratioNote = withDenom
      ? ` This kernel has vm.vfs_cache_pressure_denom (${denom}): the effective pressure is pressure × 100 / denom.`
      : ' On kernels ≥ 6.16 read it together with vm.vfs_cache_pressure_denom (default 100): the effective ratio is pressure / denom.';

    let rationale: string;
    if (harmful !== undefined) {
      const pressure = harmful.numeric as number;
      rationale =
        pressure === 0
          ? `vm.vfs_cache_pressure is 0: the kernel never reclaims dentries and inodes under memory pressure, which can easily lead to out-of-memory conditions.${evidence}`
          : `vm.vfs_cache_pressure is ${pressure}${withDenom ? ` (effective ${effectivePressure(pressure, denom)})` : ''}, ${Math.round(effectivePressure(pressure, denom) / DEFAULT_VFS_CACHE_PRESSURE)}× the default. It does not cap the dentry cache — the shrinker runs only under reclaim — but makes every reclaim pass scan that many times more dentries and inodes under locks, and throws away hot ones so path lookups are rebuilt; the memory moves to page cache rather than being saved. The kernel documentation warns against values far above 100.${evidence}${inPlace}`;
    } else if (lowered !== undefined) {
      rationale = `vm.vfs_cache_pressure is ${lowered.value}${withDenom ? ` with denom ${denom}` : ''}: below 100 the kernel prefers to keep dentries and inodes, and here they are the growth.${evidence} Return to the default balance.`;
    } else {
      rationale = `The growth is reclaimable dentry/inode cache that the kernel already gives back under pressure.${evidence} Keep the default: the often-copied 100000 does not stop the cache from growing on an idle host, it only makes each reclaim pass scan far more objects under locks.`;
    }
    rationale += ratioNote;

    const current = describeCurrent(settings, 'vm.vfs_cache_pressure');
    const denomCurrent = withDenom ? describeCurrent(settings, 'vm.vfs_cache_pressure_denom') : undefined;
    const confLines = withDenom
      ? '"vm.vfs_cache_pressure = 100\\nvm.vfs_cache_pressure_denom = 100\\n"'
      : '"vm.vfs_cache_pressure = 100\\n"';
    const apply = [
      '# back up, then remove other lines that set it (later sysctl.d files override earlier ones)',
      "grep -rlE '^[[:space:]]*vm\\.vfs_cache_pressure' /etc/sysctl.conf /etc/sysctl.d/ | xargs -r sed -i.memautopsy.bak '/^[[:space:]]*vm\\.vfs_cache_pressure/d'",
      `printf ${confLines} > ${CONF_FILE}`,
      'sysctl --system',
    ].join('\n');
    return {
      key: 'vm.vfs_cache_pressure',
      value: String(DEFAULT_VFS_CACHE_PRESSURE),
      rationale,
      risk: `None at the default: it is the kernel's own balance between reclaiming dentries/inodes and page cache.${harmful !== undefined && (harmful.numeric as number) > 0 ? ` Dentries and inodes will stay cached longer than with ${harmful.value}; MemAvailable still counts them as available.` : ''}`,
      apply,
      verify: `sysctl vm.vfs_cache_pressure${withDenom ? ' vm.vfs_cache_pressure_denom' : ''} prints 100${withDenom ? ' and 100' : ''}; \`sysctl --system 2>&1 | grep vfs_cache_pressure\` shows 100 as the last value applied.${facts.slab !== null ? ` Slab stays reclaimable (slabtop -o -s c: ${facts.slab.largest.name} ${formatBytes(facts.slab.largest.bytes)} now) and MemAvailable stays high.` : ''}`,
      rollback: `rm ${CONF_FILE}; restore any *.memautopsy.bak file next to the sysctl files it came from; sysctl --system`,
      ...(current !== undefined
        ? { current: denomCurrent !== undefined ? `${current}; denom ${denomCurrent}` : current }
        : {}),
    };
  },
};
