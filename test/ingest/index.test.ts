import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, messages } from '../../src/errors.js';
import { decodeText, IMPORTERS, importerIds, readInput, sniffImporter } from '../../src/ingest/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'memautopsy-ingest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeScratch(name: string, content: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

const GRAFANA_TEXT = '"Time","Memory used (MiB)"\r\n1772409600000,1\r\n1772409660000,2\r\n1772409720000,3';

describe('registry', () => {
  it('lists every importer once, ids equal to file names', () => {
    const ids = importerIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['grafana-csv', 'generic-csv', 'slabtop', 'slabinfo']));
    expect(ids[ids.length - 1]).toBe('generic-csv');
    expect(IMPORTERS.every((importer) => importer.description.length > 0)).toBe(true);
  });

  it.each([
    ['grafana-csv/grafana_query_tool-readme-explore-raw-node_memory_MemFree.csv', 'grafana-csv'],
    ['grafana-csv/joined-by-time-crlf-empty-cells.csv', 'grafana-csv'],
    ['generic-csv/iso-offset.csv', 'generic-csv'],
    ['generic-csv/tsv-kib.tsv', 'generic-csv'],
    ['generic-csv/semicolon-decimal-comma.csv', 'generic-csv'],
    ['slabtop/opencloudtouch-387-dentry-dominant-TRUNCATED.slabtop', 'slabtop'],
    ['slabtop/selinux-220-ebitmap_node-kernel-leak-TRUNCATED.slabtop', 'slabtop'],
    ['slabinfo/procfs-fixture-desktop-nvidia.slabinfo', 'slabinfo'],
    ['slabinfo/openzfs-4925-SLAB-allocator-nonzero-tunables-EXCERPT.slabinfo', 'slabinfo'],
  ])('sniffs %s as %s', async (name, format) => {
    expect((await readInput(join(fixtures, name), { tz: 'UTC' })).format).toBe(format);
  });

  it('rejects text no importer recognises', () => {
    expect(() => sniffImporter('hello world\nthis is prose\n', 'notes.txt')).toThrow(
      expect.objectContaining({
        code: 'unknown-format',
        file: 'notes.txt',
        message: messages.unknownFormat(),
      }),
    );
  });
});

describe('readInput --input-format', () => {
  it('skips sniffing for a known id', async () => {
    const path = writeScratch('grafana-as-generic.csv', GRAFANA_TEXT);
    const read = await readInput(path, { tz: 'UTC', inputFormat: 'generic-csv' });
    expect(read.format).toBe('generic-csv');
    expect([...(read.result.series[0]?.v ?? [])]).toEqual([1, 2, 3].map((m) => m * 1024 ** 2));
  });

  it('lists the ids for an unknown one', async () => {
    const path = writeScratch('any.csv', GRAFANA_TEXT);
    await expect(readInput(path, { tz: 'UTC', inputFormat: 'excel' })).rejects.toMatchObject({
      code: 'unknown-input-format',
      message: messages.unknownInputFormat('excel', importerIds()),
    });
  });
});

describe('readInput decoding', () => {
  it('reads UTF-8 with a BOM', async () => {
    const path = writeScratch('bom.csv', `\uFEFF${GRAFANA_TEXT}`);
    const read = await readInput(path, { tz: 'UTC' });
    expect(read.format).toBe('grafana-csv');
    expect(read.result.series[0]?.name).toBe('Memory used (MiB)');
  });

  it('reads UTF-16LE with a BOM and TABs (Grafana "Download for Excel")', async () => {
    const text = GRAFANA_TEXT.replace(/,/g, '\t');
    const path = writeScratch(
      'excel.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const read = await readInput(path, { tz: 'UTC' });
    expect(read.format).toBe('grafana-csv');
    expect([...(read.result.series[0]?.v ?? [])]).toEqual([1, 2, 3].map((m) => m * 1024 ** 2));
  });

  it('reads UTF-16BE with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('time,used\n', 'utf16le').swap16()]);
    expect(decodeText(bytes, 'be.csv')).toBe('time,used\n');
  });

  it('reads UTF-16LE without a BOM', () => {
    expect(decodeText(Buffer.from('time,used\n', 'utf16le'), 'le.csv')).toBe('time,used\n');
  });

  it('rejects binary data', async () => {
    const gzipHeader = Uint8Array.from([
      0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x01, 0x02,
    ]);
    const path = writeScratch('data.gz', gzipHeader);
    await expect(readInput(path, { tz: 'UTC' })).rejects.toMatchObject({
      code: 'binary',
      file: path,
      message: messages.binary(),
    });
    const controls = `time,used\n${'\x01\x02\x03\x04'.repeat(20)}\n`;
    expect(() => decodeText(Buffer.from(controls), 'x')).toThrow(expect.objectContaining({ code: 'binary' }));
  });

  it('rejects empty and whitespace-only files', async () => {
    for (const [name, content] of [
      ['empty.csv', ''],
      ['blank.csv', '\uFEFF\r\n  \n'],
    ]) {
      const path = writeScratch(name as string, content as string);
      await expect(readInput(path, { tz: 'UTC' })).rejects.toMatchObject({
        code: 'empty-file',
        file: path,
        message: messages.emptyFile(),
      });
    }
  });
});

describe('readInput file errors', () => {
  it('names a missing file', async () => {
    const path = join(scratch, 'nope.csv');
    const error = await readInput(path, { tz: 'UTC' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'unreadable',
      file: path,
      message: messages.unreadable('no such file (ENOENT)'),
    });
    expect((error as InputError).format()).toBe(`${path}: cannot read file: no such file (ENOENT)`);
  });

  it('refuses a directory', async () => {
    await expect(readInput(scratch, { tz: 'UTC' })).rejects.toMatchObject({
      code: 'is-directory',
      file: scratch,
      message: messages.isDirectory(),
    });
  });
});

describe('readInput result', () => {
  it('normalizes series and stamps warnings with the file', async () => {
    const path = writeScratch('dupes.csv', 'time,used\n1772409600,1\n1772409600,2\n1772409660,3\n');
    const read = await readInput(path, { tz: 'UTC' });
    expect(read.file).toBe(path);
    expect([...(read.result.series[0]?.v ?? [])]).toEqual([2, 3]);
    expect(read.warnings).toEqual([
      expect.objectContaining({ code: 'unit-assumed', file: path, line: 1 }),
      expect.objectContaining({ code: 'duplicate-timestamps', file: path, line: 3 }),
    ]);
  });
});
