import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChartFiles } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { reclaimableCacheResult } from './fixtures.js';

describe('renderChartFiles', () => {
  it('writes each chart as a standalone SVG, and links them from the Markdown without a browser', async () => {
    const { files, links } = await renderChartFiles(reclaimableCacheResult());
    expect(files.map((f) => f.name)).toEqual(['memory.svg', 'breakdown.svg', 'composition.svg', 'slab.svg']);
    for (const file of files) {
      expect(String(file.content)).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
      );
    }
    expect(links[0]).toEqual({ title: 'Figure 1. Memory over time', png: 'memory.svg', svg: 'memory.svg' });
  });
});

describe('analyze -o <folder> with Markdown', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'memautopsy-charts-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes the charts beside the report as SVG and PNG, linked from report.md', async () => {
    const run = runCli([
      'analyze',
      'samples/dentry-cache/Memory-used-data-as-joinbyfield-2026-03-09_10_42_19.csv',
      '--mark',
      '2026-03-06T12:00Z=drop_caches',
      '--format',
      'md,pdf',
      '-o',
      `${out}/`,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('SVG only');
    const names = (await readdir(out)).sort();
    expect(names).toEqual(['memory.png', 'memory.svg', 'report.md', 'report.pdf']);
    const markdown = await readFile(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('![Figure 1. Memory over time](memory.png)');
    expect(markdown).toContain('([SVG](memory.svg))');
    const png = await readFile(join(out, 'memory.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // No temporary file is left behind by the atomic write.
    expect(names.some((name) => name.endsWith('.tmp'))).toBe(false);
  });
});
