import { describe, expect, it } from 'vitest';
import {
  AVAILABLE_NEAR_EXHAUSTION_FRACTION,
  USED_NEAR_EXHAUSTION_FRACTION,
} from '../../src/report/impact.js';
import { CHART_POINTS, methodParameters } from '../../src/report/method.js';
import { MIN_REGIME_POINTS } from '../../src/detect/index.js';
import { FALL_TO_RISE_RATIO } from '../../src/detect/sawtooth.js';
import { MAX_SEGMENTATION_POINTS } from '../../src/detect/segmentation.js';
import { MATERIAL_FRACTION } from '../../src/verdict/index.js';

describe('methodParameters', () => {
  const parameters = methodParameters();
  const value = (stage: string, name: string): string =>
    parameters.find((p) => p.stage === stage && p.name === name)?.value ?? '';

  it('states the values the code uses, read from the modules that export them', () => {
    expect(value('trend', 'Material trend')).toContain(`${MATERIAL_FRACTION * 100} %`);
    expect(value('impact', 'Near exhaustion')).toContain(`${AVAILABLE_NEAR_EXHAUSTION_FRACTION * 100} %`);
    expect(value('impact', 'Near exhaustion')).toContain(`${USED_NEAR_EXHAUSTION_FRACTION * 100} %`);
    expect(value('charts', 'Downsampling')).toContain(CHART_POINTS.toLocaleString('en-US'));
    expect(value('trend', 'Minimum regime')).toBe(`${MIN_REGIME_POINTS} finite points`);
    expect(value('sawtooth', 'Cycles')).toContain(`${FALL_TO_RISE_RATIO}× faster`);
    expect(value('segmentation', 'Change points')).toContain(MAX_SEGMENTATION_POINTS.toLocaleString('en-US'));
  });

  it('covers every stage of the analysis', () => {
    expect(new Set(parameters.map((p) => p.stage))).toEqual(
      new Set([
        'segmentation',
        'trend',
        'steps',
        'sawtooth',
        'causes',
        'slab',
        'forecast',
        'impact',
        'charts',
      ]),
    );
  });
});
