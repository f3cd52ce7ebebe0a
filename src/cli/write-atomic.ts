/**
 * Atomic output: every report is written to a temporary file beside its target and renamed into place,
 * so an interrupted or failed run never leaves a partial report, and an existing report is replaced only
 * on success.
 */

import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface PendingFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * Write all files or none: each goes to a temp file first; only when every temp file is complete are
 * they renamed into place. On failure the temp files are removed.
 */
export async function writeFilesAtomically(files: PendingFile[]): Promise<void> {
  const temps: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
      temps.push({ temp, target: file.path });
      await writeFile(temp, file.content);
    }
    for (const { temp, target } of temps) await rename(temp, target);
  } catch (error) {
    await Promise.all(temps.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
}
