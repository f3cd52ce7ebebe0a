// npm run bench — runs every benchmark script in test/bench/ in turn, each in its own process (so one's
// memory and JIT state do not colour another's figures). `npm run bench -- ingest detect` runs a subset.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const ORDER = ['basics', 'ingest', 'detect', 'pdf', 'batch'];
const available = readdirSync(benchDir)
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.startsWith('_'))
  .map((name) => name.slice(0, -3))
  .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? available : available.filter((name) => wanted.includes(name));

let failed = 0;
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, `${name}.ts`)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    failed++;
    console.log(`(${name} exited with ${run.status ?? run.signal})`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
