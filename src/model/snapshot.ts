/** Point-in-time kernel snapshots other than slab: /proc/meminfo and /proc/sys/fs/dentry-state. */

import type { SourceRef } from './series.js';

export interface MeminfoSnapshot {
  /** Epoch ms when taken, when the input says so. */
  atMs: number | null;
  /** Field values converted to bytes for `kB` lines; unitless lines (HugePages_*) as counts. */
  fields: Record<string, number>;
  source: SourceRef;
}

/** /proc/sys/fs/dentry-state: `nr_dentry nr_unused age_limit want_pages nr_negative dummy` (kernel.md §2). */
export interface DentryStateSnapshot {
  atMs: number | null;
  nrDentry: number;
  nrUnused: number;
  ageLimitSeconds: number;
  wantPages: number;
  /** Unused negative dentries; 0 on kernels before 5.0 where the field was a dummy. */
  nrNegative: number;
  source: SourceRef;
}
