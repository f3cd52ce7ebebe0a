import { describe, expect, it } from 'vitest';
import {
  byteAxis,
  lineColors,
  OKABE_ITO,
  onePerMetric,
  timeAxis,
} from '../../../src/report/charts/common.js';
import { AVAILABLE, reclaimableCacheResult } from '../fixtures.js';
import { textWidthPx, vegaTextWidth } from '../../../src/report/charts/text-metrics.js';

describe('chart helpers', () => {
  it('gives each metric its own colour, and a free palette colour to repeats and unknown metrics', () => {
    expect(lineColors(['mem.used', 'mem.available'])).toEqual(['#0072B2', '#009E73']);
    const colors = lineColors(['mem.used', 'mem.used', 'other']);
    expect(colors[0]).toBe('#0072B2');
    expect(new Set(colors).size).toBe(3);
    for (const color of colors) expect(OKABE_ITO).toContain(color);
  });

  it('picks MiB below 1 GiB and GiB above', () => {
    expect(byteAxis(512 * 2 ** 20)).toEqual({ divisor: 2 ** 20, unit: 'MiB' });
    expect(byteAxis(16 * 2 ** 30)).toEqual({ divisor: 2 ** 30, unit: 'GiB' });
  });

  it('labels days over long spans and hours over short ones, always in UTC', () => {
    const week = timeAxis(7 * 86_400_000);
    expect(week.scale.type).toBe('utc');
    expect(week.axis.format).toBe('%b %d');
    expect(week.axis.tickCount).toEqual({ interval: 'day', step: 1 });
    expect(timeAxis(30 * 86_400_000).axis.tickCount).toEqual({ interval: 'day', step: 4 });
    expect(timeAxis(6 * 3_600_000).axis.format).toBe('%b %d %H:%M');
  });
});

describe('text metrics', () => {
  it("measures DejaVu Sans with its own advance widths, not Vega's 0.8 em guess", () => {
    // "Mar 02" in DejaVu Sans at 10 px: M 8.63, a 6.13, r 4.11, space 3.18, 0 and 2 6.36 each.
    expect(textWidthPx('Mar 02', 10)).toBeCloseTo(34.77, 1);
    expect(textWidthPx('Mar 02', 10)).toBeLessThan(0.8 * 6 * 10);
    expect(textWidthPx('W', 10, true)).toBeGreaterThan(textWidthPx('W', 10));
  });

  it('caps the width at the item limit, where Vega cuts the text', () => {
    expect(vegaTextWidth({ fontSize: 10, limit: 20 }, 'a long label here')).toBe(20);
    expect(vegaTextWidth({ fontSize: 10 }, 'a long label here')).toBeGreaterThan(20);
    expect(vegaTextWidth({ fontSize: 10, fontWeight: 'bold' }, 'ab')).toBeCloseTo(
      textWidthPx('ab', 10, true),
      10,
    );
    expect(vegaTextWidth({}, null)).toBe(0);
  });
});

describe('onePerMetric', () => {
  it('keeps one line per metric: the primary, else one from its file, else the one with most points', () => {
    const result = reclaimableCacheResult();
    const available = result.chart.lines.find((line) => line.series === AVAILABLE)!;
    const sparse = {
      ...available,
      series: 'meminfo-log MemAvailable',
      label: 'x',
      points: available.points.slice(0, 10),
    };
    const denseOther = { ...available, series: 'other-file MemAvailable', label: 'y' };
    result.inputs.push({
      file: 'other.log',
      format: 'meminfo',
      series: [sparse.series, denseOther.series],
      warnings: 0,
    });
    // The primary's file (web-01-datadog.csv) holds AVAILABLE: it wins over a denser line elsewhere.
    const kept = onePerMetric([...result.chart.lines, sparse, denseOther], result).map((l) => l.series);
    expect(kept).toContain(AVAILABLE);
    expect(kept).not.toContain(sparse.series);
    expect(kept).not.toContain(denseOther.series);
    // Without it, the line with more points wins.
    const withoutPrimaryFile = onePerMetric([sparse, denseOther], result).map((l) => l.series);
    expect(withoutPrimaryFile).toEqual([denseOther.series]);
  });
});
