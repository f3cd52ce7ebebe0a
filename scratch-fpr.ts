import { hamedRaoVarianceFactor, mannKendallScore, withVariance, averageRanks } from './src/detect/stats/mann-kendall.js';
import { senSlope } from './src/detect/stats/sen-slope.js';
import { autocorrelation } from './src/detect/stats/autocorrelation.js';
import { trendLagCount } from './src/detect/monotonic-growth.js';
import { ar1Noise } from './test/detect/random.js';

function ar1Factor(phi: number, n: number): number {
  let sum = 0;
  for (let k = 1; k < n; k++) {
    const pk = Math.pow(phi, k);
    if (pk < 1e-8) break;
    const rho = (6 / Math.PI) * Math.asin(pk / 2);
    sum += (n - k) * (n - k - 1) * (n - k - 2) * rho;
  }
  return 1 + (2 / (n * (n - 1) * (n - 2))) * sum;
}
const methods: Record<string, (r: Float64Array, n: number) => number> = {
  HR10: (r, n) => hamedRaoVarianceFactor(r, trendLagCount(n)),
  AR1: (r, n) => { const a = autocorrelation(r, 1)[1]!; return ar1Factor(Math.max(0, a), n); },
  AR1bc: (r, n) => { const a = autocorrelation(r, 1)[1]!; const p = Math.min(0.995, Math.max(0, (n * a + 2) / (n - 4))); return ar1Factor(p, n); },
  AR1rk: (r, n) => { const a = autocorrelation(averageRanks(r), 1)[1]!; const p = Math.min(0.995, Math.max(0, (n * a + 2) / (n - 4))); return ar1Factor(p, n); },
};
const phis = (process.argv[2] ?? '0,0.5,0.8,0.9').split(',').map(Number);
const ns = (process.argv[3] ?? '100,200,500,1440').split(',').map(Number);
const runs = Number(process.argv[4] ?? 500);
const slopeSd = Number(process.argv[5] ?? 0); // trend: total rise over the series in marginal sds
for (const n of ns) for (const phi of phis) {
  const rej: Record<string, number> = {};
  for (const m in methods) rej[m] = 0;
  rej['HR10|AR1bc'] = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const e = ar1Noise(n, phi, seed * 7919 + n);
    const sdm = 1 / Math.sqrt(1 - phi * phi);
    const v = e.map((x, i) => x + (slopeSd * sdm * i) / n);
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const slope = senSlope(x, v);
    const r = v.map((val, i) => val - slope * i);
    const { s, varS } = mannKendallScore(v);
    const fs: Record<string, number> = {};
    for (const m in methods) {
      const f = methods[m]!(r, n); fs[m] = f;
      if (withVariance(n, s, varS * f).pValue < 0.05) rej[m]!++;
    }
    if (withVariance(n, s, varS * Math.max(fs.HR10!, fs.AR1bc!)).pValue < 0.05) rej['HR10|AR1bc']!++;
  }
  console.log(`n=${n} phi=${phi} ` + Object.entries(rej).map(([k, c]) => `${k}:${((100 * c) / runs).toFixed(1)}%`).join(' '));
}
