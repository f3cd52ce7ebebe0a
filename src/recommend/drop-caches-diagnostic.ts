/**
 * drop_caches is a diagnostic, not a fix [K1]: "This file is not a means to control the growth of the
 * various kernel caches"; the kernel reclaims them when memory is needed, and dropping them costs I/O
 * and CPU to rebuild. Once, it proves that "used" memory was cache (a step drop with MemAvailable
 * unchanged, kernel.md §7.3); never from cron. A `vm.drop_caches` line in a sysctl file (it runs once
 * at every boot, when the caches are empty) is flagged as a sign of that misuse.
 */

import { formatBytes, formatDate } from '../model/format.js';
import type { StepFinding } from '../model/finding.js';
import type { RecommendationRule } from './rule.js';
import { describeCurrent } from './settings.js';

export const dropCachesDiagnostic: RecommendationRule = {
  id: 'drop-caches-diagnostic',
  recommend({ verdict, findings, facts, settings }) {
    const configured = settings.config.get('vm.drop_caches');
    if (verdict.kind !== 'reclaimable-cache' && verdict.kind !== 'suspected-leak' && configured === undefined)
      return null;
    // Reclaimable slab is the cache when the slab snapshot's largest cache is reclaimable, or (without
    // one) when meminfo shows more SReclaimable than page cache.
    const meminfo = facts.meminfo;
    const slabCache =
      verdict.kind === 'reclaimable-cache' &&
      (facts.slab !== null
        ? facts.slab.largest.reclaimable
        : meminfo !== null &&
          meminfo.sReclaimable !== null &&
          meminfo.sReclaimable >= (meminfo.cached ?? Infinity));
    // 2 = reclaimable slab (dentries, inodes); 3 = slab and page cache, when it is not known which.
    const mode = slabCache ? 2 : 3;
    const already = findings.find(
      (f): f is StepFinding =>
        f.kind === 'step-drop' && (f.cause === 'cache-drop' || /drop.?caches/i.test(f.cause ?? '')),
    );
    const size =
      slabCache && facts.slab !== null
        ? ` (about the ${formatBytes(facts.slab.largest.bytes)} ${facts.slab.largest.name} holds)`
        : '';
    const removeConfigured =
      configured !== undefined
        ? [
            "grep -rlE '^[[:space:]]*vm\\.drop_caches' /etc/sysctl.conf /etc/sysctl.d/ | xargs -r sed -i.memautopsy.bak '/^[[:space:]]*vm\\.drop_caches/d'",
          ]
        : [];
    const common = {
      key: 'action',
      risk: 'The dropped objects are rebuilt from disk: a burst of I/O and CPU, slower file access for a while. Never schedule it.',
      rollback: `Nothing to roll back: the caches refill as files are used.${configured !== undefined ? ' Restore the *.memautopsy.bak file to put the sysctl line back.' : ''}`,
      ...(configured !== undefined ? { current: describeCurrent(settings, 'vm.drop_caches') as string } : {}),
    };
    const configuredNote =
      configured !== undefined
        ? ' A sysctl file sets vm.drop_caches: that runs once at boot, when there is nothing to drop — remove it.'
        : '';
    if (verdict.kind !== 'reclaimable-cache' && verdict.kind !== 'suspected-leak') {
      // Only the configured line to remove: no diagnostic is needed for this verdict.
      return {
        ...common,
        value:
          'Remove vm.drop_caches from the sysctl files: drop_caches is a one-off diagnostic, not a setting',
        rationale: `A sysctl file sets vm.drop_caches, so it runs once at every boot, when there is nothing to drop: it does nothing, and it suggests someone treats dropping caches as a fix. The kernel reclaims caches by itself when memory is needed.`,
        apply: removeConfigured.join('\n'),
        verify: 'grep -rn drop_caches /etc/sysctl.conf /etc/sysctl.d/ finds nothing.',
      };
    }
    if (already !== undefined) {
      return {
        ...common,
        value:
          'drop_caches is a diagnostic, not a fix: it has already proved the point here — do not repeat or schedule it',
        rationale: `This report already shows it: used memory dropped ${formatBytes(already.magnitudeBytes)} at ${formatDate(already.at)} while MemAvailable did not move, so that memory was cache. Dropping it fixed nothing: the kernel reclaims these caches by itself when memory is needed, and they grew back.${configuredNote}`,
        apply: [
          'crontab -l 2>/dev/null | grep -n drop_caches; grep -rn drop_caches /etc/cron* /etc/systemd/system 2>/dev/null   # remove any scheduled drop_caches',
          ...removeConfigured,
        ].join('\n'),
        verify: 'Nothing schedules drop_caches any more; the kernel log shows no new "drop_caches" lines.',
      };
    }
    const proof = `If used memory falls by the cache size${size} right after while MemAvailable barely moves, the growth was cache.`;
    return {
      ...common,
      value: `Run \`sync; echo ${mode} > /proc/sys/vm/drop_caches\` at most once, as a diagnostic — never as a fix or from cron`,
      rationale: `${proof} It proves the diagnosis; it fixes nothing, because the kernel reclaims these caches by itself when memory is needed and they grow back.${configuredNote}`,
      apply: [
        "grep -E 'MemFree|MemAvailable|^Cached|SReclaimable' /proc/meminfo; slabtop -o -s c | head -15   # before",
        `sync; echo ${mode} > /proc/sys/vm/drop_caches   # once, as root, at a quiet time (${mode === 2 ? '2 = dentries and inodes' : '3 = page cache and reclaimable slab'})`,
        "grep -E 'MemFree|MemAvailable|^Cached|SReclaimable' /proc/meminfo; slabtop -o -s c | head -15   # after",
        ...removeConfigured,
      ].join('\n'),
      verify:
        'MemFree rises by about the cache size while MemAvailable stays within a few percent: the memory was cache. The kernel log shows one "drop_caches" line.',
    };
  },
};
