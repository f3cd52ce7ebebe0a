import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAllSamples, formatFixedC, makeSamples, mulberry32, Rng } from '../../scripts/make-samples.js';

const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));
const GIB = 1024 ** 3;

/** Files under `dir` as POSIX paths relative to it, sorted. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await listFiles(dir, rel)));
    else found.push(rel);
  }
  return found.sort();
}

function sample(path: string): string {
  return readFileSync(join(SAMPLES_DIR, path), 'utf8');
}

const DENTRY_CSV = 'dentry-cache/Memory-used-data-as-joinbyfield-2026-03-09_10_42_19.csv';
const LEAK_CSV = 'user-space-leak/Memory-used-data-2026-03-06_09_03_27.csv';
const SLABTOP = 'dentry-cache/slabtop-o-web-01-2026-03-06T1130Z.txt';
const MEMINFO = 'dentry-cache/meminfo-web-01-2026-03-06T1130Z.txt';
const DENTRY_STATE = 'dentry-cache/dentry-state-web-01-2026-03-06T1130Z.txt';

/** Grafana rows as [epoch ms, ...values] with null for an empty cell. */
function grafanaRows(text: string): Array<Array<number | null>> {
  return text
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => (cell === '' ? null : Number(cell))));
}

interface SlabtopRow {
  objs: number;
  active: number;
  use: number;
  objSizeK: number;
  slabs: number;
  objsPerSlab: number;
  cacheSizeK: number;
  name: string;
}

function parseSlabtop(text: string): { summary: string[]; header: string; rows: SlabtopRow[] } {
  const lines = text.split('\n');
  expect(lines.at(-1)).toBe('');
  const rows = lines.slice(7, -1).map((line) => {
    const fields = line.trim().split(/\s+/);
    expect(fields).toHaveLength(8);
    const [objs, active, use, objSize, slabs, perSlab, cacheSize, name] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      objs: Number(objs),
      active: Number(active),
      use: Number(use.replace('%', '')),
      objSizeK: Number(objSize.replace('K', '')),
      slabs: Number(slabs),
      objsPerSlab: Number(perSlab),
      cacheSizeK: Number(cacheSize.replace('K', '')),
      name,
    };
  });
  return { summary: lines.slice(0, 6), header: lines[6] ?? '', rows };
}

function meminfoKb(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.trimEnd().split('\n')) {
    const match = /^([^:]+):\s+(\d+)( kB)?$/.exec(line);
    expect(match, line).not.toBeNull();
    values.set(match?.[1] ?? '', Number(match?.[2]));
  }
  return values;
}

function kb(values: Map<string, number>, key: string): number {
  const value = values.get(key);
  if (value === undefined) throw new Error(`meminfo has no ${key}`);
  return value;
}

describe('make-samples', () => {
  let tempDir = '';
  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'memautopsy-samples-'));
  });
  afterAll(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('regenerates the committed samples byte for byte', async () => {
    const written = await makeSamples(tempDir);
    const committed = (await listFiles(SAMPLES_DIR)).filter((path) => path !== 'README.md');
    expect([...written].sort()).toEqual(committed);
    for (const path of committed) {
      const fresh = await readFile(join(tempDir, path));
      const onDisk = await readFile(join(SAMPLES_DIR, path));
      expect(fresh.equals(onDisk), `${path} differs: run npm run samples`).toBe(true);
    }
  });

  it('builds the same files on every call and keeps each well under 2 MB', () => {
    const first = buildAllSamples();
    expect(buildAllSamples()).toEqual(first);
    for (const file of first) expect(Buffer.byteLength(file.content), file.path).toBeLessThan(1_000_000);
  });
});

describe('Grafana raw CSV samples', () => {
  for (const path of [DENTRY_CSV, LEAK_CSV]) {
    it(`${path} has Grafana's layout`, () => {
      const text = sample(path);
      expect(text.startsWith('"Time",')).toBe(true);
      expect(text.endsWith('\n')).toBe(false);
      expect(text.includes('\r\n')).toBe(true);
      expect(/[^\r]\n/.test(text)).toBe(false);
      const header = text.slice(0, text.indexOf('\r\n'));
      expect(header).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")+$/);
      const width = header.split('","').length;
      const rows = grafanaRows(text);
      for (const row of rows) {
        expect(row).toHaveLength(width);
        expect(Number.isInteger(row[0])).toBe(true);
      }
      const times = rows.map((row) => row[0] as number);
      expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true);
    });
  }

  it('dentry-cache: the week of 5-minute samples with two scrape gaps', () => {
    const rows = grafanaRows(sample(DENTRY_CSV));
    expect(rows).toHaveLength(7 * 288 + 1);
    expect(rows[0]?.[0]).toBe(Date.UTC(2026, 2, 2));
    expect(rows.at(-1)?.[0]).toBe(Date.UTC(2026, 2, 9));
    expect(rows.filter((row) => row[1] === null && row[2] === null)).toHaveLength(2);
  });

  it('dentry-cache: used climbs, drops at drop_caches, then saws; MemAvailable stays flat', () => {
    const rows = grafanaRows(sample(DENTRY_CSV)).filter((row) => row[1] !== null);
    const at = (tMs: number): Array<number | null> => rows.find((row) => row[0] === tMs) ?? [];
    const used = (tMs: number): number => (at(tMs)[1] as number) / GIB;
    expect(used(Date.UTC(2026, 2, 2))).toBeLessThan(5.5);
    expect(used(Date.UTC(2026, 2, 6, 11, 55))).toBeGreaterThan(15);
    expect(used(Date.UTC(2026, 2, 6, 12, 5))).toBeLessThan(3);
    const available = rows.map((row) => (row[2] as number) / GIB);
    expect(Math.min(...available)).toBeGreaterThan(13.3);
    expect(Math.max(...available)).toBeLessThan(14.2);
    // After the drop: repeated falls of more than 4 GiB between neighbouring samples (the sawtooth).
    const afterDrop = rows.filter((row) => (row[0] as number) > Date.UTC(2026, 2, 6, 12, 5));
    let falls = 0;
    for (let i = 1; i < afterDrop.length; i++) {
      const drop = ((afterDrop[i - 1]?.[1] as number) - (afterDrop[i]?.[1] as number)) / GIB;
      if (drop > 3) falls += 1;
    }
    expect(falls).toBeGreaterThanOrEqual(4);
  });

  it('user-space-leak: 1-minute samples over 5 days with one restart drop', () => {
    const rows = grafanaRows(sample(LEAK_CSV));
    expect(sample(LEAK_CSV).startsWith('"Time","Memory used"\r\n')).toBe(true);
    expect(rows).toHaveLength(5 * 1440);
    const values = rows.map((row) => (row[1] as number) / GIB);
    const drops = values.filter((v, i) => i > 0 && (values[i - 1] as number) - v > 3);
    expect(drops).toHaveLength(1);
    expect(Math.max(...values)).toBeGreaterThan(7.4);
    expect(Math.max(...values)).toBeLessThan(7.8);
  });
});

describe('dentry-cache snapshots', () => {
  const { summary, header, rows } = parseSlabtop(sample(SLABTOP));
  const summaryNumbers = (index: number): number[] =>
    (summary[index]?.split(':')[1]?.match(/[\d.]+/g) ?? []).map(Number);

  it('slabtop -o has the procps 3.3 layout', () => {
    expect(summary[0]).toMatch(/^ Active \/ Total Objects \(% used\) {4}: \d+ \/ \d+ \(\d+\.\d%\)$/);
    expect(summary[5]).toBe('');
    expect(header).toBe('  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME                   ');
    expect(rows[0]?.name).toBe('dentry');
    expect(rows.map((row) => row.objs)).toEqual([...rows.map((row) => row.objs)].sort((a, b) => b - a));
  });

  it('slabtop summary totals equal the sums of its rows', () => {
    const sum = (pick: (row: SlabtopRow) => number): number => rows.reduce((s, row) => s + pick(row), 0);
    expect(summaryNumbers(0).slice(0, 2)).toEqual([sum((r) => r.active), sum((r) => r.objs)]);
    expect(summaryNumbers(1).slice(0, 2)).toEqual([sum((r) => r.slabs), sum((r) => r.slabs)]);
    expect(summaryNumbers(2).slice(0, 2)).toEqual([rows.filter((r) => r.objs > 0).length, rows.length]);
    // Total Size = Σ OBJS × object size; the displayed OBJ SIZE is rounded to 0.01K.
    const [, totalSizeK] = summaryNumbers(3);
    expect(Math.abs((totalSizeK as number) - sum((r) => r.objs * r.objSizeK))).toBeLessThan(
      sum((r) => r.objs) * 0.005,
    );
  });

  it('slabtop rows are arithmetically consistent', () => {
    for (const row of rows) {
      expect(row.objs, row.name).toBe(row.slabs * row.objsPerSlab);
      expect(row.active, row.name).toBeLessThanOrEqual(row.objs);
      if (row.objs > 0) expect(row.use, row.name).toBe(Math.floor((100 * row.active) / row.objs));
      if (row.slabs === 0) {
        expect(row.cacheSizeK, row.name).toBe(0);
        continue;
      }
      // CACHE SIZE = SLABS × pages per slab × 4K, and the objects fit in their slab.
      const pagesPerSlab = row.cacheSizeK / (row.slabs * 4);
      expect([1, 2, 4, 8], row.name).toContain(pagesPerSlab);
      expect(row.objsPerSlab * (row.objSizeK - 0.005) * 1024, row.name).toBeLessThanOrEqual(pagesPerSlab * 4096);
    }
  });

  it('dentry holds at least 80 % of the slab', () => {
    const total = rows.reduce((s, row) => s + row.cacheSizeK, 0);
    const dentry = rows.find((row) => row.name === 'dentry');
    expect(dentry?.objSizeK).toBe(0.19);
    expect(dentry?.objsPerSlab).toBe(21);
    expect((dentry?.cacheSizeK ?? 0) / total).toBeGreaterThanOrEqual(0.8);
  });

  it('meminfo agrees with slabtop and with the CSV row of the same moment', () => {
    const values = meminfoKb(sample(MEMINFO));
    expect([...values.keys()].slice(0, 3)).toEqual(['MemTotal', 'MemFree', 'MemAvailable']);
    expect(kb(values, 'MemTotal')).toBe(16 * 1024 * 1024);
    expect(kb(values, 'Slab')).toBe(rows.reduce((s, row) => s + row.cacheSizeK, 0));
    expect(kb(values, 'Slab')).toBe(kb(values, 'SReclaimable') + kb(values, 'SUnreclaim'));
    expect(kb(values, 'SReclaimable') / kb(values, 'Slab')).toBeGreaterThan(0.95);
    expect(kb(values, 'Active')).toBe(kb(values, 'Active(anon)') + kb(values, 'Active(file)'));
    expect(kb(values, 'Inactive')).toBe(kb(values, 'Inactive(anon)') + kb(values, 'Inactive(file)'));
    for (const [key, value] of values) {
      if (!key.startsWith('HugePages_') && key !== 'VmallocTotal') expect(value % 4, key).toBe(0);
    }

    const row = grafanaRows(sample(DENTRY_CSV)).find((r) => r[0] === Date.UTC(2026, 2, 6, 11, 30));
    expect(row?.[1]).toBe((kb(values, 'MemTotal') - kb(values, 'MemFree')) * 1024);
    expect(row?.[2]).toBe(kb(values, 'MemAvailable') * 1024);
  });

  it('dentry-state matches the dentry slab and is mostly negative', () => {
    const text = sample(DENTRY_STATE);
    expect(text).toMatch(/^\d+\t\d+\t45\t0\t\d+\t0\n$/);
    const [nrDentry, nrUnused, , , nrNegative] = text.trimEnd().split('\t').map(Number) as number[];
    const dentry = rows.find((row) => row.name === 'dentry');
    expect(nrDentry).toBeLessThanOrEqual(dentry?.active ?? 0);
    expect(nrDentry).toBeGreaterThan((dentry?.objs ?? 0) * 0.99);
    expect(nrUnused).toBeLessThanOrEqual(nrDentry as number);
    expect((nrNegative as number) / (nrDentry as number)).toBeGreaterThan(0.8);
  });
});

describe('generic CSV samples', () => {
  it('api-07 MemAvailable: ISO times every 15 minutes, declining before the restart', () => {
    const lines = sample('user-space-leak/api-07-memory.csv').trimEnd().split('\n');
    expect(lines[0]).toBe('timestamp,mem_available (MiB)');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows).toHaveLength(5 * 96);
    expect(rows[0]?.[0]).toBe('2026-03-01T00:00:00Z');
    expect(rows[1]?.[0]).toBe('2026-03-01T00:15:00Z');
    const firstDay = rows.slice(0, 96).map((row) => Number(row[1]));
    const thirdDay = rows.slice(192, 288).map((row) => Number(row[1]));
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(firstDay) - mean(thirdDay)).toBeGreaterThan(1500);
  });

  it('db-02 is flat: daily means agree within 0.2 GiB', () => {
    const lines = sample('healthy/db-02-memory-2026-03-07.csv').trimEnd().split('\n');
    expect(lines[0]).toBe('time,used (GiB),cached (GiB)');
    const rows = lines.slice(1).map((line) => line.split(',').map(Number));
    expect(rows).toHaveLength(3 * 144);
    expect(rows[0]?.[0]).toBe(Date.UTC(2026, 2, 4) / 1000);
    expect((rows[1]?.[0] as number) - (rows[0]?.[0] as number)).toBe(600);
    const dayMean = (day: number): number =>
      rows.slice(day * 144, (day + 1) * 144).reduce((s, row) => s + (row[1] as number), 0) / 144;
    expect(Math.abs(dayMean(0) - dayMean(2))).toBeLessThan(0.2);
    expect(Math.abs(dayMean(0) - dayMean(1))).toBeLessThan(0.2);
  });
});

describe('generator helpers', () => {
  it('formatFixedC rounds like glibc printf (ties to even on the exact binary value)', () => {
    expect(formatFixedC(128 / 1024, 2)).toBe('0.12');
    expect(formatFixedC(384 / 1024, 2)).toBe('0.38');
    expect(formatFixedC(192 / 1024, 2)).toBe('0.19');
    expect(formatFixedC(8 / 1024, 2)).toBe('0.01');
    expect(formatFixedC(99.75, 1)).toBe('99.8');
    expect(formatFixedC(0.25, 1)).toBe('0.2');
    expect(formatFixedC(13762989.1484375, 2)).toBe('13762989.15');
    expect(formatFixedC(100, 1)).toBe('100.0');
    expect(formatFixedC(2.5, 0)).toBe('2');
    expect(() => formatFixedC(-1, 2)).toThrow(RangeError);
  });

  it('mulberry32 is reproducible and uniform on [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(draws);
    expect(draws.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(Math.abs(draws.reduce((s, u) => s + u, 0) / draws.length - 0.5)).toBeLessThan(0.01);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it('Rng.normal has mean 0 and variance 1', () => {
    const rng = new Rng(7);
    const draws = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
