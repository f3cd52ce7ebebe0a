/**
 * /proc/sys/fs/dentry-state: six TAB-separated longs `nr_dentry nr_unused age_limit want_pages
 * nr_negative dummy` (research/formats.md §7, kernel.md §2). nr_negative exists since Linux 5.0.
 */

import { InputError } from '../errors.js';
import type { Importer } from './importer.js';

const SIX_NUMBERS = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;

export const dentryState: Importer = {
  id: 'dentry-state',
  description: '/proc/sys/fs/dentry-state snapshot',
  sniff(head) {
    const lines = head.split(/\r?\n/).filter((line) => line.trim() !== '');
    return lines.length === 1 && SIX_NUMBERS.test(lines[0] as string);
  },
  parse(text, ctx) {
    const lines = text.split(/\r?\n/);
    const index = lines.findIndex((line) => line.trim() !== '');
    const match = index < 0 ? null : SIX_NUMBERS.exec(lines[index] as string);
    if (match === null) {
      throw new InputError(
        'bad-dentry-state',
        'expected six numbers (nr_dentry nr_unused … nr_negative dummy)',
        ctx.file,
        index + 1,
      );
    }
    const [nrDentry, nrUnused, ageLimitSeconds, wantPages, nrNegative] = match
      .slice(1, 6)
      .map(Number) as number[];
    return {
      series: [],
      slabs: [],
      dentryState: [
        {
          atMs: null,
          nrDentry: nrDentry as number,
          nrUnused: nrUnused as number,
          ageLimitSeconds: ageLimitSeconds as number,
          wantPages: wantPages as number,
          nrNegative: nrNegative as number,
          source: { file: ctx.file, format: 'dentry-state' },
        },
      ],
    };
  },
};
