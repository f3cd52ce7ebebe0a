/**
 * Result objects for the renderer tests, built the way assemble would: a realistic reclaimable-cache
 * host (3 days of 5-minute Datadog points; "used" = total − free grows with dentry cache until a
 * drop_caches at 48 h, MemAvailable stays flat), and a hostile variant whose input-derived text tries
 * to inject HTML and Markdown.
 */

import { SCHEMA_VERSION, type ChartLine, type Phase, type Result } from '../../src/model/result.js';
import type { CanonicalMetric, Series, Unit } from '../../src/model/series.js';
import type { MeminfoSnapshot } from '../../src/model/snapshot.js';
import { memoryComposition } from '../../src/report/composition.js';
import { downsampleMinMax } from '../../src/report/downsample.js';
import { measureImpact } from '../../src/report/impact.js';
import { methodParameters } from '../../src/report/method.js';

export const GIB = 2 ** 30;
export const MIB = 2 ** 20;
export const HOUR_MS = 3_600_000;
export const START_MS = Date.parse('2026-03-02T00:00:00.000Z');
export const STEP_MS = 5 * 60_000;
export const POINTS = 3 * 24 * 12 + 1;
export const DROP_MS = START_MS + 48 * HOUR_MS;
export const END_MS = START_MS + (POINTS - 1) * STEP_MS;

export const USED = 'system.mem.used';
export const AVAILABLE = 'system.mem.usable';
export const SLAB_RECLAIMABLE = 'system.slab.reclaimable';
export const DENTRY_UNUSED = 'dentry.unused';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Deterministic noise in [-1, 1) (mulberry32), so fixtures are identical on every run. */
function noiseSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return (((x ^ (x >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** Full-resolution series, kept beside the chart lines so impact and phases are measured as assemble does. */
const rawSeries = new Map<string, Series>();

function makeLine(
  series: string,
  metric: CanonicalMetric,
  unit: Unit,
  valueAt: (hours: number, noise: number) => number,
  seed: number,
): ChartLine {
  const noise = noiseSource(seed);
  const t = new Float64Array(POINTS);
  const v = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    t[i] = START_MS + i * STEP_MS;
    v[i] = valueAt((i * STEP_MS) / HOUR_MS, noise());
  }
  rawSeries.set(series, {
    name: series,
    metric,
    unit,
    t,
    v,
    source: { file: 'web-01-datadog.csv', format: 'datadog-csv' },
  });
  return { series, label: series, metric, unit, points: downsampleMinMax(t, v) };
}

/** Phase statistics of a series between two times, as the pipeline computes them. */
function phase(label: string, series: Series, fromMs: number, toMs: number): Phase {
  const values: number[] = [];
  series.t.forEach((t, i) => {
    const v = series.v[i] as number;
    if (t >= fromMs && t < toMs && !Number.isNaN(v)) values.push(v);
  });
  values.sort((a, b) => a - b);
  const position = (values.length - 1) * 0.95;
  const low = Math.floor(position);
  const p95 =
    (values[low] as number) +
    ((values[Math.min(values.length - 1, low + 1)] as number) - (values[low] as number)) * (position - low);
  return {
    label,
    start: iso(fromMs),
    end: iso(Math.min(toMs, END_MS)),
    meanBytes: values.reduce((a, b) => a + b, 0) / values.length,
    p95Bytes: p95,
    peakBytes: values[values.length - 1] as number,
  };
}

/** A /proc/meminfo snapshot of the host at the end (bytes), as the meminfo importer yields it. */
export const MEMINFO: MeminfoSnapshot = {
  atMs: END_MS,
  fields: {
    MemTotal: 16 * GIB,
    MemFree: 0.4 * GIB,
    MemAvailable: 11.6 * GIB,
    Buffers: 40 * MIB,
    Cached: 1.9 * GIB,
    Shmem: 60 * MIB,
    AnonPages: 2.6 * GIB,
    SReclaimable: 9.6 * GIB,
    SUnreclaim: 0.3 * GIB,
    KernelStack: 12 * MIB,
    PageTables: 30 * MIB,
  },
  source: { file: 'web-01-meminfo.txt', format: 'meminfo' },
};

/** The used line: 4 GiB + 240 MiB/h, drop_caches at 48 h back to 4.5 GiB, a scrape gap at 30–31 h. */
export function usedBytesAt(hours: number): number {
  return hours < 48 ? 4 * GIB + 240 * MIB * hours : 4.5 * GIB + 240 * MIB * (hours - 48);
}

export function reclaimableCacheResult(): Result {
  const used = makeLine(
    USED,
    'mem.used',
    'bytes',
    (h, n) => (h >= 30 && h < 31 ? NaN : usedBytesAt(h) + n * 60 * MIB),
    1,
  );
  const available = makeLine(
    AVAILABLE,
    'mem.available',
    'bytes',
    (h, n) => 11.6 * GIB + n * 150 * MIB - 0.4 * GIB * Math.max(0, Math.sin((h / 24) * 2 * Math.PI)),
    2,
  );
  const slab = makeLine(
    SLAB_RECLAIMABLE,
    'slab.reclaimable',
    'bytes',
    (h, n) => (h < 48 ? 0.4 * GIB + 170 * MIB * h : 0.3 * GIB + 170 * MIB * (h - 48)) + n * 20 * MIB,
    3,
  );
  const dentryUnused = makeLine(DENTRY_UNUSED, 'dentry.unused', 'count', (h) => 1.2e6 + 9e4 * h, 4);

  const lastUsed = usedBytesAt(72);
  const exhaustionMs = END_MS + ((16 * GIB - lastUsed) / (240 * MIB)) * HOUR_MS;
  const seriesSummary = (line: ChartLine, definition?: 'total-minus-free') => ({
    name: line.series,
    label: line.label,
    metric: line.metric,
    ...(definition ? { definition } : {}),
    unit: line.unit,
    points: POINTS,
    start: iso(START_MS),
    end: iso(END_MS),
    changePoints: line.series === USED || line.series === SLAB_RECLAIMABLE ? [iso(DROP_MS)] : [],
  });

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'memautopsy', version: '0.1.0' },
    generatedAt: '2026-03-05T09:30:00.000Z',
    host: 'web-01',
    inputs: [
      {
        file: 'web-01-datadog.csv',
        format: 'datadog-csv',
        series: [USED, AVAILABLE, SLAB_RECLAIMABLE],
        warnings: 1,
        description: 'Datadog metric export',
      },
      { file: 'web-01-dentry-state.csv', format: 'wide-csv', series: [DENTRY_UNUSED], warnings: 0 },
      { file: 'web-01-slabtop.txt', format: 'slabtop', series: [], warnings: 0 },
    ],
    series: [
      seriesSummary(used, 'total-minus-free'),
      seriesSummary(available),
      seriesSummary(slab),
      seriesSummary(dentryUnused),
    ],
    findings: [
      {
        kind: 'monotonic-growth',
        series: USED,
        start: iso(START_MS),
        end: iso(DROP_MS - STEP_MS),
        slopeBytesPerHour: 240 * MIB,
        pValue: 1.2e-12,
        tau: 0.93,
        interceptAtStart: 4 * GIB,
      },
      {
        kind: 'monotonic-growth',
        series: USED,
        start: iso(DROP_MS),
        end: iso(END_MS),
        slopeBytesPerHour: 240 * MIB,
        pValue: 3.1e-9,
        tau: 0.88,
        interceptAtStart: 4.5 * GIB,
      },
      {
        kind: 'monotonic-growth',
        series: SLAB_RECLAIMABLE,
        start: iso(START_MS),
        end: iso(DROP_MS - STEP_MS),
        slopeBytesPerHour: 170 * MIB,
        pValue: 4e-12,
        tau: 0.95,
        interceptAtStart: 0.4 * GIB,
      },
      {
        kind: 'step-drop',
        series: USED,
        at: iso(DROP_MS),
        magnitudeBytes: usedBytesAt(47.99) - 4.5 * GIB,
        cause: 'drop_caches',
      },
      { kind: 'slab-growth', cache: 'dentry', growthBytesPerHour: 150 * MIB, reclaimable: true },
    ],
    verdict: {
      kind: 'reclaimable-cache',
      confidence: 0.9,
      summary:
        'Used memory (total − free) grew 240 MiB/h for two days, but MemAvailable stayed flat near 11.6 GiB: ' +
        'the growth is dentry slab and page cache, which drop_caches returned at once. This is reclaimable cache, not a leak.',
      evidence: [
        'system.mem.usable (MemAvailable) has no trend (flat near 11.6 GiB) while system.mem.used grows 240 MiB/h.',
        'system.slab.reclaimable grows 170 MiB/h, 71% of the growth of used memory.',
        'drop_caches at 2026-03-04 00:00 UTC returned 10.8 GiB within 5 minutes.',
        'slabtop: dentry holds 7.9 GiB, the largest cache; it is reclaimable.',
      ],
    },
    forecast: {
      series: USED,
      exhaustionAt: iso(exhaustionMs),
      totalBytes: 16 * GIB,
      slopeBytesPerHour: 240 * MIB,
    },
    slab: {
      snapshots: 1,
      at: iso(END_MS),
      totalBytes: 9.9 * GIB,
      top: [
        { name: 'dentry', bytes: 7.9 * GIB, reclaimable: true },
        { name: 'ext4_inode_cache', bytes: 1.2 * GIB, reclaimable: true },
        { name: 'radix_tree_node', bytes: 410 * MIB, reclaimable: true },
        { name: 'kmalloc-256', bytes: 96 * MIB, reclaimable: false },
        { name: 'buffer_head', bytes: 60 * MIB, reclaimable: true },
      ],
    },
    marks: [{ at: iso(DROP_MS), label: 'drop_caches' }],
    phases: [
      phase('before drop_caches', rawSeries.get(USED) as Series, START_MS, DROP_MS),
      phase('after drop_caches', rawSeries.get(USED) as Series, DROP_MS, END_MS + 1),
    ],
    recommendations: [
      {
        key: 'action',
        value: 'Alert on MemAvailable, not on used memory',
        rationale:
          'Used memory (total − free) counts the 7.9 GiB of reclaimable dentry cache; MemAvailable stayed flat.',
        risk: 'None to the host; existing "used > 90%" alerts stop firing on cache growth.',
        apply: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.10 for 15m',
        verify:
          'The alert stays quiet while dentry cache grows; it fires in a load test that allocates anonymous memory.',
        rollback: 'Restore the previous alert rule.',
      },
      {
        key: 'vm.vfs_cache_pressure',
        value: '200',
        rationale:
          'dentry is the largest slab cache (7.9 GiB) and grows 150 MiB/h; a moderate increase reclaims it sooner.',
        risk: 'More dentry/inode lookups miss the cache; keep it below 1000 (kernel documentation warns).',
        apply:
          'sysctl -w vm.vfs_cache_pressure=200\necho "vm.vfs_cache_pressure = 200" > /etc/sysctl.d/90-memautopsy.conf',
        verify: 'sysctl vm.vfs_cache_pressure; SReclaimable in /proc/meminfo levels off within a day.',
        rollback: 'rm /etc/sysctl.d/90-memautopsy.conf && sysctl -w vm.vfs_cache_pressure=100',
      },
    ],
    warnings: [
      {
        code: 'duplicate-timestamps',
        message: '3 duplicate timestamps; kept the last value of each',
        file: 'web-01-datadog.csv',
        line: 12,
      },
      { code: 'gap', message: 'no data for 1 h from 2026-03-03 06:00 UTC', file: 'web-01-datadog.csv' },
    ],
    chart: {
      primary: USED,
      lines: [used, available, slab, dentryUnused],
      totalBytes: 16 * GIB,
      composition: memoryComposition(MEMINFO),
    },
    impact: measureImpact({
      series: [USED, AVAILABLE, SLAB_RECLAIMABLE, DENTRY_UNUSED].map((name) => rawSeries.get(name) as Series),
      primary: USED,
      totalBytes: 16 * GIB,
    }),
    method: { parameters: methodParameters() },
  };
}

/** Peak and trough times of the fixture's sawtooth: every 6 h after the drop, peak 1 h before each trough. */
export const SAWTOOTH_TROUGHS_MS = [1, 2, 3, 4].map((k) => DROP_MS + k * 6 * HOUR_MS);

/**
 * The fixture with a sawtooth after the drop (as the detector reports it, with its peaks and troughs):
 * troughs rise 20 MiB/h from 5 GiB, peaks are 3 GiB above them.
 */
export function sawtoothResult(): Result {
  const result = reclaimableCacheResult();
  const trough = (ms: number): number => 5 * GIB + (20 * MIB * (ms - DROP_MS)) / HOUR_MS;
  result.findings.push({
    kind: 'sawtooth',
    series: USED,
    // Starts after the drop_caches step, which is not one of its cycles.
    start: iso(DROP_MS + STEP_MS),
    end: iso(END_MS),
    periodSeconds: 6 * 3600,
    cycles: 4,
    amplitudeBytes: 3 * GIB,
    floorSlopeBytesPerHour: 20 * MIB,
    peaks: SAWTOOTH_TROUGHS_MS.map((ms) => ({ at: iso(ms - HOUR_MS), value: trough(ms) + 3 * GIB })),
    troughs: SAWTOOTH_TROUGHS_MS.map((ms) => ({ at: iso(ms), value: trough(ms) })),
  });
  return result;
}

export const SCRIPT_PAYLOAD = '<script>alert(1)</script>';
export const ATTRIBUTE_PAYLOAD = '"><svg onload=alert(2)>';

/** Input-derived text (host, series, marks, files, cache names, warnings) carrying injection payloads. */
export function hostileResult(): Result {
  const result = reclaimableCacheResult();
  const evilSeries = `${ATTRIBUTE_PAYLOAD}|\`used\``;
  const rename = (name: string): string => (name === USED ? evilSeries : name);
  result.host = `web-01${SCRIPT_PAYLOAD}`;
  result.chart.primary = evilSeries;
  result.chart.lines = result.chart.lines.map((line) => ({
    ...line,
    series: rename(line.series),
    label: rename(line.label),
  }));
  result.series = result.series.map((s) => ({ ...s, name: rename(s.name), label: rename(s.label) }));
  result.findings = result.findings.map((f) => ('series' in f ? { ...f, series: rename(f.series) } : f));
  if (result.forecast) result.forecast.series = evilSeries;
  result.marks = [{ at: new Date(DROP_MS).toISOString(), label: `drop ${SCRIPT_PAYLOAD}` }];
  result.phases = (result.phases ?? []).map((p, i) => ({
    ...p,
    label: i === 0 ? `before drop ${SCRIPT_PAYLOAD}` : `after drop ${SCRIPT_PAYLOAD}`,
  }));
  result.findings = result.findings.map((f) =>
    f.kind === 'step-drop' ? { ...f, cause: `drop ${SCRIPT_PAYLOAD}` } : f,
  );
  if (result.impact?.used) result.impact.used.series = evilSeries;
  // Recommendation texts keep `code spans`; their content must be escaped like any other text.
  result.recommendations[0] = {
    ...(result.recommendations[0] as Result['recommendations'][number]),
    value: `Run \`${SCRIPT_PAYLOAD}\` on ${ATTRIBUTE_PAYLOAD}`,
    verify: `\`echo ${ATTRIBUTE_PAYLOAD}|x\` prints it`,
  };
  result.inputs = result.inputs.map((input, i) =>
    i === 0 ? { ...input, file: `${ATTRIBUTE_PAYLOAD}.csv`, series: input.series.map(rename) } : input,
  );
  result.warnings = [
    {
      code: 'bad-row',
      message: `bad cell <img src=x onerror=alert(3)>`,
      file: `${ATTRIBUTE_PAYLOAD}.csv`,
      line: 3,
    },
  ];
  if (result.slab)
    result.slab.top[0] = { name: `<b>dentry</b>|${SCRIPT_PAYLOAD}`, bytes: 7.9 * GIB, reclaimable: true };
  result.verdict = {
    ...result.verdict,
    summary: `Host ${SCRIPT_PAYLOAD} | \`rm -rf\` [x](javascript:alert(4))`,
    evidence: [ATTRIBUTE_PAYLOAD],
  };
  return result;
}
