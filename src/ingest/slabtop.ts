/**
 * `slabtop -o` output (procps src/slabtop.c; research/formats.md §7): summary lines
 * (` Active / Total Size (% used) : 670791.23K / 674440.20K (99.5%)`), a header
 * `  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME` (wider since procps 2025), then one row
 * per cache: `2369325 2369308  99%    0.19K 112825       21    451300K dentry`. Columns are split on
 * whitespace (wide numbers can fill a column but a space always separates them); the name is the rest
 * of the line, trailing padding removed. Sizes are KiB with `K` (or `M`/`G` with --human), with a
 * decimal comma under some locales (`0,03K`).
 * Several runs concatenated give one snapshot each; timestamp lines between them (snapshot-blocks.ts)
 * give each its time.
 */

import { InputError, messages } from '../errors.js';
import type { SlabCache } from '../model/slab.js';
import { isReclaimableCache } from '../model/slab.js';
import type { Importer } from './importer.js';
import type { BlockLine, SnapshotKind } from './snapshot-blocks.js';
import { snapshotImporter } from './snapshot-blocks.js';
import { snapshotKinds } from './snapshot-kinds.js';

const SUMMARY = /^\s*Active \/ Total (Objects|Slabs|Caches|Size) \(% used\)\s*:/m;
const SIZE_SUMMARY = /^\s*Active \/ Total Size \(% used\)\s*:\s*([\d.,]+[KMGT]?)\s*\/\s*([\d.,]+[KMGT]?)/;
const TABLE_HEADER = /^\s*OBJS\s+ACTIVE\s+USE\s+OBJ SIZE\s+SLABS\s+OBJ\/SLAB\s+CACHE SIZE\s+NAME\s*$/;
const ROW = /^\s*(\d+)\s+(\d+)\s+(\d+)%\s+([\d.,]+[KMGT]?)\s+(\d+)\s+(\d+)\s+([\d.,]+[KMGT]?)\s+(\S.*?)\s*$/;

const BYTES_PER_SUFFIX: Record<string, number> = {
  '': 1024,
  K: 1024,
  M: 1024 ** 2,
  G: 1024 ** 3,
  T: 1024 ** 4,
};

/** `451300K` → bytes; slabtop prints KiB (a bare number is KiB too), `0,03K` under a comma locale. */
function kibibyteSize(text: string): number {
  const suffix = /[KMGT]$/.test(text) ? text.slice(-1) : '';
  const amount = Number((suffix === '' ? text : text.slice(0, -1)).replace(',', '.'));
  return Math.round(amount * (BYTES_PER_SUFFIX[suffix] as number));
}

const MINIMUM = /^\s*Minimum \/ Average \/ Maximum Object\s*:/;

export const slabtopKind: SnapshotKind = {
  id: 'slabtop',
  starts: (line) => SUMMARY.test(line) || TABLE_HEADER.test(line),
  next(line, block) {
    // The summary part is at most seven lines, so a longer block is inside its table.
    const tableStarted = block.length > 8 || block.some((entry) => TABLE_HEADER.test(entry.text));
    if (line.trim() === '' || SUMMARY.test(line) || MINIMUM.test(line) || TABLE_HEADER.test(line)) {
      // Before the table: the summary and its blank line; after it, these start the next run.
      return tableStarted ? 'end' : 'continue';
    }
    if (!tableStarted) return 'end';
    // A row, or a broken one that still has OBJS, ACTIVE and USE% (parse reports it with its line).
    return ROW.test(line) || /^\s*\d+\s+\d+\s+\d+%/.test(line) ? 'continue' : 'end';
  },
  parse(block, atMs, ctx) {
    let totalBytes: number | undefined;
    let header: BlockLine | undefined;
    const caches: SlabCache[] = [];
    for (const entry of block) {
      const size = SIZE_SUMMARY.exec(entry.text);
      if (size !== null) totalBytes = kibibyteSize(size[2] as string);
      else if (TABLE_HEADER.test(entry.text)) header = entry;
      else if (header !== undefined && entry.text.trim() !== '')
        caches.push(parseRow(entry.text, entry.line, ctx.file));
    }
    if (header === undefined) {
      throw new InputError('no-slab-table', messages.noSlabTable(), ctx.file, block[0]?.line);
    }
    return {
      slab: {
        atMs,
        caches,
        ...(totalBytes === undefined ? {} : { totalBytes }),
        source: { file: ctx.file, format: 'slabtop', line: header.line },
      },
    };
  },
};

export const slabtop: Importer = snapshotImporter(
  'slabtop',
  '`slabtop -o` output (one slab snapshot per run; timestamp lines date them)',
  snapshotKinds,
);

function parseRow(line: string, lineNumber: number, file: string): SlabCache {
  const match = ROW.exec(line);
  if (match === null) {
    throw new InputError(
      'bad-slab-row',
      messages.badSlabRow('slabtop', line.trim().slice(0, 80)),
      file,
      lineNumber,
    );
  }
  const name = match[8] as string;
  return {
    name,
    numObjs: Number(match[1]),
    activeObjs: Number(match[2]),
    // slabtop rounds OBJ SIZE to 0.01 KiB, so this is within ~5 bytes of the real object size.
    objSizeBytes: kibibyteSize(match[4] as string),
    bytes: kibibyteSize(match[7] as string),
    reclaimable: isReclaimableCache(name),
  };
}
