import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNumericRows } from '../../src/ingest/fast-csv.js';
import { genericCsv } from '../../src/ingest/generic-csv.js';
import { grafanaCsv } from '../../src/ingest/grafana-csv.js';
import { readInput } from '../../src/ingest/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'memautopsy-fast-csv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
function write(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}
const OPTIONS = { delimiter: ',' as const, columnCount: 3, skipLines: 1 };

describe('readNumericRows', () => {
  it('parses epoch,number rows exactly as Number() would, with gaps, CRLF and no final newline', async () => {
    const cells = ['0.1', '1e3', '-2.5E-2', '', '123456789012345678', '3.14159265358979323846'];
    const lines = cells.map((cell, i) => `${1772409600000 + i * 1000},${cell},${i}`);
    const path = write('values.csv', `"Time","a","b"\r\n${lines.join('\r\n')}`);
    const rows = await readNumericRows(path, OPTIONS);
    expect(rows?.timeKind).toBe('epoch-ms');
    expect([...(rows?.t ?? [])]).toEqual(cells.map((_, i) => 1772409600000 + i * 1000));
    expect([...(rows?.columns[0] ?? [])]).toEqual(cells.map((cell) => (cell === '' ? NaN : Number(cell))));
    expect([...(rows?.columns[1] ?? [])]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...(rows?.lines ?? [])]).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('keeps rows that cross the chunk boundary (files over 4 MiB) and skips blank lines', async () => {
    const n = 250_000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(`${1772409600 + i},${i * 1024.5},${i % 7}`);
    lines.splice(100, 0, '');
    const path = write('large.csv', `time,a,b\n${lines.join('\n')}\n`);
    const rows = await readNumericRows(path, OPTIONS);
    expect(rows?.timeKind).toBe('epoch-s');
    expect(rows?.t.length).toBe(n);
    expect(rows?.t[n - 1]).toBe((1772409600 + n - 1) * 1000);
    expect(rows?.columns[0]?.[n - 1]).toBe((n - 1) * 1024.5);
    expect(rows?.lines[100]).toBe(103);
  });

  it.each([
    ['a quoted value', '1772409600000,"5",1'],
    ['a unit in a cell', '1772409600000,5 GiB,1'],
    ['too few fields', '1772409600000,5'],
    ['too many fields', '1772409600000,5,1,2'],
    ['a space after the delimiter', '1772409600000, 5,1'],
    ['an ISO time', '2026-03-02T00:00:00Z,5,1'],
    ['seconds after milliseconds', '1772409600000,5,1\n1772409660,5,1'],
    ['an empty time', ',5,1'],
  ])('gives up on %s', async (_, row) => {
    expect(await readNumericRows(write('bad.csv', `time,a,b\n${row}\n`), OPTIONS)).toBeNull();
  });
});

describe('the streaming path agrees with the text path', () => {
  it.each([
    [
      'grafana',
      '"Time","node_memory_MemAvailable_bytes{instance=""web-01:9100""}","Memory used (MiB)"\r\n1772409600000,8589934592,1024\r\n1772409660000,,1536.5\r\n1772409720000,8556380160,2048',
    ],
    ['generic', 'time,used (GiB),cached (KiB)\n1772409600,1.5,100\n1772409660,1.75,\n1772409720,2,300\n'],
  ])('%s', async (kind, text) => {
    const path = write(`${kind}.csv`, text);
    const read = await readInput(path, { tz: 'UTC' });
    const importer = kind === 'grafana' ? grafanaCsv : genericCsv;
    const parsed = importer.parse(text, { file: path, tz: 'UTC', warn: () => undefined });
    expect(
      read.result.series.map((s) => [
        s.name,
        s.metric,
        s.unit,
        [...s.t],
        [...s.v],
        [...(s.sourceLines ?? [])],
      ]),
    ).toEqual(
      parsed.series.map((s) => [s.name, s.metric, s.unit, [...s.t], [...s.v], [...(s.sourceLines ?? [])]]),
    );
  });

  it('falls back to csv-parse and reports its errors with lines', async () => {
    const path = write('broken.csv', '"Time","Used"\r\n1772409600000,1\r\n1772409660000,lots\r\n');
    await expect(readInput(path, { tz: 'UTC' })).rejects.toMatchObject({
      code: 'bad-number',
      line: 3,
      file: path,
    });
  });
});
