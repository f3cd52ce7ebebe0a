import { describe, expect, it } from 'vitest';
import { attributeStepCauses, type StepCauseInput } from '../../src/detect/step-cause.js';
import type { StepFinding } from '../../src/model/finding.js';
import type { CanonicalMetric } from '../../src/model/series.js';
import { GIB, MIB, MINUTE_MS, series, START_MS } from './synthetic.js';

const N = 200;
const AT = 100; // the step: the first sample of the new level
const atIso = new Date(START_MS + AT * 5 * MINUTE_MS).toISOString();

function line(metric: CanonicalMetric, before: number, after: number, name = metric): StepCauseInput {
  const values = Array.from({ length: N }, (_, i) => (i < AT ? before : after) + ((i * 7919) % 13) * MIB);
  return { series: series(values, { metric, name }), stepFindings: [] };
}

function drop(input: StepCauseInput, magnitude: number): StepFinding {
  const step: StepFinding = {
    kind: 'step-drop',
    series: input.series.name,
    at: atIso,
    magnitudeBytes: magnitude,
  };
  input.stepFindings.push(step);
  return step;
}

describe('attributeStepCauses', () => {
  it('labels a step with a --mark within 30 minutes', () => {
    const used = line('mem.used', 12 * GIB, 3 * GIB);
    const step = drop(used, 9 * GIB);
    const markAt = new Date(Date.parse(atIso) - 20 * MINUTE_MS).toISOString();
    attributeStepCauses([used], [{ at: markAt, label: 'drop_caches' }], null);
    expect(step.cause).toBe('drop_caches');
    const rise: StepFinding = { kind: 'step-rise', series: 'used', at: atIso, magnitudeBytes: GIB };
    used.stepFindings = [rise];
    attributeStepCauses([used], [{ at: atIso, label: 'deploy v2' }], null);
    expect(rise.cause).toBe('deploy v2');
  });

  it('calls a drop with MemAvailable rising by about as much a restart, or an OOM kill near the total', () => {
    const used = line('mem.used', 12 * GIB, 3 * GIB);
    const available = line('mem.available', 4 * GIB, 13 * GIB);
    const step = drop(used, 9 * GIB);
    attributeStepCauses([used, available], [], 32 * GIB);
    expect(step.cause).toBe('restart');
    attributeStepCauses([used, available], [], 13 * GIB); // used was ≥ 90 % of 13 GiB
    expect(step.cause).toBe('oom-kill');
  });

  it('calls a drop with anonymous memory falling a restart', () => {
    const used = line('mem.used', 12 * GIB, 3 * GIB);
    const anon = line('mem.anon', 10 * GIB, GIB);
    const step = drop(used, 9 * GIB);
    attributeStepCauses([used, anon], [], null);
    expect(step.cause).toBe('restart');
  });

  it('calls a drop with the page cache falling while anon stays a cache drop', () => {
    const used = line('mem.used', 12 * GIB, 3 * GIB);
    const cached = line('mem.cached', 10 * GIB, GIB);
    const anon = line('mem.anon', 2 * GIB, 2 * GIB);
    const step = drop(used, 9 * GIB);
    attributeStepCauses([used, cached, anon], [], null);
    expect(step.cause).toBe('cache-drop');
  });

  it('calls a drop with MemAvailable unmoved a cache drop (cache already counts as available)', () => {
    const used = line('mem.used', 15 * GIB, 3 * GIB);
    const available = line('mem.available', 13 * GIB, 13 * GIB);
    const step = drop(used, 12 * GIB);
    attributeStepCauses([used, available], [], 16 * GIB);
    expect(step.cause).toBe('cache-drop');
  });

  it('without side channels: back to the baseline is a restart, elsewhere unknown', () => {
    const values = Array.from({ length: N }, (_, i) =>
      i < AT ? 2 * GIB + i * 60 * MIB : 2 * GIB + (i - AT) * 60 * MIB,
    );
    const leak: StepCauseInput = { series: series(values), stepFindings: [] };
    const step = drop(leak, 6 * GIB);
    attributeStepCauses([leak], [], null);
    expect(step.cause).toBe('restart');

    const shift = line('mem.used', 12 * GIB, 9 * GIB);
    const values2 = Array.from(shift.series.v);
    for (let i = 0; i < 20; i++) values2[i] = 4 * GIB; // the series was lower once, long before
    const mid: StepCauseInput = { series: series(values2), stepFindings: [] };
    const step2 = drop(mid, 3 * GIB);
    attributeStepCauses([mid], [], null);
    expect(step2.cause).toBe('unknown');
  });

  it('calls drops of a cache series cache drops, and leaves MemAvailable drops to marks', () => {
    const cached = line('mem.cached', 10 * GIB, GIB);
    const step = drop(cached, 9 * GIB);
    const available = line('mem.available', 10 * GIB, 2 * GIB);
    const availableDrop = drop(available, 8 * GIB);
    attributeStepCauses([cached, available], [], null);
    expect(step.cause).toBe('cache-drop');
    expect(availableDrop.cause).toBeUndefined();
  });
});
