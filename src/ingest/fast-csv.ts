/**
 * The byte-level fast path for large plain numeric CSVs (research/toolchain.md §8: csv-parse alone takes
 * ~3 s on a 2.6 M-row Grafana export, ~10× what a direct scan needs). It streams the file in chunks and
 * accepts only rows that are exactly `epoch,number,…`: every field a plain decimal number (optional sign,
 * fraction and exponent) or empty (a gap), no quotes, no spaces, the time field an epoch in seconds or
 * milliseconds written the same way in every row. Anything else makes it give up (null), and the caller
 * reads the text with csv-parse, which also reports the error with its line.
 *
 * Numbers are exact: a mantissa of at most 15 digits scaled by an exact power of ten (≤ 10²²) is one
 * correctly rounded IEEE operation, so the result equals `Number(text)`; longer numbers use `Number`.
 */

import { open } from 'node:fs/promises';
import { epochTime, type TimeKind } from '../normalize/time.js';

const CHUNK_BYTES = 1 << 20;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const MAX_FAST_DIGITS = 15;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export interface NumericRowsOptions {
  delimiter: ',' | ';' | '\t';
  /** Fields per row (the header's count). */
  columnCount: number;
  /** Lines before the first data row (header and anything above it). */
  skipLines: number;
}

export interface NumericRows {
  /** Epoch ms of each row (from column 0). */
  t: Float64Array;
  timeKind: TimeKind;
  /** Columns 1…n−1; NaN for an empty field. */
  columns: Float64Array[];
  /** 1-based line of each row. */
  lines: Int32Array;
}

/** Growable column storage: typed arrays doubled as rows arrive. */
class RowStore {
  t: Float64Array;
  columns: Float64Array[];
  lines: Int32Array;
  count = 0;

  constructor(valueColumns: number, capacity: number) {
    this.t = new Float64Array(capacity);
    this.columns = Array.from({ length: valueColumns }, () => new Float64Array(capacity));
    this.lines = new Int32Array(capacity);
  }

  ensure(): void {
    if (this.count < this.t.length) return;
    const capacity = this.t.length * 2;
    const grow = (old: Float64Array): Float64Array => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    this.t = grow(this.t);
    this.columns = this.columns.map(grow);
    const lines = new Int32Array(capacity);
    lines.set(this.lines);
    this.lines = lines;
  }

  finish(timeKind: TimeKind): NumericRows {
    return {
      t: this.t.slice(0, this.count),
      timeKind,
      columns: this.columns.map((column) => column.slice(0, this.count)),
      lines: this.lines.slice(0, this.count),
    };
  }
}

/**
 * Parse one plain number in `bytes[start, end)`. Returns NaN for an empty field and undefined when the
 * field is not a plain number.
 */
function parseNumberField(bytes: Buffer, start: number, end: number): number | undefined {
  if (start === end) return NaN;
  let i = start;
  let negative = false;
  const first = bytes[i] as number;
  if (first === MINUS || first === PLUS) {
    negative = first === MINUS;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  while (i < end) {
    const c = bytes[i] as number;
    if (c < ZERO || c > NINE) break;
    mantissa = mantissa * 10 + (c - ZERO);
    digits++;
    i++;
  }
  if (i < end && bytes[i] === DOT) {
    i++;
    while (i < end) {
      const c = bytes[i] as number;
      if (c < ZERO || c > NINE) break;
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      fractionDigits++;
      i++;
    }
  }
  if (digits === 0) return undefined;
  let exponent = 0;
  if (i < end && (bytes[i] === LOWER_E || bytes[i] === UPPER_E)) {
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      exponentNegative = bytes[i] === MINUS;
      i++;
    }
    let exponentDigits = 0;
    while (i < end) {
      const c = bytes[i] as number;
      if (c < ZERO || c > NINE) break;
      exponent = exponent * 10 + (c - ZERO);
      exponentDigits++;
      i++;
    }
    if (exponentDigits === 0) return undefined;
    if (exponentNegative) exponent = -exponent;
  }
  if (i !== end) return undefined;
  const scale = exponent - fractionDigits;
  let value: number;
  if (digits <= MAX_FAST_DIGITS && scale >= -22 && scale <= 22) {
    value = scale === 0 ? mantissa : scale < 0 ? mantissa / (POW10[-scale] as number) : mantissa * (POW10[scale] as number);
  } else {
    value = Math.abs(Number(bytes.toString('latin1', start, end)));
  }
  return negative ? -value : value;
}

/**
 * Parse the data rows of a delimited file at `path`, or null when a row does not fit the fast path
 * (see the module comment). Blank lines are skipped; CRLF and LF both end a line.
 */
export async function readNumericRows(path: string, options: NumericRowsOptions): Promise<NumericRows | null> {
  const delimiter = options.delimiter.charCodeAt(0);
  const valueColumns = options.columnCount - 1;
  if (valueColumns < 1) return null;
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let position = 0;
    let lineNumber = 0;
    let skip = options.skipLines;
    let store: RowStore | null = null;
    let timeKind: TimeKind | null = null;
    let eof = false;

    while (!eof) {
      if (filled === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      position += bytesRead;
      filled += bytesRead;
      eof = bytesRead === 0;

      let lineStart = 0;
      for (;;) {
        let newline = buffer.indexOf(LF, lineStart);
        if (newline < 0 || newline >= filled) {
          if (!eof || lineStart >= filled) break;
          newline = filled; // the last line has no newline
        }
        lineNumber++;
        let lineEnd = newline;
        if (lineEnd > lineStart && buffer[lineEnd - 1] === CR) lineEnd--;
        const start = lineStart;
        lineStart = newline + 1;
        if (skip > 0) {
          skip--;
          continue;
        }
        if (lineEnd === start) continue;

        store ??= new RowStore(valueColumns, estimateRows(size, lineEnd - start));
        store.ensure();
        const row = store.count;
        // Time field.
        let fieldEnd = buffer.indexOf(delimiter, start);
        if (fieldEnd < 0 || fieldEnd > lineEnd) return null;
        const timeValue = parseNumberField(buffer, start, fieldEnd);
        if (timeValue === undefined || Number.isNaN(timeValue)) return null;
        const epoch = epochTime(timeValue);
        if (epoch === null) return null;
        timeKind ??= epoch.kind;
        if (epoch.kind !== timeKind) return null;
        store.t[row] = epoch.ms;
        // Value fields.
        let fieldStart = fieldEnd + 1;
        for (let column = 0; column < valueColumns; column++) {
          const last = column === valueColumns - 1;
          if (last) fieldEnd = lineEnd;
          else {
            fieldEnd = buffer.indexOf(delimiter, fieldStart);
            if (fieldEnd < 0 || fieldEnd > lineEnd) return null;
          }
          const value = parseNumberField(buffer, fieldStart, fieldEnd);
          if (value === undefined) return null; // also catches an extra delimiter in the last field
          (store.columns[column] as Float64Array)[row] = value;
          fieldStart = fieldEnd + 1;
        }
        store.lines[row] = lineNumber;
        store.count++;
        if (newline === filled) break;
      }
      // Keep the unfinished line for the next read.
      if (lineStart < filled) buffer.copy(buffer, 0, lineStart, filled);
      filled = Math.max(0, filled - lineStart);
    }
    if (store === null || timeKind === null) return null;
    return store.finish(timeKind);
  } finally {
    await handle.close();
  }
}

/** Rows to allocate up front: the file size over the first row's length, with room to spare. */
function estimateRows(fileBytes: number, firstRowBytes: number): number {
  return Math.max(16, Math.ceil((fileBytes / Math.max(1, firstRowBytes + 1)) * 1.1));
}
