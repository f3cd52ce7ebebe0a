/**
 * The known failed-lookup source: NSS softokn's sdb_measureAccess stat()s up to 10,000 random
 * non-existent names in the certificate-database directory and /tmp at every process start; curl run as
 * a once-per-second health check made ~20,000 negative dentries per run [K19]. Red Hat bug 1044666: NSS
 * ≥ 3.16 skips the probe when NSS_SDB_USE_CACHE=yes [K20]. Field reports: a 1.8 GB dentry slab that kept
 * climbing after drop_caches [K20]; load balancers at > 90 % "used" with 38.5 GB SReclaimable of 65.9 GB,
 * fixed by NSS_SDB_USE_CACHE [K21]. Removing a directory drops its negative dentries [K22].
 */

import { negativeDentriesMatter } from './find-failed-lookups.js';
import type { RecommendationRule } from './rule.js';

export const nssSdbUseCache: RecommendationRule = {
  id: 'nss-sdb-use-cache',
  recommend(context) {
    const dentry = context.facts.dentry;
    if (dentry === null || !negativeDentriesMatter(context)) return null;
    return {
      key: 'action',
      value:
        'If curl (or anything using NSS) runs often, e.g. as a health check: set NSS_SDB_USE_CACHE=yes in its environment and update nss',
      rationale: `The classic source of negative dentries at this scale (${Math.round(dentry.negativeShare * 100)}% here): NSS, the TLS library of curl on RHEL/CentOS-family systems, measures its certificate database at every start by stat()ing thousands of random names that do not exist; a curl health check every second leaves ~20,000 negative dentries per run. NSS 3.16 and later skip that probe when NSS_SDB_USE_CACHE=yes.`,
      risk: 'Low: the variable only tells NSS not to time its database directory; certificate checks are unchanged.',
      apply: [
        "rpm -q nss nss-softokn curl 2>/dev/null || dpkg -l 'libnss3*' curl   # is NSS in use, and which version (>= 3.16 honours the variable)",
        'systemctl edit <health-check unit>   # add:  [Service]  Environment=NSS_SDB_USE_CACHE=yes   then: systemctl restart <unit>',
        '# cron jobs and scripts: export NSS_SDB_USE_CACHE=yes before calling curl',
        '# the negative dentries already there are freed under memory pressure (or once with the drop_caches diagnostic)',
      ].join('\n'),
      verify:
        'strace -f -e trace=%file curl -s -o /dev/null https://localhost/ 2>&1 | grep -c ENOENT drops from thousands to a handful; nr_negative (5th field of /proc/sys/fs/dentry-state) stops climbing.',
      rollback: 'systemctl revert <unit> (or remove the Environment= line) and restart it.',
    };
  },
};
