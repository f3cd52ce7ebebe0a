import { describe, expect, it } from 'vitest';
import { analyzeSeries, type SeriesAnalysis } from '../../src/detect/index.js';
import type { Finding } from '../../src/model/finding.js';
import type { Series } from '../../src/model/series.js';
import { ar1Noise } from './random.js';
import { diurnal, GIB, MIB, MINUTE_MS, sawtooth, series } from './synthetic.js';

/** Every finding and its timing, without magnitudes (which scale with the data). */
function shape(analysis: SeriesAnalysis): unknown[] {
  const findings: Finding[] = [
    ...analysis.trendFindings,
    ...(analysis.sawtoothFinding === null ? [] : [analysis.sawtoothFinding]),
    ...analysis.stepFindings,
  ];
  return [
    analysis.changePointIndices,
    analysis.regimes.map((r) => [r.startIndex, r.endIndex, r.sawtooth]),
    findings.map((f) => {
      switch (f.kind) {
        case 'monotonic-growth':
        case 'monotonic-decline':
          return [f.kind, f.start, f.end];
        case 'sawtooth':
          return [
            f.kind,
            f.start,
            f.end,
            f.cycles,
            f.periodSeconds,
            f.peaks?.map((p) => p.at),
            f.troughs?.map((p) => p.at),
          ];
        case 'step-drop':
        case 'step-rise':
          return [f.kind, f.at];
        default:
          return [f.kind];
      }
    }),
  ];
}

function scaled(s: Series, factor: number): Series {
  return { ...s, v: s.v.map((v) => v * factor) };
}

function noisy(values: number[], sd: number, seed: number, phi = 0.5): number[] {
  const noise = ar1Noise(values.length, phi, seed);
  return values.map((v, i) => v + sd * (noise[i] as number));
}

const scenarios: Record<string, () => Series> = {
  ramp: () =>
    series(
      noisy(
        Array.from({ length: 1440 }, (_, i) => 4 * GIB + i * 4 * MIB),
        60 * MIB,
        1,
      ),
    ),
  'leak with a restart': () =>
    series(
      noisy(
        Array.from({ length: 2000 }, (_, i) =>
          i < 1200 ? 3 * GIB + i * 4 * MIB : 2 * GIB + (i - 1200) * 4 * MIB,
        ),
        40 * MIB,
        2,
      ),
    ),
  'sawtooth, flat floor': () =>
    series(sawtooth({ n: 2016, periodPoints: 120, amplitude: 4 * GIB, floor: 8 * GIB, noise: 50 * MIB })),
  'sawtooth, rising floor': () =>
    series(
      sawtooth({
        n: 2016,
        periodPoints: 120,
        amplitude: 4 * GIB,
        floor: 8 * GIB,
        floorPerCycle: 200 * MIB,
        noise: 50 * MIB,
      }),
    ),
  'steps up and down': () =>
    series(
      noisy(
        Array.from({ length: 900 }, (_, i) => (i < 300 ? 4 * GIB : i < 600 ? 7 * GIB : 5 * GIB)),
        30 * MIB,
        3,
      ),
    ),
  'diurnal AR(1)': () =>
    series(
      diurnal({
        n: 2100,
        stepMs: 5 * MINUTE_MS,
        level: 8 * GIB,
        amplitude: GIB,
        phi: 0.9,
        noise: 30 * MIB,
        seed: 4,
      }),
    ),
};

describe('analyzeSeries: synthetic ground truth', () => {
  it('a ramp: one regime, growth at the true slope, no steps', () => {
    const a = analyzeSeries(scenarios.ramp?.() as Series);
    expect(a.trendFindings.map((f) => f.kind)).toEqual(['monotonic-growth']);
    // 4 MiB per 5 minutes = 48 MiB/h
    expect(Math.abs((a.trendFindings[0]?.slopeBytesPerHour as number) / (48 * MIB) - 1)).toBeLessThan(0.03);
    expect(a.stepFindings).toEqual([]);
    expect(a.sawtoothFinding).toBeNull();
    expect(a.changePointIndices).toEqual([]);
  });

  it('a leak with a restart: growth in both regimes, a drop between, the latest regime last', () => {
    const s = scenarios['leak with a restart']?.() as Series;
    const a = analyzeSeries(s);
    expect(a.stepFindings.map((f) => [f.kind, f.at])).toEqual([
      ['step-drop', new Date(s.t[1200] as number).toISOString()],
    ]);
    expect(a.trendFindings.map((f) => f.kind)).toEqual(['monotonic-growth', 'monotonic-growth']);
    expect(a.regimes.at(-1)?.startIndex).toBe(1200);
    expect(a.changePointIndices).toEqual([1200]);
    for (const trend of a.trendFindings)
      expect(Math.abs((trend.slopeBytesPerHour as number) / (48 * MIB) - 1)).toBeLessThan(0.05);
  });

  it('a sawtooth with a flat floor: one sawtooth finding with its peaks and troughs, no trend, no steps', () => {
    const a = analyzeSeries(scenarios['sawtooth, flat floor']?.() as Series);
    expect(a.sawtoothFinding).toMatchObject({ kind: 'sawtooth', cycles: 16, periodSeconds: 36_000 });
    expect(a.sawtoothFinding?.peaks).toHaveLength(16);
    expect(a.sawtoothFinding?.troughs).toHaveLength(16);
    expect(Math.abs(a.sawtoothFinding?.amplitudeBytes as number) / (4 * GIB)).toBeCloseTo(1, 1);
    expect(Math.abs(a.sawtoothFinding?.typicalDropBytes as number) / (4 * GIB)).toBeCloseTo(1, 1);
    expect(Math.abs(a.sawtoothFinding?.floorSlopeBytesPerHour as number)).toBeLessThan(2 * MIB);
    expect(a.trendFindings).toEqual([]);
    expect(a.stepFindings).toEqual([]);
    expect(a.regimes.map((r) => r.sawtooth)).toEqual([true]);
  });

  it('a sawtooth with a rising floor: the floor slope', () => {
    const a = analyzeSeries(scenarios['sawtooth, rising floor']?.() as Series);
    expect(Math.abs((a.sawtoothFinding?.floorSlopeBytesPerHour as number) / (20 * MIB) - 1)).toBeLessThan(
      0.1,
    );
  });

  it('steps up and down: a rise and a drop, flat regimes without trends', () => {
    const s = scenarios['steps up and down']?.() as Series;
    const a = analyzeSeries(s);
    const at = (i: number) => new Date(s.t[i] as number).toISOString();
    expect(a.stepFindings.map((f) => [f.kind, f.at])).toEqual([
      ['step-rise', at(300)],
      ['step-drop', at(600)],
    ]);
    expect(Math.abs((a.stepFindings[0]?.magnitudeBytes as number) / (3 * GIB) - 1)).toBeLessThan(0.05);
    expect(Math.abs((a.stepFindings[1]?.magnitudeBytes as number) / (2 * GIB) - 1)).toBeLessThan(0.05);
    expect(a.trendFindings).toEqual([]);
    expect(a.regimes).toHaveLength(3);
    expect(a.changePointIndices).toEqual([300, 600]);
  });

  it('a daily wave with AR(1) noise: no findings at all, whatever the window or the sampling', () => {
    const cases: [number, number][] = [
      [2016, 5 * MINUTE_MS], // a week at 5 minutes
      [2131, 5 * MINUTE_MS], // 7.4 days: a partial cycle at the end
      [4320, MINUTE_MS], // 3 days at 1 minute
      [17_280, 10_000], // 2 days at 10 seconds
    ];
    for (const [n, stepMs] of cases) {
      for (let seed = 1; seed <= 8; seed++) {
        const s = series(
          diurnal({ n, stepMs, level: 8 * GIB, amplitude: 0.8 * GIB, phi: 0.9, noise: 40 * MIB, seed }),
          {
            stepMs,
          },
        );
        const a = analyzeSeries(s);
        const findings = [
          ...a.trendFindings,
          ...a.stepFindings,
          ...(a.sawtoothFinding ? [a.sawtoothFinding] : []),
        ];
        expect(findings, `n ${n}, step ${stepMs / 1000} s, seed ${seed}`).toEqual([]);
      }
    }
  });

  it('flat AR(1) noise sampled every 10 s for a day: no findings', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const noise = ar1Noise(8640, 0.95, seed);
      const a = analyzeSeries(
        series(
          noise.map((e) => 6 * GIB + 20 * MIB * e),
          { stepMs: 10_000 },
        ),
      );
      expect([...a.trendFindings, ...a.stepFindings], `seed ${seed}`).toEqual([]);
      expect(a.sawtoothFinding).toBeNull();
    }
  });

  it('gives count series a segmentation but no byte findings', () => {
    const s = { ...(scenarios['steps up and down']?.() as Series), unit: 'count' as const };
    const a = analyzeSeries(s);
    expect(a.stepFindings).toEqual([]);
    expect(a.trendFindings).toEqual([]);
    expect(a.changePointIndices).toEqual([300, 600]);
  });
});

describe('analyzeSeries: scale invariance', () => {
  it.each(Object.keys(scenarios))('%s: ×1/100 and ×1024 change no finding and no timing', (name) => {
    const s = scenarios[name]?.() as Series;
    const base = shape(analyzeSeries(s));
    for (const factor of [1 / 100, 1024]) expect(shape(analyzeSeries(scaled(s, factor)))).toEqual(base);
  });

  it('percent units report slopes and sizes in percent', () => {
    const s = { ...(scenarios['leak with a restart']?.() as Series), unit: 'percent' as const };
    const a = analyzeSeries(scaled(s, 100 / (32 * GIB)));
    expect(a.trendFindings[0]?.slopePercentPerHour).toBeGreaterThan(0);
    expect(a.trendFindings[0]?.slopeBytesPerHour).toBeUndefined();
    expect(a.stepFindings[0]?.magnitudePercent).toBeGreaterThan(0);
  });
});
