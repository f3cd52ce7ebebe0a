/**
 * The recommendation rules, in the order their advice should be read: alerting first (for cache growth
 * the first advice is to alert on MemAvailable), then what to do about this verdict, then settings
 * already in place that harm, then diagnostics and what to collect. Every rule's output passes the
 * guardrails (./guardrails.ts); a sysctl key is advised at most once.
 */

import type { Recommendation } from '../model/result.js';
import { alertOnMemavailable } from './alert-on-memavailable.js';
import { collectEvidence } from './collect-evidence.js';
import { containerWorkingSet } from './container-working-set.js';
import { dirtyRatios } from './dirty-ratios.js';
import { dropCachesDiagnostic } from './drop-caches-diagnostic.js';
import { findFailedLookups } from './find-failed-lookups.js';
import { findKernelLeak } from './find-kernel-leak.js';
import { findLeakingProcess } from './find-leaking-process.js';
import { guardrailViolations } from './guardrails.js';
import { keepVfsCachePressure } from './keep-vfs-cache-pressure.js';
import { minFreeKbytes } from './min-free-kbytes.js';
import { nssSdbUseCache } from './nss-sdb-use-cache.js';
import { overcommit } from './overcommit.js';
import type { RecommendationRule, RuleContext } from './rule.js';
import { swappiness } from './swappiness.js';

export type { RecommendationRule, RuleContext } from './rule.js';
export { guardrailViolations } from './guardrails.js';
export { NO_SETTINGS, readSettings, type CurrentSettings } from './settings.js';

export const RULES: readonly RecommendationRule[] = [
  alertOnMemavailable,
  collectEvidence,
  findKernelLeak,
  findLeakingProcess,
  findFailedLookups,
  nssSdbUseCache,
  containerWorkingSet,
  keepVfsCachePressure,
  overcommit,
  minFreeKbytes,
  dirtyRatios,
  swappiness,
  dropCachesDiagnostic,
];

/** Every rule's raw output, with the rule id (tests check these against the guardrails). */
export function runRules(context: RuleContext): { rule: string; recommendation: Recommendation }[] {
  return RULES.flatMap((rule) => {
    const recommendation = rule.recommend(context);
    return recommendation === null ? [] : [{ rule: rule.id, recommendation }];
  });
}

export interface RejectedRecommendation {
  rule: string;
  key: string;
  problems: string[];
}

/**
 * The recommendations for a host — only those that pass the guardrails, one per sysctl key — and the
 * ones a guardrail stopped (a bug in a rule: the pipeline reports them as warnings; tests require none).
 */
export function auditRecommendations(context: RuleContext): {
  recommendations: Recommendation[];
  rejected: RejectedRecommendation[];
} {
  const seenKeys = new Set<string>();
  const recommendations: Recommendation[] = [];
  const rejected: RejectedRecommendation[] = [];
  for (const { rule, recommendation } of runRules(context)) {
    const problems = guardrailViolations(recommendation);
    if (problems.length > 0) {
      rejected.push({ rule, key: recommendation.key, problems });
      continue;
    }
    if (recommendation.key !== 'action') {
      if (seenKeys.has(recommendation.key)) continue;
      seenKeys.add(recommendation.key);
    }
    recommendations.push(recommendation);
  }
  return { recommendations, rejected };
}

/** The recommendations for a host: safe by construction, one per sysctl key. */
export function recommend(context: RuleContext): Recommendation[] {
  return auditRecommendations(context).recommendations;
}
