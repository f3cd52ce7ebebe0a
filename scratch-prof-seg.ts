import { segmentSeries } from './src/detect/segmentation.js';
import { ar1Noise } from './test/detect/random.js';
const n = 1000000;
const e = ar1Noise(n, 0.95, 3);
const t = Float64Array.from({ length: n }, (_, i) => 1.7e12 + i * 10000);
const v = e.map((x, i) => 8e9 + 3e7 * x + (i > n / 2 ? 2e9 : 0) + 1e8 * Math.sin(2 * Math.PI * i / 8640) + (i % (n / 7) ) * 1000);
const t0 = performance.now(); const r = segmentSeries({ t, v });
console.log((performance.now() - t0).toFixed(0));
