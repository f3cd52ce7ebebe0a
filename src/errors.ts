/**
 * Errors the user can act on. An InputError prints as one line `file:line: message` and exits 2;
 * anything else reaching the CLI is an internal error (exit 1). The messages live here, in one catalog,
 * so tests can assert on the same functions the code calls.
 */

export class InputError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly code: string;

  constructor(code: string, message: string, file?: string, line?: number) {
    // Messages quote input text: control characters in it would break the one-line contract or drive
    // the terminal (ANSI escapes), so they are shown escaped.
    super(escapeControlCharacters(message));
    this.name = 'InputError';
    this.code = code;
    this.file = file;
    this.line = line;
  }

  /** One line for stderr: `file:line: message`. */
  format(): string {
    const where =
      this.file === undefined
        ? ''
        : this.line === undefined
          ? `${escapeControlCharacters(this.file)}: `
          : `${escapeControlCharacters(this.file)}:${this.line}: `;
    return `${where}${this.message}`;
  }
}

/** C0/C1 controls, DEL and the Unicode line/paragraph separators as `\xNN` / `\uNNNN`; tab stays. */
export function escapeControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Bad command-line usage: exit 2 with the message and a hint to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const messages = {
  emptyFile: () => 'file is empty',
  headerOnly: () => 'no usable time series (header only)',
  unknownFormat: () => 'unrecognised format: not an export memautopsy can read (see --help for the formats)',
  notUsable: () => 'no usable time series (need 3 or more points spanning a non-zero time)',
  badNumber: (column: string, cell: string) => `column "${column}": "${cell}" is not a number`,
  badTime: (cell: string) => `"${cell}" is not a time memautopsy understands (ISO 8601, epoch s or ms)`,
  noUsableInput: () => 'no usable input: none of the files gave a usable series or snapshot',
  unreadable: (reason: string) => `cannot read file: ${reason}`,
  isDirectory: () => 'is a directory, not a file (give the files inside it, e.g. dir/*)',
  binary: () => 'looks like binary data, not a text export',
  badTotalMemory: (text: string) => `--total-memory: "${text}" is not a size (e.g. 16GiB, 16384MiB)`,
  badMark: (text: string) => `--mark: "${text}" is not <time>=<label> (e.g. 2026-03-07T00:00Z=drop_caches)`,
  badTz: (zone: string) => `--tz: "${zone}" is not an IANA time zone (e.g. UTC, Europe/Berlin)`,
  unknownInputFormat: (id: string, ids: readonly string[]) =>
    `--input-format: "${id}" is not a format id (one of: ${ids.join(', ')})`,
  badCsv: (reason: string) => `not valid CSV: ${reason}`,
  columnCount: (expected: number, got: number) => `row has ${got} field(s) but the header has ${expected}`,
  timeFormatChanged: (cell: string, expected: string) =>
    `"${cell}" is written differently from the first row's time (${expected})`,
  noValueColumns: () => 'no value columns: the file has only a time (and host) column',
  multipleHosts: (hosts: readonly string[]) =>
    `rows from several hosts (${hosts.join(', ')}): give each host's rows in its own file`,
  badSlabRow: (format: string, text: string) => `not a ${format} row: "${text}"`,
  noSlabTable: () => 'no slab table: the "OBJS ACTIVE USE OBJ SIZE … NAME" header line is missing',
  unsupportedSlabinfoVersion: (version: string) => `slabinfo version ${version} is not supported (only 2.x)`,
  noSlabCaches: () => 'no slab caches: the file has header lines but no cache rows',
  noHostFolders: () =>
    "no host folders: batch reads each immediate subfolder as one host (put each host's exports in <dir>/<host>/)",
  ambiguousDate: (cell: string) =>
    `dates such as "${cell}" could be day-first or month-first and no row has a part above 12 to tell: write the times as YYYY-MM-DD`,
  mixedDateOrder: (dayFirst: string, monthFirst: string) =>
    `dates "${dayFirst}" (day-first) and "${monthFirst}" (month-first) disagree: write the times as YYYY-MM-DD`,
  ambiguousNumber: (column: string, cell: string) =>
    `column "${column}": "${cell}" could be a digit group (thousands) or a decimal comma and no cell tells which`,
  mixedNumberStyles: (column: string, first: string, second: string) =>
    `column "${column}": "${first}" and "${second}" use different decimal marks`,
  badJson: (reason: string) => `not valid JSON: ${reason}`,
  apiError: (source: string, detail: string) => `the ${source} response is an error, not data: ${detail}`,
  notTimeSeries: (source: string, what: string) => `the ${source} response holds ${what}, not time series`,
  noSeries: (source: string) => `the ${source} response holds no series`,
  badSnapshotLine: (kind: string, text: string) => `not a ${kind} line: "${text}"`,
  noSnapshots: () =>
    'no snapshot recognised (meminfo, slabinfo, slabtop, dentry-state, free, memory.stat or sysctl output)',
  dateLineAbbreviation: (abbreviation: string) =>
    `the date line says "${abbreviation}", whose UTC offset is not known: pass --tz with the host's zone (e.g. Europe/Berlin)`,
  badSarRow: (text: string) => `not a sar row under the header above: "${text}"`,
  noSarData: () => 'no memory columns (kbmemfree, kbmemused, dentunusd …) in this sysstat output',
  sarDateUnknown: (text: string) =>
    `the sar banner date "${text}" is not a date memautopsy can read (run sar with LC_ALL=C or S_TIME_FORMAT=ISO)`,
  sarDateAmbiguous: (text: string) =>
    `the sar banner date "${text}" could be day-first or month-first: run sar with S_TIME_FORMAT=ISO (or LC_ALL=C) and export again`,
  noTimeColumn: (name: string) => `no "${name}" column`,
  inputTooLarge: (sizeText: string, limitText: string) =>
    `the file is ${sizeText}, above the input size limit of ${limitText} (raise it with --max-input-size)`,
  tooManyRows: (limit: number) =>
    `more than ${limit} lines: above the row limit (raise it with --max-rows, or export a coarser step)`,
  tooLargeToReadWhole: (sizeText: string, limitText: string) =>
    `the file is ${sizeText}, and this format is read whole, which works only up to ${limitText} (split the export, or write it as a plain time,number CSV, which is streamed)`,
  badLimit: (option: string, text: string) =>
    `${option}: "${text}" is not a positive ${option === '--max-rows' ? 'whole number' : 'size (e.g. 4GiB, 500MB)'}`,
  noCgroupValueName: () =>
    'a single number: name the file memory.current, memory.max, memory.peak, memory.high, memory.low or memory.min',
} as const;
