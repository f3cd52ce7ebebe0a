/**
 * Negative dentries from failed lookups (kernel.md §2): NSS softokn probing random names at each
 * process start (curl health checks) is the known case; NSS_SDB_USE_CACHE=yes skips the probe [K19][K20].
 */

import type { RecommendationRule } from './rule.js';

/** Share of dentries that are negative above which the failed-lookup explanation applies. */
const NEGATIVE_SHARE_THRESHOLD = 0.5;

export const nssSdbUseCache: RecommendationRule = {
  id: 'nss-sdb-use-cache',
  recommend({ negativeDentryShare }) {
    if (negativeDentryShare === null || negativeDentryShare < NEGATIVE_SHARE_THRESHOLD) return null;
    return {
      key: 'action',
      value: 'Find the process making failed lookups; for curl/NSS health checks set NSS_SDB_USE_CACHE=yes',
      rationale: `${Math.round(negativeDentryShare * 100)}% of dentries are negative: something looks up names that do not exist, again and again. A classic cause is NSS (curl on RHEL/CentOS) probing random file names at every start; NSS_SDB_USE_CACHE=yes turns the probe off.`,
      risk: 'Low. The variable only changes how NSS measures its database directory.',
      apply:
        "Find the source: `perf trace -e stat,openat --failure` or `strace -f -e trace=%file -p <pid>` on suspects (health checks, cron jobs); then set NSS_SDB_USE_CACHE=yes in that service's environment (e.g. a systemd drop-in Environment=NSS_SDB_USE_CACHE=yes).",
      verify: 'The 5th field of /proc/sys/fs/dentry-state (nr_negative) stops climbing.',
      rollback: 'Remove the environment variable and restart the service.',
    };
  },
};
