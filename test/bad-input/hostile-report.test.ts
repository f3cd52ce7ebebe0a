// Hostile input text end to end (issue 8): series names, legends, host labels, marks and file names that
// carry <script>, SVG onload and javascript: payloads go through `bin/memautopsy analyze` to HTML,
// Markdown and PDF. None of it may become markup, and printing the HTML must run no script and send no
// request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf } from '../../src/report/pdf.js';
import { runCli } from '../helpers/cli.js';

/** A script that, if it ran, would replace the whole page with this marker. */
const SCRIPT = `<script>document.body.textContent='SCRIPT-RAN'</script>`;
/** Would fetch from the network when parsed as markup. */
const SVG = `"><svg onload=alert(1)><image href="http://127.0.0.1:9/svg.png"/></svg>`;
const IMG = `'><img src="http://127.0.0.1:9/img.png" onerror="alert(2)">`;
const JS_URL = 'javascript:alert(3)';

const START_MS = Date.UTC(2026, 2, 1);

/** Prometheus matrix JSON: the series' labels and its instance (the host) carry payloads. */
function prometheusJson(): string {
  const values = Array.from({ length: 120 }, (_, i) => [START_MS / 1000 + i * 600, String(4e9 + i * 2e7)]);
  return JSON.stringify({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        {
          metric: {
            __name__: 'node_memory_MemAvailable_bytes',
            instance: `${IMG}${SCRIPT}`,
            job: `${SVG} ${JS_URL}`,
          },
          values,
        },
      ],
    },
  });
}

/** A Grafana CSV whose column legends are payloads (CSV-quoted). */
function grafanaCsv(): string {
  const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;
  const header = ['Time', `${SCRIPT} used`, `${SVG} cached`, `${JS_URL} free`].map(quote).join(',');
  const rows = Array.from(
    { length: 120 },
    (_, i) => `${START_MS + i * 600_000},${4e9 + i * 2e7},${2e9},${8e9 - i * 1e7}`,
  );
  return `${header}\n${rows.join('\n')}\n`;
}

/** Markup outside text: script elements, on… attributes, javascript: in a URL attribute. */
function executableMarkup(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const tag = match[0];
    if (/^<script\b/i.test(tag)) found.push(tag);
    if (/\son[a-z]+\s*=/i.test(tag)) found.push(tag);
    if (/\s(?:href|src|xlink:href|action|formaction)\s*=\s*["']?\s*javascript:/i.test(tag)) found.push(tag);
    if (/^<(?:img|iframe|object|embed|image)\b/i.test(tag) && /127\.0\.0\.1/.test(tag)) found.push(tag);
  }
  return found;
}

describe.each([
  { kind: 'Prometheus labels and host', name: `${IMG.replace(/\//g, '')}.json`, text: prometheusJson },
  { kind: 'Grafana legends', name: `${JS_URL}${SVG.replace(/\//g, '')}.csv`, text: grafanaCsv },
])('hostile $kind', ({ name, text }) => {
  let dir: string;
  let outDir: string;
  let html: string;
  let markdown: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'memautopsy-hostile-'));
    outDir = join(dir, 'out');
    const input = join(dir, name);
    writeFileSync(input, text());
    const run = runCli([
      'analyze',
      input,
      '--format',
      'html,md,pdf',
      '-o',
      outDir,
      '--mark',
      `2026-03-01T06:00:00Z=${SCRIPT}${SVG}`,
    ]);
    // Warnings ("states no unit") are expected on stderr; the run itself succeeds.
    expect(run.status, run.stderr).toBe(0);
    html = readFileSync(join(outDir, 'report.html'), 'utf8');
    markdown = readFileSync(join(outDir, 'report.md'), 'utf8');
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the HTML shows the payloads as text and holds no executable markup from them', () => {
    expect(executableMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    // The text is there, escaped: the user still sees what the input said.
    expect(html).toMatch(/&lt;script&gt;|&#60;script&#62;|&#x3C;script&#x3E;/i);
  });

  it('the Markdown escapes the payloads', () => {
    expect(markdown).not.toMatch(/(?<!\\)<script/i);
    expect(markdown).not.toMatch(/(?<!\\)<svg/i);
    expect(markdown).not.toMatch(/(?<!\\)<img/i);
    expect(markdown).not.toMatch(/\]\(\s*javascript:/i);
    // Every chart or file the Markdown links to stays inside the output folder.
    for (const link of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = link[1] as string;
      expect(target.startsWith('/') || target.includes('..')).toBe(false);
    }
    expect(readdirSync(outDir).every((entry) => !entry.includes('<'))).toBe(true);
  });

  it('printing the HTML runs no script and sends no request', async () => {
    const blocked: string[] = [];
    const pdf = await renderPdf(html, { paper: 'a4', onBlockedRequest: (url) => blocked.push(url) });
    expect(blocked).toEqual([]);
    const file = join(dir, 'reprint.pdf');
    writeFileSync(file, pdf);
    const printed = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(printed).not.toContain('SCRIPT-RAN');
    // The report itself printed (a script replacing the page would leave only the marker).
    expect(printed).toMatch(/memautopsy|verdict|Verdict/);
    const cliPdf = execFileSync('pdftotext', [join(outDir, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(cliPdf).not.toContain('SCRIPT-RAN');
  }, 120_000);
});
