// Golden Results: every sample analysed with a pinned clock, generatedAt stripped (the one field that
// is not deterministic). Shared by scripts/update-golden.ts and test/samples/golden.test.ts.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/pipeline.js';

export const PINNED_NOW = new Date('2026-03-10T00:00:00.000Z');

/** Scenario folders under samples/, sorted. */
export function sampleScenarios(repoRoot: string): string[] {
  const dir = join(repoRoot, 'samples');
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

/** The files of one scenario as repo-relative paths (what `analyze samples/<scenario>/*` passes). */
export function scenarioFiles(repoRoot: string, scenario: string): string[] {
  return readdirSync(join(repoRoot, 'samples', scenario))
    .filter((name) => name !== 'README.md' && statSync(join(repoRoot, 'samples', scenario, name)).isFile())
    .sort()
    .map((name) => `samples/${scenario}/${name}`);
}

/** The Result of a scenario as golden JSON text (run with the repo root as working directory). */
export async function goldenText(repoRoot: string, scenario: string): Promise<string> {
  const result = await analyze(scenarioFiles(repoRoot, scenario), { now: () => PINNED_NOW });
  const { generatedAt: _generatedAt, ...rest } = result;
  return `${JSON.stringify(rest, null, 2)}\n`;
}
