import { analyzeSeries } from './src/detect/index.js';
import { loadSamples } from './scratch-load.js';
for (const s of loadSamples()) {
  const t0 = performance.now(); const a = analyzeSeries(s); const ms = performance.now() - t0;
  const d = (i: number) => new Date(s.t[i]!).toISOString().slice(5, 16);
  console.log(`${s.name} n=${s.t.length} ${ms.toFixed(0)}ms cps=${a.changePointIndices.length} steps=${a.steps.map(x => `${x.direction}@${d(x.afterIndex)}:${(x.magnitude / 2 ** 30).toFixed(2)}G`).join(' ')}`);
  if (a.sawtooth) console.log(`   saw start=${d(a.sawtooth.startIndex)} cycles=${a.sawtooth.cycles} period=${(a.sawtooth.periodSeconds / 3600).toFixed(1)}h amp=${(a.sawtooth.amplitude / 2 ** 30).toFixed(2)}G drop=${(a.sawtooth.typicalDrop / 2 ** 30).toFixed(2)}G floor=${(a.sawtooth.floorSlopePerHour / 2 ** 20).toFixed(1)}MiB/h`);
  for (const r of a.regimes) console.log(`   regime ${d(r.startIndex)}..${d(r.endIndex)} saw=${r.sawtooth} trend=${r.trend?.kind} ${r.trend ? ((r.trend.slopeBytesPerHour ?? 0) / 2 ** 20).toFixed(1) + 'MiB/h p=' + r.trend.pValue.toExponential(1) : ''}`);
}
