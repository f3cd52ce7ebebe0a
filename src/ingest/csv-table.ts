/**
 * CSV reading shared by the CSV importers: csv-parse for correctness (quotes, doubled quotes, CRLF,
 * newlines inside quoted cells), with the 1-based line of every record kept for messages.
 */

import { parse } from 'csv-parse/sync';
import { InputError, messages } from '../errors.js';
import type { IngestContext } from './importer.js';

export interface CsvTable {
  header: string[];
  headerLine: number;
  rows: string[][];
  /** 1-based line of each row (where the record ends, for a cell that spans lines). */
  lines: Int32Array;
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
}

/**
 * The table of an export whose `layout` (its importer's sniffer) finds the delimiter in the first 64 KiB
 * (`,` when it finds none); a header without rows is an error.
 */
export function readSniffedTable(
  text: string,
  layout: (head: string) => { delimiter: string } | null,
  ctx: Pick<IngestContext, 'file'>,
): CsvTable {
  const table = readCsvTable(text, layout(text.slice(0, 65_536))?.delimiter ?? ',', ctx);
  if (table.rows.length === 0) throw new InputError('header-only', messages.headerOnly(), ctx.file);
  return table;
}

/** Parse delimited text whose first non-empty record is a header. Blank lines are skipped. */
export function readCsvTable(
  text: string,
  delimiter: string,
  ctx: Pick<IngestContext, 'file'>,
  options: { skipLines?: number } = {},
): CsvTable {
  const records: string[][] = [];
  const recordLines: number[] = [];
  try {
    // Records are collected as they are parsed (on_record returns null so csv-parse keeps no copy);
    // `info.lines` is the line where each record ends.
    parse(text, {
      delimiter,
      skip_empty_lines: true,
      trim: true,
      from_line: (options.skipLines ?? 0) + 1,
      on_record: (record: string[], context: { lines: number }) => {
        records.push(record);
        recordLines.push(context.lines);
        return null;
      },
    });
  } catch (error) {
    throw csvError(error as CsvParseError, ctx.file);
  }
  const header = records[0];
  if (header === undefined) throw new InputError('empty-file', messages.emptyFile(), ctx.file);
  return {
    header,
    headerLine: recordLines[0] as number,
    rows: records.slice(1),
    lines: Int32Array.from(recordLines.slice(1)),
  };
}

function csvError(error: CsvParseError, file: string): InputError {
  const line = typeof error.lines === 'number' ? error.lines : undefined;
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const match = /expect (\d+), got (\d+)/.exec(error.message);
    if (match !== null) {
      return new InputError('bad-csv', messages.columnCount(Number(match[1]), Number(match[2])), file, line);
    }
  }
  const reason = error.message.replace(/\s+(?:at|on) line \d+.*$/, '');
  return new InputError('bad-csv', messages.badCsv(reason), file, line);
}

/**
 * Split one line on a delimiter, honouring double quotes (for sniffing only: the head may end
 * mid-record, so this never throws).
 */
export function splitDelimitedLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (inQuotes) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** The first `max` non-empty lines of a head of text (CR stripped). */
export function headLines(head: string, max: number): string[] {
  const out: string[] = [];
  for (const raw of head.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    out.push(line);
    if (out.length >= max) break;
  }
  return out;
}
