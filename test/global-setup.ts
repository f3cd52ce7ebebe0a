// Build dist/ once before the tests (tsc, then the CLI bundle that bin/memautopsy prefers), so the CLI
// tests run bin/memautopsy on the current sources, through the same bundle users run.
// Type errors do not stop the emit (CI type-checks separately), so tests still run and report them.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (build.status !== 0)
    process.stderr.write(`global-setup: tsc reported errors:\n${build.stdout}${build.stderr}\n`);
  const bundle = spawnSync(process.execPath, ['scripts/bundle.mjs'], { encoding: 'utf8' });
  if (bundle.status !== 0)
    throw new Error(`global-setup: bundling the CLI failed:\n${bundle.stdout}${bundle.stderr}`);
}
