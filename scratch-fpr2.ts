import { hamedRaoVarianceFactor } from './src/detect/stats/mann-kendall.js';
import { trendLagCount } from './src/detect/monotonic-growth.js';
import { mannKendallScore, withVariance } from './src/detect/stats/mann-kendall.js';
import { senSlope } from './src/detect/stats/sen-slope.js';
import { autocorrelation } from './src/detect/stats/autocorrelation.js';
import { ar1Noise } from './test/detect/random.js';
import { tTwoSided } from './scratch-tdist.js';
function ar1Factor(phi: number, n: number): number {
  let sum = 0;
  for (let k = 1; k < n; k++) { const pk = Math.pow(phi, k); if (pk < 1e-8) break;
    sum += (n - k) * (n - k - 1) * (n - k - 2) * (6 / Math.PI) * Math.asin(pk / 2); }
  return 1 + (2 / (n * (n - 1) * (n - 2))) * sum;
}
const phis = (process.argv[2] ?? '0,0.5,0.8,0.9').split(',').map(Number);
const ns = (process.argv[3] ?? '100,200,500,1440').split(',').map(Number);
const runs = Number(process.argv[4] ?? 500);
const slopeSd = Number(process.argv[5] ?? 0);
for (const n of ns) for (const phi of phis) {
  const rej: Record<string, number> = { HR10: 0, oracle: 0, bc: 0, bcT: 0, bcT2: 0, bcSE: 0 };
  for (let seed = 1; seed <= runs; seed++) {
    const e = ar1Noise(n, phi, seed * 7919 + n);
    const sdm = 1 / Math.sqrt(1 - phi * phi);
    const v = e.map((x, i) => x + (slopeSd * sdm * i) / n);
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const slope = senSlope(x, v);
    const r = v.map((val, i) => val - slope * i);
    const { s, varS } = mannKendallScore(v);
    const a = autocorrelation(r, 1)[1]!;
    const pc = Math.min(0.995, Math.max(0, (n * a + 2) / (n - 4)));
    const fO = ar1Factor(phi, n), fB = ar1Factor(pc, n);
    if (withVariance(n, s, varS * fO).pValue < 0.05) rej.oracle!++;
    if (withVariance(n, s, varS * hamedRaoVarianceFactor(r, trendLagCount(n))).pValue < 0.05) rej.HR10!++;
    const zb = withVariance(n, s, varS * fB).z;
    if (withVariance(n, s, varS * fB).pValue < 0.05) rej.bc!++;
    const neff = n * (1 - pc) / (1 + pc);
    if (tTwoSided(zb, Math.max(1, neff - 2)) < 0.05) rej.bcT!++;
    if (tTwoSided(zb, Math.max(1, n / fB - 2)) < 0.05) rej.bcT2!++;
    const pu = Math.min(0.995, pc + Math.sqrt((1 - pc * pc) / n));
    if (withVariance(n, s, varS * ar1Factor(pu, n)).pValue < 0.05) rej.bcSE!++;
  }
  console.log(`n=${n} phi=${phi} ` + Object.entries(rej).map(([k, c]) => `${k}:${((100 * c) / runs).toFixed(1)}%`).join(' '));
}
