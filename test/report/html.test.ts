import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { renderHtml } from '../../src/report/html.js';
import {
  ATTRIBUTE_PAYLOAD,
  AVAILABLE,
  hostileResult,
  reclaimableCacheResult,
  SCRIPT_PAYLOAD,
  USED,
} from './fixtures.js';

/** External references in attributes or CSS; the SVG namespace declarations are not fetched, so they are excluded. */
function externalReferences(html: string): string[] {
  const withoutNamespaces = html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
  return [
    ...withoutNamespaces.matchAll(
      /\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//gi,
    ),
    ...withoutNamespaces.matchAll(/url\(\s*["']?\s*(?:https?:)?\/\//gi),
    ...withoutNamespaces.matchAll(/@import/gi),
  ].map((m) => m[0]);
}

describe('renderHtml', () => {
  let html: string;
  let hostileHtml: string;
  let workDir: string;

  beforeAll(async () => {
    html = await renderHtml(reclaimableCacheResult());
    hostileHtml = await renderHtml(hostileResult());
    workDir = await mkdtemp(join(tmpdir(), 'memautopsy-html-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('starts <head> with the CSP meta and carries no script and no external reference', () => {
    expect(html).toMatch(
      /<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/,
    );
    for (const page of [html, hostileHtml]) {
      expect(page.toLowerCase()).not.toContain('<script');
      expect(externalReferences(page)).toEqual([]);
      // Nothing but the namespaces mentions a web address at all.
      expect(page.replace(/\sxmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/https?:\/\//);
    }
  });

  it('has every section with the values of the Result', () => {
    expect(html).toContain('<title>Memory postmortem: web-01</title>');
    for (const text of [
      'Reclaimable cache — not a leak',
      'Confidence 90%',
      '2026-03-02 00:00 – 2026-03-05 00:00 UTC',
      '2026-03-05 09:30 UTC',
      'memautopsy 0.1.0',
      'MemAvailable stayed flat',
      'Steady growth',
      '+240 MiB/h (Sen&#x27;s slope)',
      '-10.7 GiB (drop_caches)',
      'would reach all 16 GiB at 2026-03-06 01:04 UTC',
      'Largest slab caches',
      'ext4_inode_cache',
      '7.9 GiB',
      '<code>vm.vfs_cache_pressure</code> = <code>200</code>',
      'rm /etc/sysctl.d/90-memautopsy.conf',
      'web-01-datadog.csv',
      'datadog-csv',
      'duplicate-timestamps',
      'web-01-datadog.csv:12',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/font-family: ['"]DejaVu Sans['"]/);
    expect(html).toMatch(/@page\s*{[^}]*margin/);
    expect(html).toContain('break-inside: avoid');
  });

  it('inlines exactly one chart SVG with the series and trend labels', () => {
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).toMatch(/<figure class="chart-figure">\s*<svg/);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain(USED);
    expect(svg).toContain(AVAILABLE);
    expect(svg).toContain('+240 MiB/h');
  });

  it('escapes input-derived text everywhere, including inside the chart SVG', () => {
    expect(hostileHtml).not.toContain(SCRIPT_PAYLOAD);
    expect(hostileHtml).not.toContain(ATTRIBUTE_PAYLOAD);
    expect(hostileHtml).not.toContain('<img');
    expect(hostileHtml).not.toContain('<b>dentry');
    expect(hostileHtml.match(/<svg/g)).toHaveLength(1);
    expect(hostileHtml).toContain('web-01&lt;script&gt;alert(1)&lt;/script&gt;');
    const svg = hostileHtml.slice(hostileHtml.indexOf('<svg'), hostileHtml.indexOf('</svg>'));
    expect(svg).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
    expect(svg).toContain('drop &lt;script&gt;alert(1)&lt;/script&gt;');
    // Handlebars escapes quotes too, so the payload cannot close an attribute in the page.
    expect(hostileHtml).toContain('&quot;&gt;&lt;svg onload&#x3D;alert(2)&gt;.csv');
    expect(hostileHtml).toContain('bad cell &lt;img src&#x3D;x onerror&#x3D;alert(3)&gt;');
  });

  it('shows a note instead of a chart when there are no lines', async () => {
    const result = reclaimableCacheResult();
    result.chart = { primary: null, lines: [], totalBytes: null };
    const page = await renderHtml(result);
    expect(page).not.toContain('<svg');
    expect(page).toContain('No time series to chart.');
  });

  it('lets a template folder override one partial and keeps the bundled rest', async () => {
    const dir = join(workDir, 'override');
    await mkdir(join(dir, 'partials'), { recursive: true });
    await writeFile(
      join(dir, 'partials', 'summary.hbs'),
      '<section class="custom">Verdict for {{hostLabel}}: {{verdict.label}} ({{percent verdict.confidence}})</section>\n',
    );
    const page = await renderHtml(hostileResult(), { templateDir: dir });
    expect(page).toContain('<section class="custom">Verdict for web-01&lt;script&gt;');
    expect(page).toContain('Reclaimable cache — not a leak (90%)');
    expect(page).not.toContain('summary-heading');
    expect(page).toContain('findings-heading');
    expect(page).toContain('Content-Security-Policy');
  });

  it('lets a template folder override the stylesheet', async () => {
    const dir = join(workDir, 'css');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'report.css'), 'body { font-family: "DejaVu Serif"; }\n');
    const page = await renderHtml(reclaimableCacheResult(), { templateDir: dir });
    expect(page).toContain('body { font-family: "DejaVu Serif"; }');
    expect(page).not.toContain('--ink');
  });

  it('names the template file and line of a syntax error', async () => {
    const dir = join(workDir, 'broken');
    await mkdir(join(dir, 'partials'), { recursive: true });
    await writeFile(join(dir, 'partials', 'findings.hbs'), '<p>\n{{#each findings}}\n');
    const error: unknown = await renderHtml(reclaimableCacheResult(), { templateDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(join(dir, 'partials', 'findings.hbs'));
    expect((error as InputError).message).toMatch(/^template error/);
  });

  it('rejects a template folder that does not exist', async () => {
    await expect(
      renderHtml(reclaimableCacheResult(), { templateDir: join(workDir, 'missing') }),
    ).rejects.toBeInstanceOf(InputError);
  });
});
