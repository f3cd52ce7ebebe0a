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

/** A script that, if it ran, would replace the whole page with SCRIPT-RAN (a text the payload lacks). */
const SCRIPT = `<script>document.body.textContent='SCRIPT'+'-RAN'</script>`;
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
            // Backticks try to close the Markdown code fences the host is quoted in.
            instance: `${IMG}\`\`\`${SCRIPT}`,
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

/** Tags with their attributes (values quoted or bare; escaped text inside a value stays in it). */
const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=>"'/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g;

/** Markup that could run or fetch: script elements, on… handlers, javascript: URLs, the payload's hosts. */
function executableMarkup(html: string): string[] {
  const found: string[] = [];
  for (const [tag, name, attributes] of html.matchAll(TAG)) {
    if (/^script$/i.test(name as string)) found.push(tag);
    for (const [, attribute, rawValue] of (attributes ?? '').matchAll(ATTRIBUTE)) {
      const value = (rawValue ?? '').replace(/^["']|["']$/g, '');
      if (/^on/i.test(attribute as string)) found.push(tag);
      if (/^(?:href|src|xlink:href|action|formaction)$/i.test(attribute as string)) {
        if (/^\s*javascript:/i.test(value) || value.includes('127.0.0.1')) found.push(tag);
      }
    }
  }
  return found;
}

/** Markdown outside fenced code blocks (inside them nothing renders as markup). */
function outsideCodeFences(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '');
}

describe('the markup checker', () => {
  it('finds handlers, scripts and javascript: URLs, and not the same text escaped in a value', () => {
    expect(executableMarkup(`<p><img src=x onerror="a()"></p>`)).toHaveLength(1);
    expect(executableMarkup(`<script>a()</script>`)).toHaveLength(1);
    expect(executableMarkup(`<a href=" javascript:a()">x</a>`)).toHaveLength(1);
    expect(executableMarkup(`<svg><image href="http://127.0.0.1:9/x.png"/></svg>`)).toHaveLength(1);
    expect(executableMarkup(`<text aria-label="&lt;svg onload=alert(1)&gt; javascript:x">a</text>`)).toEqual(
      [],
    );
  });
});

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
    // Every fence opened is closed on a line of its own: no payload broke out of a code block.
    expect((markdown.match(/^```/gm) ?? []).length % 2).toBe(0);
    const prose = outsideCodeFences(markdown);
    expect(prose).not.toMatch(/(?<!\\)<script/i);
    expect(prose).not.toMatch(/(?<!\\)<svg/i);
    expect(prose).not.toMatch(/(?<!\\)<img/i);
    expect(executableMarkup(prose)).toEqual([]);
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
