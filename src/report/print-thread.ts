/**
 * The print thread (started by src/report/printer.ts): owns one Chromium for a CLI run. It loads
 * puppeteer, launches the browser and warms a page while the main thread reads and analyses the inputs
 * and renders the charts, so none of that start-up waits for the main thread or delays it. It prints
 * what the main thread sends with the same guarded pages as in-process printing (src/report/pdf.ts).
 */

import { parentPort, workerData } from 'node:worker_threads';
import type { Browser } from 'puppeteer-core';
import { killBrowser, launchBrowser, renderPdf, renderPngs, warmUp } from './pdf.js';
import type { PrintReply, PrintRequest, PrintThreadOptions } from './printer.js';

const port = parentPort;
if (port === null) throw new Error('print-thread.ts runs as a worker thread');
const options = workerData as PrintThreadOptions;

const browser: Promise<Browser> = launchBrowser({ executablePath: options.executablePath });
// Ready once a page is warm; a failed warm-up is not fatal (the print itself would report the problem).
const ready = browser.then(async (started) => {
  await warmUp(started).catch(() => undefined);
  return started;
});
ready.then(
  () => port.postMessage({ kind: 'ready' } satisfies PrintReply),
  (error: unknown) => port.postMessage({ kind: 'ready', error: errorMessage(error) } satisfies PrintReply),
);

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function handle(request: PrintRequest): Promise<PrintReply> {
  const started = await ready;
  switch (request.kind) {
    case 'pdf': {
      const pdf = await renderPdf(request.html, { ...request.options, browser: started });
      return { kind: 'done', id: request.id, bytes: [pdf] };
    }
    case 'pngs': {
      const images = await renderPngs(request.svgs, { browser: started, scale: request.scale });
      return { kind: 'done', id: request.id, bytes: images };
    }
  }
}

port.on('message', (request: PrintRequest | { kind: 'close' }) => {
  if (request.kind === 'close') {
    void browser
      .then(killBrowser, () => undefined)
      .finally(() => port.postMessage({ kind: 'closed' } satisfies PrintReply));
    return;
  }
  handle(request).then(
    (reply) => {
      const buffers = reply.kind === 'done' ? reply.bytes.map((bytes) => bytes.buffer as ArrayBuffer) : [];
      port.postMessage(reply, buffers);
    },
    (error: unknown) =>
      port.postMessage({ kind: 'failed', id: request.id, error: errorMessage(error) } satisfies PrintReply),
  );
});
