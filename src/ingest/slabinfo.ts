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
 * Without the version line, text is accepted only when its first lines are all complete 2.x rows
 * (a `grep ^dentry /proc/slabinfo` paste): the `: tunables … : slabdata …` shape is unmistakable.
 */

import { InputError, messages } from '../errors.js';
import type { SlabCache } from '../model/slab.js';
import { isReclaimableCache } from '../model/slab.js';
import type { Importer } from './importer.js';

const PAGE_SIZE_BYTES = 4096;
const VERSION = /^slabinfo - version:\s*(\S+)/;
const ROW =
  /^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*:\s*tunables\s+(\d+)\s+(\d+)\s+(\d+)\s*:\s*slabdata\s+(\d+)\s+(\d+)\s+(\d+)(?:\s*:.*)?\s*$/;

/** Rows the headerless sniff checks (all of them when the head holds fewer). */
const SNIFF_ROWS = 3;

export const slabinfo: Importer = {
  id: 'slabinfo',
  description: '/proc/slabinfo snapshot (version 2.x, SLUB or SLAB)',

  sniff(head) {
    const lines = head
      .split('\n')
      .map((line) => line.replace(/\r$/, ''))
      .filter((line) => line.trim() !== '');
    if (lines[0] !== undefined && VERSION.test(lines[0])) return true;
    // The head's last line may be cut mid-row; judge by complete lines only.
    const complete = head.endsWith('\n') || lines.length === 1 ? lines : lines.slice(0, -1);
    const sample = complete.slice(0, SNIFF_ROWS);
    return sample.length > 0 && sample.every((line) => ROW.test(line));
  },

  parse(text, ctx) {
    const lines = text.split('\n');
    const caches: SlabCache[] = [];
    let headerLine: number | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] as string).replace(/\r$/, '');
      const lineNumber = i + 1;
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
    if (caches.length === 0) throw new InputError('no-slab-caches', messages.noSlabCaches(), ctx.file);
    return {
      series: [],
      slabs: [
        {
          atMs: null,
          caches,
          source: {
            file: ctx.file,
            format: 'slabinfo',
            ...(headerLine === undefined ? {} : { line: headerLine }),
          },
        },
      ],
    };
  },
};
