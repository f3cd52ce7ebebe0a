/**
 * Command-line parsing for `memautopsy` (CONTRACT.md "Commands"). Pure: turns argv into a Command or
 * throws UsageError; the caller (main.ts) owns process I/O and exit codes.
 */

import { parseArgs } from 'node:util';
import { extname } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { messages, UsageError } from '../errors.js';
import type { Mark, VerdictKind } from '../model/result.js';
import { VERDICT_KINDS } from '../model/result.js';
import { parseSize } from '../normalize/units.js';

export const OUTPUT_FORMATS = ['html', 'pdf', 'json', 'md'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type Paper = 'a4' | 'letter';

export interface AnalyzeCommand {
  command: 'analyze';
  inputs: string[];
  formats: OutputFormat[];
  /** Where to write; null = standard output. `outIsFolder` tells how to treat it. */
  out: string | null;
  outIsFolder: boolean;
  host: string | undefined;
  marks: Mark[];
  tz: string;
  totalMemoryBytes: number | undefined;
  failOn: VerdictKind[];
  inputFormat: string | undefined;
  paper: Paper;
  templateDir: string | undefined;
  /** --max-input-size in bytes; undefined = readInput's default. */
  maxInputBytes: number | undefined;
  /** --max-rows; undefined = readInput's default. */
  maxRows: number | undefined;
}

export interface BatchCommand {
  command: 'batch';
  inputDir: string;
  out: string;
  /** Default html,json (a browsable fleet index plus machine-readable Results). */
  formats: OutputFormat[];
  tz: string;
  failOn: VerdictKind[];
  paper: Paper;
  templateDir: string | undefined;
  /** Undefined = number of cores (decided by the caller). */
  concurrency: number | undefined;
  quiet: boolean;
  resume: boolean;
  shard: { index: number; count: number } | undefined;
}

export interface MergeCommand {
  command: 'merge';
  inputs: string[];
  out: string;
  failOn: VerdictKind[];
  templateDir: string | undefined;
  quiet: boolean;
}

export type Command =
  AnalyzeCommand | BatchCommand | MergeCommand | { command: 'help'; topic?: string } | { command: 'version' };

const EXTENSION_FORMAT: Record<string, OutputFormat> = {
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.json': 'json',
  '.md': 'md',
  '.markdown': 'md',
};

/**
 * Parse argv (without `node` and the script). `isExistingDirectory` lets the caller say whether `-o`
 * names a folder that already exists (kept out of this pure function).
 */
export function parseCommandLine(argv: string[], isExistingDirectory: (path: string) => boolean): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: 'help', topic: first === 'help' ? rest[0] : undefined };
  }
  if (first === '--version' || first === '-V' || first === '-v') return { command: 'version' };
  if (first === 'analyze') return parseAnalyze(rest, isExistingDirectory);
  if (first === 'batch') return parseBatch(rest);
  if (first === 'merge') return parseMerge(rest);
  throw new UsageError(`unknown command "${first}" (try: memautopsy --help)`);
}

function parseAnalyze(argv: string[], isExistingDirectory: (path: string) => boolean): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        host: { type: 'string' },
        mark: { type: 'string', multiple: true },
        tz: { type: 'string' },
        'total-memory': { type: 'string' },
        'fail-on': { type: 'string' },
        'input-format': { type: 'string' },
        paper: { type: 'string' },
        'template-dir': { type: 'string' },
        'max-input-size': { type: 'string' },
        'max-rows': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', topic: 'analyze' };
  if (positionals.length === 0) throw new UsageError('analyze needs at least one input file');

  const tz = zoneOption(values.tz);

  const out = values.out ?? null;
  const formats = resolveFormats(values.format, out);
  const outIsFolder = out !== null && (out.endsWith('/') || isExistingDirectory(out) || formats.length > 1);
  if (out === null && formats.length > 1) {
    throw new UsageError(`several formats (${formats.join(',')}) need -o <folder>`);
  }

  let totalMemoryBytes: number | undefined;
  if (values['total-memory'] !== undefined) {
    const bytes = parseSize(values['total-memory']);
    if (bytes === null || !(bytes > 0)) throw new UsageError(messages.badTotalMemory(values['total-memory']));
    totalMemoryBytes = bytes;
  }

  const paper = values.paper ?? 'a4';
  if (paper !== 'a4' && paper !== 'letter') throw new UsageError(`--paper: "${paper}" is not a4 or letter`);

  return {
    command: 'analyze',
    inputs: positionals,
    formats,
    out,
    outIsFolder,
    host: values.host,
    marks: (values.mark ?? []).map((text) => parseMark(text, tz)),
    tz,
    totalMemoryBytes,
    failOn: parseFailOn(values['fail-on']),
    inputFormat: values['input-format'],
    paper,
    templateDir: values['template-dir'],
    ...parseLimits(values['max-input-size'], values['max-rows']),
  };
}

/** `--max-input-size <size>` (parseSize: 4GiB, 500MB, bytes) and `--max-rows <n>` (a positive integer). */
export function parseLimits(
  sizeText: string | undefined,
  rowsText: string | undefined,
): { maxInputBytes: number | undefined; maxRows: number | undefined } {
  let maxInputBytes: number | undefined;
  if (sizeText !== undefined) {
    const bytes = parseSize(sizeText);
    if (bytes === null || !(bytes > 0)) throw new UsageError(messages.badLimit('--max-input-size', sizeText));
    maxInputBytes = bytes;
  }
  let maxRows: number | undefined;
  if (rowsText !== undefined) {
    const rows = /^\d+$/.test(rowsText.trim()) ? Number(rowsText.trim()) : NaN;
    if (!Number.isSafeInteger(rows) || rows < 1)
      throw new UsageError(messages.badLimit('--max-rows', rowsText));
    maxRows = rows;
  }
  return { maxInputBytes, maxRows };
}

/** Run node's parseArgs, turning its errors into a UsageError. */
function usageErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function parsePaper(text: string | undefined): Paper {
  const paper = text ?? 'a4';
  if (paper !== 'a4' && paper !== 'letter') throw new UsageError(`--paper: "${paper}" is not a4 or letter`);
  return paper;
}

/** `--tz`, default UTC. Only a zone given is checked: the first check sets up Intl's zone data (~15 ms). */
function zoneOption(tz: string | undefined): string {
  if (tz !== undefined && !IANAZone.isValidZone(tz)) throw new UsageError(messages.badTz(tz));
  return tz ?? 'UTC';
}

/** `batch <dir> -o <outdir>` (CONTRACT.md "batch options"). */
function parseBatch(argv: string[]): Command {
  const { values, positionals } = usageErrors(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        tz: { type: 'string' },
        'fail-on': { type: 'string' },
        paper: { type: 'string' },
        'template-dir': { type: 'string' },
        concurrency: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        resume: { type: 'boolean' },
        shard: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) return { command: 'help', topic: 'batch' };
  if (positionals.length !== 1)
    throw new UsageError('batch needs exactly one folder: memautopsy batch <dir> -o <outdir>');
  const out = values.out;
  if (out === undefined || out === '') throw new UsageError('batch needs -o <outdir>');
  const tz = zoneOption(values.tz);
  return {
    command: 'batch',
    inputDir: positionals[0] as string,
    out,
    formats: values.format === undefined ? ['html', 'json'] : resolveFormats(values.format, null),
    tz,
    failOn: parseFailOn(values['fail-on']),
    paper: parsePaper(values.paper),
    templateDir: values['template-dir'],
    concurrency: parseConcurrency(values.concurrency),
    quiet: values.quiet === true,
    resume: values.resume === true,
    shard: parseShard(values.shard),
  };
}

/** `merge <outdir...> -o <outdir>`. */
function parseMerge(argv: string[]): Command {
  const { values, positionals } = usageErrors(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        'template-dir': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) return { command: 'help', topic: 'merge' };
  if (positionals.length === 0) throw new UsageError('merge needs at least one batch output folder');
  const out = values.out;
  if (out === undefined || out === '') throw new UsageError('merge needs -o <outdir>');
  return {
    command: 'merge',
    inputs: positionals,
    out,
    failOn: parseFailOn(values['fail-on']),
    templateDir: values['template-dir'],
    quiet: values.quiet === true,
  };
}

function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--concurrency: "${text}" is not a whole number ≥ 1`);
  }
  return n;
}

/** `--shard i/n`: 0 ≤ i < n (0-based, like Kubernetes' JOB_COMPLETION_INDEX). */
export function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (
    match === null ||
    !Number.isSafeInteger(index) ||
    !Number.isSafeInteger(count) ||
    count < 1 ||
    index >= count
  ) {
    throw new UsageError(`--shard: "${text}" is not i/n with 0 ≤ i < n (e.g. 0/4)`);
  }
  return { index, count };
}

/** `--format` wins; else the extension of `-o`; else html. */
function resolveFormats(formatOption: string | undefined, out: string | null): OutputFormat[] {
  if (formatOption !== undefined) {
    const formats = formatOption
      .split(',')
      .map((f) => f.trim().toLowerCase())
      .filter((f) => f !== '');
    if (formats.length === 0) throw new UsageError('--format: give at least one of html,pdf,json,md');
    for (const f of formats) {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) {
        throw new UsageError(`--format: "${f}" is not one of ${OUTPUT_FORMATS.join(', ')}`);
      }
    }
    return [...new Set(formats as OutputFormat[])];
  }
  if (out !== null) {
    const fromExtension = EXTENSION_FORMAT[extname(out).toLowerCase()];
    if (fromExtension !== undefined) return [fromExtension];
  }
  return ['html'];
}

/** `<time>=<label>`; a time without an offset is read in `tz`. */
export function parseMark(text: string, tz: string): Mark {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new UsageError(messages.badMark(text));
  const timeText = text.slice(0, eq).trim();
  const label = text.slice(eq + 1).trim();
  const parsed = DateTime.fromISO(timeText, { zone: tz, setZone: false });
  if (!parsed.isValid || label === '') throw new UsageError(messages.badMark(text));
  return { at: parsed.toUTC().toISO({ suppressMilliseconds: false }) ?? '', label };
}

function parseFailOn(text: string | undefined): VerdictKind[] {
  if (text === undefined) return [];
  const kinds = text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  for (const kind of kinds) {
    if (!(VERDICT_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--fail-on: "${kind}" is not a verdict (${VERDICT_KINDS.join(', ')})`);
    }
  }
  return kinds as VerdictKind[];
}
