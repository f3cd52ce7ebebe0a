/**
 * Several kinds of snapshot in one file, as an incident capture loop writes them, e.g. what
 * memautopsy itself recommends collecting:
 *
 *   while true; do date -u +%Y-%m-%dT%H:%M:%SZ; cat /proc/meminfo; slabtop -o -s c | head -30;
 *     cat /proc/sys/fs/dentry-state; sleep 3600; done
 *
 * Each block is read by its own format's kind (snapshot-blocks.ts); dated blocks become series.
 * A file holding a single kind is sniffed as that kind's format instead.
 */

import type { Importer } from './importer.js';
import { readSnapshots, sniffSnapshotKinds } from './snapshot-blocks.js';
import { snapshotKinds } from './snapshot-kinds.js';

export const snapshotLoop: Importer = {
  id: 'snapshot-loop',
  description: 'a capture loop mixing meminfo, slabtop/slabinfo, dentry-state, free … between date lines',
  sniff(head) {
    return sniffSnapshotKinds(head, snapshotKinds()).size >= 2;
  },
  parse(text, ctx) {
    return readSnapshots(text, ctx, snapshotKinds());
  },
};
