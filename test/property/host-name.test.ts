// Output paths from input text (issue 8): whatever a host name holds — `..`, slashes, NUL, control
// characters, any Unicode, thousands of characters — its report folder is one segment inside the
// output folder, and two different names never share a folder.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dirname, join, resolve } from 'node:path';
import { MAX_HOST_DIR_BYTES, hostDirName } from '../../src/batch/host-name.js';

const OUT = resolve('/srv/reports/out');

/** Host names biased towards the dangerous pieces. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(
      fc.constantFrom('..', '.', '/', '\\', '\0', '%2E', '%', 'C:', 'CON', '~', '\n', 'é', '\u202e', 'a'),
      {
        maxLength: 40,
      },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }),
);

describe('hostDirName', () => {
  it('always names one segment inside the output folder', () => {
    fc.assert(
      fc.property(hostile, (host) => {
        const dir = hostDirName(host);
        expect(dir).not.toMatch(/[/\\\0]/);
        expect(dir).not.toMatch(/^\.\.?$/);
        expect(dir.startsWith('.')).toBe(false);
        expect(Buffer.byteLength(dir)).toBeLessThanOrEqual(MAX_HOST_DIR_BYTES);
        const path = join(OUT, dir, 'report.html');
        expect(dirname(dirname(path))).toBe(OUT);
      }),
      { numRuns: 2000 },
    );
  });

  it('never maps two different names to one folder', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        fc.pre(a !== b);
        expect(hostDirName(a)).not.toBe(hostDirName(b));
      }),
      { numRuns: 2000 },
    );
  });
});
