// Input limits (issue 8): a file above --max-input-size or --max-rows is refused with one line naming the
// file (and the first line past the row limit), on the streaming path and on the whole-text path.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, UsageError } from '../../src/errors.js';
import {
  DEFAULT_MAX_INPUT_BYTES,
  DEFAULT_MAX_ROWS,
  describeBytes,
  readInput,
  rowLimits,
} from '../../src/ingest/index.js';
import { parseLimits } from '../../src/cli/args.js';

const dir = mkdtempSync(join(tmpdir(), 'memautopsy-limits-'));

/** A Grafana-style CSV of `rows` data rows; epoch ms times take the streaming path, ISO times do not. */
function writeCsv(name: string, rows: number, times: 'epoch' | 'iso'): string {
  const start = Date.UTC(2026, 2, 1);
  const lines = ['Time,used'];
  for (let i = 0; i < rows; i++) {
    const tMs = start + i * 60_000;
    lines.push(`${times === 'epoch' ? tMs : new Date(tMs).toISOString()},${1e9 + i * 1000}`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function refusal(
  path: string,
  limits: { maxInputBytes?: number; maxRows?: number },
): Promise<InputError> {
  const error: unknown = await readInput(path, { tz: 'UTC', ...limits }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('input limits', () => {
  it('reads a file within both limits', async () => {
    const path = writeCsv('small.csv', 100, 'epoch');
    const read = await readInput(path, { tz: 'UTC', maxRows: 101, maxInputBytes: 10_000 });
    expect(read.result.series[0]?.t.length).toBe(100);
  });

  it('refuses a file above the size limit, naming its size and the limit', async () => {
    const path = writeCsv('sized.csv', 100, 'epoch');
    const error = await refusal(path, { maxInputBytes: 1000 });
    expect(error.code).toBe('too-large');
    expect(error.file).toBe(path);
    expect(error.format()).toMatch(
      /sized\.csv: the file is 2\.\d KiB, above the input size limit of 1000 bytes/,
    );
  });

  it('refuses rows past the limit on the streaming path, at the first line past it', async () => {
    const path = writeCsv('streamed.csv', 100, 'epoch');
    const error = await refusal(path, { maxRows: 50 });
    expect(error.code).toBe('too-many-rows');
    expect(error.line).toBe(51);
    expect(error.format()).toBe(`${path}:51: ${error.message}`);
    expect(error.message).toMatch(/more than 50 lines/);
  });

  it('refuses rows past the limit on the whole-text path, at the first line past it', async () => {
    const path = writeCsv('iso.csv', 100, 'iso');
    const error = await refusal(path, { maxRows: 50 });
    expect(error.code).toBe('too-many-rows');
    expect(error.line).toBe(51);
  });

  it('counts a header plus exactly maxRows − 1 rows as within the limit', async () => {
    const path = writeCsv('edge.csv', 49, 'iso');
    const read = await readInput(path, { tz: 'UTC', maxRows: 50 });
    expect(read.result.series[0]?.t.length).toBe(49);
  });

  it('has defaults above any realistic export', () => {
    expect(DEFAULT_MAX_INPUT_BYTES).toBe(4 * 1024 ** 3);
    expect(DEFAULT_MAX_ROWS).toBe(20_000_000);
    // Streamed CSVs hold bounded memory (rows past POINT_CAPACITY are averaged), so only an explicit
    // --max-rows limits them; whole-text reads keep the default.
    expect(rowLimits(undefined)).toEqual({ streamed: Infinity, wholeText: DEFAULT_MAX_ROWS });
    expect(describeBytes(DEFAULT_MAX_INPUT_BYTES)).toBe('4.0 GiB');
  });
});

describe('--max-input-size and --max-rows', () => {
  it('parse sizes and whole numbers', () => {
    expect(parseLimits('500MB', '1000')).toEqual({ maxInputBytes: 500 * 1024 ** 2, maxRows: 1000 });
    expect(parseLimits('4GiB', undefined)).toEqual({ maxInputBytes: 4 * 1024 ** 3, maxRows: undefined });
    expect(parseLimits(undefined, undefined)).toEqual({ maxInputBytes: undefined, maxRows: undefined });
  });

  it.each([
    ['lots', undefined],
    ['0', undefined],
    [undefined, '0'],
    [undefined, '1.5'],
    [undefined, '-3'],
    [undefined, 'ten'],
  ])('refuse %s / %s', (size, rows) => {
    expect(() => parseLimits(size, rows)).toThrow(UsageError);
  });
});
