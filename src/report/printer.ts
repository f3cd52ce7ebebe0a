/**
 * A Chromium in a worker thread (src/report/print-thread.ts), for one CLI run's PDF and chart images.
 * Started first thing, it boots in parallel with the analysis: loading puppeteer, launching Chromium,
 * connecting and warming a page take ~0.7 s on 2 cores, which would otherwise compete with the
 * analysis for the main thread (and wait for it: puppeteer's handshake needs that thread's event loop,
 * which a synchronous analysis holds). Batch runs print in process instead (src/batch/pdf-printer.ts), sharing one browser.
 */

import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.js';
import type { RenderPdfOptions } from './pdf.js';

export interface PrintThreadOptions {
  /** Chromium executable; default `$CHROMIUM_PATH`, else /usr/bin/chromium. */
  executablePath?: string | undefined;
}

/** What a print needs besides the HTML (the browser is the thread's; blocked URLs are not reported). */
export type PrintPdfOptions = Omit<RenderPdfOptions, 'browser' | 'onBlockedRequest'>;

/** @internal Messages between the printer and its thread. */
export type PrintRequest =
  | { kind: 'pdf'; id: number; html: string; options: PrintPdfOptions }
  | { kind: 'pngs'; id: number; svgs: string[]; scale?: number | undefined };
/** @internal */
export type PrintReply =
  | { kind: 'ready'; error?: string }
  | { kind: 'closed' }
  | { kind: 'done'; id: number; bytes: Uint8Array[] }
  | { kind: 'failed'; id: number; error: string };

export interface Printer {
  /** Resolves when Chromium is up and a page is warm; rejects with the reason it could not start. */
  readonly ready: Promise<void>;
  /** Print one HTML document to PDF bytes. */
  printPdf(html: string, options: PrintPdfOptions): Promise<Uint8Array>;
  /** SVG charts → PNG images (see renderPngs in src/report/pdf.ts). */
  renderPngs(svgs: string[], options?: { scale?: number }): Promise<Uint8Array[]>;
  /** Kill the browser and end the thread; pending work is rejected. */
  close(): Promise<void>;
}

/** Start the print thread now; it launches Chromium at once. Close it when done. */
export function startPrinter(options: PrintThreadOptions = {}): Printer {
  const worker = startModuleWorker(import.meta.url, 'print-thread', { workerData: options });
  return new ThreadPrinter(worker);
}

interface Pending {
  resolve: (bytes: Uint8Array[]) => void;
  reject: (error: Error) => void;
}

class ThreadPrinter implements Printer {
  readonly ready: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private ended: Error | null = null;
  private readonly exited: Promise<void>;
  private closed: (() => void) | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly worker: Worker) {
    let settleReady: { resolve: () => void; reject: (error: Error) => void } | undefined;
    this.ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
    // A caller that never awaits `ready` (no PDF after all) must not see an unhandled rejection.
    this.ready.catch(() => undefined);
    worker.on('message', (reply: PrintReply) => {
      if (reply.kind === 'closed') {
        this.closed?.();
        return;
      }
      if (reply.kind === 'ready') {
        if (reply.error === undefined) settleReady?.resolve();
        else settleReady?.reject(new Error(reply.error));
        return;
      }
      const pending = this.pending.get(reply.id);
      if (pending === undefined) return;
      this.pending.delete(reply.id);
      if (reply.kind === 'done') pending.resolve(reply.bytes.map((bytes) => new Uint8Array(bytes)));
      else pending.reject(new Error(reply.error));
    });
    this.exited = new Promise((resolve) => {
      const end = (error: Error): void => {
        this.ended ??= error;
        settleReady?.reject(error);
        for (const pending of this.pending.values()) pending.reject(error);
        this.pending.clear();
        resolve();
      };
      worker.once('error', (error) => end(error instanceof Error ? error : new Error(String(error))));
      worker.once('exit', (code) => end(new Error(`print thread exited (code ${code})`)));
    });
  }

  private request(build: (id: number) => PrintRequest): Promise<Uint8Array[]> {
    if (this.ended !== null) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(build(id));
    });
  }

  async printPdf(html: string, options: PrintPdfOptions): Promise<Uint8Array> {
    const [pdf] = await this.request((id) => ({ kind: 'pdf', id, html, options }));
    if (pdf === undefined) throw new Error('print thread returned no PDF');
    return pdf;
  }

  renderPngs(svgs: string[], options: { scale?: number } = {}): Promise<Uint8Array[]> {
    return this.request((id) => ({ kind: 'pngs', id, svgs, scale: options.scale }));
  }

  /**
   * The thread kills Chromium and waits for its profile to be removed; then the thread is ended. Every
   * call returns the same promise.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.ended === null) {
        const closed = new Promise<void>((resolve) => (this.closed = resolve));
        this.worker.postMessage({ kind: 'close' });
        await Promise.race([closed, this.exited]);
        await this.worker.terminate();
      }
      await this.exited;
    })();
    return this.closing;
  }
}
