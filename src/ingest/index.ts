/**
 * The importer registry and `readInput`: read a file, decode it, pick its importer by content
 * (never by extension; `--input-format` overrides), parse, then normalize every series.
 */

import { constants as bufferConstants } from 'node:buffer';
import { open, readFile, stat } from 'node:fs/promises';
import { InputError, messages } from '../errors.js';
import type { Warning } from '../model/warning.js';
import { normalizeSeries } from '../normalize/series.js';
import { cgroupMemory } from './cgroup-memory.js';
import { cloudwatchJson } from './cloudwatch-json.js';
import { collectdCsv } from './collectd-csv.js';
import { datadogJson } from './datadog-json.js';
import { dentryState } from './dentry-state.js';
import { free } from './free.js';
import { genericCsv } from './generic-csv.js';
import { grafanaCsv } from './grafana-csv.js';
import type { ImportResult, Importer, IngestContext } from './importer.js';
import { meminfo } from './meminfo.js';
import { netdataCsv } from './netdata-csv.js';
import { newrelicCsv } from './newrelic-csv.js';
import { newrelicJson } from './newrelic-json.js';
import { prometheusJson } from './prometheus-json.js';
import { reduceSeries } from './reduce.js';
import { sadf } from './sadf.js';
import { sar } from './sar.js';
import { slabinfo } from './slabinfo.js';
import { slabtop } from './slabtop.js';
import { snapshotLoop } from './snapshot-loop.js';
import { sysctl } from './sysctl.js';
import { telegrafCsv } from './telegraf-csv.js';

/**
 * In sniffing order: API JSON (distinct keys), sysstat, CSVs with a signature header, snapshot text
 * (a mix of kinds before each single kind), and the generic time-first CSV last.
 */
export const IMPORTERS: Importer[] = [
  prometheusJson,
  datadogJson,
  newrelicJson,
  cloudwatchJson,
  sadf,
  sar,
  grafanaCsv,
  newrelicCsv,
  telegrafCsv,
  netdataCsv,
  collectdCsv,
  snapshotLoop,
  slabinfo,
  slabtop,
  free,
  meminfo,
  dentryState,
  cgroupMemory,
  sysctl,
  genericCsv,
];

export function importerIds(): string[] {
  return IMPORTERS.map((importer) => importer.id);
}

/** How much decoded text the sniffers see. */
export const SNIFF_HEAD_CHARS = 8192;

export interface ReadInputOptions {
  /** IANA zone for times without an offset. */
  tz: string;
  /** An importer id: skip sniffing. */
  inputFormat?: string | undefined;
  /** Refuse files larger than this many bytes. Default DEFAULT_MAX_INPUT_BYTES. */
  maxInputBytes?: number | undefined;
  /**
   * Refuse files with more lines than this. Default: DEFAULT_MAX_ROWS for files read as whole text, none
   * for streamed ones (see rowLimits).
   */
  maxRows?: number | undefined;
  /** Points a series keeps before it is averaged into time buckets (reduce.ts). Default POINT_CAPACITY. */
  pointCapacity?: number | undefined;
}

/**
 * 4 GiB: the largest Buffer Node 20 can hold (buffer.constants.MAX_LENGTH on 64-bit), so no file above it
 * could be read by any path; streamed CSVs that large are past any memory postmortem's needs.
 */
export const DEFAULT_MAX_INPUT_BYTES = 4 * 1024 ** 3;
/**
 * 20 million lines, for inputs read as whole text: 231 days of one-second samples, 38 years of one-minute
 * ones. Such a read holds every row (its text, the parsed cells, then the series) before the series are
 * reduced, at ~105 bytes per row or more (test/bench/limits.ts measured 2.2 GB RSS at 20 M rows before
 * streaming reduced rows); 20 M leaves room on an 8 GB machine.
 */
export const DEFAULT_MAX_ROWS = 20_000_000;

/**
 * The line limits of the two read paths. An explicit --max-rows applies to both. Without one, only the
 * whole-text path is limited (DEFAULT_MAX_ROWS): the streaming path averages rows past POINT_CAPACITY
 * into time buckets as it reads (reduce.ts), so its memory does not grow with the row count, and a file
 * it reads is already bounded by --max-input-size (a 2 GB Grafana export of 80 M rows goes through).
 */
export function rowLimits(maxRows: number | undefined): { streamed: number; wholeText: number } {
  return { streamed: maxRows ?? Infinity, wholeText: maxRows ?? DEFAULT_MAX_ROWS };
}
/**
 * Formats without a streaming path are decoded to one string, and V8 strings hold at most this many
 * UTF-16 units (2^29 − 24 on 64-bit Node 20); a UTF-8 file no longer than this in bytes always fits.
 */
const MAX_WHOLE_TEXT_BYTES = bufferConstants.MAX_STRING_LENGTH;

export interface InputReadResult {
  /** The path as given. */
  file: string;
  /** The importer id that read it. */
  format: string;
  result: ImportResult;
  warnings: Warning[];
}

/** Bytes read first: enough for every sniffer and every importer's header detection. */
const HEAD_BYTES = 65_536;

/**
 * Read, decode, sniff, parse and normalize one input. Throws InputError (with file and line) on bad input.
 * The head is read first; an importer with a streaming path (large plain numeric CSVs) reads the rest in
 * chunks, everything else reads the whole text.
 */
export async function readInput(path: string, options: ReadInputOptions): Promise<InputReadResult> {
  const file = path;
  const importer = options.inputFormat === undefined ? undefined : importerById(options.inputFormat);
  const maxInputBytes = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const rowLimit = rowLimits(options.maxRows);
  const head = await readHead(file, maxInputBytes);
  const headText = decodeText(head.bytes, file, { partial: !head.complete });
  const chosen = importer ?? sniffImporter(headText, file);

  const warnings: Warning[] = [];
  const ctx: IngestContext = {
    file,
    tz: options.tz,
    ...(rowLimit.streamed === Infinity ? {} : { maxRows: rowLimit.streamed }),
    ...(options.pointCapacity === undefined ? {} : { pointCapacity: options.pointCapacity }),
    warn(code, message, line) {
      warnings.push({ code, message, file, ...(line === undefined ? {} : { line }) });
    },
  };
  let parsed: ImportResult | null = null;
  if (chosen.parseStream !== undefined && head.regularFile && utf16Encoding(head.bytes) === null) {
    parsed = await chosen.parseStream(file, headText, ctx).catch((error: unknown) => {
      if (error instanceof InputError) throw error;
      throw new InputError('unreadable', messages.unreadable(describeFsError(error)), file);
    });
  }
  if (parsed === null) {
    if (head.size > MAX_WHOLE_TEXT_BYTES) {
      throw new InputError(
        'too-large',
        messages.tooLargeToReadWhole(describeBytes(head.size), describeBytes(MAX_WHOLE_TEXT_BYTES)),
        file,
      );
    }
    const text = head.complete ? headText : decodeText(await readBytes(file), file);
    checkLineCount(text, rowLimit.wholeText, file);
    parsed = chosen.parse(text, ctx);
    // The same point capacity as the streaming path, so no input is analysed at a finer resolution.
    const parsedSeries = parsed.series.map((one) =>
      reduceSeries(one, (code, message, line) => ctx.warn(code, message, line), options.pointCapacity),
    );
    parsed = { ...parsed, series: parsedSeries };
  }
  // Columns of one table share their rows, so a gap or a null row shows in every series: one warning
  // per problem and line, naming the series, instead of one per column.
  const normalizeWarnings = new Map<
    string,
    { code: string; line: number | undefined; rest: string; names: string[] }
  >();
  const series = parsed.series.map((one) =>
    normalizeSeries(one, {
      warn(code, message, line) {
        const rest = message.startsWith(`${one.name}: `) ? message.slice(one.name.length + 2) : message;
        const key = `${code}\u0000${line ?? ''}\u0000${rest}`;
        const entry = normalizeWarnings.get(key);
        if (entry === undefined) normalizeWarnings.set(key, { code, line, rest, names: [one.name] });
        else entry.names.push(one.name);
      },
    }),
  );
  for (const { code, line, rest, names } of normalizeWarnings.values()) {
    const who =
      names.length === 1
        ? (names[0] as string)
        : `${names.length} series (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`;
    ctx.warn(code, `${who}: ${rest}`, line);
  }
  const result: ImportResult = { ...parsed, series };
  return { file, format: chosen.id, result, warnings };
}

/**
 * The first HEAD_BYTES of a file, and whether that is all of it. Read until full or end of file, not by
 * the reported size: /proc files report 0 (`memautopsy analyze /proc/meminfo` works). Streaming
 * importers only get regular files.
 */
async function readHead(
  file: string,
  maxInputBytes: number,
): Promise<{ bytes: Buffer; complete: boolean; regularFile: boolean; size: number }> {
  const tooLarge = (size: number): InputError =>
    new InputError(
      'too-large',
      messages.inputTooLarge(describeBytes(size), describeBytes(maxInputBytes)),
      file,
    );
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError('is-directory', messages.isDirectory(), file);
    // A pipe (`<(curl …)`) cannot be read twice or at positions: read it whole, once.
    if (!info.isFile()) {
      const bytes = await readFile(file);
      if (bytes.length > maxInputBytes) throw tooLarge(bytes.length);
      return { bytes, complete: true, regularFile: false, size: bytes.length };
    }
    // /proc files report size 0 and are small; the limit applies to what stat states.
    if (info.size > maxInputBytes) throw tooLarge(info.size);
    const handle = await open(file, 'r');
    try {
      const bytes = Buffer.alloc(HEAD_BYTES);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(bytes, filled, HEAD_BYTES - filled, filled);
        if (bytesRead === 0)
          return { bytes: bytes.subarray(0, filled), complete: true, regularFile: true, size: info.size };
        filled += bytesRead;
        if (filled === HEAD_BYTES) return { bytes, complete: false, regularFile: true, size: info.size };
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('unreadable', messages.unreadable(describeFsError(error)), file);
  }
}

function importerById(id: string): Importer {
  const importer = IMPORTERS.find((candidate) => candidate.id === id);
  if (importer === undefined) {
    throw new InputError('unknown-input-format', messages.unknownInputFormat(id, importerIds()));
  }
  return importer;
}

/** The first importer whose sniff accepts the head of the text. */
export function sniffImporter(text: string, file: string): Importer {
  const head = text.slice(0, SNIFF_HEAD_CHARS);
  const importer = IMPORTERS.find((candidate) => candidate.sniff(head));
  if (importer === undefined) throw new InputError('unknown-format', messages.unknownFormat(), file);
  return importer;
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError('is-directory', messages.isDirectory(), file);
    return await readFile(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('unreadable', messages.unreadable(describeFsError(error)), file);
  }
}

/** Refuse text with more than `maxRows` lines, naming the first line past the limit. */
function checkLineCount(text: string, maxRows: number, file: string): void {
  let lines = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    lines++;
    // A line past the limit exists when a newline ends line maxRows and text follows it.
    if (lines >= maxRows && index + 1 < text.length) {
      throw new InputError('too-many-rows', messages.tooManyRows(maxRows), file, maxRows + 1);
    }
  }
}

/** A byte count for messages: bytes below 1 KiB, else KiB/MiB/GiB with one decimal. */
export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit] as string}`;
}

const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
};

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return FS_ERRORS[code] === undefined ? code : `${FS_ERRORS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Bytes → text: UTF-8 with or without BOM, UTF-16LE/BE with BOM (Grafana's "Download for Excel" is
 * UTF-16LE) or without one when every other byte is zero. Rejects empty files and binary data.
 * `partial`: the bytes are the head of a longer file (a character cut at the end is dropped).
 */
export function decodeText(bytes: Uint8Array, file: string, options: { partial?: boolean } = {}): string {
  if (bytes.length === 0) throw new InputError('empty-file', messages.emptyFile(), file);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const partial = options.partial === true;

  let text: string;
  const utf16 = utf16Encoding(buffer);
  if (utf16 !== null) {
    const body = buffer.subarray(utf16.bomBytes, utf16.bomBytes + ((buffer.length - utf16.bomBytes) & ~1));
    const littleEndian = utf16.encoding === 'utf-16le' ? body : Buffer.from(body).swap16();
    text = littleEndian.toString('utf16le');
    // A surrogate pair cut in two at the end of a head.
    if (partial && /[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
  } else {
    if (buffer.subarray(0, SNIFF_HEAD_CHARS).includes(0))
      throw new InputError('binary', messages.binary(), file);
    const hasBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
    // Streaming mode holds back a multi-byte character cut at the end instead of writing U+FFFD.
    text = new TextDecoder('utf-8').decode(hasBom ? buffer.subarray(3) : buffer, { stream: partial });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  if (looksBinary(text.slice(0, SNIFF_HEAD_CHARS))) throw new InputError('binary', messages.binary(), file);
  if (!partial && text.trim() === '') throw new InputError('empty-file', messages.emptyFile(), file);
  return text;
}

function utf16Encoding(buffer: Buffer): { encoding: 'utf-16le' | 'utf-16be'; bomBytes: number } | null {
  if (buffer[0] === 0xff && buffer[1] === 0xfe && !(buffer[2] === 0 && buffer[3] === 0)) {
    return { encoding: 'utf-16le', bomBytes: 2 };
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  // No BOM: ASCII text in UTF-16 has a zero in every other byte and none in the rest.
  const sample = buffer.subarray(0, Math.min(buffer.length, 512) & ~1);
  if (sample.length < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  const pairs = sample.length / 2;
  if (zeroOdd === pairs && zeroEven === 0) return { encoding: 'utf-16le', bomBytes: 0 };
  if (zeroEven === pairs && zeroOdd === 0) return { encoding: 'utf-16be', bomBytes: 0 };
  return null;
}

/** NUL, or more than 10% control characters / undecodable bytes, in the head means binary data. */
function looksBinary(head: string): boolean {
  let suspicious = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0) return true;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c;
    if (control || code === 0x7f || code === 0xfffd) suspicious++;
  }
  return suspicious > head.length * 0.1;
}
