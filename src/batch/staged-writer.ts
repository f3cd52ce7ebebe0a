/**
 * Atomic writes for a batch run. Every file is first written complete into one private staging folder
 * inside the output folder (`.memautopsy-staging-<pid>-<random>`, same file system, so rename is atomic)
 * and then renamed into place. Report folders therefore only ever hold complete files; an interrupted
 * run leaves at most the staging folder, which `removeSync()` deletes (the CLI calls it on exit) and
 * the next run into the same output folder sweeps if it was left by a killed process.
 */

import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface StagedFile {
  path: string;
  content: string | Uint8Array;
}

export const STAGING_PREFIX = '.memautopsy-staging-';

export class StagedWriter {
  readonly stagingDir: string;
  private ready: Promise<void> | null = null;
  private counter = 0;

  constructor(
    readonly outDir: string,
    tag = `${randomBytes(6).toString('hex')}`,
  ) {
    this.stagingDir = join(outDir, `${STAGING_PREFIX}${tag}`);
  }

  private prepare(): Promise<void> {
    this.ready ??= mkdir(this.stagingDir, { recursive: true }).then(() => undefined);
    return this.ready;
  }

  /**
   * Write all files, then rename them into place in the given order (put the file that marks a set as
   * complete last). On a failure before the renames, nothing is placed.
   */
  async writeAll(files: readonly StagedFile[]): Promise<void> {
    await this.prepare();
    const staged: { temp: string; target: string }[] = [];
    try {
      for (const file of files) {
        const temp = join(this.stagingDir, `${this.counter++}.tmp`);
        staged.push({ temp, target: file.path });
        await writeFile(temp, file.content);
      }
      for (const { target } of staged) await mkdir(dirname(target), { recursive: true });
    } catch (error) {
      await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
      throw error;
    }
    for (const { temp, target } of staged) await rename(temp, target);
  }

  /** Remove the staging folder (end of a run). */
  async close(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
  }

  /** Synchronous removal, for process exit after an interrupt. */
  removeSync(): void {
    rmSync(this.stagingDir, { recursive: true, force: true });
  }
}

/**
 * Remove staging folders a killed run left in `outDir` (all but `keep`). Safe because one output folder
 * takes one batch at a time (as documented: shards write to folders of their own).
 */
export async function sweepStaleStaging(outDir: string, keep?: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(STAGING_PREFIX) && join(outDir, name) !== keep)
      .map((name) => rm(join(outDir, name), { recursive: true, force: true })),
  );
}
