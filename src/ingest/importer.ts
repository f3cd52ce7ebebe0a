/**
 * The importer interface: one file per format, registered in ./index.ts. The registry sniffs the
 * first few KiB of content (never the file extension) to pick an importer; `--input-format` skips that.
 */

import type { Series } from '../model/series.js';
import type { SlabSnapshot } from '../model/slab.js';
import type {
  CgroupMemoryStat,
  DentryStateSnapshot,
  MeminfoSnapshot,
  SysctlSnapshot,
} from '../model/snapshot.js';

export interface IngestContext {
  /** The file name as the user gave it; used in warnings and errors. */
  file: string;
  /** IANA zone for times that carry no offset (`--tz`, default UTC). */
  tz: string;
  /** Refuse input with more lines than this (streaming paths check it as they read). */
  maxRows?: number;
  /** Rows a streamed table keeps before averaging them into time buckets (reduce.ts; default POINT_CAPACITY). */
  pointCapacity?: number;
  /** Record a non-fatal problem (with a 1-based line where one applies). */
  warn(code: string, message: string, line?: number): void;
}

export interface ImportResult {
  series: Series[];
  slabs: SlabSnapshot[];
  /** /proc/meminfo snapshots, when the input holds them. */
  meminfo?: MeminfoSnapshot[];
  /** /proc/sys/fs/dentry-state snapshots, when the input holds them. */
  dentryState?: DentryStateSnapshot[];
  /** sysctl settings (`sysctl -a`, sysctl.conf), when the input holds them. */
  sysctl?: SysctlSnapshot[];
  /** cgroup v2 memory.stat snapshots, when the input holds them. */
  cgroup?: CgroupMemoryStat[];
  /** Host name the input states (instance label, hostname column, banner), if any. */
  host?: string;
  /** Kernel release the input states (a sar banner's `Linux <release> (<host>)`), if any. */
  kernelRelease?: string;
}

export interface Importer {
  /** Stable id, equal to the file name; listed by --help and accepted by --input-format. */
  id: string;
  /** One line for --help. */
  description: string;
  /** Cheap check on the first KiB(s) of decoded text: does this look like my format? */
  sniff(head: string): boolean;
  /** Parse the whole decoded text. Throw InputError (file, line) for input the format cannot hold. */
  parse(text: string, ctx: IngestContext): ImportResult;
  /**
   * Optional streaming path for large plain files: read the (UTF-8) file at `path` in chunks, given the
   * decoded head the sniffer saw. Resolve null when the file does not fit the fast path (quotes, units,
   * irregular rows …); the registry then reads the whole text and calls `parse`, which reports any error.
   * It must not warn before it knows it will succeed.
   */
  parseStream?(path: string, head: string, ctx: IngestContext): Promise<ImportResult | null>;
}
