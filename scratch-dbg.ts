import { findSawtooth } from './src/detect/sawtooth.js';
import { detectSteps } from './src/detect/step-change.js';
import { GIB, sawtooth, series } from './test/detect/synthetic.js';
const before = Array.from({ length: 1152 }, (_, i) => 4 * GIB + (12 * GIB * i) / 1152);
const after = sawtooth({ n: 864, periodPoints: 120, amplitude: 4 * GIB, floor: 5 * GIB, noise: 20 * 2**20, seed: 3 });
const s = series([...before, ...after]);
const steps = detectSteps(s);
console.log(steps.slice(0, 3));
console.log([...s.v.slice(1149, 1156)].map(v => (v / GIB).toFixed(3)));
