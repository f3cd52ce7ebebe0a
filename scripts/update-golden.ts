// Regenerate test/golden/<scenario>.result.json from samples/ (npm run update:golden).
// Review the diff: a changed golden file is a changed report.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goldenText, sampleScenarios } from '../test/helpers/golden.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(repoRoot);
mkdirSync(join(repoRoot, 'test', 'golden'), { recursive: true });
for (const scenario of sampleScenarios(repoRoot)) {
  const path = join(repoRoot, 'test', 'golden', `${scenario}.result.json`);
  writeFileSync(path, await goldenText(repoRoot, scenario));
  console.log(`wrote ${path}`);
}
