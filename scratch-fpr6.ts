import { trendStatistics } from './src/detect/monotonic-growth.js';
import { ar1Noise } from './test/detect/random.js';
const ns = [100, 200, 500, 1440];
for (const phi of [0, 0.3, 0.5, 0.8, 0.9, 0.95]) {
  let fp = 0; const per: Record<number, number> = {};
  for (let k = 0; k < 500; k++) {
    const n = ns[k % 4]!;
    const e = ar1Noise(n, phi, 1000 * phi + k + 1);
    const st = trendStatistics({ t: Float64Array.from({ length: n }, (_, i) => 1.7e12 + i * 60000), v: e.map(x => 8e9 + 1e8 * x) });
    if (st && st.pValue < 0.05 && st.slopePerHour !== 0 && Math.sign(st.slopePerHour) === Math.sign(st.s)) { fp++; per[n] = (per[n] ?? 0) + 1; }
  }
  console.log(phi, (fp / 5).toFixed(1) + '%', JSON.stringify(per));
}
