/**
 * Advice memautopsy must never give (ARCHITECTURE.md "Domain"; research/kernel.md §7):
 * - vm.vfs_cache_pressure ≥ 1000 or 0 (effective pressure × 100 / denom where the advice sets the
 *   6.16 denominator too) [K1][K2][K10];
 * - vm.overcommit_ratio (or _kbytes) without vm.overcommit_memory = 2 in the same advice [K28];
 * - drop_caches as anything but a one-off diagnostic: not as a sysctl key, not persisted, not scheduled [K1];
 * and every recommendation must carry its rationale, risk, apply, verify and rollback, with a sysctl
 * change persisted under /etc/sysctl.d/.
 * Only the actionable text (value, apply, rollback) is checked for settings: rationales may quote the
 * harmful values they warn about.
 */

import type { Recommendation } from '../model/result.js';

const SYSCTL_KEY = /^(vm|fs|kernel|net)\.[a-z0-9_.]+$/;
const VFS_PRESSURE = /vm\.vfs_cache_pressure(?!_denom)\s*=\s*(\d+)/g;
const VFS_DENOM = /vm\.vfs_cache_pressure_denom\s*=\s*(\d+)/;
const OVERCOMMIT_LIMIT = /overcommit_(ratio|kbytes)\s*=\s*\d/;
const STRICT_MODE = /overcommit_memory\s*=\s*2\b/;
const DROP_CACHES_WRITE = /(>\s*\/proc\/sys\/vm\/drop_caches|vm\.drop_caches\s*=\s*\d)/;
const SCHEDULED = /\b(cron|crontab|OnCalendar|timer|while|watch)\b/i;

/** Reasons a recommendation breaks a guardrail (empty when it is safe and complete). */
export function guardrailViolations(rec: Recommendation): string[] {
  const problems: string[] = [];
  const actionable = [rec.value, rec.apply ?? '', rec.rollback ?? ''].join('\n');

  if (rec.key !== 'action' && !SYSCTL_KEY.test(rec.key))
    problems.push(`key "${rec.key}" is neither a sysctl nor "action"`);
  for (const [field, text] of [
    ['rationale', rec.rationale],
    ['risk', rec.risk],
    ['apply', rec.apply],
    ['verify', rec.verify],
    ['rollback', rec.rollback],
  ] as const) {
    if (text === undefined || text.trim() === '') problems.push(`no ${field}`);
  }
  if (rec.key !== 'action' && !(rec.apply ?? '').includes('/etc/sysctl.d/'))
    problems.push(`${rec.key}: apply does not persist it under /etc/sysctl.d/`);

  // vm.vfs_cache_pressure
  const denomText = VFS_DENOM.exec(actionable);
  const denom = denomText !== null ? Number(denomText[1]) : 100;
  if (denomText !== null && denom < 100)
    problems.push(`vm.vfs_cache_pressure_denom ${denom} is below its minimum 100`);
  const pressures = [...actionable.matchAll(VFS_PRESSURE)].map((m) => Number(m[1]));
  if (rec.key === 'vm.vfs_cache_pressure') {
    if (!/^\d+$/.test(rec.value.trim()))
      problems.push(`vm.vfs_cache_pressure value "${rec.value}" is not a number`);
    else pressures.push(Number(rec.value.trim()));
  }
  for (const pressure of pressures) {
    const effective = (pressure * 100) / denom;
    if (pressure === 0 || effective >= 1000)
      problems.push(`vm.vfs_cache_pressure ${pressure} (effective ${effective}) is 0 or ≥ 1000`);
  }

  // vm.overcommit_ratio / _kbytes only with strict mode
  const limitKey = rec.key === 'vm.overcommit_ratio' || rec.key === 'vm.overcommit_kbytes';
  if ((limitKey || OVERCOMMIT_LIMIT.test(actionable)) && !STRICT_MODE.test(actionable))
    problems.push('vm.overcommit_ratio/kbytes without vm.overcommit_memory = 2');

  // drop_caches: a one-off diagnostic only
  if (rec.key === 'vm.drop_caches') problems.push('vm.drop_caches as a setting');
  if (DROP_CACHES_WRITE.test(actionable)) {
    if (!/diagnostic/i.test(rec.value)) problems.push('drop_caches not labelled as a diagnostic');
    if (SCHEDULED.test(rec.apply ?? '')) problems.push('drop_caches scheduled or looped');
    if (/drop_caches\s*=\s*\d[^\n]*>>?\s*\/etc\/sysctl/.test(rec.apply ?? ''))
      problems.push('drop_caches persisted');
  }
  return problems;
}
