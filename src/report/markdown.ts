/**
 * Result → Markdown for a ticket (GitHub, GitLab, Jira's Markdown paste): the summary with the verdict,
 * the impact, the charts (as image links, when they were written beside the Markdown), the findings
 * table, the phase table, the evidence and the recommendations with an action-item checklist.
 *
 * Every piece of text that comes from the inputs or the analysis goes through `escapeMarkdown`, so a
 * series or host name can neither format the ticket nor inject HTML. Recommendation texts keep their
 * `backtick spans` as code spans (content split on backticks, so it can never hold one).
 */

import type { Result } from '../model/result.js';
import { formatBytes, formatDate, formatPercent, formatTimeRange } from '../model/format.js';
import {
  actionDeadline,
  actionItems,
  describeForecast,
  describeImpact,
  findingRows,
  phaseRows,
  timeRangeOf,
  verdictLabel,
} from './present.js';

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

/**
 * Text whose `backtick spans` are commands: the spans become code spans, the rest is escaped. In a table
 * cell a pipe inside a span is written `\|` (GFM splits cells on pipes even inside code spans).
 */
export function markdownWithCode(
  text: string,
  options: { atLineStart?: boolean; inTable?: boolean } = {},
): string {
  const pieces = text.replace(/\r\n|\r|\n/g, ' ').split('`');
  // An odd number of backticks leaves the last one unpaired: then nothing is a span.
  if (pieces.length < 3 || pieces.length % 2 === 0) return escapeMarkdown(text, options);
  return pieces
    .map((piece, i) => {
      if (i % 2 === 0) return escapeMarkdown(piece, { atLineStart: options.atLineStart === true && i === 0 });
      const content = options.inTable ? piece.replace(/\|/g, '\\|') : piece;
      // An empty or blank span would not read as code: keep it as escaped text.
      return content.trim() === '' ? escapeMarkdown(`\`${piece}\``) : `\`${content}\``;
    })
    .join('');
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

/** A chart written beside the Markdown file, to link from it. */
export interface MarkdownChartLink {
  /** "Figure 1. Memory over time". */
  title: string;
  /** File names relative to the Markdown file. */
  png: string;
  svg: string;
}

export interface RenderMarkdownOptions {
  /** Charts written next to the Markdown (CLI `-o <folder>`); shown as images with a link to the SVG. */
  charts?: MarkdownChartLink[];
}

export function renderMarkdown(result: Result, options: RenderMarkdownOptions = {}): string {
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

  const impact = describeImpact(result);
  sections.push(
    [
      '## Impact',
      '',
      block(impact.statement),
      '',
      ...impact.rows.map(
        (row) => `- **${e(row.label)}:** ${e(row.value)}${row.note ? ` — ${e(row.note)}` : ''}`,
      ),
    ].join('\n'),
  );

  if (options.charts !== undefined && options.charts.length > 0) {
    sections.push(
      [
        '## Charts',
        ...options.charts.map(
          (chart) => `![${e(chart.title)}](${chart.png})  \n${e(chart.title)} ([SVG](${chart.svg}))`,
        ),
      ].join('\n\n'),
    );
  }

  const rows = findingRows(result);
  sections.push(
    [
      '## Findings',
      '',
      rows.length > 0
        ? table(
            ['Finding', 'Series or cache', 'When (UTC)', 'Detail'],
            rows.map((row) => [e(row.label), e(row.subject), e(row.when), e(row.detail)]),
          )
        : 'No trend, sawtooth, step or slab growth was detected.',
    ].join('\n'),
  );

  const phases = phaseRows(result);
  if (phases.length > 0) {
    sections.push(
      [
        '## Phases between marks',
        '',
        table(
          ['Phase', 'Period (UTC)', 'Lasted', 'Mean', 'p95', 'Peak', 'Mean vs A'],
          phases.map((p) => [
            `**${p.letter}** ${e(p.label)}`,
            e(p.when),
            p.lasted,
            p.mean,
            p.p95,
            p.peak,
            p.meanChange,
          ]),
        ),
      ].join('\n'),
    );
  }

  if (result.verdict.evidence.length > 0) {
    sections.push(
      [
        '## Evidence',
        '',
        ...result.verdict.evidence.map((item) => `- ${markdownWithCode(item, { atLineStart: true })}`),
      ].join('\n'),
    );
  }

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
    const title = rec.key === 'action' ? markdownWithCode(rec.value) : `${e(rec.key)} = ${e(rec.value)}`;
    const parts = [
      `### ${i + 1}. ${title}`,
      '',
      `**Why:** ${markdownWithCode(rec.rationale)}`,
      '',
      `**Risk:** ${markdownWithCode(rec.risk)}`,
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

  const items = actionItems(result);
  if (items.length > 0) {
    const deadline = actionDeadline(result);
    const due =
      deadline === null
        ? []
        : [`Memory is projected to run out at ${deadline}: schedule the fix before then.`, ''];
    sections.push(
      [
        '## Action items',
        '',
        ...due,
        ...items.map(
          (item) => `- [ ] ${markdownWithCode(item.action)} — done when: ${markdownWithCode(item.doneWhen)}`,
        ),
      ].join('\n'),
    );
  }

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
