/** Synthetic memory series with known ground truth for the detector tests. */
import type { Series, Unit } from '../../src/model/series.js';
import { ar1Noise } from './random.js';

export const START_MS = Date.UTC(2026, 2, 1);
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

export function series(
  values: ArrayLike<number>,
  options: {
    stepMs?: number;
    unit?: Unit;
    metric?: Series['metric'];
    name?: string;
    times?: ArrayLike<number>;
  } = {},
): Series {
  const stepMs = options.stepMs ?? 5 * MINUTE_MS;
  return {
    name: options.name ?? 'used',
    metric: options.metric ?? 'mem.used',
    unit: options.unit ?? 'bytes',
    t:
      options.times !== undefined
        ? Float64Array.from(options.times)
        : Float64Array.from({ length: values.length }, (_, i) => START_MS + i * stepMs),
    v: Float64Array.from(values),
    source: { file: 'synthetic.csv', format: 'test' },
  };
}

/**
 * A sawtooth: build-up of `amplitude` over `periodPoints` samples, then a drop within one sample;
 * the floor rises by `floorPerCycle` each cycle; AR(1) noise (φ 0.5) of sd `noise`.
 */
export function sawtooth(options: {
  n: number;
  periodPoints: number;
  amplitude: number;
  floor: number;
  floorPerCycle?: number;
  noise?: number;
  seed?: number;
}): number[] {
  const noise = ar1Noise(options.n, 0.5, options.seed ?? 1);
  return Array.from({ length: options.n }, (_, i) => {
    const cycle = Math.floor(i / options.periodPoints);
    const phase = (i % options.periodPoints) / options.periodPoints;
    return (
      options.floor +
      (options.floorPerCycle ?? 0) * cycle +
      options.amplitude * phase +
      (options.noise ?? 0) * (noise[i] as number)
    );
  });
}

/** A daily wave of ±amplitude with AR(1) noise (φ, innovation sd), one point per `stepMs`. */
export function diurnal(options: {
  n: number;
  stepMs: number;
  level: number;
  amplitude: number;
  phi: number;
  noise: number;
  seed: number;
}): number[] {
  const noise = ar1Noise(options.n, options.phi, options.seed);
  return Array.from(
    { length: options.n },
    (_, i) =>
      options.level +
      options.amplitude * Math.sin((2 * Math.PI * i * options.stepMs) / (24 * HOUR_MS) + options.seed) +
      options.noise * (noise[i] as number),
  );
}
