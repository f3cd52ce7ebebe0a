/**
 * Snapshot text — `/proc/meminfo`, `/proc/slabinfo`, `slabtop -o`, dentry-state, `free`, cgroup
 * `memory.stat`, `sysctl` — alone, concatenated, or captured in a loop with timestamp lines between
 * (`date`, `date -u`, `date -Is` …, see normalize/time.ts parseDateLine):
 *
 *   while true; do date -u; cat /proc/meminfo; slabtop -o | head -30; cat /proc/sys/fs/dentry-state; sleep 60; done
 *
 * The text is cut into blocks, each recognised by one snapshot kind (one per format file). A timestamp
 * line dates the blocks after it. Every block becomes a snapshot (with `atMs` when dated); dated blocks
 * also give one point per field to the series the kind names, so a loop becomes time series.
 *
 * Lines outside any block (shell prompts, `---` separators) are skipped with one `ignored-lines` warning;
 * a line that starts like its block's format but is malformed is an InputError with its line.
 */

import { InputError, messages } from '../errors.js';
import type { CanonicalMetric, Series, Unit, UsedDefinition } from '../model/series.js';
import type { SlabSnapshot } from '../model/slab.js';
import type {
  CgroupMemoryStat,
  DentryStateSnapshot,
  MeminfoSnapshot,
  SysctlSnapshot,
} from '../model/snapshot.js';
import { parseDateLine } from '../normalize/time.js';
import type { ImportResult, Importer, IngestContext } from './importer.js';

export interface BlockLine {
  text: string;
  /** 1-based line in the file. */
  line: number;
}

/** One field of a dated snapshot, as a point of the series `name`. */
export interface SnapshotPoint {
  name: string;
  metric: CanonicalMetric;
  unit: Unit;
  definition?: UsedDefinition;
  value: number;
  line: number;
}

/** What one block yields. */
export interface SnapshotPiece {
  meminfo?: MeminfoSnapshot;
  slab?: SlabSnapshot;
  dentryState?: DentryStateSnapshot;
  cgroup?: CgroupMemoryStat;
  sysctl?: SysctlSnapshot;
  host?: string;
  points?: SnapshotPoint[];
}

export type LineVerdict = 'continue' | 'end' | 'malformed';

export interface SnapshotKind {
  /** Format id (equal to its importer's id), used in sources and messages. */
  id: string;
  /** Does a block of this kind start at this line? */
  starts(line: string): boolean;
  /**
   * A line after the block's first: part of the block, the start of something else ('end'), or a line
   * shaped like this format but broken ('malformed' → InputError). Blank lines are asked too.
   */
  next(line: string, block: readonly BlockLine[]): LineVerdict;
  /** The block → snapshot (and points); throw InputError with a line for content the format cannot hold. */
  parse(block: readonly BlockLine[], atMs: number | null, ctx: IngestContext): SnapshotPiece;
}

/** Lines that are never content: comments and prompts (`# free -m`), skipped without a warning. */
const COMMENT = /^\s*[#;]/;

interface Block {
  kind: SnapshotKind;
  lines: BlockLine[];
  atMs: number | null;
}

/** Split text into blocks (and the lines no kind claimed). Throws on malformed lines and bad date lines. */
function splitBlocks(
  text: string,
  kinds: readonly SnapshotKind[],
  tz: string,
  file: string,
  /** Sniffing: the head may end mid-line, and a malformed line or zone abbreviation does not stop it. */
  options: { sniffing?: boolean } = {},
): { blocks: Block[]; ignored: BlockLine[]; dateLines: number } {
  const rawLines = text.split('\n');
  const sniffing = options.sniffing === true;
  if (sniffing && !text.endsWith('\n') && rawLines.length > 1) rawLines.pop();
  const blocks: Block[] = [];
  const ignored: BlockLine[] = [];
  let current: Block | null = null;
  let atMs: number | null = null;
  let dateLines = 0;

  for (let i = 0; i < rawLines.length; i++) {
    const text = (rawLines[i] as string).replace(/\r$/, '');
    const line = i + 1;
    if (current !== null) {
      const verdict = current.kind.next(text, current.lines);
      if (verdict === 'continue' || (verdict === 'malformed' && sniffing)) {
        current.lines.push({ text, line });
        continue;
      }
      if (verdict === 'malformed') {
        throw new InputError(
          'bad-snapshot-line',
          messages.badSnapshotLine(current.kind.id, text.trim().slice(0, 80)),
          file,
          line,
        );
      }
      current = null;
    }
    if (text.trim() === '') continue;
    const kind = kinds.find((candidate) => candidate.starts(text));
    if (kind !== undefined) {
      current = { kind, lines: [{ text, line }], atMs };
      blocks.push(current);
      continue;
    }
    const date = parseDateLine(text, tz);
    if (date !== null) {
      if ('abbreviation' in date && !sniffing) {
        throw new InputError('ambiguous-zone', messages.dateLineAbbreviation(date.abbreviation), file, line);
      }
      atMs = 'ms' in date ? date.ms : null;
      dateLines++;
      continue;
    }
    if (!COMMENT.test(text)) ignored.push({ text, line });
  }
  return { blocks, ignored, dateLines };
}

/**
 * The snapshot kinds present in the head of a file, or an empty set when it does not read as snapshot
 * text. Several dentry-state lines without timestamp lines are refused: that is a table of six numeric
 * columns, not a capture.
 */
export function sniffSnapshotKinds(head: string, kinds: readonly SnapshotKind[]): Set<string> {
  const { blocks, ignored, dateLines } = splitBlocks(head, kinds, 'UTC', '', { sniffing: true });
  if (blocks.length === 0) return new Set();
  const blockLines = blocks.reduce((sum, block) => sum + block.lines.length, 0);
  // Mostly something else (prose, a CSV) with a line that happens to look like a snapshot.
  if (ignored.length > blockLines) return new Set();
  if (dateLines === 0 && blocks.filter((block) => block.kind.id === 'dentry-state').length > 1)
    return new Set();
  return new Set(blocks.map((block) => block.kind.id));
}

/** Parse snapshot text with the given kinds (see the module comment). */
export function readSnapshots(
  text: string,
  ctx: IngestContext,
  kinds: readonly SnapshotKind[],
): ImportResult {
  const { blocks, ignored } = splitBlocks(text, kinds, ctx.tz, ctx.file);
  if (blocks.length === 0) {
    throw new InputError('no-snapshots', messages.noSnapshots(), ctx.file, ignored[0]?.line);
  }
  // Identical warnings from repeated blocks (one per loop iteration) are reported once.
  const seen = new Set<string>();
  const blockCtx: IngestContext = {
    ...ctx,
    warn(code, message, line) {
      const key = `${code}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.warn(code, message, line);
    },
  };

  const result: Required<Omit<ImportResult, 'host' | 'kernelRelease'>> & { host?: string } = {
    series: [],
    slabs: [],
    meminfo: [],
    dentryState: [],
    sysctl: [],
    cgroup: [],
  };
  const points = new Map<string, SnapshotPoint[]>();
  const formats = new Map<string, string>();
  const times = new Map<string, number[]>();
  let undated = 0;
  let firstUndatedLine = 0;
  for (const block of blocks) {
    const piece = block.kind.parse(block.lines, block.atMs, blockCtx);
    if (piece.meminfo !== undefined) result.meminfo.push(piece.meminfo);
    if (piece.slab !== undefined) result.slabs.push(piece.slab);
    if (piece.dentryState !== undefined) result.dentryState.push(piece.dentryState);
    if (piece.cgroup !== undefined) result.cgroup.push(piece.cgroup);
    if (piece.sysctl !== undefined) result.sysctl.push(piece.sysctl);
    if (piece.host !== undefined) result.host ??= piece.host;
    if (block.atMs === null) {
      undated++;
      if (firstUndatedLine === 0) firstUndatedLine = block.lines[0]?.line ?? 0;
      continue;
    }
    for (const point of piece.points ?? []) {
      const list = points.get(point.name);
      if (list === undefined) {
        points.set(point.name, [point]);
        formats.set(point.name, block.kind.id);
        times.set(point.name, [block.atMs]);
      } else {
        list.push(point);
        times.get(point.name)?.push(block.atMs);
      }
    }
  }
  if (undated > 0 && undated < blocks.length) {
    ctx.warn(
      'undated-snapshots',
      `${undated} snapshot(s) have no timestamp line before them; they are kept as snapshots but not as points`,
      firstUndatedLine,
    );
  }
  if (ignored.length > 0) {
    ctx.warn(
      'ignored-lines',
      `${ignored.length} line(s) that belong to no snapshot were ignored (first: "${(ignored[0] as BlockLine).text.trim().slice(0, 60)}")`,
      ignored[0]?.line,
    );
  }
  for (const [name, list] of points) {
    result.series.push(pointsToSeries(name, list, times.get(name) ?? [], ctx.file, formats.get(name) ?? ''));
  }
  return result;
}

function pointsToSeries(
  name: string,
  list: SnapshotPoint[],
  times: number[],
  file: string,
  format: string,
): Series {
  const first = list[0] as SnapshotPoint;
  const definitions = new Set(list.map((point) => point.definition));
  const definition: UsedDefinition | undefined =
    first.definition === undefined ? undefined : definitions.size === 1 ? first.definition : 'unknown';
  return {
    name,
    metric: first.metric,
    ...(definition === undefined ? {} : { definition }),
    unit: first.unit,
    t: Float64Array.from(times),
    v: Float64Array.from(list, (point) => point.value),
    source: { file, format, line: first.line },
    sourceLines: Int32Array.from(list, (point) => point.line),
  };
}

/**
 * The importer of one snapshot format: it sniffs text whose head holds only its kind, and parses with
 * every kind (a loop's head may show one kind while later blocks hold others). `kinds` is a getter because
 * the kinds registry imports the format files.
 */
export function snapshotImporter(id: string, description: string, kinds: () => SnapshotKind[]): Importer {
  return {
    id,
    description,
    sniff(head) {
      const found = sniffSnapshotKinds(head, kinds());
      return found.size === 1 && found.has(id);
    },
    parse(text, ctx) {
      return readSnapshots(text, ctx, kinds());
    },
  };
}
