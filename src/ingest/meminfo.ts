/**
 * /proc/meminfo snapshot (research/formats.md §7): `Key:<spaces>value kB`, HugePages_* unitless.
 * One snapshot per file; kB values are KiB and become bytes.
 */

import { InputError } from '../errors.js';
import type { MeminfoSnapshot } from '../model/snapshot.js';
import type { Importer } from './importer.js';

const LINE = /^([A-Za-z_][A-Za-z0-9_()]*):\s+(\d+)(?:\s+(kB))?\s*$/;

export const meminfo: Importer = {
  id: 'meminfo',
  description: '/proc/meminfo snapshot',
  sniff(head) {
    return /^MemTotal:\s+\d+\s+kB\s*$/m.test(head.split('\n', 3).join('\n'));
  },
  parse(text, ctx) {
    const fields: Record<string, number> = {};
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === '') continue;
      const match = LINE.exec(line);
      if (match === null) {
        ctx.warn('unparsed-line', `not a "Key: value kB" line: "${line.slice(0, 60)}"`, i + 1);
        continue;
      }
      const value = Number(match[2]);
      fields[match[1] as string] = match[3] === 'kB' ? value * 1024 : value;
    }
    if (fields.MemTotal === undefined) {
      throw new InputError('bad-meminfo', 'no MemTotal line: not a /proc/meminfo snapshot', ctx.file);
    }
    const snapshot: MeminfoSnapshot = { atMs: null, fields, source: { file: ctx.file, format: 'meminfo' } };
    return { series: [], slabs: [], meminfo: [snapshot] };
  },
};
