import { describe, expect, it } from 'vitest';
import { FALL_TO_RISE_RATIO, findSawtooth } from '../../src/detect/sawtooth.js';
import { detectSteps } from '../../src/detect/step-change.js';
import { diurnal, GIB, HOUR_MS, MIB, MINUTE_MS, sawtooth, series } from './synthetic.js';

describe('findSawtooth', () => {
  it('measures a sawtooth with a flat floor: period, cycles, amplitude, drop, floor slope', () => {
    // 5-minute samples, a 10 h cycle (120 points) of 4 GiB over an 8 GiB floor, for a week.
    const s = series(
      sawtooth({ n: 2016, periodPoints: 120, amplitude: 4 * GIB, floor: 8 * GIB, noise: 50 * MIB }),
    );
    const saw = findSawtooth(s, detectSteps(s));
    expect(saw).not.toBeNull();
    expect(saw?.cycles).toBe(16); // 2016 / 120 = 16.8: the last, unfinished build-up has no drop
    expect(saw?.periodSeconds).toBe(10 * 3600);
    expect(Math.abs((saw?.amplitude as number) / (4 * GIB) - 1)).toBeLessThan(0.05);
    expect(Math.abs((saw?.typicalDrop as number) / (4 * GIB) - 1)).toBeLessThan(0.05);
    expect(Math.abs(saw?.floorSlopePerHour as number)).toBeLessThan(2 * MIB);
    // Peaks are the last sample of each build-up; troughs the lowest sample after each drop, which
    // the noise puts within the first few samples of the next build-up.
    expect(saw?.peakIndices.slice(0, 3)).toEqual([119, 239, 359]);
    saw?.troughIndices.forEach((trough, k) => {
      expect(trough - 120 * (k + 1)).toBeGreaterThanOrEqual(0);
      expect(trough - 120 * (k + 1)).toBeLessThan(8);
    });
    expect(saw?.startIndex).toBe(0);
    expect(saw?.endIndex).toBe(2015);
  });

  it('measures a rising floor (a leak hidden under reclaim)', () => {
    const s = series(
      sawtooth({
        n: 2016,
        periodPoints: 120,
        amplitude: 4 * GIB,
        floor: 8 * GIB,
        floorPerCycle: 200 * MIB,
        noise: 50 * MIB,
      }),
    );
    const saw = findSawtooth(s, detectSteps(s));
    expect(saw?.cycles).toBe(16);
    // 200 MiB per 10 h cycle = 20 MiB/h
    expect(Math.abs((saw?.floorSlopePerHour as number) / (20 * MIB) - 1)).toBeLessThan(0.1);
  });

  it('does not call a smooth daily wave a sawtooth (it falls as gently as it rises)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const s = series(
        diurnal({
          n: 2016,
          stepMs: 5 * MINUTE_MS,
          level: 8 * GIB,
          amplitude: GIB,
          phi: 0.9,
          noise: 30 * MIB,
          seed,
        }),
      );
      expect(findSawtooth(s, detectSteps(s)), `seed ${seed}`).toBeNull();
    }
  });

  it(`needs the fall to be ${FALL_TO_RISE_RATIO}× faster than the build-up`, () => {
    // A triangle wave: up in 60 points, down in 60 points.
    const values = Array.from({ length: 1200 }, (_, i) => {
      const phase = i % 120;
      return 8 * GIB + (phase < 60 ? phase : 120 - phase) * 50 * MIB;
    });
    expect(findSawtooth(series(values))).toBeNull();
  });

  it('starts after a one-off outsized drop (drop_caches) and ignores it as a cycle', () => {
    // 4 days of growth to 16 GiB, a drop to 2 GiB, then a 10 h sawtooth between ~5 and ~9 GiB.
    const before = Array.from({ length: 1152 }, (_, i) => 4 * GIB + (12 * GIB * i) / 1152);
    const after = sawtooth({
      n: 864,
      periodPoints: 120,
      amplitude: 4 * GIB,
      floor: 5 * GIB,
      noise: 20 * MIB,
      seed: 3,
    });
    const s = series([...before, ...after]);
    const saw = findSawtooth(s, detectSteps(s));
    expect(saw).not.toBeNull();
    // where the drop's step ends (the first sample, or the next when noise extends the fall)
    expect(saw?.startIndex).toBeGreaterThanOrEqual(1152);
    expect(saw?.startIndex).toBeLessThanOrEqual(1154);
    expect(saw?.cycles).toBe(7);
    expect(saw?.peakIndices[0]).toBeGreaterThan(1152);
  });

  it('uses timestamps: irregular sampling and gaps keep the period in hours', () => {
    const values = sawtooth({
      n: 1440,
      periodPoints: 60,
      amplitude: 2 * GIB,
      floor: 4 * GIB,
      noise: 10 * MIB,
    });
    const times: number[] = [];
    let now = Date.UTC(2026, 2, 1);
    for (let i = 0; i < values.length; i++) {
      times.push(now);
      now += i % 7 === 0 ? 2 * MINUTE_MS : MINUTE_MS; // every 7th interval is twice as long
    }
    values[300] = NaN;
    values[301] = NaN;
    const s = series(values, { times });
    const saw = findSawtooth(s, detectSteps(s));
    const expectedHours = (times[120] as number) - (times[60] as number);
    expect(Math.abs((saw?.periodSeconds as number) * 1000 - expectedHours)).toBeLessThanOrEqual(
      2 * MINUTE_MS,
    );
    expect((saw?.periodSeconds as number) * 1000).toBeGreaterThan(HOUR_MS);
  });

  it('needs three cycles', () => {
    const s = series(
      sawtooth({ n: 250, periodPoints: 120, amplitude: 4 * GIB, floor: 8 * GIB, noise: 20 * MIB }),
    );
    expect(findSawtooth(s, detectSteps(s))).toBeNull();
  });
});
