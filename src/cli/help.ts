/** The --help text. Input format ids come from the importer registry so the list never drifts. */

import { IMPORTERS } from '../ingest/index.js';
import { VERDICT_KINDS } from '../model/result.js';

export function helpText(version: string): string {
  const formats = IMPORTERS.map((importer) => `  ${importer.id.padEnd(16)} ${importer.description}`).join(
    '\n',
  );
  return `memautopsy ${version} — memory postmortem reports: a leak, or cache the kernel gives back?

Usage:
  memautopsy analyze <input...> [options]   one host: any mix of its exports and snapshots
  memautopsy batch <dir> -o <outdir> [options]
                                            many hosts: each immediate subfolder of <dir> is one host
  memautopsy merge <outdir...> -o <outdir>  one fleet index and summary from several batch outputs
  memautopsy --help | --version

analyze options:
  --format <list>        comma list of html, pdf, json, md (default: from -o's extension, else html)
  -o, --out <path>       a file (one format) or a folder (report.<ext> inside it for each format);
                         without -o a single json or md report goes to standard output
  --host <name>          host name (default: from the input, else the file name)
  --mark <time>=<label>  repeatable; an event to draw and to split phases at,
                         e.g. --mark 2026-03-07T00:00Z=drop_caches
  --tz <zone>            IANA zone for input times without an offset (default UTC)
  --total-memory <size>  e.g. 16GiB, for inputs that give percentages or lack MemTotal
  --fail-on <verdicts>   comma list; exit 3 when the verdict is one of them
                         (${VERDICT_KINDS.join(', ')})
  --input-format <id>    skip content sniffing and read every input as this format
  --max-input-size <size> refuse inputs larger than this (default 4GiB, Node's largest buffer)
  --max-rows <n>         refuse inputs with more lines than this (default 20000000 for inputs read
                         whole; none for streamed numeric CSVs, which hold bounded memory)
  --paper <a4|letter>    PDF paper size (default a4)
  --template-dir <dir>   templates and partials that override the bundled ones

batch options (and --tz, --fail-on, --paper, --template-dir as for analyze):
  -o, --out <outdir>     writes <outdir>/<host>/report.<ext>, summary.json and index.html
  --format <list>        report formats per host (default html,json)
  --concurrency <n>      analysis worker threads (default: number of cores)
  -q, --quiet            no progress on stderr
  --resume               skip hosts whose reports are newer than all their input files
  --shard <i>/<n>        only hosts with FNV-1a(name) mod n = i (0 <= i < n)
  Exit 1 when a host failed (the others are still written), 3 when --fail-on matched a host
  (3 wins over 1), 130 when interrupted.

merge options: -o <outdir> (required), --fail-on, --template-dir, -q/--quiet

Input formats (sniffed from content, not the file name):
${formats}

Exit codes: 0 report written, 1 internal error, 2 usage error or no usable input,
3 --fail-on matched.
`;
}
