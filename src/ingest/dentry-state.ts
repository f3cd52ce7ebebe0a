/**
 * /proc/sys/fs/dentry-state: six TAB-separated longs `nr_dentry nr_unused age_limit want_pages
 * nr_negative dummy` (research/formats.md §7, kernel.md §2). nr_negative exists since Linux 5.0 (a dummy
 * 0 before). One snapshot per line; lines captured in a loop with timestamp lines also become the series
 * nr_dentry, nr_unused and nr_negative (counts).
 */

import { InputError } from '../errors.js';
import type { Importer } from './importer.js';
import type { SnapshotKind } from './snapshot-blocks.js';
import { snapshotImporter } from './snapshot-blocks.js';
import { snapshotKinds } from './snapshot-kinds.js';

const SIX_NUMBERS = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;

export const dentryStateKind: SnapshotKind = {
  id: 'dentry-state',
  starts: (line) => SIX_NUMBERS.test(line),
  next: () => 'end',
  parse(block, atMs, ctx) {
    const entry = block[0];
    const match = entry === undefined ? null : SIX_NUMBERS.exec(entry.text);
    if (entry === undefined || match === null) {
      throw new InputError(
        'bad-dentry-state',
        'expected six numbers (nr_dentry nr_unused … nr_negative dummy)',
        ctx.file,
        entry?.line,
      );
    }
    const [nrDentry, nrUnused, ageLimitSeconds, wantPages, nrNegative] = match.slice(1, 6).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const line = entry.line;
    return {
      dentryState: {
        atMs,
        nrDentry,
        nrUnused,
        ageLimitSeconds,
        wantPages,
        nrNegative,
        source: { file: ctx.file, format: 'dentry-state', line },
      },
      points: [
        { name: 'nr_dentry', metric: 'dentry.total', unit: 'count', value: nrDentry, line },
        { name: 'nr_unused', metric: 'dentry.unused', unit: 'count', value: nrUnused, line },
        { name: 'nr_negative', metric: 'dentry.negative', unit: 'count', value: nrNegative, line },
      ],
    };
  },
};

export const dentryState: Importer = snapshotImporter(
  'dentry-state',
  '/proc/sys/fs/dentry-state snapshot(s); several with timestamp lines become series',
  snapshotKinds,
);
