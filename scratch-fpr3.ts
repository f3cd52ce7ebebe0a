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
function diffPhi(v: Float64Array): number {
  const n = v.length;
  const cv = (lag: number) => { let m = 0, c = 0; for (let i = lag; i < n; i++) m += v[i]! - v[i - lag]!; m /= n - lag;
    for (let i = lag; i < n; i++) { const d = v[i]! - v[i - lag]! - m; c += d * d; } return c / (n - lag); };
  return cv(2) / cv(1) - 1;
}
const phis = (process.argv[2] ?? '0,0.5,0.8,0.9').split(',').map(Number);
const ns = (process.argv[3] ?? '100,200,500,1440').split(',').map(Number);
const runs = Number(process.argv[4] ?? 500);
const slopeSd = Number(process.argv[5] ?? 0);
for (const n of ns) for (const phi of phis) {
  const rej: Record<string, number> = { bcT: 0, dN: 0, dT: 0 };
  let meanPd = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const e = ar1Noise(n, phi, seed * 7919 + n);
    const sdm = 1 / Math.sqrt(1 - phi * phi);
    const v = e.map((x, i) => x + (slopeSd * sdm * i) / n);
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const slope = senSlope(x, v);
    const r = v.map((val, i) => val - slope * i);
    const { s, varS } = mannKendallScore(v);
    const a = autocorrelation(r, 1)[1]!;
    const pc = Math.min(1, Math.max(0, (n * a + 2) / (n - 4)));
    const fB = ar1Factor(pc, n);
    const zb = withVariance(n, s, varS * fB).z;
    if (tTwoSided(zb, Math.max(1, n * (1 - pc) / (1 + pc) - 2)) < 0.05) rej.bcT!++;
    const pd = Math.min(1, Math.max(0, diffPhi(v))); meanPd += pd / runs;
    const fD = ar1Factor(pd, n);
    const zd = withVariance(n, s, varS * fD).z;
    if (withVariance(n, s, varS * fD).pValue < 0.05) rej.dN!++;
    if (tTwoSided(zd, Math.max(1, n * (1 - pd) / (1 + pd) - 2)) < 0.05) rej.dT!++;
  }
  console.log(`n=${n} phi=${phi} meanPd=${meanPd.toFixed(3)} ` + Object.entries(rej).map(([k, c]) => `${k}:${((100 * c) / runs).toFixed(1)}%`).join(' '));
}
