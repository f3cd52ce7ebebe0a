import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/report/index.js';
import { launchBrowser, renderPdf, renderPngs, svgSize } from '../../src/report/pdf.js';
import { renderCharts } from '../../src/report/figures.js';
import { renderHtml } from '../../src/report/html.js';
import { hostileResult, reclaimableCacheResult } from './fixtures.js';

const pdfinfo = (file: string): string => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pdftotext = (file: string): string =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdffonts = (file: string): string => execFileSync('pdffonts', [file], { encoding: 'utf8' });

function pageSizePts(info: string): [number, number] {
  const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  if (!match) throw new Error(`no page size in pdfinfo output:\n${info}`);
  return [Number(match[1]), Number(match[2])];
}

const pageCount = (info: string): number => Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);

/** A page that rewrites its text if JavaScript runs, and asks for an image from the network. */
const PROBE_HTML = `<!doctype html><html><head><meta charset="utf-8"></head><body>
<p id="marker">JavaScript did not run</p>
<script>document.getElementById('marker').textContent = 'JAVASCRIPT RAN';</script>
<img src="http://127.0.0.1:9/x" alt="">
</body></html>`;

describe('renderPdf (real Chromium)', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'memautopsy-pdf-'));
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the report on A4 with embedded fonts, the host, the verdict and page numbers', async () => {
    const result = reclaimableCacheResult();
    const pdf = await render(result, 'pdf', { paper: 'a4', browser });
    const file = join(dir, 'a4.pdf');
    await writeFile(file, pdf);
    const info = pdfinfo(file);
    expect(pageCount(info)).toBeGreaterThanOrEqual(1);
    const [width, height] = pageSizePts(info);
    expect(width).toBeCloseTo(595, -1);
    expect(height).toBeCloseTo(842, -1);
    // Without fonts Chromium prints blank text silently; embedded fonts carry a FontDescriptor.
    expect(Buffer.from(pdf).includes('/FontDescriptor')).toBe(true);
    const text = pdftotext(file);
    expect(text).toContain('web-01');
    expect(text).toContain('Reclaimable cache — not a leak');
    expect(text).toContain('+240 MiB/h');
    expect(text).toMatch(/Page 1 of \d/);
    // Title block on every page: host and time range above, tool version and generation time below.
    expect(text).toContain('Memory postmortem · web-01 · 2026-03-02 00:00 – 2026-03-05 00:00 UTC');
    expect(text).toContain('memautopsy 0.1.0 · generated 2026-03-05 09:30 UTC');
    for (const heading of ['Summary', 'Impact', 'Timeline', 'Analysis', 'Recommendations', 'Action items']) {
      expect(text).toMatch(new RegExp(`\\d\\s+${heading}\\n`));
    }
    // Every font is embedded (a subset), and it is the DejaVu the CSS and the charts name.
    const fonts = pdffonts(file)
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/DejaVu/);
      expect(line).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
    expect(browser.connected).toBe(true);
  });

  it('prints US letter through render(), launching and closing its own browser', async () => {
    const pdf = await render(reclaimableCacheResult(), 'pdf', { paper: 'letter' });
    const file = join(dir, 'letter.pdf');
    await writeFile(file, pdf);
    const [width, height] = pageSizePts(pdfinfo(file));
    expect(width).toBeCloseTo(612, -1);
    expect(height).toBeCloseTo(792, -1);
  });

  it('shows hostile input as literal text', async () => {
    const result = hostileResult();
    const pdf = await renderPdf(await renderHtml(result), { paper: 'a4', browser, host: result.host });
    const file = join(dir, 'hostile.pdf');
    await writeFile(file, pdf);
    const text = pdftotext(file);
    expect(text).toContain('web-01<script>alert(1)</script>');
    expect(text).toContain('"><svg onload=alert(2)>.csv');
  });

  it('screenshots chart SVGs to PNG at twice their size, with the same guards as the PDF', async () => {
    const charts = await renderCharts(reclaimableCacheResult());
    const pngs = await renderPngs(
      charts.map((chart) => chart.svg),
      { browser },
    );
    expect(pngs).toHaveLength(charts.length);
    pngs.forEach((png, i) => {
      const bytes = Buffer.from(png);
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const { width, height } = svgSize(charts[i]!.svg);
      expect(bytes.readUInt32BE(16)).toBe(2 * width);
      expect(bytes.readUInt32BE(20)).toBe(2 * height);
    });
    expect((await browser.pages()).length).toBeLessThanOrEqual(1);
  });

  it('runs no JavaScript and blocks every network request', async () => {
    const blocked: string[] = [];
    const pdf = await renderPdf(PROBE_HTML, {
      paper: 'a4',
      browser,
      onBlockedRequest: (url) => blocked.push(url),
    });
    const file = join(dir, 'probe.pdf');
    await writeFile(file, pdf);
    const text = pdftotext(file);
    expect(text).toContain('JavaScript did not run');
    expect(text).not.toContain('JAVASCRIPT RAN');
    expect(blocked).toEqual(['http://127.0.0.1:9/x']);
  });

  it('control: the same probe page, with JavaScript and requests allowed, does run and request', async () => {
    // Shows the probe is a real test: without renderPdf's guards the script runs and the image is fetched.
    const page = await browser.newPage();
    try {
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.setContent(PROBE_HTML, { waitUntil: 'load' });
      expect(await page.$eval('#marker', (el) => el.textContent)).toBe('JAVASCRIPT RAN');
      expect(requested).toContain('http://127.0.0.1:9/x');
    } finally {
      await page.close();
    }
  });

  it('closes its pages, leaving a shared browser as it found it', async () => {
    const before = (await browser.pages()).length;
    await renderPdf('<p>x</p>', { paper: 'a4', browser });
    expect((await browser.pages()).length).toBe(before);
  });

  it('explains how to install Chromium when it is missing', async () => {
    const error: unknown = await launchBrowser({ executablePath: join(dir, 'no-such-chromium') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(join(dir, 'no-such-chromium'));
    expect(message).toContain('apt-get install chromium fonts-dejavu-core');
    expect(message).toContain('CHROMIUM_PATH');
  });
});

describe('puppeteer stays out of the other renderers', () => {
  it('is imported only by pdf.ts, and only dynamically (or by the print thread)', async () => {
    const root = join(import.meta.dirname, '..', '..', 'src', 'report');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const source = await readFile(join(root, file), 'utf8');
      // Static value imports (type-only imports are erased at compile time).
      const staticImports = [
        ...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm),
      ].map((m) => m[1]);
      expect(staticImports, file).not.toContain('puppeteer-core');
      // The print thread is a worker entry started only to print (printer.ts); nothing imports it.
      if (file !== 'print-thread.ts') expect(staticImports, file).not.toContain('./pdf.js');
      expect(staticImports, file).not.toContain('./print-thread.js');
      if (file !== 'pdf.ts') expect(source, file).not.toMatch(/import\(\s*'puppeteer-core'\s*\)/);
    }
    const pdfSource = await readFile(join(root, 'pdf.ts'), 'utf8');
    expect(pdfSource).toMatch(/await import\('puppeteer-core'\)/);
  });
});
