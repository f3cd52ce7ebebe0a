/**
 * The analysis' parameters as the report's appendix lists them, so a reader can judge (and re-run)
 * the method. Values that a module exports are read from it; the others restate the constants in the
 * docblocks of src/detect/ (segmentation.ts, step-change.ts, sawtooth.ts, step-cause.ts,
 * monotonic-growth.ts) and must change with them — test/report/method.test.ts checks the exported ones.
 */

import { MIN_REGIME_POINTS } from '../detect/index.js';
import { MAX_TREND_POINTS } from '../detect/monotonic-growth.js';
import { FALL_TO_RISE_RATIO } from '../detect/sawtooth.js';
import { MAX_SEGMENTATION_POINTS } from '../detect/segmentation.js';
import { SLAB_GROWTH_MATERIAL_FRACTION } from '../detect/slab-growth.js';
import type { MethodParameter } from '../model/result.js';
import { MATERIAL_FRACTION } from '../verdict/index.js';
import { AVAILABLE_NEAR_EXHAUSTION_FRACTION, USED_NEAR_EXHAUSTION_FRACTION } from './impact.js';

/** Points per chart line in the Result (min/max per bucket, first and last kept). */
export const CHART_POINTS = 2000;

const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10} %`;
const count = (n: number): string => n.toLocaleString('en-US');

export function methodParameters(): MethodParameter[] {
  return [
    {
      stage: 'segmentation',
      name: 'Change points',
      value: `PELT on a piecewise-linear model, scale-free cost (RSS / σ² of one line through the series) with an MBIC-style penalty 4·ln n per change; segments span ≥ 2 sampling intervals; block means above ${count(MAX_SEGMENTATION_POINTS)} points`,
    },
    {
      stage: 'trend',
      name: 'Test',
      value:
        "Mann-Kendall per regime (between step changes), two-sided, α = 0.05; Sen's slope over real timestamps",
    },
    {
      stage: 'trend',
      name: 'Autocorrelation',
      value: `Hamed-Rao variance correction with the rank autocorrelations of an AR(1) model fitted to the Sen-detrended regime (Student t, n_eff − 2 degrees of freedom), or a level test (last third against first third, against 2σ); the smaller p-value, doubled; regimes over ${count(MAX_TREND_POINTS)} points tested on every k-th point`,
    },
    { stage: 'trend', name: 'Minimum regime', value: `${MIN_REGIME_POINTS} finite points` },
    {
      stage: 'trend',
      name: 'Material trend',
      value: `moves memory by ≥ ${percent(MATERIAL_FRACTION)} of the total (or of the median level) across its regime`,
    },
    {
      stage: 'steps',
      name: 'Step',
      value:
        'a run of same-sign differences (less the median drift) each > 3σ, in total ≥ max(6σ, 10 % of the p1–p99 range, 5 % of the median level); σ = 1.4826 × MAD of the differences',
    },
    {
      stage: 'sawtooth',
      name: 'Cycles',
      value: `≥ 3 abrupt drops from peaks by prominence (falling ≥ ${FALL_TO_RISE_RATIO}× faster than the build-up), each 0.5×–1.8× the median drop, spacing coefficient of variation ≤ 0.6`,
    },
    { stage: 'sawtooth', name: 'Floor', value: "Sen's slope of the troughs after each drop" },
    {
      stage: 'causes',
      name: 'Drop cause',
      value:
        'a --mark within max(30 min, 2 sampling intervals); else anon falling or MemAvailable rising by ≥ 50 % of the drop = restart (oom-kill at ≥ 90 % of the total), cache falling or MemAvailable moving ≤ 20 % = cache-drop, a fall back to the baseline = restart',
    },
    {
      stage: 'slab',
      name: 'Slab growth',
      value: `per cache across timed snapshots (Sen's slope with 3 or more); reported when it grows ≥ ${percent(SLAB_GROWTH_MATERIAL_FRACTION)} of the total memory (else of the slab total)`,
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
      value: `≤ ${count(CHART_POINTS)} points per line (min and max per bucket); statistics use every sample`,
    },
  ];
}
