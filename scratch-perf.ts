import { analyzeSeries } from './src/detect/index.js';
import type { Series } from './src/model/series.js';
import { ar1Noise } from './test/detect/random.js';
function make(n: number): Series {
  const e = ar1Noise(n, 0.95, 7);
  const t = new Float64Array(n), v = new Float64Array(n);
  const day = 8640;
  for (let i = 0; i < n; i++) {
    t[i] = 1.77e12 + i * 10000;
    const phase = i % Math.floor(n / 3);
    v[i] = 4e9 + 2e9 * (phase / (n / 3)) + 2e8 * Math.sin(2 * Math.PI * i / day) + 2e7 * e[i]!;
  }
  return { name: 'x', metric: 'mem.used', unit: 'bytes', t, v, source: { file: 'x', format: 'x' } };
}
for (const n of (process.argv[2] ? [Number(process.argv[2])] : [60480, 1000000])) {
  const s = make(n);
  for (let r = 0; r < (process.argv[3] ? Number(process.argv[3]) : 3); r++) { const t0 = performance.now(); const c0 = process.cpuUsage(); const a = analyzeSeries(s); const c = process.cpuUsage(c0); console.log(n, (performance.now() - t0).toFixed(0), "ms wall", ((c.user + c.system) / 1000).toFixed(0), "ms cpu", a.steps.length, a.regimes.map(r => r.trend?.kind).join(','), a.changePointIndices?.length, a.sawtooth?.cycles); }
}
console.log('maxRSS MB', process.resourceUsage().maxRSS / 1024);
