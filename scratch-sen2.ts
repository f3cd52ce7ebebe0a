import { senSlope } from '/work/main/src/detect/stats/sen-slope.ts';
import * as mod from '/work/main/src/detect/stats/sen-slope.ts';
const n = Number(process.argv[2] ?? 1e6);
const mode = process.argv[3] ?? 'a';
let state = 12345;
const random = (): number => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
const x = new Float64Array(n), y = new Float64Array(n);
let noise = 0;
for (let i = 0; i < n; i++) {
  noise = 0.8 * noise + (random() - 0.5);
  x[i] = i * 10_000;
  y[i] = mode === 'a' ? 1e9 + i * 1000 + noise * 1e6 : mode === 'b' ? Math.round(1e9 + i*1000 + noise*1e3) : 1e9 + i * 1000 + noise;
}
const proto = (globalThis as any).__SlopeSelector;
const t0 = performance.now();
const s = senSlope(x, y);
console.log(n, mode, s, (performance.now() - t0).toFixed(0), 'ms');
