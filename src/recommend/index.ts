/** The recommendation rules, in the order their advice should be read. */

import type { Recommendation } from '../model/result.js';
import { alertOnMemavailable } from './alert-on-memavailable.js';
import { collectEvidence } from './collect-evidence.js';
import { dropCachesDiagnostic } from './drop-caches-diagnostic.js';
import { findLeakingProcess } from './find-leaking-process.js';
import { keepVfsCachePressure } from './keep-vfs-cache-pressure.js';
import { nssSdbUseCache } from './nss-sdb-use-cache.js';
import type { RecommendationRule, RuleContext } from './rule.js';

export const RULES: readonly RecommendationRule[] = [
  alertOnMemavailable,
  findLeakingProcess,
  nssSdbUseCache,
  keepVfsCachePressure,
  dropCachesDiagnostic,
  collectEvidence,
];

export function recommend(context: RuleContext): Recommendation[] {
  return RULES.flatMap((rule) => {
    const recommendation = rule.recommend(context);
    return recommendation === null ? [] : [recommendation];
  });
}
