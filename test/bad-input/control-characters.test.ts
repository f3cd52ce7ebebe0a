// Error messages quote input text. Control characters in it (ANSI escapes, newlines, U+2028) are shown
// escaped, so a hostile file can neither drive the terminal nor break the one-line error.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, escapeControlCharacters } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

describe('control characters in messages', () => {
  it('escapes C0, C1, DEL and line separators, keeping tab and ordinary Unicode', () => {
    expect(escapeControlCharacters('a\u001b[31mred\nb\r\u007f\u0085\u2028\tç')).toBe(
      'a\\x1b[31mred\\x0ab\\x0d\\x7f\\x85\\u2028\tç',
    );
    const error = new InputError('bad', 'cell "\u001b]0;pwned\u0007"', 'we\nird.csv', 3);
    expect(error.format()).toBe('we\\x0aird.csv:3: cell "\\x1b]0;pwned\\x07"');
  });

  it('never reach the terminal from a bad cell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memautopsy-control-'));
    const input = join(dir, 'ansi.csv');
    writeFileSync(
      input,
      'time,used (GiB)\n2026-03-01T00:00:00Z,1\n2026-03-01T00:01:00Z,2\n2026-03-01T00:02:00Z,\u001b[2J\u001b]0;pwned\u0007\n',
    );
    const run = runCli(['analyze', input, '--format', 'json']);
    expect(run.status).toBe(2);
    // eslint-disable-next-line no-control-regex -- the point is to find control characters
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('ansi.csv:4:');
    expect(run.stderr).toContain('\\x1b[2J');
  });
});
