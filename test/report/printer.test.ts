// The CLI's print thread (src/report/printer.ts): real Chromium in a worker thread, the same guarded
// pages as in-process printing, and a clean end (browser gone, temporary profile removed).
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrinter, type Printer } from '../../src/report/printer.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('startPrinter (real Chromium in a worker thread)', () => {
  let printer: Printer;
  let dir: string;
  let server: Server;
  let port = 0;
  const requestsSeen: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'memautopsy-printer-'));
    server = createServer((request, response) => {
      requestsSeen.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    printer = startPrinter();
    await printer.ready;
  });

  afterAll(async () => {
    await printer?.close();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('prints PDF with page numbers, scripts off and requests blocked', async () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"></head><body>
<p id="marker">JavaScript did not run</p>
<script>document.getElementById('marker').textContent = 'JAVASCRIPT RAN';</script>
<img src="http://127.0.0.1:${port}/beacon.png" alt="">
<link rel="stylesheet" href="http://127.0.0.1:${port}/style.css">
</body></html>`;
    const pdf = await printer.printPdf(html, { paper: 'letter', footer: 'memautopsy · printer-test' });
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'probe.pdf');
    await writeFile(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('JavaScript did not run');
    expect(text).not.toContain('JAVASCRIPT RAN');
    expect(text).toMatch(/memautopsy · printer-test\s+Page 1 of 1/);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+612 x 792 pts/);
    expect(requestsSeen).toEqual([]);
  });

  it('prints several documents at once, each to its own PDF', async () => {
    const pdfs = await Promise.all(
      ['first', 'second', 'third'].map((word) =>
        printer.printPdf(`<!doctype html><p>${word} document</p>`, { paper: 'a4' }),
      ),
    );
    const texts = await Promise.all(
      pdfs.map(async (pdf, i) => {
        const file = join(dir, `doc-${i}.pdf`);
        await writeFile(file, pdf);
        return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      }),
    );
    expect(texts[0]).toContain('first document');
    expect(texts[1]).toContain('second document');
    expect(texts[2]).toContain('third document');
  });

  it('renders SVG charts to PNG at twice their size', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#0072b2"/></svg>';
    const [png] = await printer.renderPngs([svg]);
    expect([...(png ?? new Uint8Array()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const view = new DataView((png as Uint8Array).buffer, (png as Uint8Array).byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([240, 80]);
  });
});

describe('startPrinter without Chromium', () => {
  it('reports why on ready and on every print, and closes cleanly', async () => {
    const printer = startPrinter({ executablePath: join(tmpdir(), 'no-such-dir', 'chromium') });
    await expect(printer.ready).rejects.toThrow(/PDF output needs Chromium, but it was not found at/);
    await expect(printer.printPdf('<p>x</p>', { paper: 'a4' })).rejects.toThrow(/needs Chromium/);
    await printer.close();
    await expect(printer.printPdf('<p>x</p>', { paper: 'a4' })).rejects.toThrow();
  });
});

describe('closing the printer', () => {
  it('kills its Chromium and removes the temporary profile', async () => {
    const profilesBefore = new Set(
      (await readdir(tmpdir())).filter((name) => name.startsWith('puppeteer_dev_chrome_profile-')),
    );
    const printer = startPrinter();
    await printer.ready;
    const profiles = (await readdir(tmpdir())).filter(
      (name) => name.startsWith('puppeteer_dev_chrome_profile-') && !profilesBefore.has(name),
    );
    expect(profiles.length).toBeGreaterThanOrEqual(1);
    await printer.close();
    const left = new Set(await readdir(tmpdir()));
    // Other tests may start browsers meanwhile; this printer's own profile is gone.
    expect(profiles.filter((name) => left.has(name)).length).toBeLessThan(profiles.length);
    await expect(printer.printPdf('<p>x</p>', { paper: 'a4' })).rejects.toThrow(/print thread exited/);
  });
});
