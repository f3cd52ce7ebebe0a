/**
 * Result → Markdown for a ticket (GitHub, GitLab, Jira's Markdown paste): the same sections as the
 * HTML report, without the chart. Every piece of text that comes from the inputs or the analysis goes
 * through `escapeMarkdown`, so a series or host name can neither format the ticket nor inject HTML.
 */

import type { Result } from '../model/result.js';
import { formatBytes, formatDate, formatPercent, formatTimeRange } from '../model/format.js';
import { describeFinding, describeForecast, seriesLabelOf, timeRangeOf, verdictLabel } from './present.js';

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
  '`': '&#96;',
};

/**
 * Escape text for Markdown inline content and table cells. `<`, `>`, `&`, `|` and backticks become
 * HTML entities (no raw HTML, no cell breaks, no code spans); emphasis, link, heading, math and
 * strike-through characters get a backslash; newlines become spaces. With `atLineStart` (a paragraph or
 * list item begins with the text), a leading list or heading marker ("- ", "1. ") is neutralised too.
 */
export function escapeMarkdown(text: string, options: { atLineStart?: boolean } = {}): string {
  const escaped = text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\*_[\]~#$!]/g, '\\$&')
    .replace(/[&<>|`]/g, (c) => HTML_ENTITIES[c] ?? c);
  if (!options.atLineStart) return escaped;
  return escaped.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A fenced code block whose fence is longer than any backtick run inside, so the content cannot close it. */
function codeBlock(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderMarkdown(result: Result): string {
  const e = (text: string): string => escapeMarkdown(text);
  const block = (text: string): string => escapeMarkdown(text, { atLineStart: true });
  const host = result.host ?? 'Unknown host';
  const range = timeRangeOf(result);
  const sections: string[] = [];

  sections.push(`# Memory postmortem: ${e(host)}`);
  sections.push(
    [
      `**Verdict: ${e(verdictLabel(result.verdict.kind))}** (confidence ${formatPercent(result.verdict.confidence)})`,
      '',
      block(result.verdict.summary),
      '',
      `Time range: ${formatTimeRange(range.start, range.end)}. Generated ${formatDate(result.generatedAt)} by ${e(result.tool.name)} ${e(result.tool.version)}.`,
    ].join('\n'),
  );

  if (result.verdict.evidence.length > 0) {
    sections.push(
      ['## Evidence', '', ...result.verdict.evidence.map((item) => `- ${block(item)}`)].join('\n'),
    );
  }

  const findingRows = result.findings.map((finding) =>
    describeFinding(finding, (name) => seriesLabelOf(result, name)),
  );
  sections.push(
    [
      '## Findings',
      '',
      findingRows.length > 0
        ? table(
            ['Finding', 'Series or cache', 'When', 'Detail'],
            findingRows.map((row) => [e(row.label), e(row.subject), e(row.when), e(row.detail)]),
          )
        : 'No trend, sawtooth, step or slab growth was detected.',
    ].join('\n'),
  );

  const forecast = describeForecast(result);
  sections.push(
    ['## Forecast', '', forecast === null ? 'No forecast: no series to project.' : block(forecast)].join(
      '\n',
    ),
  );

  if (result.slab !== undefined && result.slab.top.length > 0) {
    const note = result.slab.at ? ` (latest snapshot ${formatDate(result.slab.at)})` : '';
    sections.push(
      [
        '## Largest slab caches',
        '',
        `From ${result.slab.snapshots} snapshot${result.slab.snapshots === 1 ? '' : 's'}${note}.`,
        '',
        table(
          ['Cache', 'Size', 'Reclaimable'],
          result.slab.top.map((cache) => [
            e(cache.name),
            formatBytes(cache.bytes),
            cache.reclaimable ? 'yes' : '**no**',
          ]),
        ),
      ].join('\n'),
    );
  }

  const recommendations = result.recommendations.map((rec, i) => {
    const title = rec.key === 'action' ? e(rec.value) : `${e(rec.key)} = ${e(rec.value)}`;
    const parts = [
      `### ${i + 1}. ${title}`,
      '',
      `**Why:** ${e(rec.rationale)}`,
      '',
      `**Risk:** ${e(rec.risk)}`,
    ];
    for (const [label, text] of [
      ['Apply', rec.apply],
      ['Verify', rec.verify],
      ['Roll back', rec.rollback],
    ] as const) {
      if (text) parts.push('', `**${label}:**`, '', codeBlock(text));
    }
    return parts.join('\n');
  });
  sections.push(
    [
      '## Recommendations',
      '',
      recommendations.length > 0 ? recommendations.join('\n\n') : 'No changes recommended.',
    ].join('\n'),
  );

  sections.push(
    [
      '## Inputs',
      '',
      table(
        ['File', 'Format', 'Series', 'Warnings'],
        result.inputs.map((input) => [
          e(input.file),
          e(input.format),
          input.series.length > 0 ? input.series.map(e).join(', ') : '—',
          String(input.warnings),
        ]),
      ),
    ].join('\n'),
  );

  if (result.warnings.length > 0) {
    sections.push(
      [
        '## Warnings',
        '',
        ...result.warnings.map((warning) => {
          const where = warning.file
            ? ` (${e(warning.file)}${warning.line !== undefined ? `:${warning.line}` : ''})`
            : '';
          return `- **${e(warning.code)}**: ${e(warning.message)}${where}`;
        }),
      ].join('\n'),
    );
  }

  return `${sections.join('\n\n')}\n`;
}
