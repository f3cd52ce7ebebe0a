/**
 * Sample-data generator for memautopsy: writes `samples/<scenario>/` folders, each one host's exports
 * as the user would have them on disk. Run `npm run samples` (= `npx tsx scripts/make-samples.ts
 * [outDir=samples]`). The output is deterministic byte for byte: every scenario draws from its own
 * fixed-seed PRNG (mulberry32 + Box-Muller), and every number is rounded before it is printed.
 * test/samples/make-samples.test.ts regenerates into a temp dir and compares with the committed files.
 *
 * Layouts follow research/formats.md (§2 Grafana raw CSV: every header field double-quoted, CRLF, no
 * newline after the last row, epoch-ms times, plain numbers, empty cell for null; §7 `slabtop -o` with
 * the old procps layout, /proc/meminfo of a 5.15 kernel, TAB-separated /proc/sys/fs/dentry-state).
 *
 * ## 1. dentry-cache — host web-01, MemTotal 16 GiB (seed 0x5eed0001)
 * The story the product was born from: "used" = MemTotal − MemFree climbs for days like a leak, `top`
 * shows nothing, slabtop shows the dentry cache holding ~13 GiB, `echo 2 > /proc/sys/vm/drop_caches`
 * at 2026-03-06T12:00Z frees it, and afterwards the kernel reclaims the regrown cache (a sawtooth).
 * Model, 5-minute steps from 2026-03-02T00:00Z to 2026-03-09T00:00Z (all sizes in kB, page-rounded):
 * - anon (applications) 1.30 GiB + daily load wave ±60 MiB (peak 14:00 UTC) + AR(1) noise
 *   (φ 0.9, innovation σ 6 MiB) + a 02:15–02:35 UTC cron job that holds 0.4 GiB;
 * - page cache (Buffers + Cached − Shmem) mean-reverting to 1.0 GiB (τ 6 h, range ~0.8–1.2 GiB), Shmem
 *   48 MiB; kernel stacks, page tables, per-cpu, vmalloc and unaccounted kernel memory ~0.19 GiB;
 * - non-dentry slab = the slabtop table's other caches (inode caches, radix_tree_node, buffer_head …
 *   reclaimable; kmalloc-*, task_struct … unreclaimable ≈ 0.30 GiB);
 * - dentry slab from 2.0 GiB growing +110 MiB/h (±35 % per-step noise) — nearly linear;
 * - memory pressure: when MemFree would fall under ~0.34 GiB (just above the watermarks, where kswapd
 *   works) the deficit is reclaimed half from page cache (down to 0.35 GiB), the rest from dentries,
 *   so "used" pins at ~15.6 GiB for the last ~7 h before the drop;
 * - drop_caches (mode 2) at 12:00: dentries fall to the ~42 MiB in use, reclaimable inode caches to
 *   45 % (regrowing with τ 10 h): "used" falls to ~2.6 GiB;
 * - after the drop the cache refills faster (~0.65 GiB/h: the health-check lookups continue and the
 *   cold cache is repopulated) and a periodic batch job (every 10 h from 2026-03-07T06:30Z, ±10 min; its
 *   anon burst lasts less than a scrape interval so the series never shows it) drives free memory to the
 *   low watermark each run: kswapd trims the dentry LRU within two samples so "used" falls from ~14.5 to
 *   ~9 GiB, holds flat for 1.5 h while the job runs, then regrows: a ~10 h sawtooth with flat troughs;
 * - MemAvailable is the kernel's si_mem_available() on the same state (free − totalreserve + file LRU
 *   + SReclaimable, each less min(x/2, low watermark)): roughly flat ~13.8 GiB because the dentry slab
 *   is reclaimable, dipping only for the cron job;
 * - two scrape gaps (empty cells) at 2026-03-03T14:35Z and 2026-03-08T07:20Z.
 * The slabtop, meminfo and dentry-state snapshots are the same model state at 2026-03-06T11:30Z (the
 * CSV row of that time equals MemTotal − MemFree and MemAvailable of the meminfo file); nr_negative is
 * 93 % of nr_dentry (the failed-lookup workload, e.g. NSS without NSS_SDB_USE_CACHE=yes).
 *
 * ## 2. user-space-leak — host api-07, 8 GiB (seed 0x5eed0002)
 * Used = MemTotal − MemAvailable at 1-minute resolution over 5 days from 2026-03-01T00:00Z: 0.9 GiB of
 * OS, sidecars and kernel plus the service's RSS: 1.6 GiB when fresh (used ≈ 2.5 GiB), leaking +45 MiB/h
 * on average (the leak rate follows traffic: ×(1 ± 0.3), peak 15:00 UTC), with a ±150 MiB daily
 * working-set wave and AR(1) noise (φ 0.95, innovation σ 4 MiB). The service was last restarted 34 h
 * before the window, so used starts near 4 GiB. When used reaches ~7.6 GiB (on 2026-03-04) the OOM
 * killer ends the service and systemd restarts it: used falls to ~1.9 GiB, warms up to ~2.5 GiB within
 * ~15 min, and the leak resumes at the same rate for the last ~1.7 days (the repeat after a restart is
 * what tells a leak from a one-off load increase). Files: a Grafana raw single-frame CSV ("Time","Memory used") and a generic time-first CSV of
 * MemAvailable in MiB every 15 minutes (ISO 8601 UTC, LF), from a second agent with ±2 MiB of jitter.
 *
 * ## 3. healthy — host db-02, 32 GiB (seed 0x5eed0003)
 * Generic CSV `time,used (GiB),cached (GiB)`, epoch seconds, 10-minute samples over 3 days from
 * 2026-03-04T00:00Z: used 11.8 GiB ± 0.9 GiB daily wave (peak 14:00 UTC) + AR(1) noise (φ 0.85,
 * innovation σ 0.06 GiB); cached 17.4 GiB ∓ 0.25 GiB + AR(1) noise (φ 0.95, σ 0.04 GiB). No trend.
 *
 * ## 4–8. The verdict scenarios (seeds 0x5eed0004 … 0x5eed0008)
 * kernel-leak (gw-03: SUnreclaim and kmalloc-128 grow, slabinfo at both ends, a meminfo capture loop),
 * workload-change (cache-04: one 3 GiB step), suspected-leak (app-11: one "used" column),
 * harmful-sysctl (ci-05: dentry cache on 6.17 with a copied sysctl file, `sysctl -a`, meminfo) and
 * hidden-leak (etl-05: used saws between fixed bounds while MemAvailable declines), and (seed
 * 0x5eed0009) container (a pod's cAdvisor working set grows with page cache, memory.stat). Each builder's
 * docblock and its constants state the model; samples/README.md says what each should conclude.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One generated file: its path relative to the samples folder (POSIX separators) and its exact text. */
export interface SampleFile {
  path: string;
  content: string;
}

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny 32-bit PRNG; returns uniforms in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform and standard-normal draws (Box-Muller, the spare value kept for the next call). */
export class Rng {
  private readonly next: () => number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  uniform(): number {
    return this.next();
  }

  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    const u1 = 1 - this.next(); // (0, 1]: log stays finite
    const u2 = this.next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }
}

// ---------------------------------------------------------------------------------------------------
// Formatting

/**
 * `printf("%.<digits>f", x)` as glibc prints it for x ≥ 0: the exact binary value rounded, ties to even
 * (JavaScript's toFixed rounds ties up, so 128 / 1024 would print 0.13K where slabtop prints 0.12K).
 */
export function formatFixedC(x: number, digits: number): string {
  if (!Number.isFinite(x) || x < 0 || !Number.isInteger(digits) || digits < 0) {
    throw new RangeError(`formatFixedC: unsupported ${x} with ${digits} digits`);
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const exponentBits = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let exponent = -1074; // subnormal
  if (exponentBits !== 0) {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  const scale = 10n ** BigInt(digits);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * scale;
  } else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twiceRemainder = (numerator % denominator) * 2n;
    if (twiceRemainder > denominator || (twiceRemainder === denominator && scaled % 2n === 1n)) scaled += 1n;
  }
  const text = scaled.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Grafana's toCSV: every header field quoted (inner quotes doubled), CRLF, no trailing newline. */
export function grafanaCsv(headers: string[], rows: ReadonlyArray<ReadonlyArray<number | null>>): string {
  const quote = (field: string): string => `"${field.replaceAll('"', '""')}"`;
  const lines = [headers.map(quote).join(',')];
  for (const row of rows) lines.push(row.map((value) => (value === null ? '' : `${value}`)).join(','));
  return lines.join('\r\n');
}

function isoSeconds(tMs: number): string {
  return `${new Date(tMs).toISOString().slice(0, 19)}Z`;
}

// ---------------------------------------------------------------------------------------------------
// Units and time

const KIB_PER_MIB = 1024;
const KIB_PER_GIB = 1024 * 1024;
const BYTES_PER_KIB = 1024;
const BYTES_PER_MIB = 1024 * 1024;
const BYTES_PER_GIB = 1024 * 1024 * 1024;
const PAGE_KIB = 4;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Round kB to whole 4 kB pages (every meminfo page counter is a page multiple). */
function pageRoundKb(kb: number): number {
  return PAGE_KIB * Math.round(kb / PAGE_KIB);
}

/** Round bytes to whole 4 KiB pages. */
function pageRoundBytes(bytes: number): number {
  return 4096 * Math.round(bytes / 4096);
}

function hourOfDayUtc(tMs: number): number {
  return (((tMs % (24 * HOUR_MS)) + 24 * HOUR_MS) % (24 * HOUR_MS)) / HOUR_MS;
}

/** Daily wave in [-1, 1] with its maximum at `peakHourUtc`. */
function dailyWave(tMs: number, peakHourUtc: number): number {
  return Math.cos((2 * Math.PI * (hourOfDayUtc(tMs) - peakHourUtc)) / 24);
}

// ---------------------------------------------------------------------------------------------------
// Slab caches (slabtop -o, procps 3.3.x layout and arithmetic)

export interface SlabCacheRow {
  name: string;
  objSizeBytes: number;
  objsPerSlab: number;
  pagesPerSlab: number;
  numSlabs: number;
  numObjs: number;
  activeObjs: number;
  /** Whether the kernel creates the cache with SLAB_RECLAIM_ACCOUNT (counted in SReclaimable). */
  reclaimable: boolean;
}

interface SlabCacheSpec {
  name: string;
  objSizeBytes: number;
  objsPerSlab: number;
  pagesPerSlab: number;
  /** Objects wanted; rounded up to whole slabs. */
  objs: number;
  activeFraction: number;
  reclaimable: boolean;
}

/**
 * web-01's slab caches other than dentry: a 5.15 SLUB kernel (kmalloc-1k naming, kmalloc-cg-* and
 * kmalloc-rcl-* caches) on an ext4 web host. Geometry (object size, objects per slab, pages per slab)
 * as SLUB lays it out on x86_64; reclaimability as the kernel's SLAB_RECLAIM_ACCOUNT flags
 * (research/kernel.md §5): shmem_inode_cache is not reclaimable, sock_inode_cache is.
 */
type SlabCacheTuple = [
  name: string,
  objSizeBytes: number,
  objsPerSlab: number,
  pagesPerSlab: number,
  objs: number,
  activeFraction: number,
  reclaimable: boolean,
];
const WEB01_OTHER_CACHES: readonly SlabCacheSpec[] = (
  [
    // name, object size (B), objects/slab, pages/slab, objects, active fraction, reclaimable
    ['ext4_inode_cache', 1080, 30, 8, 96_150, 0.985, true],
    ['inode_cache', 592, 27, 4, 41_310, 0.972, true],
    ['radix_tree_node', 584, 28, 4, 23_912, 0.934, true],
    ['buffer_head', 104, 39, 1, 158_301, 0.991, true],
    ['proc_inode_cache', 680, 24, 4, 9_792, 0.962, true],
    ['sock_inode_cache', 832, 19, 4, 2_299, 0.951, true],
    ['ext4_extent_status', 40, 102, 1, 47_940, 0.983, true],
    ['kmalloc-rcl-64', 64, 64, 1, 6_400, 0.968, true],
    ['kmalloc-rcl-96', 96, 42, 1, 3_024, 0.952, true],
    ['kmalloc-rcl-128', 128, 32, 1, 1_856, 0.903, true],
    ['kmalloc-8', 8, 512, 1, 20_480, 0.991, false],
    ['kmalloc-16', 16, 256, 1, 25_600, 0.987, false],
    ['kmalloc-32', 32, 128, 1, 46_080, 0.981, false],
    ['kmalloc-64', 64, 64, 1, 1_615_360, 0.996, false],
    ['kmalloc-96', 96, 42, 1, 52_500, 0.978, false],
    ['kmalloc-128', 128, 32, 1, 29_440, 0.964, false],
    ['kmalloc-192', 192, 21, 1, 105_000, 0.971, false],
    ['kmalloc-256', 256, 32, 2, 76_800, 0.944, false],
    ['kmalloc-512', 512, 32, 4, 58_880, 0.976, false],
    ['kmalloc-1k', 1024, 32, 8, 20_480, 0.958, false],
    ['kmalloc-2k', 2048, 16, 8, 7_680, 0.949, false],
    ['kmalloc-4k', 4096, 8, 8, 4_800, 0.962, false],
    ['kmalloc-8k', 8192, 4, 8, 1_280, 0.973, false],
    ['kmalloc-cg-16', 16, 256, 1, 5_120, 0.912, false],
    ['kmalloc-cg-64', 64, 64, 1, 14_080, 0.957, false],
    ['kmalloc-cg-192', 192, 21, 1, 8_400, 0.931, false],
    ['kmalloc-cg-1k', 1024, 32, 8, 3_200, 0.922, false],
    ['kmalloc-cg-4k', 4096, 8, 8, 1_040, 0.938, false],
    ['task_struct', 7680, 4, 8, 1_352, 0.962, false],
    ['vm_area_struct', 200, 20, 1, 64_000, 0.982, false],
    ['anon_vma_chain', 64, 64, 1, 89_600, 0.977, false],
    ['anon_vma', 104, 39, 1, 41_769, 0.981, false],
    ['filp', 256, 32, 2, 32_640, 0.967, false],
    ['kernfs_node_cache', 128, 32, 1, 61_440, 0.998, false],
    ['pid', 128, 32, 1, 1_888, 0.948, false],
    ['cred_jar', 192, 21, 1, 5_103, 0.953, false],
    ['mm_struct', 1088, 30, 8, 450, 0.911, false],
    ['signal_cache', 1152, 28, 8, 868, 0.924, false],
    ['sighand_cache', 2112, 15, 8, 675, 0.936, false],
    ['files_cache', 704, 23, 4, 1_012, 0.918, false],
    ['names_cache', 4096, 8, 8, 72, 0.764, false],
    ['skbuff_head_cache', 256, 32, 2, 3_072, 0.909, false],
    ['TCP', 2368, 13, 8, 416, 0.889, false],
    ['shmem_inode_cache', 720, 22, 4, 3_300, 0.968, false],
    ['mnt_cache', 320, 25, 2, 1_325, 0.943, false],
    ['jbd2_journal_head', 112, 36, 1, 3_672, 0.932, false],
    ['kmem_cache', 448, 18, 2, 450, 0.982, false],
    ['kmem_cache_node', 64, 64, 1, 576, 0.984, false],
    ['lsm_file_cache', 24, 170, 1, 34_000, 0.961, false],
    ['ftrace_event_field', 56, 73, 1, 8_760, 0.993, false],
    ['fsnotify_mark_connector', 32, 128, 1, 1_536, 0.871, false],
    // Caches that exist but are empty: slabtop lists them and counts them in "Total Caches".
    ['dma-kmalloc-64', 64, 64, 1, 0, 0, false],
    ['dma-kmalloc-128', 128, 32, 1, 0, 0, false],
    ['dma-kmalloc-256', 256, 32, 2, 0, 0, false],
    ['dma-kmalloc-512', 512, 32, 4, 0, 0, false],
    ['kmalloc-rcl-4k', 4096, 8, 8, 0, 0, true],
    ['kmalloc-rcl-8k', 8192, 4, 8, 0, 0, true],
  ] satisfies SlabCacheTuple[]
).map(([name, objSizeBytes, objsPerSlab, pagesPerSlab, objs, activeFraction, reclaimable]) => ({
  name,
  objSizeBytes,
  objsPerSlab,
  pagesPerSlab,
  objs,
  activeFraction,
  reclaimable,
}));

function cacheRow(spec: SlabCacheSpec): SlabCacheRow {
  const numSlabs = Math.ceil(spec.objs / spec.objsPerSlab);
  const numObjs = numSlabs * spec.objsPerSlab;
  return {
    name: spec.name,
    objSizeBytes: spec.objSizeBytes,
    objsPerSlab: spec.objsPerSlab,
    pagesPerSlab: spec.pagesPerSlab,
    numSlabs,
    numObjs,
    activeObjs: Math.round(numObjs * spec.activeFraction),
    reclaimable: spec.reclaimable,
  };
}

/** Memory a cache holds in kB, slabtop's formula: slabs × pages per slab × page size. */
export function cacheSizeKb(row: SlabCacheRow): number {
  return row.numSlabs * row.pagesPerSlab * PAGE_KIB;
}

/** procps `use`: (unsigned)(100 * ((float)active / nr_objs)), computed in single precision. */
function usePercent(row: SlabCacheRow): number {
  if (row.numObjs === 0) return 0;
  const ratio = Math.fround(Math.fround(row.activeObjs) / Math.fround(row.numObjs));
  return Math.trunc(Math.fround(100 * ratio));
}

/** `slabtop -o` (procps 3.3.x): summary, blank line, header, rows sorted by OBJS descending. */
export function renderSlabtop(rows: readonly SlabCacheRow[]): string {
  const sorted = [...rows].sort((a, b) => b.numObjs - a.numObjs); // stable: empty caches keep table order
  let objs = 0;
  let active = 0;
  let slabs = 0;
  let activeCaches = 0;
  let totalSizeBytes = 0;
  let activeSizeBytes = 0;
  let minObj = Number.POSITIVE_INFINITY;
  let maxObj = 0;
  for (const row of sorted) {
    objs += row.numObjs;
    active += row.activeObjs;
    slabs += row.numSlabs; // SLUB reports active slabs = total slabs
    if (row.numObjs > 0) activeCaches += 1;
    totalSizeBytes += row.numObjs * row.objSizeBytes;
    activeSizeBytes += row.activeObjs * row.objSizeBytes;
    minObj = Math.min(minObj, row.objSizeBytes);
    maxObj = Math.max(maxObj, row.objSizeBytes);
  }
  const avgObj = Math.floor(totalSizeBytes / objs); // unsigned long division in procps
  const pct = (part: number, whole: number): string => formatFixedC((100 * part) / whole, 1);
  const k = (bytes: number): string => `${formatFixedC(bytes / 1024, 2)}K`;
  const lines = [
    ` Active / Total Objects (% used)    : ${active} / ${objs} (${pct(active, objs)}%)`,
    ` Active / Total Slabs (% used)      : ${slabs} / ${slabs} (${pct(slabs, slabs)}%)`,
    ` Active / Total Caches (% used)     : ${activeCaches} / ${sorted.length} (${pct(activeCaches, sorted.length)}%)`,
    ` Active / Total Size (% used)       : ${k(activeSizeBytes)} / ${k(totalSizeBytes)} (${pct(activeSizeBytes, totalSizeBytes)}%)`,
    ` Minimum / Average / Maximum Object : ${k(minObj)} / ${k(avgObj)} / ${k(maxObj)}`,
    '',
    // printw("%6s %6s %4s %8s %6s %8s %10s %-23s\n", ...)
    `${'OBJS'.padStart(6)} ${'ACTIVE'.padStart(6)} ${'USE'.padStart(4)} ${'OBJ SIZE'.padStart(8)} ${'SLABS'.padStart(6)} ${'OBJ/SLAB'.padStart(8)} ${'CACHE SIZE'.padStart(10)} ${'NAME'.padEnd(23)}`,
  ];
  for (const row of sorted) {
    // printw("%6u %6u %3u%% %7.2fK %6u %8u %9uK %-23s\n", ...)
    lines.push(
      [
        String(row.numObjs).padStart(6),
        String(row.activeObjs).padStart(6),
        `${String(usePercent(row)).padStart(3)}%`,
        `${formatFixedC(row.objSizeBytes / 1024, 2).padStart(7)}K`,
        String(row.numSlabs).padStart(6),
        String(row.objsPerSlab).padStart(8),
        `${String(cacheSizeKb(row)).padStart(9)}K`,
        row.name.padEnd(23),
      ].join(' '),
    );
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// /proc/meminfo (5.15 kernel key set and layout)

/** One meminfo line: `show_val_kb` pads the label to 16 and the value to 8; a few lines differ. */
function meminfoLine(key: string, value: number): string {
  if (key === 'HardwareCorrupted') return `HardwareCorrupted: ${String(value).padStart(5)} kB`;
  if (key.startsWith('HugePages_')) return `${`${key}:`.padEnd(16)}   ${String(value).padStart(5)}`;
  return `${`${key}:`.padEnd(16)}${String(value).padStart(8)} kB`;
}

export function renderMeminfo(entries: ReadonlyArray<readonly [string, number]>): string {
  return `${entries.map(([key, value]) => meminfoLine(key, value)).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Scenario 1: dentry-cache (web-01)

const WEB01 = {
  seed: 0x5eed0001,
  memTotalKb: 16 * KIB_PER_GIB,
  startMs: Date.UTC(2026, 2, 2),
  endMs: Date.UTC(2026, 2, 9),
  stepMs: 5 * MINUTE_MS,
  snapshotMs: Date.UTC(2026, 2, 6, 11, 30),
  dropMs: Date.UTC(2026, 2, 6, 12),
  firstJobMs: Date.UTC(2026, 2, 7, 6, 30),
  jobPeriodMs: 10 * HOUR_MS,
  jobHoldMs: 90 * MINUTE_MS,
  gapTimesMs: [Date.UTC(2026, 2, 3, 14, 35), Date.UTC(2026, 2, 8, 7, 20)],
  anonBaseKb: 1.3 * KIB_PER_GIB,
  anonDailyKb: 60 * KIB_PER_MIB,
  anonArPhi: 0.9,
  anonArSigmaKb: 6 * KIB_PER_MIB,
  cronJobKb: 0.4 * KIB_PER_GIB,
  shmemKb: 48 * KIB_PER_MIB,
  fileTargetKb: 1.0 * KIB_PER_GIB,
  fileTauHours: 6,
  fileStepSigmaKb: 9 * KIB_PER_MIB,
  fileMinKb: 0.35 * KIB_PER_GIB,
  dentryStartKb: 2.0 * KIB_PER_GIB,
  dentryGrowthKbPerHour: 110 * KIB_PER_MIB,
  dentryGrowthNoise: 0.35,
  dentryInUseKb: 42 * KIB_PER_MIB,
  dentryRegrowthKbPerHour: 0.654 * KIB_PER_GIB,
  troughUsedKb: 9.0 * KIB_PER_GIB,
  otherReclaimableAfterDrop: 0.45,
  otherReclaimableTauHours: 10,
  freeFloorKb: 0.34 * KIB_PER_GIB,
  // kernel memory outside LRU and slab (constant): KernelStack, PageTables, Percpu, VmallocUsed, rest
  kernelStackKb: 10_432,
  pageTablesKb: 24_680,
  percpuKb: 11_264,
  vmallocUsedKb: 41_216,
  unaccountedKernelKb: 114_688,
  // Zone watermarks for 16 GiB with min_free_kbytes 67584 (the THP-recommended value): low ≈ 82.5 MiB.
  lowWatermarkPages: 21_120,
  totalReservePages: 28_672,
} as const;

interface Web01State {
  anonKb: number;
  shmemKb: number;
  /** Page cache on the file LRU (Buffers + Cached − Shmem). */
  fileKb: number;
  dentryKb: number;
  otherReclaimableSlabKb: number;
  unreclaimableSlabKb: number;
}

interface Web01Counters {
  memFreeKb: number;
  memAvailableKb: number;
  buffersKb: number;
  cachedKb: number;
  anonKb: number;
  shmemKb: number;
  fileKb: number;
  dentryKb: number;
  sReclaimableKb: number;
  sUnreclaimKb: number;
}

function kernelMiscKb(): number {
  return (
    WEB01.kernelStackKb +
    WEB01.pageTablesKb +
    WEB01.percpuKb +
    WEB01.vmallocUsedKb +
    WEB01.unaccountedKernelKb
  );
}

/** Page-rounded meminfo counters of a model state; MemAvailable as si_mem_available() computes it. */
function web01Counters(state: Web01State): Web01Counters {
  const anonKb = pageRoundKb(state.anonKb);
  const shmemKb = pageRoundKb(state.shmemKb);
  const fileKb = pageRoundKb(state.fileKb);
  const dentryKb = pageRoundKb(state.dentryKb);
  const sReclaimableKb = dentryKb + pageRoundKb(state.otherReclaimableSlabKb);
  const sUnreclaimKb = pageRoundKb(state.unreclaimableSlabKb);
  const buffersKb = pageRoundKb(fileKb * 0.045);
  const cachedKb = fileKb - buffersKb + shmemKb;
  const usedKb = anonKb + buffersKb + cachedKb + sReclaimableKb + sUnreclaimKb + kernelMiscKb();
  const memFreeKb = WEB01.memTotalKb - usedKb;

  const low = WEB01.lowWatermarkPages;
  const freePages = memFreeKb / PAGE_KIB;
  const filePages = fileKb / PAGE_KIB;
  const reclaimablePages = sReclaimableKb / PAGE_KIB;
  let availablePages = freePages - WEB01.totalReservePages;
  availablePages += filePages - Math.min(Math.floor(filePages / 2), low);
  availablePages += reclaimablePages - Math.min(Math.floor(reclaimablePages / 2), low);
  return {
    memFreeKb,
    memAvailableKb: Math.max(0, availablePages) * PAGE_KIB,
    buffersKb,
    cachedKb,
    anonKb,
    shmemKb,
    fileKb,
    dentryKb,
    sReclaimableKb,
    sUnreclaimKb,
  };
}

interface Web01Simulation {
  rows: Array<{ tMs: number; usedBytes: number | null; availableBytes: number | null }>;
  snapshot: Web01Counters;
}

/** Step the web-01 model over the week (see the docblock for the phases). */
function simulateWeb01(rng: Rng, otherReclaimableKb: number, unreclaimableKb: number): Web01Simulation {
  const p = WEB01;
  const stepHours = p.stepMs / HOUR_MS;
  const state: Web01State = {
    anonKb: p.anonBaseKb,
    shmemKb: p.shmemKb,
    fileKb: p.fileTargetKb,
    dentryKb: p.dentryStartKb,
    otherReclaimableSlabKb: otherReclaimableKb,
    unreclaimableSlabKb: unreclaimableKb,
  };
  // Job times after the drop, each jittered by whole 5-minute steps (−10 … +10 min).
  const jobStartsMs: number[] = [];
  for (let jobMs = p.firstJobMs; jobMs < p.endMs; jobMs += p.jobPeriodMs) {
    jobStartsMs.push(jobMs + (Math.floor(rng.uniform() * 5) - 2) * p.stepMs);
  }
  let anonNoiseKb = 0;
  let dropped = false;
  let reclaimTargetKb: number | null = null; // used level a running reclaim heads for
  let reclaimStepsLeft = 0;
  let holdUntilMs = Number.NEGATIVE_INFINITY;
  let snapshot: Web01Counters | null = null;
  const rows: Web01Simulation['rows'] = [];
  const usedKbOf = (counters: Web01Counters): number => p.memTotalKb - counters.memFreeKb;

  for (let tMs = p.startMs; tMs <= p.endMs; tMs += p.stepMs) {
    // Applications: flat with a daily load wave, AR(1) noise and the nightly cron job.
    anonNoiseKb = p.anonArPhi * anonNoiseKb + p.anonArSigmaKb * rng.normal();
    const hour = hourOfDayUtc(tMs);
    const cron = hour >= 2.25 && hour < 2.6 ? p.cronJobKb : 0;
    state.anonKb = p.anonBaseKb + p.anonDailyKb * dailyWave(tMs, 14) + anonNoiseKb + cron;

    // Page cache wanders around its target (mean-reverting), recovering after any squeeze.
    state.fileKb +=
      ((p.fileTargetKb - state.fileKb) * stepHours) / p.fileTauHours + p.fileStepSigmaKb * rng.normal();

    if (!dropped && tMs >= p.dropMs) {
      dropped = true; // echo 2 > /proc/sys/vm/drop_caches: dentries and inodes
      state.dentryKb = p.dentryInUseKb * (1 + 0.05 * rng.normal());
      state.otherReclaimableSlabKb = otherReclaimableKb * p.otherReclaimableAfterDrop;
    } else if (!dropped) {
      state.dentryKb += p.dentryGrowthKbPerHour * stepHours * (1 + p.dentryGrowthNoise * rng.normal());
    } else {
      state.otherReclaimableSlabKb +=
        ((otherReclaimableKb - state.otherReclaimableSlabKb) * stepHours) / p.otherReclaimableTauHours;
      const jobStarts = jobStartsMs.includes(tMs);
      if (jobStarts) {
        reclaimTargetKb = p.troughUsedKb + 0.08 * KIB_PER_GIB * rng.normal();
        reclaimStepsLeft = 2;
        holdUntilMs = tMs + p.jobHoldMs;
      }
      if (reclaimTargetKb !== null && reclaimStepsLeft > 0) {
        // kswapd trims the dentry LRU: 75 % of the way in the first sample, the rest in the second.
        const excessKb = usedKbOf(web01Counters(state)) - reclaimTargetKb;
        state.dentryKb -= Math.max(0, excessKb) * (reclaimStepsLeft === 2 ? 0.75 : 1);
        reclaimStepsLeft -= 1;
      } else if (tMs < holdUntilMs) {
        // While the job runs, kswapd reclaims new dentries as fast as they appear: a flat trough.
        state.dentryKb += 4 * KIB_PER_MIB * rng.normal();
      } else {
        state.dentryKb += p.dentryRegrowthKbPerHour * stepHours * (1 + 0.1 * rng.normal());
      }
    }

    // Memory pressure: keep MemFree above the floor, half from page cache, the rest from dentries.
    const floorKb = p.freeFloorKb + 8 * KIB_PER_MIB * rng.normal();
    const deficitKb = floorKb - web01Counters(state).memFreeKb;
    if (deficitKb > 0) {
      const fromFileKb = Math.min(deficitKb / 2, Math.max(0, state.fileKb - p.fileMinKb));
      state.fileKb -= fromFileKb;
      state.dentryKb -= deficitKb - fromFileKb;
    }

    const counters = web01Counters(state);
    if (tMs === p.snapshotMs) snapshot = counters;
    const gap = (p.gapTimesMs as readonly number[]).includes(tMs);
    rows.push({
      tMs,
      usedBytes: gap ? null : usedKbOf(counters) * BYTES_PER_KIB,
      availableBytes: gap ? null : counters.memAvailableKb * BYTES_PER_KIB,
    });
  }
  if (snapshot === null) throw new Error('make-samples: the web-01 snapshot time is not on the sample grid');
  return { rows, snapshot };
}

/** The dentry row of the snapshot: slabs from the dentry slab size, 0.19K objects, 21 per slab. */
function dentryRow(dentryKb: number): SlabCacheRow {
  const numSlabs = dentryKb / PAGE_KIB;
  const numObjs = numSlabs * 21;
  return {
    name: 'dentry',
    objSizeBytes: 192,
    objsPerSlab: 21,
    pagesPerSlab: 1,
    numSlabs,
    numObjs,
    activeObjs: numObjs - Math.round(numObjs * 0.0027),
    reclaimable: true,
  };
}

function web01Meminfo(c: Web01Counters): Array<[string, number]> {
  const p = WEB01;
  const anonLru = c.anonKb + c.shmemKb;
  const activeAnon = pageRoundKb(anonLru * 0.087);
  const inactiveAnon = anonLru - activeAnon;
  const fileLru = c.fileKb;
  const activeFile = pageRoundKb(fileLru * 0.58);
  const inactiveFile = fileLru - activeFile;
  const slab = c.sReclaimableKb + c.sUnreclaimKb;
  return [
    ['MemTotal', p.memTotalKb],
    ['MemFree', c.memFreeKb],
    ['MemAvailable', c.memAvailableKb],
    ['Buffers', c.buffersKb],
    ['Cached', c.cachedKb],
    ['SwapCached', 0],
    ['Active', activeAnon + activeFile],
    ['Inactive', inactiveAnon + inactiveFile],
    ['Active(anon)', activeAnon],
    ['Inactive(anon)', inactiveAnon],
    ['Active(file)', activeFile],
    ['Inactive(file)', inactiveFile],
    ['Unevictable', 0],
    ['Mlocked', 0],
    ['SwapTotal', 0],
    ['SwapFree', 0],
    ['Dirty', 1_148],
    ['Writeback', 0],
    ['AnonPages', c.anonKb],
    ['Mapped', 186_432],
    ['Shmem', c.shmemKb],
    ['KReclaimable', c.sReclaimableKb],
    ['Slab', slab],
    ['SReclaimable', c.sReclaimableKb],
    ['SUnreclaim', c.sUnreclaimKb],
    ['KernelStack', p.kernelStackKb],
    ['PageTables', p.pageTablesKb],
    ['NFS_Unstable', 0],
    ['Bounce', 0],
    ['WritebackTmp', 0],
    ['CommitLimit', p.memTotalKb / 2], // no swap, vm.overcommit_ratio 50
    ['Committed_AS', 3_412_884],
    ['VmallocTotal', 34_359_738_367],
    ['VmallocUsed', p.vmallocUsedKb],
    ['VmallocChunk', 0],
    ['Percpu', p.percpuKb],
    ['HardwareCorrupted', 0],
    ['AnonHugePages', 0],
    ['ShmemHugePages', 0],
    ['ShmemPmdMapped', 0],
    ['FileHugePages', 0],
    ['FilePmdMapped', 0],
    ['CmaTotal', 0],
    ['CmaFree', 0],
    ['HugePages_Total', 0],
    ['HugePages_Free', 0],
    ['HugePages_Rsvd', 0],
    ['HugePages_Surp', 0],
    ['Hugepagesize', 2048],
    ['Hugetlb', 0],
    ['DirectMap4k', 210_796],
    ['DirectMap2M', 6_080_512],
    ['DirectMap1G', 11_534_336],
  ];
}

export function buildDentryCacheScenario(): SampleFile[] {
  const rng = new Rng(WEB01.seed);
  const otherRows = WEB01_OTHER_CACHES.map(cacheRow);
  const sumKb = (rows: SlabCacheRow[]): number => rows.reduce((sum, row) => sum + cacheSizeKb(row), 0);
  const otherReclaimableKb = sumKb(otherRows.filter((row) => row.reclaimable));
  const unreclaimableKb = sumKb(otherRows.filter((row) => !row.reclaimable));
  const { rows, snapshot } = simulateWeb01(rng, otherReclaimableKb, unreclaimableKb);

  const instance = 'web-01:9100';
  const csv = grafanaCsv(
    [
      'Time',
      `node_memory_MemTotal_bytes{instance="${instance}"} - node_memory_MemFree_bytes{instance="${instance}"}`,
      `node_memory_MemAvailable_bytes{instance="${instance}", job="node"}`,
    ],
    rows.map((row) => [row.tMs, row.usedBytes, row.availableBytes]),
  );

  const dentry = dentryRow(snapshot.dentryKb);
  const slabtop = renderSlabtop([dentry, ...otherRows]);
  const meminfo = renderMeminfo(web01Meminfo(snapshot));

  // dentry-state: allocated dentries a little under slab's active objects (read a moment apart);
  // nearly all unused, 93 % of them negative.
  const nrDentry = dentry.activeObjs - 412;
  const nrUnused = Math.round(nrDentry * 0.9962);
  const nrNegative = Math.round(nrDentry * 0.9307);
  const dentryState = `${[nrDentry, nrUnused, 45, 0, nrNegative, 0].join('\t')}\n`;

  const stamp = '2026-03-06T1130Z';
  return [
    { path: 'dentry-cache/Memory-used-data-as-joinbyfield-2026-03-09_10_42_19.csv', content: csv },
    { path: `dentry-cache/slabtop-o-web-01-${stamp}.txt`, content: slabtop },
    { path: `dentry-cache/meminfo-web-01-${stamp}.txt`, content: meminfo },
    { path: `dentry-cache/dentry-state-web-01-${stamp}.txt`, content: dentryState },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Scenario 2: user-space-leak (api-07)

const API07 = {
  seed: 0x5eed0002,
  memTotalBytes: 8 * BYTES_PER_GIB,
  startMs: Date.UTC(2026, 2, 1),
  days: 5,
  stepMs: MINUTE_MS,
  baseBytes: 0.9 * BYTES_PER_GIB,
  serviceRssBytes: 1.6 * BYTES_PER_GIB,
  leakBytesPerHour: 45 * BYTES_PER_MIB,
  leakTrafficSwing: 0.3,
  /** The service's age at the window start: it has leaked for this long already. */
  ageAtStartHours: 34,
  trafficPeakHourUtc: 15,
  dailyWaveBytes: 150 * BYTES_PER_MIB,
  arPhi: 0.95,
  arSigmaBytes: 4 * BYTES_PER_MIB,
  oomAtBytes: 7.6 * BYTES_PER_GIB,
  warmupDeficit: 0.45,
  warmupTauMinutes: 5,
  availableEveryMs: 15 * MINUTE_MS,
  availableJitterBytes: 2 * BYTES_PER_MIB,
} as const;

export function buildUserSpaceLeakScenario(): SampleFile[] {
  const p = API07;
  const rng = new Rng(p.seed);
  const stepHours = p.stepMs / HOUR_MS;
  const steps = (p.days * 24 * HOUR_MS) / p.stepMs;
  let leakedBytes = p.leakBytesPerHour * p.ageAtStartHours;
  let noiseBytes = 0;
  let restartedAtMs = Number.NEGATIVE_INFINITY;
  const oomThresholdBytes = p.oomAtBytes + 20 * BYTES_PER_MIB * rng.normal();
  const usedRows: Array<[number, number]> = [];
  const availableLines = ['timestamp,mem_available (MiB)'];

  for (let i = 0; i < steps; i++) {
    const tMs = p.startMs + i * p.stepMs;
    const traffic = dailyWave(tMs, p.trafficPeakHourUtc);
    leakedBytes +=
      p.leakBytesPerHour * stepHours * (1 + p.leakTrafficSwing * traffic) * (1 + 0.5 * rng.normal());
    noiseBytes = p.arPhi * noiseBytes + p.arSigmaBytes * rng.normal();
    const minutesSinceRestart = (tMs - restartedAtMs) / MINUTE_MS;
    const warmup = 1 - p.warmupDeficit * Math.exp(-minutesSinceRestart / p.warmupTauMinutes);
    let usedBytes =
      p.baseBytes + p.serviceRssBytes * warmup + leakedBytes + p.dailyWaveBytes * traffic + noiseBytes;
    if (usedBytes >= oomThresholdBytes && restartedAtMs < p.startMs) {
      // OOM kill + systemd restart between two scrapes: this sample already sees the fresh process.
      restartedAtMs = tMs;
      leakedBytes = 0;
      usedBytes =
        p.baseBytes + p.serviceRssBytes * (1 - p.warmupDeficit) + p.dailyWaveBytes * traffic + noiseBytes;
    }
    const roundedUsed = pageRoundBytes(usedBytes);
    usedRows.push([tMs, roundedUsed]);
    if ((tMs - p.startMs) % p.availableEveryMs === 0) {
      const availableMiB =
        (p.memTotalBytes - roundedUsed + p.availableJitterBytes * rng.normal()) / BYTES_PER_MIB;
      availableLines.push(`${isoSeconds(tMs)},${formatFixedC(availableMiB, 1)}`);
    }
  }
  if (restartedAtMs < p.startMs) throw new Error('make-samples: the api-07 model never reached the OOM kill');

  return [
    {
      path: 'user-space-leak/Memory-used-data-2026-03-06_09_03_27.csv',
      content: grafanaCsv(['Time', 'Memory used'], usedRows),
    },
    { path: 'user-space-leak/api-07-memory.csv', content: `${availableLines.join('\n')}\n` },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Scenario 3: healthy (db-02)

const DB02 = {
  seed: 0x5eed0003,
  startMs: Date.UTC(2026, 2, 4),
  days: 3,
  stepMs: 10 * MINUTE_MS,
  usedMeanGiB: 11.8,
  usedDailyGiB: 0.9,
  usedArPhi: 0.85,
  usedArSigmaGiB: 0.06,
  cachedMeanGiB: 17.4,
  cachedDailyGiB: 0.25,
  cachedArPhi: 0.95,
  cachedArSigmaGiB: 0.04,
} as const;

export function buildHealthyScenario(): SampleFile[] {
  const p = DB02;
  const rng = new Rng(p.seed);
  const steps = (p.days * 24 * HOUR_MS) / p.stepMs;
  let usedNoise = 0;
  let cachedNoise = 0;
  const lines = ['time,used (GiB),cached (GiB)'];
  for (let i = 0; i < steps; i++) {
    const tMs = p.startMs + i * p.stepMs;
    const wave = dailyWave(tMs, 14);
    usedNoise = p.usedArPhi * usedNoise + p.usedArSigmaGiB * rng.normal();
    cachedNoise = p.cachedArPhi * cachedNoise + p.cachedArSigmaGiB * rng.normal();
    const usedGiB = p.usedMeanGiB + p.usedDailyGiB * wave + usedNoise;
    const cachedGiB = p.cachedMeanGiB - p.cachedDailyGiB * wave + cachedNoise;
    lines.push(`${tMs / 1000},${formatFixedC(usedGiB, 2)},${formatFixedC(cachedGiB, 2)}`);
  }
  return [{ path: 'healthy/db-02-memory-2026-03-07.csv', content: `${lines.join('\n')}\n` }];
}

// ---------------------------------------------------------------------------------------------------
// Shared pieces for the verdict scenarios (4–8)

/** AR(1) noise: x ← φ·x + σ·N(0, 1). */
class Ar1 {
  private x = 0;
  constructor(
    private readonly rng: Rng,
    private readonly phi: number,
    private readonly sigma: number,
  ) {}

  next(): number {
    this.x = this.phi * this.x + this.sigma * this.rng.normal();
    return this.x;
  }
}

/** `date -u -Is` output: the timestamp line a capture loop writes before each block. */
function dateIsUtc(tMs: number): string {
  return `${new Date(tMs).toISOString().slice(0, 19)}+00:00`;
}

/** si_mem_available() on a model state (kB): free − reserve + file LRU and reclaimable slab, each less min(x/2, low). */
function memAvailableKb(
  memFreeKb: number,
  fileKb: number,
  sReclaimableKb: number,
  lowWatermarkPages: number,
  totalReservePages: number,
): number {
  const filePages = fileKb / PAGE_KIB;
  const reclaimablePages = sReclaimableKb / PAGE_KIB;
  let pages = memFreeKb / PAGE_KIB - totalReservePages;
  pages += filePages - Math.min(Math.floor(filePages / 2), lowWatermarkPages);
  pages += reclaimablePages - Math.min(Math.floor(reclaimablePages / 2), lowWatermarkPages);
  return Math.max(0, pages) * PAGE_KIB;
}

/** A host's memory at one moment, in kB (page-rounded), for /proc/meminfo. */
interface MemSnapshot {
  memTotalKb: number;
  memFreeKb: number;
  memAvailableKb: number;
  /** Page cache on the file LRU (Buffers + Cached − Shmem). */
  fileKb: number;
  shmemKb: number;
  anonKb: number;
  sReclaimableKb: number;
  sUnreclaimKb: number;
  kernelStackKb: number;
  pageTablesKb: number;
  percpuKb: number;
  vmallocUsedKb: number;
  committedAsKb: number;
  commitLimitKb: number;
}

/** /proc/meminfo lines of a 5.15 kernel for a model state (same key set and layout as web-01's). */
function meminfoEntries(m: MemSnapshot): Array<[string, number]> {
  const buffersKb = pageRoundKb(m.fileKb * 0.03);
  const cachedKb = m.fileKb - buffersKb + m.shmemKb;
  const anonLru = m.anonKb + m.shmemKb;
  const activeAnon = pageRoundKb(anonLru * 0.62);
  const activeFile = pageRoundKb(m.fileKb * 0.55);
  return [
    ['MemTotal', m.memTotalKb],
    ['MemFree', m.memFreeKb],
    ['MemAvailable', m.memAvailableKb],
    ['Buffers', buffersKb],
    ['Cached', cachedKb],
    ['SwapCached', 0],
    ['Active', activeAnon + activeFile],
    ['Inactive', anonLru - activeAnon + m.fileKb - activeFile],
    ['Active(anon)', activeAnon],
    ['Inactive(anon)', anonLru - activeAnon],
    ['Active(file)', activeFile],
    ['Inactive(file)', m.fileKb - activeFile],
    ['Unevictable', 0],
    ['Mlocked', 0],
    ['SwapTotal', 0],
    ['SwapFree', 0],
    ['Dirty', 2_316],
    ['Writeback', 0],
    ['AnonPages', m.anonKb],
    ['Mapped', pageRoundKb(m.fileKb * 0.04)],
    ['Shmem', m.shmemKb],
    ['KReclaimable', m.sReclaimableKb],
    ['Slab', m.sReclaimableKb + m.sUnreclaimKb],
    ['SReclaimable', m.sReclaimableKb],
    ['SUnreclaim', m.sUnreclaimKb],
    ['KernelStack', m.kernelStackKb],
    ['PageTables', m.pageTablesKb],
    ['NFS_Unstable', 0],
    ['Bounce', 0],
    ['WritebackTmp', 0],
    ['CommitLimit', m.commitLimitKb],
    ['Committed_AS', m.committedAsKb],
    ['VmallocTotal', 34_359_738_367],
    ['VmallocUsed', m.vmallocUsedKb],
    ['VmallocChunk', 0],
    ['Percpu', m.percpuKb],
    ['HardwareCorrupted', 0],
    ['AnonHugePages', 0],
    ['ShmemHugePages', 0],
    ['ShmemPmdMapped', 0],
    ['FileHugePages', 0],
    ['FilePmdMapped', 0],
    ['CmaTotal', 0],
    ['CmaFree', 0],
    ['HugePages_Total', 0],
    ['HugePages_Free', 0],
    ['HugePages_Rsvd', 0],
    ['HugePages_Surp', 0],
    ['Hugepagesize', 2048],
    ['Hugetlb', 0],
    ['DirectMap4k', 329_580],
    ['DirectMap2M', 12_152_832],
    ['DirectMap1G', pageRoundKb(m.memTotalKb * 1.0)],
  ];
}

/** `/proc/slabinfo` 2.1 as SLUB prints it (mm/slab_common.c cache_show: "%-17s %6lu %6lu %6u %4u %4d"). */
export function renderSlabinfo(rows: readonly SlabCacheRow[]): string {
  const lines = [
    'slabinfo - version: 2.1',
    '# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>',
  ];
  for (const row of rows) {
    lines.push(
      `${row.name.padEnd(17)} ${String(row.activeObjs).padStart(6)} ${String(row.numObjs).padStart(6)} ${String(row.objSizeBytes).padStart(6)} ${String(row.objsPerSlab).padStart(4)} ${String(row.pagesPerSlab).padStart(4)} : tunables ${'0'.padStart(4)} ${'0'.padStart(4)} ${'0'.padStart(4)} : slabdata ${String(row.numSlabs).padStart(6)} ${String(row.numSlabs).padStart(6)} ${'0'.padStart(6)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A cache row holding about `kb` of memory in whole slabs. */
function sizedRow(spec: Omit<SlabCacheSpec, 'objs'>, kb: number): SlabCacheRow {
  const slabKb = spec.pagesPerSlab * PAGE_KIB;
  return cacheRow({ ...spec, objs: Math.max(0, Math.round(kb / slabKb)) * spec.objsPerSlab });
}

/** The web-01 slab table with one cache resized: the other scenarios' hosts run the same 5.15 kernel. */
function slabTableWith(overrides: ReadonlyMap<string, number>): SlabCacheRow[] {
  return WEB01_OTHER_CACHES.map((spec) =>
    overrides.has(spec.name) ? sizedRow(spec, overrides.get(spec.name) as number) : cacheRow(spec),
  );
}

function sumCacheKb(rows: readonly SlabCacheRow[], reclaimable: boolean): number {
  return rows.filter((r) => r.reclaimable === reclaimable).reduce((sum, r) => sum + cacheSizeKb(r), 0);
}

// ---------------------------------------------------------------------------------------------------
// Scenario 4: kernel-leak (gw-03)

const GW03 = {
  seed: 0x5eed0004,
  memTotalKb: 32 * KIB_PER_GIB,
  startMs: Date.UTC(2026, 2, 2),
  endMs: Date.UTC(2026, 2, 9),
  stepMs: 10 * MINUTE_MS,
  anonBaseKb: 6 * KIB_PER_GIB,
  anonDailyKb: 0.4 * KIB_PER_GIB,
  fileTargetKb: 12 * KIB_PER_GIB,
  dentryKb: 1.2 * KIB_PER_GIB,
  /** kmalloc-128 objects the leaking driver already held at the window start (leaking since boot). */
  leakStartKb: 0.55 * KIB_PER_GIB,
  leakKbPerHour: 38 * KIB_PER_MIB,
  leakTrafficSwing: 0.3,
  trafficPeakHourUtc: 15,
  shmemKb: 96 * KIB_PER_MIB,
  kernelStackKb: 18_944,
  pageTablesKb: 61_212,
  percpuKb: 24_576,
  vmallocUsedKb: 58_112,
  unaccountedKernelKb: 180_224,
  lowWatermarkPages: 29_952,
  totalReservePages: 41_216,
  loopFromMs: Date.UTC(2026, 2, 8),
  firstSlabMs: Date.UTC(2026, 2, 2, 0, 10),
  lastSlabMs: Date.UTC(2026, 2, 8, 23, 50),
} as const;

/**
 * gw-03: a VPN/NAT gateway whose network driver leaks one 128-byte object per connection it tracks
 * (kmalloc-128, unreclaimable). Applications and page cache are flat; SUnreclaim climbs all week.
 */
export function buildKernelLeakScenario(): SampleFile[] {
  const p = GW03;
  const rng = new Rng(p.seed);
  const anonNoise = new Ar1(rng, 0.9, 20 * KIB_PER_MIB);
  const fileNoise = new Ar1(rng, 0.95, 40 * KIB_PER_MIB);
  const slabNoise = new Ar1(rng, 0.9, 8 * KIB_PER_MIB);
  const baseRows = slabTableWith(new Map([['kmalloc-128', 0]]));
  const otherReclaimableKb = sumCacheKb(baseRows, true);
  const otherUnreclaimableKb = sumCacheKb(baseRows, false);
  const miscKb = p.kernelStackKb + p.pageTablesKb + p.percpuKb + p.vmallocUsedKb + p.unaccountedKernelKb;

  let leakKb = p.leakStartKb;
  const rows: Array<Array<number | null>> = [];
  const states = new Map<number, MemSnapshot & { dentryKb: number; leakKb: number }>();
  const stepHours = p.stepMs / HOUR_MS;
  for (let tMs = p.startMs; tMs <= p.endMs; tMs += p.stepMs) {
    const traffic = dailyWave(tMs, p.trafficPeakHourUtc);
    leakKb += p.leakKbPerHour * stepHours * (1 + p.leakTrafficSwing * traffic) * (1 + 0.4 * rng.normal());
    const anonKb = pageRoundKb(p.anonBaseKb + p.anonDailyKb * traffic + anonNoise.next());
    const fileKb = pageRoundKb(p.fileTargetKb + fileNoise.next());
    const dentryKb = pageRoundKb(p.dentryKb + 0.05 * KIB_PER_GIB * traffic + slabNoise.next());
    const sReclaimableKb = dentryKb + otherReclaimableKb;
    const sUnreclaimKb = pageRoundKb(otherUnreclaimableKb + leakKb);
    const memFreeKb = p.memTotalKb - anonKb - p.shmemKb - fileKb - sReclaimableKb - sUnreclaimKb - miscKb;
    const availableKb = memAvailableKb(
      memFreeKb,
      fileKb,
      sReclaimableKb,
      p.lowWatermarkPages,
      p.totalReservePages,
    );
    const state = {
      memTotalKb: p.memTotalKb,
      memFreeKb,
      memAvailableKb: availableKb,
      fileKb,
      shmemKb: p.shmemKb,
      anonKb,
      sReclaimableKb,
      sUnreclaimKb,
      kernelStackKb: p.kernelStackKb,
      pageTablesKb: p.pageTablesKb,
      percpuKb: p.percpuKb,
      vmallocUsedKb: p.vmallocUsedKb,
      committedAsKb: pageRoundKb(anonKb * 1.6 + p.shmemKb),
      commitLimitKb: p.memTotalKb / 2,
      dentryKb,
      leakKb,
    };
    states.set(tMs, state);
    rows.push([
      tMs,
      (p.memTotalKb - availableKb) * BYTES_PER_KIB,
      availableKb * BYTES_PER_KIB,
      sUnreclaimKb * BYTES_PER_KIB,
      sReclaimableKb * BYTES_PER_KIB,
      anonKb * BYTES_PER_KIB,
    ]);
  }

  const instance = 'gw-03:9100';
  const csv = grafanaCsv(
    [
      'Time',
      `node_memory_MemTotal_bytes{instance="${instance}"} - node_memory_MemAvailable_bytes{instance="${instance}"}`,
      `node_memory_MemAvailable_bytes{instance="${instance}", job="node"}`,
      `node_memory_SUnreclaim_bytes{instance="${instance}", job="node"}`,
      `node_memory_SReclaimable_bytes{instance="${instance}", job="node"}`,
      `node_memory_AnonPages_bytes{instance="${instance}", job="node"}`,
    ],
    rows,
  );

  const slabAt = (tMs: number): string => {
    const state = states.get(tMs);
    if (state === undefined) throw new Error('make-samples: gw-03 slab time is not on the sample grid');
    const table = slabTableWith(new Map([['kmalloc-128', state.sUnreclaimKb - otherUnreclaimableKb]]));
    const dentry = dentryRow(state.sReclaimableKb - otherReclaimableKb);
    return renderSlabinfo([dentry, ...table]);
  };

  // The on-call engineer's capture loop over the last day: `date -u -Is; cat /proc/meminfo` hourly.
  const loop: string[] = [];
  for (let tMs = p.loopFromMs; tMs < p.endMs; tMs += HOUR_MS) {
    const state = states.get(tMs);
    if (state === undefined) throw new Error('make-samples: gw-03 loop time is not on the sample grid');
    loop.push(dateIsUtc(tMs), renderMeminfo(meminfoEntries(state)).trimEnd());
  }

  return [
    { path: 'kernel-leak/Memory-gw-03-data-as-joinbyfield-2026-03-09_08_12_40.csv', content: csv },
    { path: 'kernel-leak/slabinfo-gw-03-2026-03-02T0010Z.txt', content: slabAt(p.firstSlabMs) },
    { path: 'kernel-leak/slabinfo-gw-03-2026-03-08T2350Z.txt', content: slabAt(p.lastSlabMs) },
    { path: 'kernel-leak/meminfo-loop-gw-03-2026-03-08.log', content: `${loop.join('\n')}\n` },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Scenario 5: workload-change (cache-04)

const CACHE04 = {
  seed: 0x5eed0005,
  memTotalBytes: 16 * BYTES_PER_GIB,
  startMs: Date.UTC(2026, 2, 2),
  days: 6,
  stepMs: 5 * MINUTE_MS,
  baseUsedBytes: 5.0 * BYTES_PER_GIB,
  deployMs: Date.UTC(2026, 2, 5, 14, 0),
  deployStepBytes: 3.0 * BYTES_PER_GIB,
  dailyWaveBytes: 0.25 * BYTES_PER_GIB,
  arPhi: 0.8,
  arSigmaBytes: 25 * BYTES_PER_MIB,
} as const;

/**
 * cache-04: an in-memory cache service redeployed on 2026-03-05 14:00 UTC with its cache size raised
 * from 2 to 5 GiB; it fills the new size within ten minutes and stays there. Used = total − available.
 */
export function buildWorkloadChangeScenario(): SampleFile[] {
  const p = CACHE04;
  const rng = new Rng(p.seed);
  const noise = new Ar1(rng, p.arPhi, p.arSigmaBytes);
  const rows: Array<Array<number | null>> = [];
  const steps = (p.days * 24 * HOUR_MS) / p.stepMs;
  for (let i = 0; i < steps; i++) {
    const tMs = p.startMs + i * p.stepMs;
    const sinceDeploy = tMs - p.deployMs;
    // The new cache fills in two scrapes (half, then the rest).
    const filled = sinceDeploy < 0 ? 0 : sinceDeploy < p.stepMs ? 0.5 : 1;
    const usedBytes = pageRoundBytes(
      p.baseUsedBytes + p.deployStepBytes * filled + p.dailyWaveBytes * dailyWave(tMs, 13) + noise.next(),
    );
    rows.push([tMs, usedBytes, p.memTotalBytes - usedBytes]);
  }
  const instance = 'cache-04:9100';
  return [
    {
      path: 'workload-change/Memory-cache-04-data-as-joinbyfield-2026-03-08_09_30_02.csv',
      content: grafanaCsv(
        [
          'Time',
          `node_memory_MemTotal_bytes{instance="${instance}"} - node_memory_MemAvailable_bytes{instance="${instance}"}`,
          `node_memory_MemAvailable_bytes{instance="${instance}", job="node"}`,
        ],
        rows,
      ),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Scenario 6: suspected-leak (app-11)

const APP11 = {
  seed: 0x5eed0006,
  startMs: Date.UTC(2026, 2, 3),
  days: 4,
  stepMs: 15 * MINUTE_MS,
  startMiB: 3_180,
  growthMiBPerHour: 29,
  dailyWaveMiB: 120,
  arPhi: 0.85,
  arSigmaMiB: 18,
} as const;

/**
 * app-11: only a "used" column from an agent that does not say what it subtracts (no MemAvailable, no
 * breakdown, no snapshots), climbing ~29 MiB/h for four days. Nothing in it tells cache from a leak.
 */
export function buildSuspectedLeakScenario(): SampleFile[] {
  const p = APP11;
  const rng = new Rng(p.seed);
  const noise = new Ar1(rng, p.arPhi, p.arSigmaMiB);
  const lines = ['timestamp,mem_used (MiB)'];
  const steps = (p.days * 24 * HOUR_MS) / p.stepMs;
  for (let i = 0; i < steps; i++) {
    const tMs = p.startMs + i * p.stepMs;
    const hours = (tMs - p.startMs) / HOUR_MS;
    const usedMiB =
      p.startMiB + p.growthMiBPerHour * hours + p.dailyWaveMiB * dailyWave(tMs, 11) + noise.next();
    lines.push(`${isoSeconds(tMs)},${formatFixedC(usedMiB, 1)}`);
  }
  return [{ path: 'suspected-leak/app-11-memory.csv', content: `${lines.join('\n')}\n` }];
}

// ---------------------------------------------------------------------------------------------------
// Scenario 7: harmful-sysctl (ci-05)

const CI05 = {
  seed: 0x5eed0007,
  memTotalKb: 64 * KIB_PER_GIB,
  startMs: Date.UTC(2026, 2, 4),
  endMs: Date.UTC(2026, 2, 9),
  stepMs: 10 * MINUTE_MS,
  anonBaseKb: 9 * KIB_PER_GIB,
  anonJobKb: 3 * KIB_PER_GIB,
  fileTargetKb: 8 * KIB_PER_GIB,
  dentryStartKb: 9.5 * KIB_PER_GIB,
  dentryKbPerHour: 360 * KIB_PER_MIB,
  otherReclaimableKb: 0.6 * KIB_PER_GIB,
  sUnreclaimKb: 0.7 * KIB_PER_GIB,
  miscKb: 0.5 * KIB_PER_GIB,
  /** kswapd works between the low (5 GiB) and high (6 GiB) watermarks that min_free_kbytes 4 GiB sets. */
  freeFloorKb: 5.6 * KIB_PER_GIB,
  lowWatermarkPages: 1_310_720,
  totalReservePages: 1_572_864,
  snapshotMs: Date.UTC(2026, 2, 8, 23, 50),
  kernelRelease: '6.17.0-8-generic',
  hostname: 'ci-05',
} as const;

/**
 * ci-05: a CI runner on an Ubuntu 6.17 kernel. Builds create and delete millions of uniquely named
 * temp files and probe search paths, so negative dentries pile up; "used" (total − free) climbs for
 * days while MemAvailable stays flat. Someone had already applied a widely copied "memory tuning"
 * sysctl file (vfs_cache_pressure 100000, overcommit_ratio 2, min_free_kbytes 4 GiB, inverted dirty
 * ratios, swappiness 1) — and the dentry cache grew anyway, because the shrinker only runs under
 * reclaim. With min_free_kbytes at 4 GiB the kernel holds ~5.6 GiB free and reclaims from there.
 */
export function buildHarmfulSysctlScenario(): SampleFile[] {
  const p = CI05;
  const rng = new Rng(p.seed);
  const anonNoise = new Ar1(rng, 0.9, 60 * KIB_PER_MIB);
  const fileNoise = new Ar1(rng, 0.95, 50 * KIB_PER_MIB);
  const rows: Array<Array<number | null>> = [];
  let dentryKb = p.dentryStartKb;
  let snapshot: (MemSnapshot & { dentryKb: number }) | null = null;
  const stepHours = p.stepMs / HOUR_MS;
  const otherReclaimableKb = pageRoundKb(p.otherReclaimableKb);
  const sUnreclaimKb = pageRoundKb(p.sUnreclaimKb);
  const miscKb = pageRoundKb(p.miscKb);
  for (let tMs = p.startMs; tMs <= p.endMs; tMs += p.stepMs) {
    const busy = 0.35 + 0.65 * (0.5 + 0.5 * dailyWave(tMs, 13)); // builds run mostly in working hours
    dentryKb += p.dentryKbPerHour * stepHours * busy * (1 + 0.3 * rng.normal());
    const anonKb = pageRoundKb(p.anonBaseKb + p.anonJobKb * busy + anonNoise.next());
    let fileKb = pageRoundKb(p.fileTargetKb + fileNoise.next());
    const used = (): number =>
      anonKb + fileKb + pageRoundKb(dentryKb) + otherReclaimableKb + sUnreclaimKb + miscKb;
    // Memory pressure at the (raised) watermark: reclaim takes half from page cache, half from dentries.
    const deficitKb = used() - (p.memTotalKb - p.freeFloorKb);
    if (deficitKb > 0) {
      fileKb -= pageRoundKb(deficitKb / 2);
      dentryKb -= deficitKb / 2;
    }
    const sReclaimableKb = pageRoundKb(dentryKb) + otherReclaimableKb;
    const memFreeKb = p.memTotalKb - used();
    const availableKb = memAvailableKb(
      memFreeKb,
      fileKb,
      sReclaimableKb,
      p.lowWatermarkPages,
      p.totalReservePages,
    );
    if (tMs === p.snapshotMs) {
      snapshot = {
        memTotalKb: p.memTotalKb,
        memFreeKb,
        memAvailableKb: availableKb,
        fileKb,
        shmemKb: 64 * KIB_PER_MIB,
        anonKb: anonKb - 64 * KIB_PER_MIB,
        sReclaimableKb,
        sUnreclaimKb,
        kernelStackKb: 31_488,
        pageTablesKb: 98_304,
        percpuKb: 49_152,
        vmallocUsedKb: 77_824,
        committedAsKb: pageRoundKb(anonKb * 1.45),
        // vm.overcommit_ratio 2 in the heuristic mode 0: CommitLimit is computed from it all the same.
        commitLimitKb: pageRoundKb(p.memTotalKb * 0.02),
        dentryKb,
      };
    }
    rows.push([tMs, (p.memTotalKb - memFreeKb) * BYTES_PER_KIB, availableKb * BYTES_PER_KIB]);
  }
  if (snapshot === null) throw new Error('make-samples: the ci-05 snapshot time is not on the sample grid');

  const instance = 'ci-05:9100';
  const csv = grafanaCsv(
    [
      'Time',
      `node_memory_MemTotal_bytes{instance="${instance}"} - node_memory_MemFree_bytes{instance="${instance}"}`,
      `node_memory_MemAvailable_bytes{instance="${instance}", job="node"}`,
    ],
    rows,
  );
  const nrDentry = Math.round((pageRoundKb(snapshot.dentryKb) * 1024) / 192) - 23_117;
  const nrNegative = Math.round(nrDentry * 0.874);
  const dentryState = [nrDentry, Math.round(nrDentry * 0.991), 45, 0, nrNegative, 0].join('\t');

  // `sysctl -a` (6.17, run as root): the vm.* table in full, the rest abridged to what a reader needs.
  const vm: Array<[string, string]> = [
    ['vm.admin_reserve_kbytes', '8192'],
    ['vm.compact_unevictable_allowed', '1'],
    ['vm.compaction_proactiveness', '20'],
    ['vm.dirty_background_bytes', '0'],
    ['vm.dirty_background_ratio', '30'],
    ['vm.dirty_bytes', '0'],
    ['vm.dirty_expire_centisecs', '3000'],
    ['vm.dirty_ratio', '20'],
    ['vm.dirty_writeback_centisecs', '500'],
    ['vm.dirtytime_expire_seconds', '43200'],
    ['vm.enable_soft_offline', '1'],
    ['vm.extfrag_threshold', '500'],
    ['vm.hugetlb_optimize_vmemmap', '0'],
    ['vm.hugetlb_shm_group', '0'],
    ['vm.laptop_mode', '0'],
    ['vm.legacy_va_layout', '0'],
    ['vm.lowmem_reserve_ratio', '256\t256\t32\t0\t0'],
    ['vm.max_map_count', '1048576'],
    ['vm.memfd_noexec', '0'],
    ['vm.memory_failure_early_kill', '0'],
    ['vm.memory_failure_recovery', '1'],
    ['vm.min_free_kbytes', '4194304'],
    ['vm.min_slab_ratio', '5'],
    ['vm.min_unmapped_ratio', '1'],
    ['vm.mmap_min_addr', '65536'],
    ['vm.mmap_rnd_bits', '28'],
    ['vm.mmap_rnd_compat_bits', '8'],
    ['vm.nr_hugepages', '0'],
    ['vm.nr_hugepages_mempolicy', '0'],
    ['vm.nr_overcommit_hugepages', '0'],
    ['vm.numa_stat', '1'],
    ['vm.numa_zonelist_order', 'Node'],
    ['vm.oom_dump_tasks', '1'],
    ['vm.oom_kill_allocating_task', '0'],
    ['vm.overcommit_kbytes', '0'],
    ['vm.overcommit_memory', '0'],
    ['vm.overcommit_ratio', '2'],
    ['vm.page-cluster', '3'],
    ['vm.page_lock_unfairness', '5'],
    ['vm.panic_on_oom', '0'],
    ['vm.percpu_pagelist_high_fraction', '0'],
    ['vm.stat_interval', '1'],
    ['vm.swappiness', '1'],
    ['vm.unprivileged_userfaultfd', '0'],
    ['vm.user_reserve_kbytes', '131072'],
    ['vm.vfs_cache_pressure', '100000'],
    ['vm.vfs_cache_pressure_denom', '100'],
    ['vm.watermark_boost_factor', '15000'],
    ['vm.watermark_scale_factor', '10'],
    ['vm.zone_reclaim_mode', '0'],
  ];
  const sysctlA: Array<[string, string]> = [
    ['abi.vsyscall32', '1'],
    ['fs.aio-max-nr', '65536'],
    ['fs.aio-nr', '0'],
    ['fs.dentry-negative', '0'],
    ['fs.dentry-state', dentryState],
    ['fs.file-max', '9223372036854775807'],
    ['fs.file-nr', '14624\t0\t9223372036854775807'],
    ['fs.inode-nr', '2466870\t118211'],
    ['fs.inode-state', '2466870\t118211\t0\t0\t0\t0\t0'],
    ['fs.inotify.max_user_instances', '128'],
    ['fs.inotify.max_user_watches', '524288'],
    ['fs.nr_open', '1073741816'],
    ['fs.overflowgid', '65534'],
    ['fs.overflowuid', '65534'],
    ['fs.pipe-max-size', '1048576'],
    ['fs.protected_fifos', '1'],
    ['fs.protected_hardlinks', '1'],
    ['fs.protected_regular', '2'],
    ['fs.protected_symlinks', '1'],
    ['fs.suid_dumpable', '2'],
    ['kernel.hostname', p.hostname],
    ['kernel.osrelease', p.kernelRelease],
    ['kernel.ostype', 'Linux'],
    ['kernel.panic', '0'],
    ['kernel.pid_max', '4194304'],
    ['kernel.threads-max', '513427'],
    ['kernel.version', '#8-Ubuntu SMP PREEMPT_DYNAMIC Tue Jan 13 16:40:01 UTC 2026'],
    ['net.core.somaxconn', '4096'],
    ['net.ipv4.ip_forward', '1'],
    ['net.ipv4.tcp_fin_timeout', '60'],
    ['net.ipv4.tcp_rmem', '4096\t131072\t6291456'],
    ['net.ipv4.tcp_wmem', '4096\t16384\t4194304'],
    ...vm,
  ];
  const sysctlText = `${sysctlA.map(([key, value]) => `${key} = ${value}`).join('\n')}\n`;
  const conf = [
    '# /etc/sysctl.d/99-memory-tuning.conf',
    '# "Free memory is wasted? Stop Linux eating your RAM" — applied 2026-01-19, ticket OPS-4411',
    '',
    '# reclaim dentry/inode caches aggressively',
    'vm.vfs_cache_pressure = 100000',
    '# do not overcommit',
    'vm.overcommit_ratio = 2',
    '# keep plenty of memory free',
    'vm.min_free_kbytes = 4194304',
    '# write back in the background earlier',
    'vm.dirty_background_ratio = 30',
    'vm.dirty_ratio = 20',
    '# avoid swapping',
    'vm.swappiness = 1',
    '',
  ].join('\n');
  return [
    { path: 'harmful-sysctl/Memory-ci-05-data-as-joinbyfield-2026-03-09_07_55_18.csv', content: csv },
    { path: 'harmful-sysctl/sysctl-a-ci-05-2026-03-08T2350Z.txt', content: sysctlText },
    { path: 'harmful-sysctl/99-memory-tuning.conf', content: conf },
    {
      path: 'harmful-sysctl/meminfo-ci-05-2026-03-08T2350Z.txt',
      content: renderMeminfo(meminfoEntries(snapshot)),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Scenario 8: hidden-leak (etl-05)

const ETL05 = {
  seed: 0x5eed0008,
  memTotalKb: 16 * KIB_PER_GIB,
  startMs: Date.UTC(2026, 2, 2),
  endMs: Date.UTC(2026, 2, 8),
  stepMs: 5 * MINUTE_MS,
  anonBaseKb: 3.0 * KIB_PER_GIB,
  leakKbPerHour: 25 * KIB_PER_MIB,
  anonArPhi: 0.9,
  anonArSigmaKb: 10 * KIB_PER_MIB,
  /** The ETL job's working memory: allocated, used and freed between two scrapes. */
  jobKb: 4 * KIB_PER_GIB,
  jobPeriodMs: 6 * HOUR_MS,
  firstJobMs: Date.UTC(2026, 2, 2, 3, 1),
  /** Page cache refills at this rate after a job (reading the next batch's input). */
  refillKbPerHour: 1.5 * KIB_PER_GIB,
  sReclaimableKb: 0.45 * KIB_PER_GIB,
  sUnreclaimKb: 0.25 * KIB_PER_GIB,
  miscKb: 0.2 * KIB_PER_GIB,
  freeFloorKb: 0.25 * KIB_PER_GIB,
  lowWatermarkPages: 21_120,
  totalReservePages: 28_672,
  snapshotMs: Date.UTC(2026, 2, 7, 23, 55),
} as const;

/**
 * etl-05: a batch host. Every 6 h an ETL job grabs 4 GiB for a few minutes (between two scrapes): the
 * kernel reclaims page cache to make room, and when the job exits "used" (total − free) falls by 4 GiB;
 * the cache refills within ~3 h until free memory is back at the watermark. So "used" saws between the
 * same bounds all week. Meanwhile a daemon leaks 25 MiB/h of anonymous memory: the cache it squeezes
 * hides the leak in "used", but MemAvailable declines ~3.5 GiB.
 */
export function buildHiddenLeakScenario(): SampleFile[] {
  const p = ETL05;
  const rng = new Rng(p.seed);
  const anonNoise = new Ar1(rng, p.anonArPhi, p.anonArSigmaKb);
  const stepHours = p.stepMs / HOUR_MS;
  const rows: Array<Array<number | null>> = [];
  let leakKb = 0;
  const sReclaimableKb = pageRoundKb(p.sReclaimableKb);
  const sUnreclaimKb = pageRoundKb(p.sUnreclaimKb);
  const miscKb = pageRoundKb(p.miscKb);
  let fileKb = pageRoundKb(
    p.memTotalKb - p.anonBaseKb - sReclaimableKb - sUnreclaimKb - miscKb - p.freeFloorKb,
  );
  let nextJobMs: number = p.firstJobMs;
  let snapshot: MemSnapshot | null = null;
  for (let tMs = p.startMs; tMs <= p.endMs; tMs += p.stepMs) {
    leakKb += p.leakKbPerHour * stepHours * (1 + 0.5 * rng.normal());
    const anonKb = pageRoundKb(p.anonBaseKb + leakKb + anonNoise.next());
    const roomKb = p.memTotalKb - anonKb - sReclaimableKb - sUnreclaimKb - miscKb;
    if (tMs >= nextJobMs) {
      // The job ran since the last scrape: reclaim made room for it, then it exited.
      fileKb = Math.min(fileKb, roomKb - p.freeFloorKb - p.jobKb);
      nextJobMs += p.jobPeriodMs + (Math.floor(rng.uniform() * 3) - 1) * p.stepMs;
    } else {
      fileKb += p.refillKbPerHour * stepHours * (1 + 0.2 * rng.normal());
    }
    // Memory full: kswapd keeps free memory near the watermark by trimming page cache.
    const floorKb = p.freeFloorKb + 6 * KIB_PER_MIB * rng.normal();
    fileKb = pageRoundKb(Math.min(fileKb, roomKb - floorKb));
    const memFreeKb = roomKb - fileKb;
    const availableKb = memAvailableKb(
      memFreeKb,
      fileKb,
      sReclaimableKb,
      p.lowWatermarkPages,
      p.totalReservePages,
    );
    if (tMs === p.snapshotMs) {
      snapshot = {
        memTotalKb: p.memTotalKb,
        memFreeKb,
        memAvailableKb: availableKb,
        fileKb,
        shmemKb: 32 * KIB_PER_MIB,
        anonKb: anonKb - 32 * KIB_PER_MIB,
        sReclaimableKb,
        sUnreclaimKb,
        kernelStackKb: 9_856,
        pageTablesKb: 30_720,
        percpuKb: 8_192,
        vmallocUsedKb: 36_864,
        committedAsKb: pageRoundKb(anonKb * 1.3),
        commitLimitKb: p.memTotalKb / 2,
      };
    }
    rows.push([tMs, (p.memTotalKb - memFreeKb) * BYTES_PER_KIB, availableKb * BYTES_PER_KIB]);
  }
  if (snapshot === null) throw new Error('make-samples: the etl-05 snapshot time is not on the sample grid');
  const instance = 'etl-05:9100';
  const csv = grafanaCsv(
    [
      'Time',
      `node_memory_MemTotal_bytes{instance="${instance}"} - node_memory_MemFree_bytes{instance="${instance}"}`,
      `node_memory_MemAvailable_bytes{instance="${instance}", job="node"}`,
    ],
    rows,
  );
  return [
    { path: 'hidden-leak/Memory-etl-05-data-as-joinbyfield-2026-03-08_06_20_11.csv', content: csv },
    {
      path: 'hidden-leak/meminfo-etl-05-2026-03-07T2355Z.txt',
      content: renderMeminfo(meminfoEntries(snapshot)),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Scenario 9: container (search-indexer pod on node-17)

const INDEXER = {
  seed: 0x5eed0009,
  startMs: Date.UTC(2026, 2, 5),
  hours: 48,
  stepMs: 5 * MINUTE_MS,
  limitBytes: 4 * BYTES_PER_GIB,
  anonBytes: 600 * BYTES_PER_MIB,
  fileStartBytes: 0.4 * BYTES_PER_GIB,
  fileBytesPerHour: 50 * BYTES_PER_MIB,
  inactiveShare: 0.22,
  slabStartBytes: 120 * BYTES_PER_MIB,
  slabBytesPerHour: 2.7 * BYTES_PER_MIB,
  slabUnreclaimableBytes: 9 * BYTES_PER_MIB,
  kernelStackBytes: 540_672,
  sockBytes: 8_192,
} as const;

/**
 * search-indexer: a pod that reads large index shards. Its page cache (mostly active: read twice) and the
 * dentries of the shard files grow for two days while its anonymous memory (RSS) stays at ~600 MiB, so
 * cAdvisor's working set (usage − inactive_file) climbs from ~1.2 to ~3.2 GiB of its 4 GiB limit and looks
 * like a leak. Files: the Prometheus query_range JSON of container_memory_working_set_bytes,
 * container_memory_rss and container_memory_cache (5-minute steps), and the cgroup v2 memory.stat,
 * memory.current and memory.max read on the node at the end.
 */
export function buildContainerScenario(): SampleFile[] {
  const p = INDEXER;
  const rng = new Rng(p.seed);
  const anonNoise = new Ar1(rng, 0.9, 6 * BYTES_PER_MIB);
  const fileNoise = new Ar1(rng, 0.9, 12 * BYTES_PER_MIB);
  const labels = {
    container: 'indexer',
    instance: '10.40.7.17:10250',
    job: 'kubelet',
    namespace: 'search',
    node: 'node-17',
    pod: 'search-indexer-7d9f6c5b8-x2x4q',
  };
  const working: Array<[number, string]> = [];
  const rss: Array<[number, string]> = [];
  const cache: Array<[number, string]> = [];
  let last: Record<string, number> = {};
  for (let tMs = p.startMs; tMs <= p.startMs + p.hours * HOUR_MS; tMs += p.stepMs) {
    const hours = (tMs - p.startMs) / HOUR_MS;
    const anon = pageRoundBytes(p.anonBytes + anonNoise.next());
    const file = pageRoundBytes(p.fileStartBytes + p.fileBytesPerHour * hours + fileNoise.next());
    const inactiveFile = pageRoundBytes(file * p.inactiveShare);
    const slabReclaimable = pageRoundBytes(p.slabStartBytes + p.slabBytesPerHour * hours);
    const slab = slabReclaimable + p.slabUnreclaimableBytes;
    const usage = anon + file + slab + p.kernelStackBytes + p.sockBytes;
    const seconds = tMs / 1000;
    working.push([seconds, String(usage - inactiveFile)]);
    rss.push([seconds, String(anon)]);
    cache.push([seconds, String(file)]);
    last = { anon, file, inactiveFile, slabReclaimable, slab, usage };
  }
  const series = (name: string, values: Array<[number, string]>) => ({
    metric: { __name__: name, ...labels },
    values,
  });
  const json = JSON.stringify({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        series('container_memory_working_set_bytes', working),
        series('container_memory_rss', rss),
        series('container_memory_cache', cache),
      ],
    },
  });
  const a = last as Record<'anon' | 'file' | 'inactiveFile' | 'slabReclaimable' | 'slab' | 'usage', number>;
  const activeAnon = pageRoundBytes(a.anon * 0.02);
  const stat: Array<[string, number]> = [
    ['anon', a.anon],
    ['file', a.file],
    ['kernel', a.slab + p.kernelStackBytes + 3_137_536],
    ['kernel_stack', p.kernelStackBytes],
    ['pagetables', 3_137_536],
    ['sec_pagetables', 0],
    ['percpu', 0],
    ['sock', p.sockBytes],
    ['vmalloc', 0],
    ['shmem', 0],
    ['zswap', 0],
    ['zswapped', 0],
    ['file_mapped', pageRoundBytes(a.file * 0.01)],
    ['file_dirty', 0],
    ['file_writeback', 0],
    ['swapcached', 0],
    ['anon_thp', 0],
    ['file_thp', 0],
    ['shmem_thp', 0],
    ['inactive_anon', a.anon - activeAnon],
    ['active_anon', activeAnon],
    ['inactive_file', a.inactiveFile],
    ['active_file', a.file - a.inactiveFile],
    ['unevictable', 0],
    ['slab_reclaimable', a.slabReclaimable],
    ['slab_unreclaimable', p.slabUnreclaimableBytes],
    ['slab', a.slab],
    ['workingset_refault_anon', 0],
    ['workingset_refault_file', 1_204],
    ['workingset_activate_anon', 0],
    ['workingset_activate_file', 977],
    ['workingset_restore_anon', 0],
    ['workingset_restore_file', 0],
    ['workingset_nodereclaim', 0],
    ['pgfault', 4_812_233],
    ['pgmajfault', 1_372],
  ];
  return [
    { path: 'container/query_range-search-indexer-2026-03-07.json', content: `${json}\n` },
    { path: 'container/memory.stat', content: `${stat.map(([k, v]) => `${k} ${v}`).join('\n')}\n` },
    { path: 'container/memory.current', content: `${a.usage + 3_137_536}\n` },
    { path: 'container/memory.max', content: `${p.limitBytes}\n` },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Entry points

/** Every sample file of every scenario, in a fixed order. Pure: no I/O. */
export function buildAllSamples(): SampleFile[] {
  return [
    ...buildDentryCacheScenario(),
    ...buildUserSpaceLeakScenario(),
    ...buildHealthyScenario(),
    ...buildKernelLeakScenario(),
    ...buildWorkloadChangeScenario(),
    ...buildSuspectedLeakScenario(),
    ...buildHarmfulSysctlScenario(),
    ...buildHiddenLeakScenario(),
    ...buildContainerScenario(),
  ];
}

/** Write every sample under `outDir`; returns the written paths relative to `outDir`. */
export async function makeSamples(outDir: string): Promise<string[]> {
  const files = buildAllSamples();
  for (const file of files) {
    const target = join(outDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
  }
  return files.map((file) => file.path);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outDir = process.argv[2] ?? 'samples';
  const written = await makeSamples(outDir);
  for (const path of written) console.log(join(outDir, path));
}
