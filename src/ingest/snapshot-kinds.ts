/**
 * Every snapshot kind (snapshot-blocks.ts), in the order a line is offered to them. A function, not a
 * constant: the format files import it back, and a function is ready before any module body runs.
 */

import { cgroupMemoryKind } from './cgroup-memory.js';
import { dentryStateKind } from './dentry-state.js';
import { freeKind } from './free.js';
import { meminfoKind } from './meminfo.js';
import type { SnapshotKind } from './snapshot-blocks.js';
import { slabinfoKind } from './slabinfo.js';
import { slabtopKind } from './slabtop.js';
import { sysctlKind } from './sysctl.js';

export function snapshotKinds(): SnapshotKind[] {
  return [slabinfoKind, slabtopKind, freeKind, meminfoKind, dentryStateKind, cgroupMemoryKind, sysctlKind];
}
