import { analyzeSeries } from './src/detect/index.js';
import { series, sawtooth, diurnal, GIB, MIB, MINUTE_MS } from './test/detect/synthetic.js';
const show = (name: string, s: ReturnType<typeof series>) => { const a = analyzeSeries(s); console.log(name, 'saw', a.sawtooth ? { cycles: a.sawtooth.cycles, period: a.sawtooth.periodSeconds / 3600, amp: a.sawtooth.amplitude / GIB, drop: a.sawtooth.typicalDrop / GIB, floor: a.sawtooth.floorSlopePerHour / MIB, start: a.sawtooth.startIndex } : null, 'findings', [...a.trendFindings.map(f => f.kind), ...a.stepFindings.map(f => f.kind + '@' + f.at.slice(5, 16))], 'cps', a.changePointIndices?.length); };
show('flat', series(sawtooth({ n: 2016, periodPoints: 120, amplitude: 4 * GIB, floor: 8 * GIB, noise: 50 * MIB })));
show('rising', series(sawtooth({ n: 2016, periodPoints: 120, amplitude: 4 * GIB, floor: 8 * GIB, floorPerCycle: 200 * MIB, noise: 50 * MIB })));
for (let seed = 1; seed <= 5; seed++) show('diurnal' + seed, series(diurnal({ n: 2016, stepMs: 5 * MINUTE_MS, level: 8 * GIB, amplitude: 1 * GIB, phi: 0.9, noise: 30 * MIB, seed }), { stepMs: 5 * MINUTE_MS }));
