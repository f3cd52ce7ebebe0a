// Bundle the CLI (and its worker threads: batch analysis, printing) into dist/bundle/ with esbuild: one file per lazily loaded part
// instead of its 451 modules resolved and read one by one. Start-up is a large share of a single
// report's time (a PDF run took 1.32 s instead of 1.50 s: test/bench/pdf.ts); dist/src (tsc)
// stays the library build. bin/memautopsy runs the bundle when it is newer than every source file.
//
//   node scripts/bundle.mjs          (part of `npm run build`)
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'bundle');
// Built beside and swapped in by renames, so a CLI starting meanwhile never finds half a bundle.
const outdir = `${target}.new-${process.pid}`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [
    join(root, 'src', 'cli', 'main.ts'),
    join(root, 'src', 'batch', 'worker.ts'),
    join(root, 'src', 'report', 'print-thread.ts'),
  ],
  // Entries side by side: a worker thread's module is found by name next to the chunk that starts it
  // (src/module-worker.ts).
  entryNames: '[name]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // puppeteer-core is loaded only for PDF and PNG output; it stays a package import.
  external: ['puppeteer-core'],
  // Bundled CommonJS dependencies (handlebars, …) call require(); ESM output has none of its own.
  banner: {
    js: "import { createRequire as __memautopsyCreateRequire } from 'node:module'; const require = __memautopsyCreateRequire(import.meta.url);",
  },
  legalComments: 'eof',
  sourcemap: true,
  logLevel: 'warning',
});
const old = `${target}.old-${process.pid}`;
if (existsSync(target)) renameSync(target, old);
renameSync(outdir, target);
rmSync(old, { recursive: true, force: true });
