import { describe, expect, it } from 'vitest';
import { sparklineOf, sparklinePath } from '../../src/batch/sparkline.js';
import type { Result } from '../../src/model/result.js';

describe('sparklinePath', () => {
  it('scales to the values own range, top = max, and uses only M/L, digits and spaces', () => {
    const path = sparklinePath([0, 5, 10], 100, 20);
    expect(path.d).toBe('M2.0 18.0 L50.0 10.0 L98.0 2.0');
    expect(path.d).toMatch(/^[ML0-9. ]+$/);
    expect(path.end).toEqual({ x: 98, y: 2 });
  });

  it('breaks the line at gaps and draws a flat series in the middle', () => {
    expect(sparklinePath([1, null, 3, 4], 100, 20).d.match(/M/g)).toHaveLength(2);
    expect(sparklinePath([7, 7, 7], 100, 20).d).toBe('M2.0 10.0 L50.0 10.0 L98.0 10.0');
    expect(sparklinePath([null, null]).d).toBe('');
  });
});

describe('sparklineOf', () => {
  it('averages the primary chart line into equal time buckets, gaps as null', () => {
    const points: [number, number | null][] = [];
    for (let i = 0; i < 100; i++) points.push([i * 1000, i < 40 || i >= 60 ? i : null]);
    const result = {
      chart: {
        primary: 'used',
        totalBytes: null,
        lines: [
          { series: 'other', label: 'Other', metric: 'other', unit: 'bytes', points: [[0, 1]] },
          { series: 'used', label: 'Used memory', metric: 'mem.used', unit: 'bytes', points },
        ],
      },
    } as unknown as Result;
    const spark = sparklineOf(result, 10);
    expect(spark?.series).toBe('Used memory');
    expect(spark?.values).toHaveLength(10);
    expect(spark?.values[0]).toBe(5); // mean of 0..9 (rounded to whole bytes: 4.5 → 5)
    expect(spark?.values[4]).toBeNull();
    expect(spark?.values[5]).toBeNull();
    expect(spark?.start).toBe('1970-01-01T00:00:00.000Z');
  });
});
