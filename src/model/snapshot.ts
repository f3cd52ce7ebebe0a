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

/** `sysctl -a` output or a sysctl.conf / sysctl.d file: current (or configured) settings. */
export interface SysctlSnapshot {
  atMs: number | null;
  /** Key → value as written (`vm.vfs_cache_pressure` → `"100"`); whitespace inside values collapsed. */
  settings: Record<string, string>;
  /** `sysctl -a` (running kernel) or a configuration file (what will be applied at boot). */
  kind: 'running' | 'config';
  source: SourceRef;
}

/** cgroup v2 `memory.stat` (bytes; keys as the kernel writes them), optionally with memory.current/max. */
export interface CgroupMemoryStat {
  atMs: number | null;
  fields: Record<string, number>;
  source: SourceRef;
}
