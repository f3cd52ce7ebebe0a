// The hostile/broken input corpus (issue 8): every bad input gets exit 2, one clear line naming the
// file (and the line where one applies), no stack trace, and no output file.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, runCli } from '../helpers/cli.js';

interface BadCase {
  name: string;
  /** Path to the input, or a function that makes it in a temp folder. */
  input: string | ((dir: string) => string);
  /** A 1-based line the message must name, where one applies. */
  line?: number;
  /** Words the message must contain (case-insensitive) so the user knows what is wrong. */
  says: RegExp;
}

const bad = (name: string): string => fixture('bad', name);

const CASES: BadCase[] = [
  { name: 'empty file', input: bad('empty.csv'), says: /empty/i },
  { name: 'header only', input: bad('header-only.csv'), says: /header only|no (usable|data)|no rows/i },
  { name: 'binary garbage', input: bad('binary-garbage.csv'), says: /binary/i },
  { name: 'an image named .csv', input: bad('image.csv'), says: /binary|image/i },
  { name: 'truncated JSON', input: bad('truncated.json'), says: /JSON|truncated|unexpected end/i },
  { name: 'Prometheus error envelope', input: bad('prometheus-error.json'), says: /error|bad_data/i },
  { name: 'Datadog error envelope', input: bad('datadog-error.json'), says: /error|forbidden/i },
  {
    name: 'wrong delimiter',
    input: bad('wrong-delimiter.csv'),
    says: /delimiter|column|format|unrecognised/i,
  },
  { name: 'words where numbers belong', input: bad('words-for-numbers.csv'), line: 4, says: /not a number/i },
  { name: 'unparseable times', input: bad('unparseable-times.csv'), line: 4, says: /time/i },
  { name: 'a single row', input: bad('single-row.csv'), says: /usable|3 or more|points/i },
  { name: 'identical timestamps', input: bad('identical-timestamps.csv'), says: /usable|time|duplicate/i },
  {
    name: 'mixed encodings',
    input: bad('mixed-encodings.csv'),
    says: /encoding|binary|UTF|format|time|number/i,
  },
  {
    name: 'a 10 MB line',
    input: (dir) => {
      const path = join(dir, 'long-line.csv');
      writeFileSync(path, `time,used (GiB)\n2026-03-01T00:00:00Z,${'9'.repeat(10 * 1024 * 1024)}\n`);
      return path;
    },
    says: /line|long|number|usable/i,
  },
  {
    name: 'a directory',
    input: (dir) => {
      const path = join(dir, 'a-folder');
      mkdirSync(path);
      return path;
    },
    says: /directory/i,
  },
  {
    name: 'a missing file',
    input: (dir) => join(dir, 'no-such-file.csv'),
    says: /no such file|not found|cannot read/i,
  },
];

describe('bad inputs', () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: exit 2, one clear line naming the file, no output`, () => {
      const inputDir = mkdtempSync(join(tmpdir(), 'memautopsy-bad-in-'));
      const outDir = mkdtempSync(join(tmpdir(), 'memautopsy-bad-out-'));
      const input = typeof testCase.input === 'string' ? testCase.input : testCase.input(inputDir);
      const run = runCli(['analyze', input, '-o', join(outDir, 'report.html')]);
      expect(run.status, run.stderr).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines.length, run.stderr).toBe(1);
      const message = lines[0] as string;
      const fileName = input.split('/').pop() as string;
      expect(message).toContain(fileName);
      if (testCase.line !== undefined) expect(message).toContain(`${fileName}:${testCase.line}`);
      expect(message).toMatch(testCase.says);
      expect(message).not.toMatch(/\bat .+:\d+:\d+\)?$|Error:|TypeError|undefined/);
      expect(message.length).toBeLessThan(400);
      expect(readdirSync(outDir)).toEqual([]);
    });
  }
});
