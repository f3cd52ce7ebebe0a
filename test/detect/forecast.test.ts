import { describe, expect, it } from 'vitest';
import { forecastExhaustion, lineValueAt } from '../../src/detect/forecast.js';

const GIB = 1024 ** 3;
const HOUR_MS = 3_600_000;
const LAST_MS = Date.UTC(2026, 2, 2);

describe('forecastExhaustion', () => {
  it('extends the fitted line from the last time to the limit', () => {
    const at = forecastExhaustion({
      lastTimeMs: LAST_MS,
      fittedLastValue: 8 * GIB,
      slopePerHour: GIB / 4,
      limit: 16 * GIB,
    });
    expect(at).toBe(LAST_MS + 32 * HOUR_MS);
    expect(new Date(at as number).toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });

  it('is null when the trend is flat or falling', () => {
    expect(
      forecastExhaustion({ lastTimeMs: LAST_MS, fittedLastValue: 8 * GIB, slopePerHour: 0, limit: 16 * GIB }),
    ).toBeNull();
    expect(
      forecastExhaustion({
        lastTimeMs: LAST_MS,
        fittedLastValue: 8 * GIB,
        slopePerHour: -GIB,
        limit: 16 * GIB,
      }),
    ).toBeNull();
  });

  it('is null when the fitted value is already at or beyond the limit, or an input is not finite', () => {
    expect(
      forecastExhaustion({
        lastTimeMs: LAST_MS,
        fittedLastValue: 16 * GIB,
        slopePerHour: GIB,
        limit: 16 * GIB,
      }),
    ).toBeNull();
    expect(
      forecastExhaustion({
        lastTimeMs: LAST_MS,
        fittedLastValue: 17 * GIB,
        slopePerHour: GIB,
        limit: 16 * GIB,
      }),
    ).toBeNull();
    expect(
      forecastExhaustion({ lastTimeMs: LAST_MS, fittedLastValue: NaN, slopePerHour: GIB, limit: 16 * GIB }),
    ).toBeNull();
    expect(
      forecastExhaustion({
        lastTimeMs: LAST_MS,
        fittedLastValue: 8 * GIB,
        slopePerHour: GIB,
        limit: Infinity,
      }),
    ).toBeNull();
  });

  it('works in percent as well as bytes (units only need to agree)', () => {
    expect(
      forecastExhaustion({ lastTimeMs: LAST_MS, fittedLastValue: 60, slopePerHour: 2.5, limit: 100 }),
    ).toBe(LAST_MS + 16 * HOUR_MS);
  });
});

describe('lineValueAt', () => {
  it('evaluates a line given by its start value and slope per hour', () => {
    const line = { startMs: LAST_MS, interceptAtStart: 100, slopePerHour: 10 };
    expect(lineValueAt(line, LAST_MS)).toBe(100);
    expect(lineValueAt(line, LAST_MS + 90 * 60_000)).toBe(115);
  });
});
