// The build precompiles the bundled templates (scripts/precompile-templates.mjs, run by the test setup
// like `npm run build`); reports rendered from them must equal reports compiled from the sources.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { bundledTemplateDir, precompiledTemplates } from '../../src/report/templates.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { hostileResult, reclaimableCacheResult } from './fixtures.js';

describe('precompiled bundled templates', () => {
  it('exist after the build and are used (newer than every template)', async () => {
    expect(existsSync(join(REPO_ROOT, 'dist', 'templates', 'precompiled.js'))).toBe(true);
    const precompiled = await precompiledTemplates(bundledTemplateDir());
    expect(precompiled).not.toBeNull();
    expect(Object.keys(precompiled?.templates ?? {}).sort()).toEqual(['fleet', 'report']);
    expect(Object.keys(precompiled?.partials ?? {})).toEqual(
      expect.arrayContaining(['summary', 'recommendations', 'appendix', 'styles']),
    );
  });

  it('render the same report as the template sources, hostile text included', async () => {
    // A --template-dir naming the bundled folder itself compiles the very same sources at run time.
    const sources = { templateDir: bundledTemplateDir() };
    for (const result of [reclaimableCacheResult(), hostileResult()]) {
      expect(await renderHtml(result)).toBe(await renderHtml(result, sources));
    }
  });
});
