/**
 * The analysis' parameters as the report's appendix lists them, so a reader can judge (and re-run)
 * the method. Values that a module exports are read from it; the rest restate the constants of
 * src/detect/ and src/pipeline.ts (step-change.ts, sawtooth.ts, monotonic-growth.ts, index.ts) and
 * must change with them — test/report/method.test.ts checks the exported ones.
 */

import type { MethodParameter } from '../model/result.js';
import { MATERIAL_FRACTION } from '../verdict/index.js';
import { AVAILABLE_NEAR_EXHAUSTION_FRACTION, USED_NEAR_EXHAUSTION_FRACTION } from './impact.js';

/** Points per chart line in the Result (min/max per bucket, first and last kept). */
export const CHART_POINTS = 2000;

const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10} %`;

export function methodParameters(): MethodParameter[] {
  return [
    {
      stage: 'trend',
      name: 'Test',
      value: "Mann-Kendall per regime (between step changes), two-sided, α = 0.05; Sen's slope over real timestamps",
    },
    {
      stage: 'trend',
      name: 'Autocorrelation',
      value: 'Hamed-Rao variance correction over ⌊10·log₁₀ n⌋ lags',
    },
    { stage: 'trend', name: 'Minimum regime', value: '12 finite points' },
    {
      stage: 'trend',
      name: 'Material trend',
      value: `moves memory by ≥ ${percent(MATERIAL_FRACTION)} of the total (or of the median level) across its regime`,
    },
    {
      stage: 'steps',
      name: 'Noise scale σ',
      value: '1.4826 × MAD of the first differences (less their median drift)',
    },
    {
      stage: 'steps',
      name: 'Step',
      value: 'a run of same-sign differences each > 3σ, in total ≥ max(6σ, 10 % of the p1–p99 range, 5 % of the median level)',
    },
    {
      stage: 'sawtooth',
      name: 'Cycles',
      value: '≥ 3 drops within 0.5×–1.8× of their median size, spacing coefficient of variation ≤ 0.6',
    },
    { stage: 'sawtooth', name: 'Floor', value: "Sen's slope of the troughs (lowest point after each drop)" },
    {
      stage: 'causes',
      name: 'Drop cause',
      value:
        'a --mark within max(30 min, 2 sampling intervals); else MemAvailable rising by ≥ 50 % of the drop = restart (oom-kill when used was ≥ 90 % of the total), moving ≤ 20 % = cache-drop',
    },
    {
      stage: 'forecast',
      name: 'Exhaustion',
      value: "latest regime's Sen line (a sawtooth's trough slope) from its fitted value at the last sample",
    },
    {
      stage: 'impact',
      name: 'Near exhaustion',
      value: `MemAvailable ≤ ${percent(AVAILABLE_NEAR_EXHAUSTION_FRACTION)} of the total; without MemAvailable, used ≥ ${percent(USED_NEAR_EXHAUSTION_FRACTION)}`,
    },
    {
      stage: 'charts',
      name: 'Downsampling',
      value: `≤ ${CHART_POINTS.toLocaleString('en-US')} points per line (min and max per bucket); statistics use every sample`,
    },
  ];
}
