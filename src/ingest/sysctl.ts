/**
 * sysctl settings: `sysctl -a` output (the running kernel) or a sysctl.conf / sysctl.d file (what boot
 * applies): `key = value` lines. Config files also have `#`/`;` comments, blank lines and `-key = value`
 * (ignore a failure to set it); either `.` or `/` may separate the key's parts (sysctl.d(5): when the
 * first separator is `/`, slashes are separators and dots are literal — normalised here to dots).
 *
 * `sysctl -a` is told from a config file by keys only a running kernel prints (read-only state such as
 * `kernel.osrelease` or `fs.dentry-state`). Its `fs.dentry-state` also gives a dentry-state snapshot, and
 * `kernel.hostname` the host. `sysctl: permission denied on key …` lines (stderr mixed in when run as a
 * user) are skipped with one warning.
 */

import type { DentryStateSnapshot } from '../model/snapshot.js';
import type { Importer } from './importer.js';
import type { BlockLine, SnapshotKind } from './snapshot-blocks.js';
import { snapshotImporter } from './snapshot-blocks.js';
import { snapshotKinds } from './snapshot-kinds.js';

const SETTING = /^\s*(-?)\s*([A-Za-z0-9_][A-Za-z0-9_.\-/:*]*[./][A-Za-z0-9_.\-/:*]+)\s*=\s*(.*?)\s*$/;
const SYSCTL_MESSAGE = /^\s*sysctl: /;
const COMMENT_OR_BLANK = /^\s*(?:[#;].*)?$/;
/** Read-only keys: present in `sysctl -a`, never in a configuration file. */
const RUNNING_ONLY_KEYS = [
  'kernel.osrelease',
  'kernel.version',
  'fs.dentry-state',
  'fs.file-nr',
  'fs.inode-state',
];

export const sysctlKind: SnapshotKind = {
  id: 'sysctl',
  starts: (line) => SETTING.test(line),
  next: (line) =>
    SETTING.test(line) || SYSCTL_MESSAGE.test(line) || COMMENT_OR_BLANK.test(line) ? 'continue' : 'end',
  parse(block, atMs, ctx) {
    const settings: Record<string, string> = {};
    const skipped: BlockLine[] = [];
    for (const entry of block) {
      const match = SETTING.exec(entry.text);
      if (match === null) {
        if (SYSCTL_MESSAGE.test(entry.text)) skipped.push(entry);
        continue;
      }
      settings[normaliseKey(match[2] as string)] = (match[3] as string).replace(/\s+/g, ' ');
    }
    if (skipped.length > 0) {
      ctx.warn(
        'sysctl-errors',
        `${skipped.length} "sysctl:" error line(s) skipped (first: "${(skipped[0] as BlockLine).text.trim().slice(0, 60)}")`,
        skipped[0]?.line,
      );
    }
    const line = block[0]?.line ?? 1;
    const running = RUNNING_ONLY_KEYS.some((key) => settings[key] !== undefined);
    const dentryState = running
      ? dentryFromSetting(settings['fs.dentry-state'], atMs, ctx.file, line)
      : undefined;
    const hostname = running ? settings['kernel.hostname'] : undefined;
    return {
      sysctl: {
        atMs,
        settings,
        kind: running ? 'running' : 'config',
        source: { file: ctx.file, format: 'sysctl', line },
      },
      ...(dentryState === undefined ? {} : { dentryState }),
      ...(hostname === undefined || hostname === '' ? {} : { host: hostname }),
    };
  },
};

/** `vm/vfs_cache_pressure` → `vm.vfs_cache_pressure`; with `/` first, dots inside names stay literal. */
function normaliseKey(key: string): string {
  const firstSeparator = /[./]/.exec(key)?.[0];
  if (firstSeparator !== '/') return key;
  return key.replace(/[./]/g, (ch) => (ch === '/' ? '.' : '/'));
}

function dentryFromSetting(
  value: string | undefined,
  atMs: number | null,
  file: string,
  line: number,
): DentryStateSnapshot | undefined {
  const numbers = value?.split(/\s+/).map(Number);
  if (numbers === undefined || numbers.length < 5 || numbers.some((n) => !Number.isFinite(n)))
    return undefined;
  const [nrDentry, nrUnused, ageLimitSeconds, wantPages, nrNegative] = numbers as [
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    atMs,
    nrDentry,
    nrUnused,
    ageLimitSeconds,
    wantPages,
    nrNegative,
    source: { file, format: 'sysctl', line },
  };
}

export const sysctl: Importer = snapshotImporter(
  'sysctl',
  '`sysctl -a` output or a sysctl.conf / sysctl.d file (current or configured settings)',
  snapshotKinds,
);
