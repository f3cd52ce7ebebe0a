/**
 * High nr_negative: negative dentries cache "this name does not exist" so repeated failed lookups skip
 * the filesystem [K12][K13]. They come from stat/open/access of missing names (and deleted files);
 * nothing prunes them until memory pressure [K13], they fragment slab pages and slow fsnotify walks
 * [K14][K15]. Reclaimable, so not a leak — but something keeps looking up names that do not exist:
 * find it before tuning anything (kernel.md §7.5). nr_negative is the 5th field of dentry-state [K23][K24].
 */

import { formatBytes } from '../model/format.js';
import { NEGATIVE_DENTRY_SHARE } from '../verdict/index.js';
import { MATERIAL_FRACTION } from '../verdict/facts.js';
import { memoryBytes } from './figures.js';
import type { RecommendationRule, RuleContext } from './rule.js';

/** Bytes of one dentry object on x86_64 (slabtop shows 0.19K). */
export const DENTRY_OBJECT_BYTES = 192;

/**
 * The failed-lookup explanation applies when most dentries are negative and they hold a material share
 * of memory (5 %, as for trends); when memory is unknown, the share alone decides.
 */
export function negativeDentriesMatter(context: Pick<RuleContext, 'facts'>): boolean {
  const dentry = context.facts.dentry;
  if (dentry === null || dentry.negativeShare < NEGATIVE_DENTRY_SHARE) return false;
  const memory = memoryBytes(context.facts);
  return memory === null || dentry.nrNegative * DENTRY_OBJECT_BYTES >= MATERIAL_FRACTION * memory;
}

export const FAILED_LOOKUP_TRACE = [
  '# which processes look up names that do not exist (ENOENT), counted for 60 s (bpftrace, as root):',
  "bpftrace -e 'tracepoint:syscalls:sys_exit_openat, tracepoint:syscalls:sys_exit_newfstatat, tracepoint:syscalls:sys_exit_statx, tracepoint:syscalls:sys_exit_access /args->ret == -2/ { @[comm] = count(); } interval:s:60 { exit(); }'",
  '# or, with bcc: opensnoop-bpfcc -x -d 60   (failed opens only, with the path names)',
  '# then for the top process: strace -f -Z -e trace=%file -p <pid>   (-Z: failed calls only; the names show the pattern)',
].join('\n');

export const findFailedLookups: RecommendationRule = {
  id: 'find-failed-lookups',
  recommend(context) {
    const dentry = context.facts.dentry;
    if (dentry === null || !negativeDentriesMatter(context)) return null;
    const share = Math.round(dentry.negativeShare * 100);
    const negativeBytes = dentry.nrNegative * DENTRY_OBJECT_BYTES;
    return {
      key: 'action',
      value: `Find the process that keeps looking up files that do not exist (${share}% of dentries are negative)`,
      rationale: `${dentry.nrNegative.toLocaleString('en-US')} of ${dentry.nrDentry.toLocaleString('en-US')} dentries on this host (${share}%, about ${formatBytes(negativeBytes)}) are negative: each caches "this name does not exist" after a failed stat/open/access, or after a file was deleted. The kernel keeps them until memory pressure, so a process that probes random or unique names (health checks, search paths, temp files) fills memory with them. They are reclaimable — not a leak — but they evict useful cache and slow reclaim; the fix is the process, not a sysctl.`,
      risk: 'None: tracing is read-only; bpftrace and opensnoop add a little overhead on file-heavy hosts while they run.',
      apply: FAILED_LOOKUP_TRACE,
      verify:
        'cat /proc/sys/fs/dentry-state every hour: the 5th field (nr_negative) stops climbing once the source is fixed.',
      rollback: 'Nothing to roll back (read-only).',
    };
  },
};
