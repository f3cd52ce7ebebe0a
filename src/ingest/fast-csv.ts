/**
 * The byte-level fast path for large plain numeric CSVs (research/toolchain.md §8: csv-parse alone takes
 * ~3 s on a 2.6 M-row Grafana export, ~10× what a direct scan needs). It streams the file in chunks and
 * accepts only rows that are exactly `epoch,number,…`: every field a plain decimal number (optional sign,
 * fraction and exponent) or empty (a gap), no quotes, no spaces, the time field an epoch in seconds or
 * milliseconds written the same way in every row. Anything else makes it give up (null), and the caller
 * reads the text with csv-parse, which also reports the error with its line. Rows go into a RowReducer
 * (reduce.ts): every row is kept up to POINT_CAPACITY, past it rows are averaged into time buckets as they
 * are read, so memory does not grow with the file's length.
 *
 * Numbers are exact: a mantissa of at most 15 digits scaled by an exact power of ten (≤ 10²²) is one
 * correctly rounded IEEE operation, so the result equals `Number(text)`; longer numbers use `Number`.
 */

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError, messages } from '../errors.js';
import { EPOCH_MS_RANGE, EPOCH_S_RANGE, epochTime, type TimeKind } from '../normalize/time.js';
import type { Series } from '../model/series.js';
import { numericColumnSeries } from './columns.js';
import type { IngestContext } from './importer.js';
import { gapSignsOfColumns, RowReducer, warnReduction, type Reduction } from './reduce.js';

const CHUNK_BYTES = 4 << 20;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const MAX_FAST_DIGITS = 15;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Two ASCII digits read as a little-endian 16-bit index → their value 0–99; −1 when either is not a digit. */
const DIGIT_PAIRS = new Int8Array(65536).fill(-1);
for (let high = 0; high < 10; high++) {
  for (let low = 0; low < 10; low++) DIGIT_PAIRS[(ZERO + high) | ((ZERO + low) << 8)] = high * 10 + low;
}

export interface NumericRowsOptions {
  delimiter: ',' | ';' | '\t';
  /** Fields per row (the header's count). */
  columnCount: number;
  /** Lines before the first data row (header and anything above it). */
  skipLines: number;
  /** Refuse the file (InputError naming `path` and the line) when it has more lines than this. */
  maxLines?: number | undefined;
  /** Rows kept before they are averaged into time buckets (reduce.ts). Default POINT_CAPACITY. */
  pointCapacity?: number | undefined;
  /** Per value column: values of this sign are gaps (reduce.ts gapSignOf); used only when reducing. */
  gapSigns?: readonly number[] | undefined;
}

export interface NumericRows {
  /** Epoch ms of each row (from column 0). */
  t: Float64Array;
  timeKind: TimeKind;
  /** Columns 1…n−1; NaN for an empty field. */
  columns: Float64Array[];
  /** 1-based line of each row (of each bucket's first row when reduced). */
  lines: Int32Array;
  /** Present when the file had more rows than the point capacity and was averaged into time buckets. */
  reduction: Reduction | null;
}

/** Where the last scanNumber stopped (module state keeps the hot path free of allocations). */
let scanEnd = 0;

const SCANNED = 0;
const EMPTY = 1;
const MALFORMED = 2;

/**
 * Scan one plain number starting at `start`, stopping at the first byte that cannot continue it, and
 * write it to `out[index]` (NaN for an empty field); `scanEnd` is set to the byte it stopped at. Every
 * line in the buffer ends with LF (readNumericRows appends one to a last line without it), so the scan
 * needs no bounds check. Returns SCANNED, EMPTY, or MALFORMED (a sign or point without digits, an
 * exponent without digits). Writing instead of returning the number keeps the hot loop from allocating
 * a heap number per field.
 */
function scanNumber(bytes: Uint8Array, start: number, out: Float64Array, index: number): number {
  let i = start;
  let negative = false;
  let c = bytes[i] as number;
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    c = bytes[++i] as number;
  }
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  // Integer digits two at a time through a table of byte pairs (half the loop turns on long epochs).
  let pair = DIGIT_PAIRS[c | ((bytes[i + 1] as number) << 8)] as number;
  while (pair >= 0) {
    mantissa = mantissa * 100 + pair;
    digits += 2;
    i += 2;
    c = bytes[i] as number;
    pair = DIGIT_PAIRS[c | ((bytes[i + 1] as number) << 8)] as number;
  }
  let d = c - ZERO;
  while (d >= 0 && d <= 9) {
    mantissa = mantissa * 10 + d;
    digits++;
    c = bytes[++i] as number;
    d = c - ZERO;
  }
  if (c === DOT) {
    c = bytes[++i] as number;
    d = c - ZERO;
    while (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      fractionDigits++;
      c = bytes[++i] as number;
      d = c - ZERO;
    }
  }
  scanEnd = i;
  if (digits === 0) {
    out[index] = NaN;
    return i === start ? EMPTY : MALFORMED;
  }
  let exponent = 0;
  if (c === LOWER_E || c === UPPER_E) {
    c = bytes[++i] as number;
    let exponentNegative = false;
    if (c === MINUS || c === PLUS) {
      exponentNegative = c === MINUS;
      c = bytes[++i] as number;
    }
    let exponentDigits = 0;
    d = c - ZERO;
    while (d >= 0 && d <= 9) {
      exponent = exponent * 10 + d;
      exponentDigits++;
      c = bytes[++i] as number;
      d = c - ZERO;
    }
    scanEnd = i;
    if (exponentDigits === 0) return MALFORMED;
    if (exponentNegative) exponent = -exponent;
  }
  const scale = exponent - fractionDigits;
  let value: number;
  if (digits <= MAX_FAST_DIGITS && scale >= -22 && scale <= 22) {
    value =
      scale === 0
        ? mantissa
        : scale < 0
          ? mantissa / (POW10[-scale] as number)
          : mantissa * (POW10[scale] as number);
  } else {
    value = Math.abs(
      Number(Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('latin1')),
    );
  }
  out[index] = negative ? -value : value;
  return SCANNED;
}

/** Row parsing state across chunks. A plain synchronous class so the hot loop optimizes early. */
class RowParser {
  private store: RowReducer | null = null;
  private timeKind: TimeKind | null = null;
  private timeMin = 0;
  private timeMax = 0;
  private lineNumber = 0;
  private skip: number;
  private readonly delimiter: number;
  private readonly valueColumns: number;
  private readonly maxLines: number;

  constructor(
    private readonly options: NumericRowsOptions,
    private readonly fileBytes: number,
    private readonly path: string,
  ) {
    this.maxLines = options.maxLines ?? Infinity;
    this.skip = options.skipLines;
    this.delimiter = options.delimiter.charCodeAt(0);
    this.valueColumns = options.columnCount - 1;
  }

  /**
   * Parse the complete lines of `buffer[0, filled)` (those up to its last LF). Returns the offset of the
   * first unconsumed byte, or -1 when a row does not fit the fast path.
   */
  parseLines(buffer: Buffer, filled: number): number {
    if (filled === 0) return 0; // (lastIndexOf with −1 would search the whole buffer)
    const limit = buffer.lastIndexOf(LF, filled - 1);
    if (limit < 0) return 0;
    // A plain Uint8Array view: element reads on it are cheaper than on a Buffer.
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, limit + 1);
    let position = 0;
    while (this.skip > 0 && position <= limit) {
      position = buffer.indexOf(LF, position) + 1;
      this.lineNumber++;
      this.skip--;
    }
    while (position <= limit) {
      // Checked as lines arrive, so an oversized file is refused before its rows fill memory.
      if (++this.lineNumber > this.maxLines) {
        throw new InputError(
          'too-many-rows',
          messages.tooManyRows(this.maxLines),
          this.path,
          this.lineNumber,
        );
      }
      const c = bytes[position] as number;
      if (c === LF) position++;
      else if (c === CR && bytes[position + 1] === LF) position += 2;
      else {
        position = this.parseRow(bytes, position);
        if (position < 0) return -1;
      }
    }
    return position;
  }

  /** One row starting at `start`; returns the offset after its LF, or -1 when it does not fit. */
  private parseRow(bytes: Uint8Array, start: number): number {
    let store = this.store;
    if (store === null) {
      const lineLength = bytes.indexOf(LF, start) - start;
      store = this.store = new RowReducer({
        valueColumns: this.valueColumns,
        capacity: this.options.pointCapacity,
        gapSigns: this.options.gapSigns,
        initialRows: estimateRows(this.fileBytes, lineLength),
      });
    }
    // Room for the row at `count`: the table grows up to the capacity, then rows go into time buckets.
    if (store.count === store.t.length) store.makeRoom();
    const row = store.count;
    const t = store.t;
    if (scanNumber(bytes, start, t, row) !== SCANNED || bytes[scanEnd] !== this.delimiter) return -1;
    const timeValue = t[row] as number;
    if (this.timeKind === null) {
      // The first row decides seconds or milliseconds; every row must then fall in that range.
      const epoch = epochTime(timeValue);
      if (epoch === null) return -1;
      this.timeKind = epoch.kind;
      [this.timeMin, this.timeMax] = epoch.kind === 'epoch-s' ? EPOCH_S_RANGE : EPOCH_MS_RANGE;
    }
    if (!(timeValue >= this.timeMin && timeValue < this.timeMax)) return -1;
    if (this.timeKind === 'epoch-s') t[row] = Math.round(timeValue * 1000);
    let position = scanEnd + 1;
    const last = this.valueColumns - 1;
    for (let column = 0; column < last; column++) {
      // Each field but the last ends at the delimiter.
      if (scanNumber(bytes, position, store.columns[column] as Float64Array, row) === MALFORMED) return -1;
      if (bytes[scanEnd] !== this.delimiter) return -1;
      position = scanEnd + 1;
    }
    if (scanNumber(bytes, position, store.columns[last] as Float64Array, row) === MALFORMED) return -1;
    // The last field ends the line (CRLF or LF): anything else, an extra field included, does not fit.
    let end = scanEnd;
    if (bytes[end] === CR) end++;
    if (bytes[end] !== LF) return -1;
    store.lines[row] = this.lineNumber;
    store.count++;
    return end + 1;
  }

  finish(): NumericRows | null {
    if (this.store === null || this.timeKind === null) return null;
    const { t, columns, lines, reduction } = this.store.finish();
    return { t, timeKind: this.timeKind, columns, lines, reduction };
  }
}

/**
 * Parse the data rows of a delimited file at `path`, or null when a row does not fit the fast path
 * (see the module comment). Blank lines are skipped; CRLF and LF both end a line. Memory is bounded:
 * past `pointCapacity` rows the rows are averaged into time buckets as they are read (reduce.ts).
 */
export async function readNumericRows(
  path: string,
  options: NumericRowsOptions,
): Promise<NumericRows | null> {
  if (options.columnCount < 2) return null;
  // Synchronous chunked reads: each chunk is parsed as soon as it is read, with no wait on the event
  // loop in between (on a busy machine, a wake-up per chunk costs more than the read itself).
  const fd = openSync(path, 'r');
  try {
    const parser = new RowParser(options, fstatSync(fd).size, path);
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let position = 0;
    for (;;) {
      if (filled + 1 >= buffer.length) {
        // One line longer than the buffer (or no room for a final LF): grow it.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      // One byte is kept free for the LF a last line may lack.
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled - 1, position);
      position += bytesRead;
      filled += bytesRead;
      const eof = bytesRead === 0;
      // A last line without LF gets one, so every number scan stops at a line end.
      if (eof && filled > 0 && buffer[filled - 1] !== LF) buffer[filled++] = LF;
      const consumed = parser.parseLines(buffer, filled);
      if (consumed < 0) return null;
      if (eof) break;
      // Keep the unfinished line for the next read.
      buffer.copy(buffer, 0, consumed, filled);
      filled -= consumed;
    }
    return parser.finish();
  } finally {
    closeSync(fd);
  }
}

/** Rows to allocate up front: the file size over the first row's length, with room to spare. */
function estimateRows(fileBytes: number, firstRowBytes: number): number {
  return Math.max(16, Math.ceil((fileBytes / Math.max(1, firstRowBytes + 1)) * 1.1));
}

/**
 * A plain numeric CSV (header `names`, time first) streamed into one Series per value column, with the
 * reduction warnings when it was averaged into time buckets; null when it does not fit the fast path.
 * Shared by the importers with a streaming path (grafana-csv, generic-csv).
 */
export async function readNumericColumns(
  path: string,
  table: { delimiter: ',' | ';' | '\t'; names: string[]; headerLine: number; format: string },
  ctx: IngestContext,
): Promise<Series[] | null> {
  const valueNames = table.names.slice(1);
  const rows = await readNumericRows(path, {
    delimiter: table.delimiter,
    columnCount: table.names.length,
    skipLines: table.headerLine,
    maxLines: ctx.maxRows,
    pointCapacity: ctx.pointCapacity,
    gapSigns: gapSignsOfColumns(valueNames),
  });
  if (rows === null) return null;
  const series = rows.columns.map((values, index) =>
    numericColumnSeries(
      {
        name: valueNames[index] as string,
        values,
        times: rows.t,
        lines: rows.lines,
        headerLine: table.headerLine,
        format: table.format,
      },
      ctx,
    ),
  );
  if (rows.reduction !== null) {
    warnReduction(rows.reduction, valueNames, (code, message, line) => ctx.warn(code, message, line));
  }
  return series;
}
