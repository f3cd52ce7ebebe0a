// Bundle the CLI (and the batch worker) into dist/bundle/ with esbuild: one file per lazily loaded part
// instead of ~600 modules resolved and read one by one. Start-up is the largest share of a single
// report's time (a PDF run spends ~200 ms less in module loading: test/bench/pdf.ts); dist/src (tsc)
// stays the library build. bin/memautopsy runs the bundle when it is newer than every source file.
//
//   node scripts/bundle.mjs          (part of `npm run build`)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts'), join(root, 'src', 'batch', 'worker.ts')],
  // main.js and worker.js side by side: the worker pool finds `./worker.js` next to its own chunk.
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
