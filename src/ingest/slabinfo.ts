/**
 * /proc/slabinfo version 2.x (mm/slab_common.c; research/formats.md §7):
 * `name active_objs num_objs objsize objperslab pagesperslab : tunables l b s : slabdata active_slabs
 * num_slabs sharedavail`, after `slabinfo - version: 2.1` and a `# name …` comment. SLUB prints
 * `tunables 0 0 0`, the old SLAB allocator real tunables; `(statistics)` kernels append more sections.
 * Names may be long and contain colons (`iwl_cmd_pool:0000:04:00.0`), so a row is matched as a whole.
 *
 * Memory per cache = num_slabs × pagesperslab × 4096 (procps' upper bound). 4 KiB pages are assumed:
 * slabinfo does not state the page size (64 KiB-page arm64/ppc64 kernels would be under-counted).
 *
 * Without the version line, complete 2.x rows are still recognised (a `grep ^dentry /proc/slabinfo`
 * paste): the `: tunables … : slabdata …` shape is unmistakable. Each version line starts a snapshot;
 * timestamp lines between them (snapshot-blocks.ts) give each its time.
 */

import { InputError, messages } from '../errors.js';
import type { SlabCache } from '../model/slab.js';
import { isReclaimableCache } from '../model/slab.js';
import type { Importer } from './importer.js';
import type { SnapshotKind } from './snapshot-blocks.js';
import { snapshotImporter } from './snapshot-blocks.js';
import { snapshotKinds } from './snapshot-kinds.js';

const PAGE_SIZE_BYTES = 4096;
const VERSION = /^slabinfo - version:\s*(\S+)/;
const ROW =
  /^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*:\s*tunables\s+(\d+)\s+(\d+)\s+(\d+)\s*:\s*slabdata\s+(\d+)\s+(\d+)\s+(\d+)(?:\s*:.*)?\s*$/;

/** A name then numbers: a row, possibly broken (parse reports it). */
const ROW_LIKE = /^[^\d\s#]\S*\s+\d+\s/;

export const slabinfoKind: SnapshotKind = {
  id: 'slabinfo',
  starts: (line) => VERSION.test(line) || ROW.test(line),
  next(line, block) {
    if (VERSION.test(line)) return 'end';
    if (line.startsWith('#')) return block.length === 1 ? 'continue' : 'end';
    if (ROW.test(line) || ROW_LIKE.test(line)) return 'continue';
    return 'end';
  },
  parse(block, atMs, ctx) {
    const caches: SlabCache[] = [];
    let headerLine: number | undefined;
    for (const { text, line: lineNumber } of block) {
      const line = text;
      if (line.trim() === '' || line.startsWith('#')) continue;
      const version = VERSION.exec(line);
      if (version !== null) {
        const number = version[1] as string;
        if (!number.startsWith('2.')) {
          throw new InputError(
            'unsupported-version',
            messages.unsupportedSlabinfoVersion(number),
            ctx.file,
            lineNumber,
          );
        }
        headerLine ??= lineNumber;
        continue;
      }
      const match = ROW.exec(line);
      if (match === null) {
        throw new InputError(
          'bad-slab-row',
          messages.badSlabRow('slabinfo', line.trim().slice(0, 80)),
          ctx.file,
          lineNumber,
        );
      }
      const name = match[1] as string;
      const numSlabs = Number(match[11]);
      const pagesPerSlab = Number(match[6]);
      caches.push({
        name,
        activeObjs: Number(match[2]),
        numObjs: Number(match[3]),
        objSizeBytes: Number(match[4]),
        bytes: numSlabs * pagesPerSlab * PAGE_SIZE_BYTES,
        reclaimable: isReclaimableCache(name),
      });
    }
    if (caches.length === 0) {
      throw new InputError('no-slab-caches', messages.noSlabCaches(), ctx.file, block[0]?.line);
    }
    return {
      slab: {
        atMs,
        caches,
        source: {
          file: ctx.file,
          format: 'slabinfo',
          ...(headerLine === undefined ? {} : { line: headerLine }),
        },
      },
    };
  },
};

export const slabinfo: Importer = snapshotImporter(
  'slabinfo',
  '/proc/slabinfo snapshot(s) (version 2.x, SLUB or SLAB; timestamp lines date them)',
  snapshotKinds,
);
