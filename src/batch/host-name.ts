/**
 * Host names in a fleet run: the folder a host's reports go to, and the shard a host belongs to.
 * Pure; no I/O.
 */

import { createHash } from 'node:crypto';

/** Names the output folder uses itself (lower-case: some file systems ignore case). */
const RESERVED_NAMES = new Set(['summary.json', 'index.html']);

/** Windows device names (with any extension): never usable as a file name there, so escaped everywhere. */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Longest folder name we create for a host, in bytes (file systems allow 255; leave room for temp names). */
export const MAX_HOST_DIR_BYTES = 120;

/**
 * The folder (one path segment) that holds a host's reports. A name made only of `A–Z a–z 0–9 . _ -`
 * (not starting with a dot) is used as it is; every other byte is written `%XX` (UTF-8, like a URL), so
 * `..`, `/`, `\`, NUL or control characters can never leave the output folder and two different names
 * never share a folder. The fleet's own file names (`summary.json`, `index.html`) and Windows device
 * names (`CON`, `NUL`, `COM1` …) get their first byte escaped. A name still longer than MAX_HOST_DIR_BYTES keeps its first bytes plus `~` and
 * the first 16 hex digits of the SHA-1 of the whole name.
 */
export function hostDirName(host: string): string {
  let dir = '';
  const bytes = Buffer.from(host, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    const char = String.fromCharCode(byte);
    const plain = /[A-Za-z0-9_-]/.test(char) || (char === '.' && i > 0);
    dir += plain ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (dir === '') dir = '%00empty';
  // A host called "summary.json" must not take the fleet summary's place: escape its first byte.
  if (RESERVED_NAMES.has(dir.toLowerCase()) || DEVICE_NAME.test(dir))
    dir = `%${dir.charCodeAt(0).toString(16).toUpperCase()}${dir.slice(1)}`;
  if (dir.length > MAX_HOST_DIR_BYTES) {
    const digest = createHash('sha1').update(host, 'utf8').digest('hex').slice(0, 16);
    dir = `${dir.slice(0, MAX_HOST_DIR_BYTES - 17).replace(/%[0-9A-F]?$/, '')}~${digest}`;
  }
  return dir;
}

/** 32-bit FNV-1a of the name's UTF-8 bytes: tiny, stable across platforms and releases, well spread. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface Shard {
  /** 0-based, < count (Kubernetes' JOB_COMPLETION_INDEX is 0-based too). */
  index: number;
  count: number;
}

/** The shard a host belongs to: FNV-1a 32 of its name, modulo the shard count. */
export function shardOf(host: string, count: number): number {
  return fnv1a32(host) % count;
}

export function inShard(host: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(host, shard.count) === shard.index;
}
