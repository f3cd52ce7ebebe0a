import { senSlope } from './src/detect/stats/sen-slope.js';
import { autocorrelation } from './src/detect/stats/autocorrelation.js';
import { analyzeSeries } from './src/detect/index.js';
import { loadSamples } from './scratch-load.js';
for (const s of loadSamples()) {
    const a = analyzeSeries(s);
    console.log(s.name, s.t.length, 'steps', a.steps.map(x => [x.afterIndex, x.direction]), 'regimes', a.regimes.map(g => [g.startIndex, g.endIndex, g.trend?.kind, g.trend?.pValue.toExponential(2)]));
    for (const g of a.regimes) {
      const t = s.t.subarray(g.startIndex, g.endIndex + 1), v = s.v.subarray(g.startIndex, g.endIndex + 1);
      const idx = [...v.keys()].filter(i => !Number.isNaN(v[i]!));
      const x = Float64Array.from(idx, i => t[i]!), y = Float64Array.from(idx, i => v[i]!);
      const sl = senSlope(x, y); const res = y.map((q, i) => q - sl * x[i]!);
      const n = y.length;
      const cv = (lag: number) => { let m = 0, c = 0; for (let i = lag; i < n; i++) m += y[i]! - y[i - lag]!; m /= n - lag; for (let i = lag; i < n; i++) { const d = y[i]! - y[i - lag]! - m; c += d * d; } return c / (n - lag); };
      console.log('   regime', g.startIndex, g.endIndex, 'days', ((x[n-1]!-x[0]!)/864e5).toFixed(2), 'rho1', autocorrelation(res, 1)[1]!.toFixed(4), 'diffphi', (cv(2) / cv(1) - 1).toFixed(3), 'slope/h', (sl * 3.6e6 / 2 ** 20).toFixed(1), 'MiB');
    }
}
