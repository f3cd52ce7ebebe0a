/**
 * Start a worker thread on a module that sits next to the caller: `<name>.js` in a build (dist/src or
 * the dist/bundle entry of that name), `<name>.ts` in a checkout run through tsx (bin/memautopsy without
 * a fresh build, or the tests). Worker threads do not inherit the main thread's tsx hooks, so a `.ts`
 * entry is started through a two-line bootstrap that registers tsx in the worker first.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * `callerUrl` is the caller's `import.meta.url`; `name` the worker module's file name without extension;
 * `options` as for `new Worker` (e.g. `workerData`).
 */
export function startModuleWorker(
  callerUrl: string,
  name: string,
  options: Omit<WorkerOptions, 'eval'> = {},
): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap =
    `import(${JSON.stringify(tsxEsmApiUrl(callerUrl))}).then((api) => { api.register(); ` +
    `return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * URL of tsx's ESM API module (its `import` export of `tsx/esm/api`), read from tsx's package.json:
 * require.resolve would give the CommonJS build, whose register() cannot find its ESM half from a worker.
 */
function tsxEsmApiUrl(from: string): string {
  const packageJsonPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } }>;
  };
  const relativePath = manifest.exports?.['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(packageJsonPath), relativePath)).href;
}
