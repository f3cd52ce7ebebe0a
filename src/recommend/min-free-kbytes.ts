/**
 * vm.min_free_kbytes extremes already in place. It sets the per-zone minimum watermark: below 1024 KB
 * the system is "subtly broken, and prone to deadlock under high loads"; too high "will OOM your
 * machine instantly" [K1]. The kernel computes its default as sqrt(lowmem_kbytes × 16), clamped to
 * [128, 262144] KB in current code [K26][K27]; MemAvailable already subtracts the reserves [K35], and it
 * is no fix for slab growth (kernel.md §3). A value above HIGH_FRACTION of MemTotal (and above the
 * kernel's own maximum) holds back memory the host could use and makes reclaim start early.
 */

import { formatBytes } from '../model/format.js';
import { memoryBytes } from './figures.js';
import type { RecommendationRule } from './rule.js';
import { describeCurrent, valuesOf } from './settings.js';

export const MIN_FREE_KBYTES_FLOOR = 1024;
/** The kernel's clamp for its computed default (mm/page_alloc.c). */
export const KERNEL_DEFAULT_MAX_KBYTES = 262_144;
const KERNEL_DEFAULT_MIN_KBYTES = 128;
/** Above this share of MemTotal (and above the kernel's own maximum), the reserve is flagged as too high. */
export const HIGH_FRACTION = 0.05;

const CONF_FILE = '/etc/sysctl.d/90-memautopsy-min-free-kbytes.conf';

/** The kernel's default for a host with this much (low) memory: sqrt(kB × 16), clamped. */
export function kernelDefaultMinFreeKbytes(memTotalBytes: number): number {
  const computed = Math.floor(Math.sqrt((memTotalBytes / 1024) * 16));
  return Math.min(KERNEL_DEFAULT_MAX_KBYTES, Math.max(KERNEL_DEFAULT_MIN_KBYTES, computed));
}

export const minFreeKbytes: RecommendationRule = {
  id: 'min-free-kbytes',
  recommend({ settings, facts }) {
    const total = memoryBytes(facts);
    const highKbytes =
      total !== null ? Math.max(KERNEL_DEFAULT_MAX_KBYTES, (HIGH_FRACTION * total) / 1024) : null;
    const setting = valuesOf(settings, 'vm.min_free_kbytes').find(
      (s) =>
        s.numeric !== null &&
        (s.numeric < MIN_FREE_KBYTES_FLOOR || (highKbytes !== null && s.numeric > highKbytes)),
    );
    if (setting === undefined) return null;
    const kbytes = setting.numeric as number;
    const low = kbytes < MIN_FREE_KBYTES_FLOOR;
    const target = total !== null ? kernelDefaultMinFreeKbytes(total) : null;
    const reserve = formatBytes(kbytes * 1024);
    const rationale = low
      ? `vm.min_free_kbytes is ${kbytes} (${reserve}): below 1024 KB the kernel documentation calls the system subtly broken and prone to deadlock under load, because atomic allocations and reclaim itself run out of reserve.`
      : `vm.min_free_kbytes is ${kbytes} (${reserve}${total !== null ? `, ${Math.round((100 * kbytes * 1024) / total)}% of ${formatBytes(total)}` : ''}): the kernel keeps that much free at all times and starts reclaim early, so the host wastes memory and can hit OOM sooner; it does not slow cache or slab growth.`;
    const value = target !== null ? String(target) : 'the kernel default (remove the setting)';
    return {
      key: 'vm.min_free_kbytes',
      value,
      rationale: `${rationale} ${target !== null ? `The kernel's own value for ${formatBytes(total as number)} is about ${target} KB (sqrt(MemTotal in kB × 16)); removing the line lets it compute that at boot (transparent hugepages may raise it a little).` : 'Remove the line and let the kernel compute it at boot.'}`,
      risk: low
        ? 'Low: raising the reserve to the default costs a few MiB of memory.'
        : 'Low: more memory becomes usable; the kernel still keeps its computed reserve.',
      apply: [
        "grep -rlE '^[[:space:]]*vm\\.min_free_kbytes' /etc/sysctl.conf /etc/sysctl.d/ | xargs -r sed -i.memautopsy.bak '/^[[:space:]]*vm\\.min_free_kbytes/d'",
        ...(target !== null
          ? [
              `sysctl -w vm.min_free_kbytes=${target}`,
              `printf 'vm.min_free_kbytes = ${target}\\n' > ${CONF_FILE}`,
            ]
          : ['# the kernel recomputes the default at the next boot']),
      ].join('\n'),
      verify: `sysctl vm.min_free_kbytes prints ${target ?? 'the default'}; /proc/zoneinfo "min" watermarks shrink${low ? ' (grow)' : ''} accordingly.`,
      rollback: `rm -f ${CONF_FILE}; restore the *.memautopsy.bak files next to the sysctl files they came from; sysctl --system`,
      current: describeCurrent(settings, 'vm.min_free_kbytes') as string,
    };
  },
};
