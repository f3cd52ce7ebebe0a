import { mannKendallScore, withVariance, averageRanks } from './src/detect/stats/mann-kendall.js';
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
/** HR factor with lags truncated by Geyer's initial positive (monotone if mono) sequence. */
export function ipsFactor(resid: Float64Array, mono: boolean, useRanks = true, sokal = false): number {
  const n = resid.length;
  const acf = autocorrelation(useRanks ? averageRanks(resid) : resid, n - 1);
  let sum = 0; let prev = Infinity; let M = 0;
  for (let m = 0; 2 * m + 1 < n; m++) {
    // pairs (rho_{2m}, rho_{2m+1}) with rho_0 = 1
    let g = (acf[2 * m] as number) + (acf[2 * m + 1] as number);
    if (g <= 0) break;
    M = 2 * m + 1;
    if (mono && g > prev) g = prev;
    prev = g;
    for (const k of [2 * m, 2 * m + 1]) {
      if (k === 0) continue;
      const w = (n - k) * (n - k - 1) * (n - k - 2);
      sum += w * (mono && g !== (acf[2*m]! + acf[2*m+1]!) ? (acf[k]! * g / (acf[2*m]! + acf[2*m+1]!)) : acf[k]!);
    }
  }
  const f = Math.max(1, 1 + (2 / (n * (n - 1) * (n - 2))) * sum);
  return sokal ? f / Math.max(0.1, 1 - (2 * M + 1) / n) : f;
}
const phis = (process.argv[2] ?? '0,0.5,0.8,0.9').split(',').map(Number);
const ns = (process.argv[3] ?? '100,200,500,1440').split(',').map(Number);
const runs = Number(process.argv[4] ?? 500);
const slopeSd = Number(process.argv[5] ?? 0);
for (const n of ns) for (const phi of phis) {
  const rej: Record<string, number> = { bcT: 0, ipsT: 0, sokN: 0, sokT: 0, minT: 0 };
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
    const f1 = ipsFactor(r, false);
    const z1 = withVariance(n, s, varS * f1);
    if (tTwoSided(z1.z, Math.max(1, n / f1 - 2)) < 0.05) rej.ipsT!++;
    const f2 = ipsFactor(r, false, true, true);
    const z2 = withVariance(n, s, varS * f2);
    if (z2.pValue < 0.05) rej.sokN!++;
    if (tTwoSided(z2.z, Math.max(1, n / f2 - 2)) < 0.05) rej.sokT!++;
    const f3 = Math.min(f2, fB);
    if (tTwoSided(withVariance(n, s, varS * f3).z, Math.max(1, n / f3 - 2)) < 0.05) rej.minT!++;
  }
  console.log(`n=${n} phi=${phi} ` + Object.entries(rej).map(([k, c]) => `${k}:${((100 * c) / runs).toFixed(1)}%`).join(' '));
}
