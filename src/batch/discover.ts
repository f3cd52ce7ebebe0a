/**
 * Host discovery: each immediate subfolder of the batch folder is one host, named after the folder.
 * Only names are listed up front (cheap even for thousands of hosts); a host's files are listed when it
 * is processed.
 */

import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';

export interface HostEntry {
  /** The subfolder's name, which is the host name. */
  name: string;
  /** The subfolder's path (the batch folder as given, joined with the name). */
  path: string;
}

/**
 * The host folders of `dir`, sorted by name. Hidden folders (starting with ".") are not hosts, nor is
 * `excludePath` (the output folder, when the user put it inside the input folder).
 */
export async function listHosts(dir: string, excludePath?: string): Promise<HostEntry[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOTDIR' ? 'is not a folder' : code === 'ENOENT' ? 'folder not found' : code;
    throw new InputError('batch-dir', `cannot read the batch folder: ${reason ?? 'unknown error'}`, dir);
  }
  const excluded = excludePath === undefined ? undefined : resolve(excludePath);
  const hosts: HostEntry[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (excluded !== undefined && resolve(path) === excluded) continue;
    // A symlink to a folder counts as a host folder too.
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await isDirectory(path)));
    if (isDir) hosts.push({ name: entry.name, path });
  }
  return hosts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A host's input files: every file under its folder (recursively), hidden ones skipped, sorted. */
export async function listHostFiles(hostPath: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
      else if (entry.isSymbolicLink()) {
        // Linked files count; linked folders are not followed (a link to an ancestor would loop).
        const info = await stat(path).catch(() => null);
        if (info?.isFile()) files.push(path);
      }
    }
  }
  await walk(hostPath);
  return files.sort();
}
