/**
 * Series name → canonical metric, shared by every importer. Three kinds of names:
 *
 * 1. node_exporter metrics (`node_memory_MemAvailable_bytes{…}`, also without `_bytes` as before
 *    node_exporter 0.16): the /proc/meminfo field decides the metric; values are bytes.
 * 2. PromQL arithmetic over them, as Grafana legends show it when no legend is set
 *    (`node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes`,
 *    `(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100`): the expression is
 *    reduced to a sum of fields, which says both the metric and what "used" means.
 * 3. Plain legends and column names (`Memory used`, `available`, `buff/cache`, `memoryUsedBytes`,
 *    `system.mem.used`, `SReclaimable`): matched by their words. A legend "used" has definition
 *    'unknown': the words do not say what the source subtracted (research/formats.md §0).
 *
 * Anything else is 'other'.
 */

import type { CanonicalMetric, Unit, UsedDefinition } from '../model/series.js';
import { stripLabelSets } from './units.js';

export interface MetricMapping {
  metric: CanonicalMetric;
  /** What "used" means, for mem.used. */
  definition?: UsedDefinition;
  /** The unit the name itself implies (node_exporter metrics are bytes; a ratio is percent), if any. */
  unit?: Unit;
  /** Multiply the source values by this to get `unit` (100 for a 0–1 ratio, 1024² for `… / 1024 / 1024`). */
  valueFactor?: number;
}

const OTHER: MetricMapping = { metric: 'other' };

/** /proc/meminfo field (as node_exporter spells it, lower-cased) → metric. */
const MEMINFO_FIELDS: ReadonlyMap<string, CanonicalMetric> = new Map([
  ['memtotal', 'mem.total'],
  ['memfree', 'mem.free'],
  ['memavailable', 'mem.available'],
  ['cached', 'mem.cached'],
  ['buffers', 'mem.buffers'],
  ['anonpages', 'mem.anon'],
  ['active_anon', 'mem.anon'],
  ['slab', 'slab.total'],
  ['sreclaimable', 'slab.reclaimable'],
  ['sunreclaim', 'slab.unreclaimable'],
  ['shmem', 'mem.shmem'],
  ['committed_as', 'mem.committed'],
]);

/**
 * The fields subtracted from MemTotal → the "used" definition (research/formats.md §0). procps and
 * gopsutil count SReclaimable as cache, so both spellings of "minus cache" map to one definition.
 */
const USED_DEFINITIONS: readonly [string[], UsedDefinition][] = [
  [['memfree'], 'total-minus-free'],
  [['memavailable'], 'total-minus-available'],
  [['buffers', 'cached', 'memfree'], 'total-minus-free-buffers-cache'],
  [['buffers', 'cached', 'memfree', 'sreclaimable'], 'total-minus-free-buffers-cache'],
  [['buffers', 'cached', 'memfree', 'slab'], 'total-minus-free-buffers-cache-slab'],
];

/** Sums of fields (all with coefficient +1) that are themselves a canonical metric. */
const FIELD_SUMS: readonly [string[], CanonicalMetric][] = [
  [['buffers', 'cached'], 'mem.cached'],
  [['cached', 'sreclaimable'], 'mem.cached'],
  [['buffers', 'cached', 'sreclaimable'], 'mem.cached'],
  [['sreclaimable', 'sunreclaim'], 'slab.total'],
];

/**
 * Container metrics by exact name (label sets ignored): cAdvisor / kubelet (research/formats.md §4).
 * The working set is usage − inactive_file, so it still holds active page cache and (cgroup v2)
 * reclaimable slab; usage is everything the cgroup is charged, cache included.
 */
const CONTAINER_METRICS: ReadonlyMap<string, MetricMapping> = new Map([
  [
    'container_memory_working_set_bytes',
    { metric: 'mem.used', definition: 'usage-minus-inactive-file', unit: 'bytes' },
  ],
  [
    'pod_memory_working_set_bytes',
    { metric: 'mem.used', definition: 'usage-minus-inactive-file', unit: 'bytes' },
  ],
  [
    'node_memory_working_set_bytes',
    { metric: 'mem.used', definition: 'usage-minus-inactive-file', unit: 'bytes' },
  ],
  ['container_memory_usage_bytes', { metric: 'mem.used', definition: 'cgroup-usage', unit: 'bytes' }],
  ['container_memory_rss', { metric: 'mem.anon', unit: 'bytes' }],
  ['container_memory_cache', { metric: 'mem.cached', unit: 'bytes' }],
  ['container_memory_swap', { metric: 'swap.used', unit: 'bytes' }],
  ['container_memory_mapped_file', { metric: 'other', unit: 'bytes' }],
  ['container_memory_kernel_usage', { metric: 'other', unit: 'bytes' }],
  ['container_memory_max_usage_bytes', { metric: 'other', unit: 'bytes' }],
  ['container_spec_memory_limit_bytes', { metric: 'other', unit: 'bytes' }],
] satisfies [string, MetricMapping][]);

/** Map a series name as an export spells it to a canonical metric ('other' when it cannot tell). */
export function mapMetricName(name: string): MetricMapping {
  const container = CONTAINER_METRICS.get(stripLabelSets(name).trim());
  if (container !== undefined) return container;
  const fromExpression = mapPromqlExpression(name);
  if (fromExpression !== null) return fromExpression;
  return mapLegendWords(name);
}

// ---------------------------------------------------------------------------------------------
// PromQL expressions over node_memory_* metrics

/** A linear combination Σ coef·field (key '1' = constant), optionally divided by one field. */
interface Form {
  terms: Map<string, number>;
  denominator: string | null;
}

type Token = { kind: 'num'; value: number } | { kind: 'id'; name: string } | { kind: 'op'; op: string };

/** Aggregations and *_over_time functions that keep a gauge's meaning; anything else gives up. */
const TRANSPARENT_FUNCTIONS = new Set([
  'sum',
  'avg',
  'min',
  'max',
  'last_over_time',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
]);

const NODE_MEMORY = /^node_memory_(\w+?)(?:_bytes)?$/;

function mapPromqlExpression(name: string): MetricMapping | null {
  if (!/node_memory_/.test(name)) return null;
  const tokens = tokenize(
    stripLabelSets(name)
      .replace(/\[[^\]]*\]/g, '')
      .replace(/\b(?:by|without)\s*\([^)]*\)/g, '')
      .replace(/\boffset\s+-?\w+/g, ''),
  );
  if (tokens === null) return null;
  const form = new ExpressionParser(tokens).parseAll();
  return form === null ? null : classifyForm(form);
}

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_:][\w:]*)|([-+*/(),]))/gy;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match === null) return null;
    position = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'num', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: 'id', name: match[2] });
    else tokens.push({ kind: 'op', op: match[3] as string });
  }
  return tokens;
}

/** Recursive descent over + - * / ( ) and transparent function calls; null = not a linear form. */
class ExpressionParser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): Form | null {
    const form = this.sum();
    return form !== null && this.index === this.tokens.length ? form : null;
  }

  private peekOp(): string | null {
    const token = this.tokens[this.index];
    return token?.kind === 'op' ? token.op : null;
  }

  private sum(): Form | null {
    let left = this.product();
    while (left !== null && (this.peekOp() === '+' || this.peekOp() === '-')) {
      const sign = this.peekOp() === '-' ? -1 : 1;
      this.index++;
      const right = this.product();
      left = right === null ? null : addForms(left, right, sign);
    }
    return left;
  }

  private product(): Form | null {
    let left = this.unary();
    while (left !== null && (this.peekOp() === '*' || this.peekOp() === '/')) {
      const op = this.peekOp();
      this.index++;
      const right = this.unary();
      left = right === null ? null : op === '*' ? multiplyForms(left, right) : divideForms(left, right);
    }
    return left;
  }

  private unary(): Form | null {
    if (this.peekOp() === '-') {
      this.index++;
      const inner = this.unary();
      return inner === null ? null : scaleForm(inner, -1);
    }
    if (this.peekOp() === '+') this.index++;
    return this.primary();
  }

  private primary(): Form | null {
    const token = this.tokens[this.index++];
    if (token === undefined) return null;
    if (token.kind === 'num') return { terms: new Map([['1', token.value]]), denominator: null };
    if (token.kind === 'op') {
      if (token.op !== '(') return null;
      const inner = this.sum();
      return this.expect(')') ? inner : null;
    }
    if (this.peekOp() === '(') {
      if (!TRANSPARENT_FUNCTIONS.has(token.name)) return null;
      this.index++;
      const inner = this.sum();
      return this.expect(')') ? inner : null;
    }
    const field = NODE_MEMORY.exec(token.name);
    if (field === null) return null;
    return { terms: new Map([[(field[1] as string).toLowerCase(), 1]]), denominator: null };
  }

  private expect(op: string): boolean {
    if (this.peekOp() !== op) return false;
    this.index++;
    return true;
  }
}

function isConstant(form: Form): boolean {
  return form.denominator === null && [...form.terms.keys()].every((key) => key === '1');
}

function constantOf(form: Form): number {
  return form.terms.get('1') ?? 0;
}

function scaleForm(form: Form, factor: number): Form {
  const terms = new Map<string, number>();
  for (const [key, coef] of form.terms) terms.set(key, coef * factor);
  return { terms, denominator: form.denominator };
}

function addForms(left: Form, right: Form, sign: number): Form | null {
  let a = left;
  let b = right;
  // A constant next to a ratio over a field: c = c·field/field (so `1 - free/total` works).
  if (a.denominator !== b.denominator) {
    if (isConstant(a) && b.denominator !== null) a = liftConstant(a, b.denominator);
    else if (isConstant(b) && a.denominator !== null) b = liftConstant(b, a.denominator);
    else return null;
  }
  const terms = new Map(a.terms);
  for (const [key, coef] of b.terms) terms.set(key, (terms.get(key) ?? 0) + sign * coef);
  return { terms, denominator: a.denominator };
}

function liftConstant(form: Form, field: string): Form {
  return { terms: new Map([[field, constantOf(form)]]), denominator: field };
}

function multiplyForms(left: Form, right: Form): Form | null {
  if (isConstant(right)) return scaleForm(left, constantOf(right));
  if (isConstant(left)) return scaleForm(right, constantOf(left));
  return null;
}

function divideForms(numerator: Form, divisor: Form): Form | null {
  if (isConstant(divisor)) {
    const value = constantOf(divisor);
    return value === 0 ? null : scaleForm(numerator, 1 / value);
  }
  if (numerator.denominator !== null || divisor.denominator !== null) return null;
  const entries = [...divisor.terms].filter(([, coef]) => coef !== 0);
  if (entries.length !== 1) return null;
  const [field, coef] = entries[0] as [string, number];
  if (field === '1') return null;
  return { terms: scaleForm(numerator, 1 / coef).terms, denominator: field };
}

function classifyForm(form: Form): MetricMapping | null {
  const terms = new Map([...form.terms].filter(([, coef]) => Math.abs(coef) > 1e-12));
  if (form.denominator !== null && form.denominator !== 'memtotal') return null;
  if (Math.abs(terms.get('1') ?? 0) > 1e-12) return null;

  // Normalise on MemTotal's coefficient when present (used = total − …), else on the first field's.
  const lead = terms.get('memtotal') ?? [...terms.values()][0];
  if (lead === undefined) return null;
  const normalised = new Map([...terms].map(([key, coef]) => [key, coef / lead]));
  const metric = classifyNormalised(normalised);
  if (metric === null) return null;

  if (form.denominator === null) {
    return { ...metric, unit: 'bytes', ...(lead === 1 ? {} : { valueFactor: 1 / lead }) };
  }
  const valueFactor = 100 / lead;
  return { ...metric, unit: 'percent', ...(nearly(valueFactor, 1) ? {} : { valueFactor }) };
}

function classifyNormalised(terms: Map<string, number>): Omit<MetricMapping, 'unit' | 'valueFactor'> | null {
  const positive = [...terms].filter(([, coef]) => nearly(coef, 1)).map(([key]) => key);
  const negative = [...terms].filter(([, coef]) => nearly(coef, -1)).map(([key]) => key);
  if (positive.length + negative.length !== terms.size) return null;

  if (positive.length === 1 && negative.length === 0) {
    const metric = MEMINFO_FIELDS.get(positive[0] as string);
    return metric === undefined ? null : { metric };
  }
  if (negative.length === 0) {
    const metric = FIELD_SUMS.find(([fields]) => sameSet(fields, positive))?.[1];
    return metric === undefined ? null : { metric };
  }
  if (positive.length === 1 && positive[0] === 'memtotal') {
    const definition = USED_DEFINITIONS.find(([fields]) => sameSet(fields, negative))?.[1];
    return definition === undefined ? null : { metric: 'mem.used', definition };
  }
  if (sameSet(positive, ['swaptotal']) && sameSet(negative, ['swapfree'])) return { metric: 'swap.used' };
  return null;
}

function sameSet(expected: readonly string[], actual: readonly string[]): boolean {
  return expected.length === actual.length && expected.every((key) => actual.includes(key));
}

function nearly(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

// ---------------------------------------------------------------------------------------------
// Legends and column names

/** Words that carry no meaning for the metric: the subject, units, and percent words (units.ts decides those). */
const FILLER_WORDS = new Set([
  'memory',
  'mem',
  'ram',
  'system',
  'node',
  'the',
  'of',
  'in',
  'bytes',
  'byte',
  'b',
  'kb',
  'kib',
  'mb',
  'mib',
  'gb',
  'gib',
  'tb',
  'tib',
  'k',
  'm',
  'g',
  '%',
  'percent',
  'percentage',
  'pct',
  'physical',
]);

/** Sorted, space-joined meaningful words → metric (sorting makes "used memory" = "memory used"). */
const LEGEND_WORDS: ReadonlyMap<string, MetricMapping> = new Map([
  ['used', { metric: 'mem.used', definition: 'unknown' }],
  ['usage', { metric: 'mem.used', definition: 'unknown' }],
  ['use', { metric: 'mem.used', definition: 'unknown' }],
  ['utilization', { metric: 'mem.used', definition: 'unknown' }],
  ['utilisation', { metric: 'mem.used', definition: 'unknown' }],
  ['util', { metric: 'mem.used', definition: 'unknown' }],
  ['available', { metric: 'mem.available' }],
  ['avail', { metric: 'mem.available' }],
  ['memavailable', { metric: 'mem.available' }],
  // Datadog system.mem.usable is MemAvailable (or free+buffers+cached on kernels without it).
  ['usable', { metric: 'mem.available' }],
  ['free', { metric: 'mem.free' }],
  ['memfree', { metric: 'mem.free' }],
  ['cached', { metric: 'mem.cached' }],
  ['cache', { metric: 'mem.cached' }],
  ['cache page', { metric: 'mem.cached' }],
  // procps "buff/cache" = Buffers + Cached + SReclaimable: all reclaimable, so it is the cache figure.
  ['buff cache', { metric: 'mem.cached' }],
  ['buffers cache', { metric: 'mem.cached' }],
  ['buffers cached', { metric: 'mem.cached' }],
  ['buffers', { metric: 'mem.buffers' }],
  ['buffer', { metric: 'mem.buffers' }],
  ['buffered', { metric: 'mem.buffers' }],
  ['total', { metric: 'mem.total' }],
  ['memtotal', { metric: 'mem.total' }],
  ['anon', { metric: 'mem.anon' }],
  ['anon pages', { metric: 'mem.anon' }],
  ['anonpages', { metric: 'mem.anon' }],
  ['active anon', { metric: 'mem.anon' }],
  ['slab', { metric: 'slab.total' }],
  ['sreclaimable', { metric: 'slab.reclaimable' }],
  ['reclaimable slab', { metric: 'slab.reclaimable' }],
  ['recl slab', { metric: 'slab.reclaimable' }],
  ['sunreclaim', { metric: 'slab.unreclaimable' }],
  ['slab unreclaimable', { metric: 'slab.unreclaimable' }],
  ['slab unrecl', { metric: 'slab.unreclaimable' }],
  ['shared', { metric: 'mem.shmem' }],
  ['shmem', { metric: 'mem.shmem' }],
  ['committed', { metric: 'mem.committed' }],
  ['as committed', { metric: 'mem.committed' }],
  ['swap used', { metric: 'swap.used' }],
]);

function mapLegendWords(name: string): MetricMapping {
  const words = stripLabelSets(name)
    .replace(/[([][^)\]]*[)\]]/g, (group) => (/anon|file/i.test(group) ? ` ${group.slice(1, -1)} ` : ' '))
    .replace(/buff\/cache/gi, 'buff cache')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/%/g, ' % ')
    .split(/[\s_.\-/,:;]+/)
    .filter((word) => word !== '' && !FILLER_WORDS.has(word));
  const key = [...words].sort().join(' ');
  return LEGEND_WORDS.get(key) ?? OTHER;
}
