import { analyzeSeries } from './src/detect/index.js';
import { trendStatistics } from './src/detect/monotonic-growth.js';
import { loadSamples } from './scratch-load.js';
for (const s of loadSamples()) {
  const a = analyzeSeries(s);
  console.log(s.name, s.t.length, 'steps', a.steps.map(x => [x.afterIndex, x.direction]), 'saw', a.sawtooth?.startIndex);
  for (const g of a.regimes) {
    const st = trendStatistics(s, g.startIndex, g.endIndex);
    if (!st) continue;
    console.log(`   regime ${g.startIndex}-${g.endIndex} saw=${g.sawtooth} n=${st.n} slope/h=${(st.slopePerHour/2**20).toFixed(1)}MiB phi=${st.phi.toFixed(4)} neff=${st.effectiveN.toFixed(1)} pRank=${st.pValueRank.toExponential(2)} level=${(st.levelChange/2**20).toFixed(0)}MiB pLevel=${st.pValueLevel.toExponential(2)} p=${st.pValue.toExponential(2)} finding=${g.trend?.kind}`);
  }
}
