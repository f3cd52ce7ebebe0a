// Build dist/ once before the tests, so the CLI tests run bin/memautopsy on the current sources.
// Type errors do not stop the emit (CI type-checks separately), so tests still run and report them.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (build.status !== 0)
    process.stderr.write(`global-setup: tsc reported errors:\n${build.stdout}${build.stderr}\n`);
}
