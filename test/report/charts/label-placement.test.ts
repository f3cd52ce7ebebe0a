import { describe, expect, it } from 'vitest';
import {
  labelBox,
  overlaps,
  placeLabels,
  polylineObstacles,
  type LabelRequest,
} from '../../../src/report/charts/label-placement.js';
import { memoryChartContext, niceCeiling, placedLabels } from '../../../src/report/charts/memory-chart.js';
import { reclaimableCacheResult, sawtoothResult } from '../fixtures.js';

const request = (text: string, x: number, y: number): LabelRequest => ({
  text,
  fontSizePx: 10,
  anchor: { x, y },
  placements: ['right', 'left', 'below-right'],
});

describe('placeLabels', () => {
  it('moves a label that would cover an earlier one to its next candidate', () => {
    const [first, second] = placeLabels([request('-13 GiB', 100, 100), request('+2 GiB', 100, 102)], {
      width: 640,
      height: 300,
    });
    expect(first).toEqual(labelBox(request('-13 GiB', 100, 100), 'right'));
    expect(second).toEqual(labelBox(request('+2 GiB', 100, 102), 'left'));
    expect(overlaps(first!, second!)).toBe(false);
  });

  it('keeps labels inside the plot and off fixed obstacles', () => {
    const [box] = placeLabels([request('near the right edge', 630, 50)], { width: 640, height: 300 }, [
      { x: 0, y: 0, w: 600, h: 40 },
    ]);
    expect(box!.x + box!.w).toBeLessThanOrEqual(640);
    expect(box!.x).toBeLessThan(630);
  });

  it('prefers a place off the drawn lines, but crosses a line rather than cover a label', () => {
    const line = polylineObstacles([
      { x: 100, y: 0 },
      { x: 200, y: 200 },
    ]);
    // Boxes every 4 px at most along the segment.
    expect(line.length).toBeGreaterThanOrEqual(Math.ceil(Math.hypot(100, 200) / 4));
    const soft = polylineObstacles([
      { x: 100, y: 95 },
      { x: 300, y: 95 },
    ]);
    const [box] = placeLabels([request('x', 100, 100)], { width: 640, height: 300 }, [], soft);
    expect(soft.some((other) => overlaps(box!, other, 0))).toBe(false);
    expect(polylineObstacles([{ x: 1, y: 1 }, null, { x: 50, y: 50 }])).toHaveLength(2);
  });
});

describe('memory chart labels', () => {
  it('places every annotation label inside the plot, none covering another', () => {
    for (const result of [reclaimableCacheResult(), sawtoothResult()]) {
      const ctx = memoryChartContext(result)!;
      const labels = placedLabels(ctx);
      const all = [
        ...labels.steps,
        ...labels.trends,
        ...labels.floors,
        ...(labels.forecast ? [labels.forecast] : []),
      ];
      expect(all.length).toBeGreaterThan(2);
      for (const label of all) {
        expect(label.t).toBeGreaterThanOrEqual(ctx.startMs);
        expect(label.t).toBeLessThanOrEqual(ctx.axisEndMs);
        expect(label.v).toBeGreaterThanOrEqual(0);
        expect(label.v).toBeLessThanOrEqual(ctx.yMax);
      }
      const keys = all.map((l) => `${Math.round(l.t)}:${l.v.toFixed(3)}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('tops the y axis at a round number above everything drawn', () => {
    expect(niceCeiling(16)).toBe(18);
    expect(niceCeiling(7.78)).toBe(9);
    expect(niceCeiling(0.42)).toBe(0.45);
    expect(niceCeiling(0)).toBe(1);
    expect(memoryChartContext(reclaimableCacheResult())!.yMax).toBeGreaterThanOrEqual(16);
  });
});
