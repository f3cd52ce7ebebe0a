/**
 * A recommendation rule: one file per rule, registered in ./index.ts. Rules read the verdict, the
 * findings, the host facts (figures the verdict gathered: growth per component, slab, meminfo,
 * dentry-state, cgroup) and the current settings — never raw series — and return a recommendation or
 * null. Every recommendation says why (this report's evidence), the risk, how to apply and persist it,
 * how to verify it and how to roll it back. ./guardrails.ts lists what no rule may ever advise.
 */

import type { Finding } from '../model/finding.js';
import type { Recommendation, SlabSummary, Verdict } from '../model/result.js';
import type { HostFacts } from '../verdict/facts.js';
import type { CurrentSettings } from './settings.js';

export interface RuleContext {
  verdict: Verdict;
  findings: Finding[];
  slab: SlabSummary | undefined;
  /** nr_negative / nr_dentry from the latest dentry-state snapshot, when given. */
  negativeDentryShare: number | null;
  host: string | null;
  /** Figures from every breakdown the inputs gave (verdict/facts.ts). */
  facts: HostFacts;
  /** sysctl -a / sysctl.conf values and the kernel version, when given. */
  settings: CurrentSettings;
}

export interface RecommendationRule {
  /** Equal to the file name. */
  id: string;
  recommend(context: RuleContext): Recommendation | null;
}
