/**
 * Template loading: the bundled `templates/` folder of the package, optionally overlaid by a user
 * folder (`--template-dir`) with the same layout — `report.hbs`, `report.css`, `partials/<name>.hbs`.
 * Any file there replaces the bundled one of the same name; new partials are added.
 * Each set gets its own Handlebars environment (`Handlebars.create()`), so helpers and partials never
 * leak between reports or into other users of the handlebars module.
 */

import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { InputError } from '../errors.js';
import {
  formatBytes,
  formatDate,
  formatDuration,
  formatPercent,
  formatPercentValue,
  formatSlope,
  formatTimeRange,
} from '../model/format.js';
import { findingLabel, verdictLabel } from './present.js';
import type { FindingKind } from '../model/finding.js';
import type { VerdictKind } from '../model/result.js';

export type HandlebarsEnvironment = ReturnType<typeof Handlebars.create>;
type CompiledTemplate = ReturnType<HandlebarsEnvironment['compile']>;

/** The bundled templates folder: found by walking up from this module to the package root (not cwd). */
export function bundledTemplateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates', 'report.hbs'))) {
      return join(dir, 'templates');
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('memautopsy: bundled templates/ folder not found next to package.json');
    dir = parent;
  }
}

/** Handlebars passes its options object as the last argument; drop it so helpers see only theirs. */
function helperArgs(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

const asNumber = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const asTime = (value: unknown): string | number | null =>
  typeof value === 'string' || typeof value === 'number' ? value : null;

/** Formatting helpers for templates; every one returns plain text, which Handlebars then escapes. */
export function registerHelpers(env: HandlebarsEnvironment): void {
  env.registerHelper('bytes', (...args: unknown[]) => formatBytes(asNumber(helperArgs(args)[0])));
  env.registerHelper('percent', (...args: unknown[]) => formatPercent(asNumber(helperArgs(args)[0])));
  env.registerHelper('percentValue', (...args: unknown[]) =>
    formatPercentValue(asNumber(helperArgs(args)[0])),
  );
  env.registerHelper('date', (...args: unknown[]) => formatDate(asTime(helperArgs(args)[0])));
  env.registerHelper('timeRange', (...args: unknown[]) => {
    const [start, end] = helperArgs(args);
    return formatTimeRange(asTime(start), asTime(end));
  });
  env.registerHelper('duration', (...args: unknown[]) => formatDuration(asNumber(helperArgs(args)[0])));
  env.registerHelper('slope', (...args: unknown[]) => {
    const [perHour, unit] = helperArgs(args);
    return formatSlope(asNumber(perHour), unit === 'percent' ? 'percent' : 'bytes');
  });
  env.registerHelper('verdictLabel', (...args: unknown[]) =>
    verdictLabel(helperArgs(args)[0] as VerdictKind),
  );
  env.registerHelper('findingLabel', (...args: unknown[]) =>
    findingLabel(helperArgs(args)[0] as FindingKind),
  );
  // Text whose `backtick spans` are commands (recommendation titles, rationales): escaped, with the
  // spans set in <code>. The only helper that returns HTML; it escapes every piece of its input.
  env.registerHelper('withCode', (...args: unknown[]) => {
    const text = helperArgs(args)[0];
    return new env.SafeString(inlineCodeHtml(typeof text === 'string' ? text : ''));
  });
  env.registerHelper('eq', (...args: unknown[]) => {
    const [a, b] = helperArgs(args);
    return a === b;
  });
}

/** Escape text for HTML (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Run `sync` once" → "Run <code>sync</code> once", every piece escaped; an unpaired backtick stays text. */
export function inlineCodeHtml(text: string): string {
  const pieces = text.split('`');
  if (pieces.length < 3) return escapeHtml(text);
  return pieces
    .map((piece, i) => {
      if (i % 2 === 0) return escapeHtml(piece);
      // The last piece after an unpaired backtick is plain text again.
      return i === pieces.length - 1 ? escapeHtml(`\`${piece}`) : `<code>${escapeHtml(piece)}</code>`;
    })
    .join('');
}

export interface TemplateSet {
  env: HandlebarsEnvironment;
  /** The compiled top-level template `<name>.hbs` (e.g. "report"). */
  template(name: string): CompiledTemplate;
}

async function listFiles(dir: string, extension: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(extension)).sort();
  } catch {
    return [];
  }
}

/** The file's path in the override folder when it exists there, else in the bundled folder. */
function pick(
  relative: string,
  overrideDir: string | undefined,
  overrideFiles: Set<string>,
  bundledDir: string,
): string {
  return overrideDir !== undefined && overrideFiles.has(relative)
    ? join(overrideDir, relative)
    : join(bundledDir, relative);
}

function parseLine(message: string): number | undefined {
  const match = /on line (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Check a user's template syntax now, so an error names the file instead of failing at render time.
 * The bundled templates are not parsed twice (their syntax is checked by the test suite): parsing
 * them costs ~30 ms of a PDF run's start-up.
 */
function checkSyntax(env: HandlebarsEnvironment, source: string, file: string): void {
  try {
    env.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(
      'template-syntax',
      `template error: ${message.split('\n')[0]}`,
      file,
      parseLine(message),
    );
  }
}

/** What scripts/precompile-templates.mjs writes: the bundled templates and partials, precompiled. */
export interface PrecompiledTemplates {
  templates: Record<string, TemplateSpecification>;
  partials: Record<string, TemplateSpecification>;
}
type TemplateSpecification = Parameters<HandlebarsEnvironment['template']>[0];

/**
 * The build's precompiled bundled templates (dist/templates/precompiled.js), or null when there is none
 * or a file in templates/ is newer than it (edited since the build): then the sources are compiled.
 */
export async function precompiledTemplates(bundledDir: string): Promise<PrecompiledTemplates | null> {
  const file = join(dirname(bundledDir), 'dist', 'templates', 'precompiled.js');
  const built = await stat(file).catch(() => null);
  if (built === null) return null;
  const partialsDir = join(bundledDir, 'partials');
  const sources = [
    ...(await listFiles(bundledDir, '')).map((name) => join(bundledDir, name)),
    ...(await listFiles(partialsDir, '')).map((name) => join(partialsDir, name)),
  ];
  const mtimes = await Promise.all(sources.map(async (source) => (await stat(source)).mtimeMs));
  if (mtimes.some((mtimeMs) => mtimeMs > built.mtimeMs)) return null;
  return (await import(pathToFileURL(file).href)) as PrecompiledTemplates;
}

function precompiledSet(precompiled: PrecompiledTemplates): TemplateSet {
  const env = Handlebars.create();
  registerHelpers(env);
  for (const [name, spec] of Object.entries(precompiled.partials)) {
    env.registerPartial(name, env.template(spec));
  }
  const compiled = new Map<string, CompiledTemplate>();
  return {
    env,
    template(name: string): CompiledTemplate {
      const cached = compiled.get(name);
      if (cached) return cached;
      const spec = precompiled.templates[name];
      if (spec === undefined) throw new Error(`memautopsy: no template "${name}.hbs"`);
      const template = env.template(spec);
      compiled.set(name, template);
      return template;
    },
  };
}

async function loadTemplateSet(templateDir: string | undefined): Promise<TemplateSet> {
  const bundledDir = bundledTemplateDir();
  const overrideDir = templateDir === undefined ? undefined : resolve(templateDir);
  const overrideFiles = new Set<string>();
  if (overrideDir !== undefined) {
    const info = await stat(overrideDir).catch(() => null);
    if (info === null || !info.isDirectory()) {
      throw new InputError('template-dir', 'template directory not found (or not a directory)', templateDir);
    }
    for (const name of await listFiles(overrideDir, '')) overrideFiles.add(name);
    for (const name of await listFiles(join(overrideDir, 'partials'), '.hbs'))
      overrideFiles.add(`partials/${name}`);
  }

  const env = Handlebars.create();
  registerHelpers(env);

  const partialNames = new Set(await listFiles(join(bundledDir, 'partials'), '.hbs'));
  for (const relative of overrideFiles) {
    if (relative.startsWith('partials/')) partialNames.add(relative.slice('partials/'.length));
  }
  for (const fileName of partialNames) {
    const file = pick(`partials/${fileName}`, overrideDir, overrideFiles, bundledDir);
    const source = await readFile(file, 'utf8');
    if (file !== join(bundledDir, 'partials', fileName)) checkSyntax(env, source, file);
    env.registerPartial(fileName.slice(0, -'.hbs'.length), source);
  }
  // The stylesheet is inlined into <style> as a partial, so it is not HTML-escaped (quotes in CSS).
  const cssFile = pick('report.css', overrideDir, overrideFiles, bundledDir);
  const css = await readFile(cssFile, 'utf8');
  if (/<\/style/i.test(css))
    throw new InputError('template-css', 'stylesheet must not contain "</style"', cssFile);
  env.registerPartial('styles', css);

  const compiled = new Map<string, CompiledTemplate>();
  const sources = new Map<string, { source: string; file: string }>();
  for (const name of new Set([...(await listFiles(bundledDir, '.hbs')), ...overrideFiles])) {
    if (!name.endsWith('.hbs') || name.includes('/')) continue;
    const file = pick(name, overrideDir, overrideFiles, bundledDir);
    const source = await readFile(file, 'utf8');
    if (file !== join(bundledDir, name)) checkSyntax(env, source, file);
    sources.set(name.slice(0, -'.hbs'.length), { source, file });
  }
  return {
    env,
    template(name: string): CompiledTemplate {
      const cached = compiled.get(name);
      if (cached) return cached;
      const entry = sources.get(name);
      if (entry === undefined) throw new Error(`memautopsy: no template "${name}.hbs"`);
      const template = env.compile(entry.source);
      compiled.set(name, template);
      return template;
    },
  };
}

let bundledSet: Promise<TemplateSet> | undefined;

/**
 * The templates to render with. The bundled set is loaded once per process (its files do not change);
 * a user folder is read on every call, so edits show up in the next render.
 */
export function templateSet(templateDir?: string): Promise<TemplateSet> {
  if (templateDir !== undefined) return loadTemplateSet(templateDir);
  bundledSet ??= precompiledTemplates(bundledTemplateDir())
    .then((precompiled) => (precompiled === null ? loadTemplateSet(undefined) : precompiledSet(precompiled)))
    .catch((error: unknown) => {
      bundledSet = undefined;
      throw error;
    });
  return bundledSet;
}
