/**
 * Overcommit settings already in place. vm.overcommit_ratio (and _kbytes) "only have an effect when
 * vm.overcommit_memory is set to 2" [K28]: under the default heuristic mode 0 a copied
 * `vm.overcommit_ratio = 2` does nothing — until someone switches to mode 2, when CommitLimit =
 * (RAM − hugetlb) × ratio / 100 + swap [K29] becomes ~2 % of RAM and malloc, fork and mmap fail with
 * ENOMEM while `free` shows headroom [K30]. Engine rule (kernel.md §7.2): never advise overcommit_ratio
 * without mode 2; flag ratio-without-mode-2 as a no-op to remove, and mode 2 with a CommitLimit below
 * Committed_AS (or a ratio ≤ STARVING_RATIO) as harmful, with mode 0 as the fix.
 */

import { formatBytes } from '../model/format.js';
import type { RecommendationRule } from './rule.js';
import { describeCurrent, effectiveValue, valuesOf } from './settings.js';

/** The kernel's default vm.overcommit_ratio. */
export const DEFAULT_OVERCOMMIT_RATIO = 50;
/** In mode 2, a ratio at or below this starves any host that is not nearly all swap. */
export const STARVING_RATIO = 10;

const CONF_FILE = '/etc/sysctl.d/90-memautopsy-overcommit.conf';
const REMOVE_RATIO =
  "grep -rlE '^[[:space:]]*vm\\.overcommit_(ratio|kbytes)' /etc/sysctl.conf /etc/sysctl.d/ | xargs -r sed -i.memautopsy.bak -E '/^[[:space:]]*vm\\.overcommit_(ratio|kbytes)/d'";

export const overcommit: RecommendationRule = {
  id: 'overcommit',
  recommend({ settings, facts }) {
    const ratio = valuesOf(settings, 'vm.overcommit_ratio').find(
      (s) => s.numeric !== null && s.numeric !== DEFAULT_OVERCOMMIT_RATIO,
    );
    const mode = effectiveValue(settings, 'vm.overcommit_memory');
    const modeValue = mode?.numeric ?? 0;
    const current = [
      describeCurrent(settings, 'vm.overcommit_memory'),
      describeCurrent(settings, 'vm.overcommit_ratio'),
    ]
      .map((text, i) =>
        text === undefined ? null : `${i === 0 ? 'vm.overcommit_memory' : 'vm.overcommit_ratio'} ${text}`,
      )
      .filter((text): text is string => text !== null)
      .join('; ');

    if (modeValue !== 2) {
      if (ratio === undefined) return null;
      const ramBytes = facts.meminfo?.memTotal ?? facts.totalBytes;
      return {
        key: 'action',
        value: `Remove the vm.overcommit_ratio line (${ratio.value} here): it does nothing while vm.overcommit_memory is ${modeValue}`,
        rationale: `vm.overcommit_ratio only takes effect in strict mode (vm.overcommit_memory = 2); in mode ${modeValue} it changes nothing, so it is not what limits memory here. Left in place it is a trap: whoever later turns on mode 2 gets a commit limit of ${ratio.value}% of RAM plus swap${ramBytes !== null ? ` (about ${formatBytes(((ratio.numeric as number) / 100) * ramBytes + (facts.meminfo?.swapTotal ?? 0))} on this host)` : ''} and allocations fail with ENOMEM.`,
        risk: 'None: the line has no effect in the current mode. The running value stays until the next boot, harmless while the mode is not 2.',
        apply: [REMOVE_RATIO, 'sysctl --system'].join('\n'),
        verify: `grep -rn overcommit_ratio /etc/sysctl.conf /etc/sysctl.d/ finds nothing; sysctl vm.overcommit_memory still prints ${modeValue}.`,
        rollback:
          'Restore the *.memautopsy.bak files next to the sysctl files they came from; sysctl --system',
        current,
      };
    }

    // Strict mode: is the commit limit below what is already committed?
    const ratioValue = effectiveValue(settings, 'vm.overcommit_ratio')?.numeric ?? DEFAULT_OVERCOMMIT_RATIO;
    const meminfo = facts.meminfo;
    const memTotal = meminfo?.memTotal ?? facts.totalBytes;
    const swap = meminfo?.swapTotal ?? 0;
    const commitLimit =
      meminfo?.commitLimit ?? (memTotal !== null ? (ratioValue / 100) * memTotal + swap : null);
    const committed = meminfo?.committedAs ?? null;
    const starving =
      committed !== null && commitLimit !== null ? commitLimit < committed : ratioValue <= STARVING_RATIO;
    if (!starving) return null;
    const figures =
      commitLimit !== null
        ? `CommitLimit is ${formatBytes(commitLimit)}${committed !== null ? `, below the ${formatBytes(committed)} already committed (Committed_AS)` : ''}`
        : `the commit limit is ${ratioValue}% of RAM plus swap`;
    return {
      key: 'vm.overcommit_memory',
      value: '0',
      rationale: `Strict overcommit (mode 2) with vm.overcommit_ratio = ${ratioValue}: ${figures}. New allocations, fork() and mmap() fail with ENOMEM even while free memory is plentiful. Go back to the kernel's default heuristic mode 0, where the ratio has no effect.`,
      risk: 'Mode 0 allows overcommit again: a real shortage ends in the OOM killer rather than ENOMEM. If strict accounting is required, keep mode 2 but size the ratio so that CommitLimit stays above Committed_AS with headroom.',
      apply: [
        `printf 'vm.overcommit_memory = 0\\n' > ${CONF_FILE}`,
        "grep -rlE '^[[:space:]]*vm\\.overcommit_memory' /etc/sysctl.conf /etc/sysctl.d/ | grep -v memautopsy | xargs -r sed -i.memautopsy.bak '/^[[:space:]]*vm\\.overcommit_memory/d'",
        REMOVE_RATIO,
        'sysctl --system',
      ].join('\n'),
      verify:
        "sysctl vm.overcommit_memory prints 0; `grep -E 'CommitLimit|Committed_AS' /proc/meminfo` no longer matters, and ENOMEM errors stop.",
      rollback: `rm ${CONF_FILE}; restore the *.memautopsy.bak files next to the sysctl files they came from; sysctl --system`,
      current,
    };
  },
};
