import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenText, sampleScenarios, scenarioFiles } from '../helpers/golden.js';
import { REPO_ROOT, runCli, schemaErrors } from '../helpers/cli.js';

/** What each sample must conclude (samples/README.md explains why). */
const EXPECTED_VERDICT: Record<string, string> = {
  'dentry-cache': 'reclaimable-cache',
  'user-space-leak': 'leak',
  healthy: 'healthy',
  'kernel-leak': 'kernel-leak',
  'workload-change': 'workload-change',
  'suspected-leak': 'suspected-leak',
  'harmful-sysctl': 'reclaimable-cache',
  'hidden-leak': 'leak',
  container: 'reclaimable-cache',
};

describe('samples', () => {
  const scenarios = sampleScenarios(REPO_ROOT);

  it('include the story and a user-space leak', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['dentry-cache', 'user-space-leak']));
  });

  for (const scenario of scenarios) {
    it(`${scenario}: matches its golden Result`, async () => {
      const goldenPath = join(REPO_ROOT, 'test', 'golden', `${scenario}.result.json`);
      expect(existsSync(goldenPath), `run npm run update:golden for ${scenario}`).toBe(true);
      process.chdir(REPO_ROOT);
      expect(await goldenText(REPO_ROOT, scenario)).toBe(readFileSync(goldenPath, 'utf8'));
    });

    it(`${scenario}: \`analyze samples/${scenario}/*\` gives the expected verdict`, () => {
      const run = runCli(['analyze', ...scenarioFiles(REPO_ROOT, scenario), '--format', 'json']);
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as { verdict: { kind: string } };
      expect(schemaErrors(result)).toBeNull();
      expect(result.verdict.kind).toBe(EXPECTED_VERDICT[scenario]);
    });
  }
});
