import { describe, expect, it } from 'vitest';
import { fleetView, hrefOf, renderFleetIndex } from '../../src/batch/fleet.js';
import { hostDirName } from '../../src/batch/host-name.js';
import { buildSummary, type HostRow, type OkHostRow } from '../../src/batch/summary.js';
import type { VerdictKind } from '../../src/model/result.js';

function ok(
  host: string,
  kind: VerdictKind,
  growthBytesPerHour: number,
  exhaustionAt: string | null = null,
): OkHostRow {
  const dir = hostDirName(host);
  return {
    host,
    status: 'ok',
    verdict: { kind, confidence: 0.9, summary: `summary of ${host}` },
    report: { html: `${dir}/report.html`, json: `${dir}/report.json` },
    growthBytesPerHour,
    growthPercentPerHour: null,
    forecast: { exhaustionAt },
    growthRobustZ: null,
    outlier: false,
    warnings: 0,
    sparkline: {
      unit: 'bytes',
      series: 'Used memory',
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-03-02T00:00:00.000Z',
      values: [1, 2, null, 4],
    },
  };
}

const rows: HostRow[] = [
  ok('calm-1', 'healthy', 1e5),
  ok('calm-2', 'healthy', 2e5),
  ok('calm-3', 'healthy', 1.5e5),
  ok('cache-1', 'reclaimable-cache', 3e5),
  ok('<script>alert(1)</script>', 'kernel-leak', 5e5),
  ok('leaky', 'leak', 9e8, '2026-03-09T21:36:00.000Z'),
  ok('maybe', 'suspected-leak', 4e5),
  { host: 'db-3', status: 'error', error: 'db-3/mem.csv: no usable time series (header only)' },
];
const summary = buildSummary(rows, { generatedAt: new Date('2026-03-10T00:00:00Z'), version: '0.0.0' });

describe('fleet index', () => {
  it('is static, offline HTML: CSP meta first in head, no script, no external URL', async () => {
    const html = await renderFleetIndex(summary);
    expect(html).toMatch(/<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('escapes host names in text and links', async () => {
    const html = await renderFleetIndex(summary);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`href="${hrefOf(`${hostDirName('<script>alert(1)</script>')}/report.html`)}"`);
    expect(html).toContain('href="%253Cscript%253Ealert%25281%2529%253C%252Fscript%253E/report.html"');
  });

  it('lists hosts in severity order with sparkline, growth, forecast and the outlier flag', async () => {
    const html = await renderFleetIndex(summary);
    const order = ['leaky', '&lt;script&gt;', 'maybe', 'cache-1', 'calm-2', 'calm-3', 'calm-1'].map((name) =>
      html.indexOf(`>${name}`),
    );
    for (const position of order) expect(position).toBeGreaterThan(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toMatch(/<svg class="spark"[^>]*>.*<path d="M[0-9. ML]+"/);
    expect(html).toContain('+858 MiB/h');
    expect(html).toContain('2026-03-09 21:36 UTC');
    const view = fleetView(summary);
    expect(view.hosts.filter((h) => h.outlier).map((h) => h.host)).toEqual(['leaky']);
    expect(html.match(/class="outlier-flag"/g)).toHaveLength(1);
    expect(html).toContain('Memory leak');
  });

  it('lists failed hosts with their error', async () => {
    const html = await renderFleetIndex(summary);
    expect(html).toContain('Hosts that could not be analysed (1)');
    expect(html).toContain('db-3/mem.csv: no usable time series (header only)');
    expect(fleetView(summary).failedCount).toBe(1);
  });
});
