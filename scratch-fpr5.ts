import { mannKendallScore, withVariance } from './src/detect/stats/mann-kendall.js';
import { senSlope } from './src/detect/stats/sen-slope.js';
import { autocorrelation } from './src/detect/stats/autocorrelation.js';
import { twoSidedPValue } from './src/detect/stats/normal.js';
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
const sineAmp = Number(process.argv[6] ?? 0); const cycles = Number(process.argv[7] ?? 7.5);
for (const n of ns) for (const phi of phis) {
  const rej: Record<string, number> = { a: 0, b: 0, comb: 0 };
  for (let seed = 1; seed <= runs; seed++) {
    const e = ar1Noise(n, phi, seed * 7919 + n);
    const sdm = 1 / Math.sqrt(1 - phi * phi);
    const v = e.map((x, i) => x + (slopeSd * sdm * i) / n + sineAmp * sdm * Math.sin(2 * Math.PI * cycles * i / n + seed));
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const slope = senSlope(x, v);
    const r = v.map((val, i) => val - slope * i);
    const { s, varS } = mannKendallScore(v);
    const a = autocorrelation(r, 1)[1]!;
    const pc = Math.min(1, Math.max(0, (n * a + 2) / (n - 4)));
    const fB = ar1Factor(pc, n);
    const zb = withVariance(n, s, varS * fB).z;
    const pa = tTwoSided(zb, Math.max(1, n * (1 - pc) / (1 + pc) - 2));
    let m = 0; for (const q of r) m += q; m /= n; let ss = 0; for (const q of r) ss += (q - m) ** 2; const sd = Math.sqrt(ss / (n - 2));
    const third = Math.floor(n / 3); let m1 = 0, m3 = 0; for (let i = 0; i < third; i++) { m1 += v[i]!; m3 += v[n - 1 - i]!; }
    const d3 = (m3 - m1) / third;
    const pb = twoSidedPValue(d3 / (2 * sd));
    if (pa < 0.05) rej.a!++;
    if (pb < 0.05) rej.b!++;
    if (2 * Math.min(pa, pb) < 0.05) rej.comb!++;
  }
  console.log(`n=${n} phi=${phi} ` + Object.entries(rej).map(([k, c]) => `${k}:${((100 * c) / runs).toFixed(1)}%`).join(' '));
}
