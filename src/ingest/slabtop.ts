/**
 * `slabtop -o` output (procps src/slabtop.c; research/formats.md §7): summary lines
 * (` Active / Total Size (% used) : 670791.23K / 674440.20K (99.5%)`), a header
 * `  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME` (wider since procps 2025), then one row
 * per cache: `2369325 2369308  99%    0.19K 112825       21    451300K dentry`. Columns are split on
 * whitespace (wide numbers can fill a column but a space always separates them); the name is the rest
 * of the line, trailing padding removed. Sizes are KiB with `K` (or `M`/`G` with --human), with a
 * decimal comma under some locales (`0,03K`).
 * Several runs concatenated give one snapshot each.
 */

import { InputError, messages } from '../errors.js';
import type { SlabCache, SlabSnapshot } from '../model/slab.js';
import { isReclaimableCache } from '../model/slab.js';
import type { Importer } from './importer.js';

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

export const slabtop: Importer = {
  id: 'slabtop',
  description: '`slabtop -o` output (one slab snapshot per run)',

  sniff(head) {
    return SUMMARY.test(head) || head.split('\n').some((line) => TABLE_HEADER.test(line.replace(/\r$/, '')));
  },

  parse(text, ctx) {
    const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
    const snapshots: SlabSnapshot[] = [];
    let pendingTotalBytes: number | undefined;
    let current: SlabSnapshot | null = null;
    let ignored = 0;
    let firstIgnoredLine = 0;

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const lineNumber = i + 1;
      if (line.trim() === '') {
        current = null;
        continue;
      }
      if (TABLE_HEADER.test(line)) {
        current = {
          atMs: null,
          caches: [],
          ...(pendingTotalBytes === undefined ? {} : { totalBytes: pendingTotalBytes }),
          source: { file: ctx.file, format: 'slabtop', line: lineNumber },
        };
        snapshots.push(current);
        pendingTotalBytes = undefined;
        continue;
      }
      if (SUMMARY.test(line)) {
        // A summary block after a table starts the next run.
        current = null;
        const size = SIZE_SUMMARY.exec(line);
        if (size !== null) pendingTotalBytes = kibibyteSize(size[2] as string);
        continue;
      }
      if (/^\s*Minimum \/ Average \/ Maximum Object\s*:/.test(line)) continue;
      if (current === null) {
        ignored++;
        if (firstIgnoredLine === 0) firstIgnoredLine = lineNumber;
        continue;
      }
      current.caches.push(parseRow(line, lineNumber, ctx.file));
    }

    if (snapshots.length === 0) throw new InputError('no-slab-table', messages.noSlabTable(), ctx.file);
    if (ignored > 0) {
      ctx.warn('ignored-lines', `${ignored} line(s) outside a slabtop table were ignored`, firstIgnoredLine);
    }
    return { series: [], slabs: snapshots };
  },
};

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
