/**
 * PDFs for a batch: one shared Chromium, a few pages printing at once. Launching Chromium costs about a
 * second; a page costs tens of milliseconds, so a fleet pays the launch once. If the browser dies mid-run
 * the next PDF relaunches it (the host whose PDF failed is recorded as failed).
 */

import type { Browser } from 'puppeteer-core';
import type { Paper } from '../report/pdf.js';

/** Pages printing at once: Chromium's renderer work is mostly serial per page; 3 keeps 2–4 cores busy. */
export const DEFAULT_PDF_PAGES = 3;

export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  private constructor(
    private readonly paper: Paper,
    readonly pages: number,
  ) {}

  /** Launch the browser now, so a missing Chromium fails the run before any host is processed. */
  static async start(paper: Paper, pages = DEFAULT_PDF_PAGES): Promise<PdfPrinter> {
    const printer = new PdfPrinter(paper, Math.max(1, pages));
    await printer.connectedBrowser();
    return printer;
  }

  private async connectedBrowser(): Promise<Browser> {
    const pending = this.browser;
    if (pending !== null) {
      const current = await pending.catch(() => null);
      if (current !== null && current.connected) return current;
    }
    const { launchBrowser } = await import('../report/pdf.js');
    // Another print may have relaunched while we waited: use its browser rather than a second one.
    if (this.browser !== pending) return this.connectedBrowser();
    this.browser = launchBrowser();
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.pages) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.active--;
  }

  async print(html: string, host: string): Promise<Uint8Array> {
    await this.acquire();
    try {
      const browser = await this.connectedBrowser();
      const { renderPdf } = await import('../report/pdf.js');
      return await renderPdf(html, { paper: this.paper, host, browser });
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => null);
    this.browser = null;
    await browser?.close().catch(() => undefined);
  }
}
