// Build dist/ once before the tests like `npm run build` (tsc, the CLI bundle bin/memautopsy prefers, the
// precompiled templates), so the CLI tests run bin/memautopsy on the current sources, through the same
// bundle users run.
// Type errors do not stop the emit (CI type-checks separately), so tests still run and report them.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (build.status !== 0)
    process.stderr.write(`global-setup: tsc reported errors:\n${build.stdout}${build.stderr}\n`);
  for (const script of ['scripts/bundle.mjs', 'scripts/precompile-templates.mjs']) {
    const step = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    if (step.status !== 0) throw new Error(`global-setup: ${script} failed:\n${step.stdout}${step.stderr}`);
  }
}
