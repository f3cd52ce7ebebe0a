/**
 * A recommendation rule: one file per rule, registered in ./index.ts. Rules read the verdict, the
 * findings and the snapshot summaries — never raw series — and return a recommendation or null.
 */

import type { Finding } from '../model/finding.js';
import type { Recommendation, SlabSummary, Verdict } from '../model/result.js';

export interface RuleContext {
  verdict: Verdict;
  findings: Finding[];
  slab: SlabSummary | undefined;
  /** nr_negative / nr_dentry from the latest dentry-state snapshot, when given. */
  negativeDentryShare: number | null;
  host: string | null;
}

export interface RecommendationRule {
  /** Equal to the file name. */
  id: string;
  recommend(context: RuleContext): Recommendation | null;
}
