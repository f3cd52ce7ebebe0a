import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownWithCode, renderMarkdown } from '../../src/report/markdown.js';
import { ATTRIBUTE_PAYLOAD, hostileResult, reclaimableCacheResult, SCRIPT_PAYLOAD } from './fixtures.js';

/** Cells of a Markdown table row, split the way GFM splits them: on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('escapeMarkdown', () => {
  it('turns HTML and table characters into entities', () => {
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('a|b')).toBe('a&#124;b');
    expect(escapeMarkdown('`rm -rf /`')).toBe('&#96;rm -rf /&#96;');
    expect(escapeMarkdown('AT&T')).toBe('AT&amp;T');
  });

  it('backslash-escapes emphasis, links, headings and math, and neutralises leading list markers', () => {
    expect(escapeMarkdown('*bold* _it_ [x](javascript:alert(1)) ~~s~~ #1 $x$ ![i]')).toBe(
      '\\*bold\\* \\_it\\_ \\[x\\](javascript:alert(1)) \\~\\~s\\~\\~ \\#1 \\$x\\$ \\!\\[i\\]',
    );
    expect(escapeMarkdown('- item', { atLineStart: true })).toBe('\\- item');
    expect(escapeMarkdown('1. item', { atLineStart: true })).toBe('1\\. item');
    // Inside a line (a table cell, after a label) the same characters mean nothing and stay as they are.
    expect(escapeMarkdown('+240 MiB/h')).toBe('+240 MiB/h');
    expect(escapeMarkdown('0.1.0')).toBe('0.1.0');
    expect(escapeMarkdown('back\\slash')).toBe('back\\\\slash');
  });

  it('keeps everything on one line', () => {
    expect(escapeMarkdown('a\nb\r\nc\rd')).toBe('a b c d');
  });

  it('does not double-escape its own entities', () => {
    // "#" inside the pipe entity must stay unescaped or the entity breaks.
    expect(escapeMarkdown('|#')).toBe('&#124;\\#');
  });
});

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(reclaimableCacheResult());

  it('has the title, verdict and every section in ticket order', () => {
    expect(markdown.startsWith('# Memory postmortem: web-01\n')).toBe(true);
    expect(markdown).toContain('**Verdict: Reclaimable cache — not a leak** (confidence 90%)');
    const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'Impact',
      'Findings',
      'Phases between marks',
      'Evidence',
      'Forecast',
      'Largest slab caches',
      'Recommendations',
      'Action items',
      'Inputs',
      'Warnings',
    ]);
    expect(markdown).toContain('- **Available ≤ 10% of total:** never');
    expect(markdown).toMatch(
      /\| \*\*B\*\* after drop\\_caches \| 2026-03-04 00:00 – 2026-03-05 00:00 UTC \| 1 d \|/,
    );
    expect(markdown).toContain(
      '- [ ] vm.vfs\\_cache\\_pressure = 200 — done when: sysctl vm.vfs\\_cache\\_pressure; SReclaimable in /proc/meminfo levels off within a day.',
    );
    expect(markdown).toContain('- drop\\_caches at 2026-03-04 00:00 UTC returned 10.8 GiB within 5 minutes.');
    expect(markdown).toContain(
      'would reach all 16 GiB at 2026-03-06 01:04 UTC at +240 MiB/h (latest regime).',
    );
    expect(markdown).toContain('### 2. vm.vfs\\_cache\\_pressure = 200');
    expect(markdown).toContain(
      '```\nrm /etc/sysctl.d/90-memautopsy.conf && sysctl -w vm.vfs_cache_pressure=100\n```',
    );
    expect(markdown).toContain(
      '- **duplicate-timestamps**: 3 duplicate timestamps; kept the last value of each (web-01-datadog.csv:12)',
    );
    expect(markdown.endsWith('\n')).toBe(true);
  });

  it('writes well-formed tables', () => {
    const findingRows = markdown
      .split('\n')
      .filter((line) => line.startsWith('| Steady growth') || line.startsWith('| Step drop'));
    expect(findingRows).toHaveLength(4);
    for (const row of findingRows) expect(cells(row)).toHaveLength(4);
    expect(markdown).toContain('| dentry | 7.9 GiB | yes |');
    expect(markdown).toContain('| kmalloc-256 | 96 MiB | **no** |');
  });

  it('keeps hostile text inert: no raw HTML, no extra table cells, code only in code spans and blocks', () => {
    const hostile = renderMarkdown(hostileResult());
    // Code spans and fenced blocks show their content literally; everything else must hold no HTML.
    const outsideCode = hostile.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/`[^`\n]+`/g, '');
    expect(outsideCode).not.toContain(SCRIPT_PAYLOAD);
    expect(outsideCode).not.toContain(ATTRIBUTE_PAYLOAD);
    expect(outsideCode).not.toMatch(/<[a-z/]/i);
    // Recommendation text keeps its `command` as a code span.
    expect(hostile).toContain(`### 1. Run \`${SCRIPT_PAYLOAD}\` on "&gt;&lt;svg onload=alert(2)&gt;`);
    expect(hostile.startsWith('# Memory postmortem: web-01&lt;script&gt;alert(1)&lt;/script&gt;\n')).toBe(
      true,
    );
    const tableRows = hostile.split('\n').filter((line) => line.startsWith('| '));
    const widths = new Map<string, number>();
    for (const row of tableRows) {
      const count = cells(row).length;
      // Every row of a table has as many cells as its header row.
      if (['| Finding |', '| Cache |', '| File |', '| Phase |'].some((header) => row.startsWith(header)))
        widths.set('current', count);
      expect(count).toBe(widths.get('current'));
    }
    expect(hostile).toContain(
      '| &lt;b&gt;dentry&lt;/b&gt;&#124;&lt;script&gt;alert(1)&lt;/script&gt; | 7.9 GiB | yes |',
    );
    expect(hostile).toContain(
      'Host &lt;script&gt;alert(1)&lt;/script&gt; &#124; &#96;rm -rf&#96; \\[x\\](javascript:alert(4))',
    );
  });

  it('writes `backtick spans` of recommendation text as code spans, and nothing else', () => {
    expect(markdownWithCode('Run `sync; echo 2 > /proc/sys/vm/drop_caches` once')).toBe(
      'Run `sync; echo 2 > /proc/sys/vm/drop_caches` once',
    );
    expect(markdownWithCode('a `x|y` b', { inTable: true })).toBe('a `x\\|y` b');
    // An unpaired backtick makes no span; an empty span is text.
    expect(markdownWithCode('it`s *here*')).toBe('it&#96;s \\*here\\*');
    expect(markdownWithCode('a `` b')).toBe('a &#96;&#96; b');
  });

  it('shows the charts written beside it, linking their SVG', () => {
    const text = renderMarkdown(reclaimableCacheResult(), {
      charts: [{ title: 'Figure 1. Memory over time', png: 'memory.png', svg: 'memory.svg' }],
    });
    expect(text).toContain(
      '## Charts\n\n![Figure 1. Memory over time](memory.png)  \nFigure 1. Memory over time ([SVG](memory.svg))',
    );
    expect(text.indexOf('## Charts')).toBeLessThan(text.indexOf('## Findings'));
    expect(renderMarkdown(reclaimableCacheResult())).not.toContain('## Charts');
  });

  it('fences code so its content cannot close the fence', () => {
    const result = reclaimableCacheResult();
    result.recommendations = [
      { key: 'action', value: 'x', rationale: 'r', risk: 'r', apply: 'echo ```\n<b>done</b>' },
    ];
    expect(renderMarkdown(result)).toContain('````\necho ```\n<b>done</b>\n````');
  });
});
