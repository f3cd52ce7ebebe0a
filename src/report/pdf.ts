/**
 * HTML → PDF with the system Chromium (puppeteer-core, no browser download). The only module that
 * touches puppeteer, and only through a dynamic import, so JSON/Markdown/HTML output never loads it.
 *
 * The page is printed with JavaScript disabled and every request other than `data:` and
 * `about:blank` aborted (the template's CSP meta is a second layer); DNS is disabled for the whole
 * browser (`--host-resolver-rules`), so printing a report cannot reach the network.
 */

import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';

export type Paper = 'a4' | 'letter';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
/**
 * The binary behind Debian's /usr/bin/chromium, a shell wrapper that only adds desktop settings (its
 * extension loading, API keys, crash-report cleanup) and costs ~30 ms per launch.
 */
const DEBIAN_CHROMIUM_BINARY = '/usr/lib/chromium/chromium';

function defaultChromiumPath(): string {
  return existsSync(DEBIAN_CHROMIUM_BINARY) ? DEBIAN_CHROMIUM_BINARY : DEFAULT_CHROMIUM_PATH;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

function chromiumMissing(executablePath: string, reason?: string): Error {
  return new Error(
    `PDF output needs Chromium, but it was not found at ${executablePath}${reason ? ` (${reason})` : ''}. ` +
      'Install it with "apt-get install chromium fonts-dejavu-core", or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

export interface LaunchBrowserOptions {
  /** Chromium executable; default `$CHROMIUM_PATH`, else Debian's Chromium (/usr/bin/chromium). */
  executablePath?: string;
}

/**
 * Start a headless Chromium for printing, with a fresh temporary profile (removed when the browser
 * closes). The caller closes it; batch runs share one browser across many reports.
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? defaultChromiumPath();
  if (!existsSync(executablePath)) throw chromiumMissing(executablePath);
  const { default: puppeteer } = await import('puppeteer-core');
  // No userDataDir: puppeteer then creates a fresh temporary profile and deletes it on close.
  return puppeteer
    .launch({ executablePath, headless: true, pipe: true, args: CHROMIUM_ARGS, timeout: 60_000 })
    .catch((error: unknown) => {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw chromiumMissing(executablePath, `it failed to start: ${reason}`);
    });
}

/**
 * End a browser this process launched once its work is done: kill it rather than wait ~150 ms for a
 * graceful shutdown of a browser with nothing to save. Resolves once its temporary profile is removed.
 */
export async function killBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  if (child === null || child.pid === undefined) {
    await browser.close();
    return;
  }
  const profile = temporaryProfileOf(child.spawnargs);
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    // The whole process group (puppeteer starts Chromium as its own): a zygote or renderer outliving
    // the browser for a moment could write into the profile while it is being removed.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    await exited;
  }
  // puppeteer removes its temporary profile once the browser has exited; make sure of it, since a
  // browser killed mid-launch or mid-print does not always get there before this process ends.
  await browser.close().catch(() => undefined);
  if (profile !== null) await rm(profile, { recursive: true, force: true, maxRetries: 3 });
}

/** The `--user-data-dir` of a browser puppeteer started with a temporary profile, else null. */
function temporaryProfileOf(args: readonly string[]): string | null {
  const dir = args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  return dir !== undefined && basename(dir).startsWith('puppeteer_dev_chrome_profile-') ? dir : null;
}

/**
 * Load a renderer and the report's fonts in the browser's idle tab before the report is ready (the
 * first print otherwise pays for both), with the same guard as every print: JavaScript off, requests
 * blocked. The document is a constant of ours.
 */
export async function warmUp(browser: Browser): Promise<void> {
  await withPage(browser, undefined, async (page) => {
    await page.setContent(
      '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">' +
        "<style>body{font-family:'DejaVu Sans',sans-serif}code{font-family:'DejaVu Sans Mono',monospace}</style></head>" +
        '<body><h1>memautopsy</h1><p>Memory <b>postmortem</b> <i>report</i> <code>vm.vfs_cache_pressure</code></p>' +
        '<svg width="40" height="20"><text x="0" y="15" font-family="DejaVu Sans">GiB</text></svg></body></html>',
      { waitUntil: 'load', timeout: 30_000 },
    );
  });
}

export interface RenderPdfOptions {
  paper: Paper;
  /** A browser to print with (left open); without one, a browser is launched and closed again. */
  browser?: Browser;
  /** Shown in the page footer beside "Page X of Y" (when `footer` is not given). */
  host?: string | null;
  /** Running header text on every page (plain text; escaped here), e.g. the report's title and range. */
  header?: string;
  /** Footer text left of "Page X of Y" (plain text; escaped here); default "memautopsy · <host>". */
  footer?: string;
  /** Called with the URL of every request the page tried and that was blocked. */
  onBlockedRequest?: (url: string) => void;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const MARGIN_STYLE =
  "width:100%;margin:0 14mm;font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;color:#5b6472;" +
  'display:flex;justify-content:space-between;gap:2em;';

/** Chromium fills .pageNumber/.totalPages itself; the template gets no page JavaScript. */
function footerTemplate(text: string): string {
  return (
    `<div style="${MARGIN_STYLE}">` +
    `<span>${escapeHtml(text)}</span>` +
    '<span style="white-space:nowrap">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
  );
}

function headerTemplate(text: string | undefined): string {
  if (text === undefined || text === '') return '<span></span>';
  return `<div style="${MARGIN_STYLE}"><span>${escapeHtml(text)}</span></div>`;
}

function isAllowedUrl(url: string): boolean {
  return url === 'about:blank' || url.startsWith('data:');
}

/** Pages a print or a screenshot is using right now (so a shared browser's pages are never shared). */
const pagesInUse = new WeakSet<Page>();
/** Pages that have held a document of ours. */
const pagesUsed = new WeakSet<Page>();
/** Where a guarded page reports blocked requests during its current use. */
const blockedHandlers = new WeakMap<Page, ((url: string) => void) | undefined>();

/** JavaScript off and every request but `data:`/`about:blank` aborted, before any content arrives. */
async function guard(page: Page): Promise<void> {
  if (blockedHandlers.has(page)) return;
  blockedHandlers.set(page, undefined);
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (isAllowedUrl(url)) {
      void request.continue();
    } else {
      blockedHandlers.get(page)?.(url);
      void request.abort('blockedbyclient');
    }
  });
}

/**
 * A guarded page to print on: the browser's idle blank tab (the one it starts with) when there is one —
 * it is already running, while a new tab starts a renderer process — else a new tab, closed after use.
 */
async function withPage<T>(
  browser: Browser,
  onBlocked: ((url: string) => void) | undefined,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const idle = (await browser.pages()).find((page) => !pagesInUse.has(page) && page.url() === 'about:blank');
  const page = idle ?? (await browser.newPage());
  pagesInUse.add(page);
  try {
    // A page printed on before starts from a fresh document, so nothing of the last one (its CSP
    // included) carries over; `setContent` alone would rewrite the old document in place.
    if (pagesUsed.has(page)) await page.goto('about:blank');
    pagesUsed.add(page);
    await guard(page);
    blockedHandlers.set(page, onBlocked);
    return await use(page);
  } finally {
    blockedHandlers.set(page, undefined);
    try {
      // A tab opened for this print stays marked in use until it is closed: another concurrent print
      // must not take it for an idle blank tab while it is closing ("Target closed").
      if (idle === undefined) await page.close();
    } finally {
      pagesInUse.delete(page);
    }
  }
}

/** Print one HTML document to PDF bytes. */
export async function renderPdf(html: string, options: RenderPdfOptions): Promise<Uint8Array> {
  const ownBrowser = options.browser === undefined;
  const browser = options.browser ?? (await launchBrowser());
  try {
    return await withPage(browser, options.onBlockedRequest, async (page) => {
      await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
      return await page.pdf({
        format: options.paper === 'letter' ? 'letter' : 'a4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(options.header),
        footerTemplate: footerTemplate(
          options.footer ?? (options.host ? `memautopsy · ${options.host}` : 'memautopsy'),
        ),
        margin: { top: '16mm', right: '14mm', bottom: '18mm', left: '14mm' },
        timeout: 60_000,
      });
    });
  } finally {
    if (ownBrowser) await browser.close();
  }
}

/** Pixel size of an SVG from its root `width`/`height` attributes (Vega writes both). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attribute = (name: string): number => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1]);
  const width = attribute('width');
  const height = attribute('height');
  if (!(width > 0) || !(height > 0)) throw new Error('chart SVG has no width and height');
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

export interface RenderPngOptions {
  browser: Browser;
  /** Device pixels per CSS pixel; 2 keeps text sharp on high-density screens and in tickets. */
  scale?: number;
}

/**
 * SVG charts → PNG images with the same Chromium that prints the PDF (one page for all of them, with
 * JavaScript off and requests blocked like the PDF). The SVGs come from Vega, which escapes their text.
 */
export async function renderPngs(svgs: string[], options: RenderPngOptions): Promise<Uint8Array[]> {
  if (svgs.length === 0) return [];
  return withPage(options.browser, undefined, async (page) => {
    const images: Uint8Array[] = [];
    for (const svg of svgs) {
      const { width, height } = svgSize(svg);
      await page.setViewport({ width, height, deviceScaleFactor: options.scale ?? 2 });
      await page.setContent(
        '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">' +
          `<style>html,body{margin:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`,
        { waitUntil: 'load', timeout: 30_000 },
      );
      images.push(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } }));
    }
    return images;
  });
}
