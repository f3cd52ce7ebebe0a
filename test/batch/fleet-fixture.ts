// A seeded synthetic fleet for the batch tests and the batch benchmark: one folder per host, each with
// one generic CSV (`time,used (MiB),available (MiB),cached (MiB)`, ISO times, one-minute samples by
// default). Deterministic for a given seed (mulberry32, as scripts/make-samples.ts uses).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../scripts/make-samples.js';

export type HostScenario = 'leak' | 'healthy' | 'cache' | 'step';

export interface SyntheticHost {
  name: string;
  scenario: HostScenario;
  /** Used-memory growth for 'leak' (MiB/h). */
  leakMiBPerHour?: number;
}

export interface SeriesShape {
  /** Samples per host. */
  points: number;
  intervalMs: number;
  startMs: number;
}

export const ONE_DAY_AT_ONE_MINUTE: SeriesShape = {
  points: 24 * 60,
  intervalMs: 60_000,
  startMs: Date.parse('2026-03-01T00:00:00Z'),
};

const TOTAL_MIB = 16 * 1024;

/** The CSV text of one host. */
export function hostCsv(
  host: SyntheticHost,
  seed: number,
  shape: SeriesShape = ONE_DAY_AT_ONE_MINUTE,
): string {
  const random = mulberry32(seed);
  const normal = (): number => {
    const u1 = 1 - random();
    const u2 = random();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  const lines = ['time,used (MiB),available (MiB),cached (MiB)'];
  let noise = 0;
  const baseUsed = 3000 + 2000 * random();
  const baseCache = 2000 + 1000 * random();
  for (let i = 0; i < shape.points; i++) {
    const tMs = shape.startMs + i * shape.intervalMs;
    const hours = (i * shape.intervalMs) / 3_600_000;
    noise = 0.9 * noise + 8 * normal();
    const wave = 150 * Math.sin((2 * Math.PI * hours) / 24);
    let anon = baseUsed + wave + noise;
    let cache = baseCache + 0.3 * noise;
    if (host.scenario === 'leak') anon += (host.leakMiBPerHour ?? 200) * hours;
    if (host.scenario === 'cache') cache += 250 * hours;
    if (host.scenario === 'step' && i >= shape.points / 2) anon += 3000;
    const used = anon + cache; // "used" as total − free: cache counts
    const available = TOTAL_MIB - anon;
    lines.push(
      `${new Date(tMs).toISOString().slice(0, 19)}Z,${used.toFixed(1)},${available.toFixed(1)},${cache.toFixed(1)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Write `hosts` under `dir` (one subfolder each); returns the folder. */
export function writeFleet(
  dir: string,
  hosts: readonly SyntheticHost[],
  seed = 0x5eed0b47,
  shape: SeriesShape = ONE_DAY_AT_ONE_MINUTE,
): string {
  hosts.forEach((host, i) => {
    const hostDir = join(dir, host.name);
    mkdirSync(hostDir, { recursive: true });
    writeFileSync(join(hostDir, 'memory.csv'), hostCsv(host, seed + i, shape));
  });
  return dir;
}

/** A broken host: a CSV with a header and no rows. */
export function writeBrokenHost(dir: string, name: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'mem.csv'), 'time,used (MiB)\n');
}
