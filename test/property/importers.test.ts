// Property tests (issue 8) for every importer in the registry, read through readInput with
// `inputFormat` set (as `--input-format <id>` does): arbitrary bytes, arbitrary text, and mutations of
// the importer's own valid fixture (truncation, byte flips, inserted lines) give a result or an
// InputError, never another exception. Round trips for the time-series formats live in roundtrip.test.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { IMPORTERS, readInput } from '../../src/ingest/index.js';
import { fixture } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'memautopsy-property-'));
const RUNS = 100;
let fileCounter = 0;

/** Every file under a folder (collectd's fixtures are nested host/plugin/file). */
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : name === 'SOURCES.md' ? [] : [path];
  });
}

/** The first fixture in test/fixtures/<id>/ that the importer reads without error, and its name. */
async function validFixture(id: string): Promise<{ bytes: Uint8Array; name: string }> {
  for (const path of filesUnder(fixture(id)).sort()) {
    const ok = await readInput(path, { tz: 'UTC', inputFormat: id }).then(
      () => true,
      () => false,
    );
    // The name too: cgroup value files (memory.current …) are told apart by it.
    if (ok) return { bytes: readFileSync(path), name: basename(path) };
  }
  throw new Error(`no fixture in test/fixtures/${id} reads as ${id}`);
}

/**
 * Read `bytes` as importer `id`. Resolves 'result' or 'input-error'; any other exception fails the
 * property with the input's hex attached. The name keeps a value-file hint for cgroup-memory.
 */
async function outcome(id: string, bytes: Uint8Array, name: string): Promise<'result' | 'input-error'> {
  const sub = join(dir, String(fileCounter++));
  const path = join(sub, name);
  mkdirSync(sub, { recursive: true });
  writeFileSync(path, bytes);
  try {
    await readInput(path, { tz: 'UTC', inputFormat: id });
    return 'result';
  } catch (error) {
    if (error instanceof InputError) {
      // The one-line contract: no newline in the message, and the file named.
      expect(error.format()).not.toMatch(/\n/);
      expect(error.file ?? path).toBe(path);
      return 'input-error';
    }
    throw new Error(`${id}: ${String(error)} for input ${Buffer.from(bytes).toString('hex').slice(0, 400)}`, {
      cause: error,
    });
  }
}

/** A mutation of a valid file: cut it, flip bytes, or insert a line of arbitrary text. */
function mutation(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const length = valid.length;
  const truncate = fc.integer({ min: 0, max: length }).map((end) => valid.slice(0, end));
  const flip = fc
    .array(fc.tuple(fc.integer({ min: 0, max: Math.max(0, length - 1) }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((flips) => {
      const copy = Uint8Array.from(valid);
      for (const [index, byte] of flips) copy[index] = byte;
      return copy;
    });
  const insertLine = fc
    .tuple(fc.integer({ min: 0, max: length }), fc.string({ maxLength: 80, unit: 'binary' }))
    .map(([at, text]) => {
      const before = Buffer.from(valid.slice(0, at)).toString('latin1');
      const lineStart = before.lastIndexOf('\n') + 1;
      const inserted = Buffer.from(`${text}\n`, 'utf8');
      return Buffer.concat([valid.slice(0, lineStart), inserted, valid.slice(lineStart)]);
    });
  return fc.oneof(truncate, flip, insertLine);
}

/** A file name the importer accepts: cgroup value files are named by what they hold. */
const nameFor = (id: string): string => (id === 'cgroup-memory' ? 'memory.stat' : 'input.txt');

describe.each(IMPORTERS.map((importer) => importer.id))('%s', (id) => {
  it('arbitrary bytes give a result or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        await outcome(id, bytes, nameFor(id));
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary text gives a result or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400, unit: 'grapheme' }), async (text) => {
        await outcome(id, Buffer.from(text, 'utf8'), nameFor(id));
      }),
      { numRuns: RUNS },
    );
  });

  it('mutations of a valid fixture give a result or an InputError', async () => {
    const valid = await validFixture(id);
    await fc.assert(
      fc.asyncProperty(mutation(valid.bytes), async (bytes) => {
        await outcome(id, bytes, valid.name);
      }),
      { numRuns: RUNS * 2 },
    );
    // The unmutated fixture reads, so the mutations start from input that reaches the parser.
    expect(await outcome(id, valid.bytes, valid.name)).toBe('result');
  });
});
