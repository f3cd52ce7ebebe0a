import { fMeasure, covering, loadTcpd, TCPD_REAL } from './test/detect/tcpd.js';
import { pelt, PrefixSums } from './src/detect/stats/pelt.js';
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2; };
const mad = (a: number[]) => { const m = med(a); return 1.4826 * med(a.map(x => Math.abs(x - m))); };
function linearPrefix(x: number[], centre: number, scale: number) {
  const n = x.length;
  const S = { t: new Float64Array(n + 1), t2: new Float64Array(n + 1), y: new Float64Array(n + 1), y2: new Float64Array(n + 1), ty: new Float64Array(n + 1) };
  for (let i = 0; i < n; i++) { const y = (x[i]! - centre) / scale; const t = i - n / 2; S.t[i + 1] = S.t[i]! + t; S.t2[i + 1] = S.t2[i]! + t * t; S.y[i + 1] = S.y[i]! + y; S.y2[i + 1] = S.y2[i]! + y * y; S.ty[i + 1] = S.ty[i]! + t * y; }
  return (a: number, b: number) => { const m = b - a; const st = S.t[b]! - S.t[a]!, st2 = S.t2[b]! - S.t2[a]!, sy = S.y[b]! - S.y[a]!, sy2 = S.y2[b]! - S.y2[a]!, sty = S.ty[b]! - S.ty[a]!;
    const vt = st2 - st * st / m, vy = sy2 - sy * sy / m, cty = sty - st * sy / m; return vt > 1e-9 ? Math.max(0, vy - cty * cty / vt) : Math.max(0, vy); };
}
function sdOf(x: number[]) { const n = x.length; const m = x.reduce((a, b) => a + b) / n; return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1)); }
function resid(x: number[]) { const c = linearPrefix(x, 0, 1); return Math.sqrt(c(0, x.length) / (x.length - 2)); }
type Seg = (x: number[]) => number[];
const V: Record<string, Seg> = {};
for (const [scaleName, scaleFn] of [['sd', sdOf], ['mad', (x: number[]) => mad(x)], ['linres', resid]] as const) {
  for (const pen of [3, 4]) for (const ms of [1, 2, 3, 5]) {
    V[`mean_${scaleName}_p${pen}_m${ms}`] = (x) => { const n = x.length; const p = new PrefixSums(x, med(x), scaleFn(x) || 1); return pelt(n, (a, b) => p.squaredDeviation(a, b) + Math.log(b - a), { penalty: pen * Math.log(n), minSegmentLength: ms }).slice(0, -1); };
    V[`lin_${scaleName}_p${pen}_m${ms}`] = (x) => { const n = x.length; const c = linearPrefix(x, med(x), scaleFn(x) || 1); return pelt(n, (a, b) => c(a, b) + Math.log(b - a), { penalty: pen * Math.log(n), minSegmentLength: Math.max(2, ms) }).slice(0, -1); };
  }
}
const only = process.argv[2] ?? '';
const rows: [string, number, number, number, number][] = [];
for (const [name, seg] of Object.entries(V)) {
  if (!name.includes(only)) continue;
  let f = 0, c = 0, f1 = 0, c1 = 0;
  for (const s of TCPD_REAL) { const d = loadTcpd(s); const cps = seg(d.values); f += fMeasure(d.annotations, cps); c += covering(d.annotations, cps, d.values.length);
    const m1 = cps.map(x => x - 1); f1 += fMeasure(d.annotations, m1); c1 += covering(d.annotations, m1, d.values.length); }
  const k = TCPD_REAL.length; rows.push([name, f / k, c / k, f1 / k, c1 / k]);
}
for (const r of rows) console.log(r[0].padEnd(22), r.slice(1).map(v => (v as number).toFixed(3)).join(' '));
function lag1(r: number[]) { const n = r.length; const m = r.reduce((a, b) => a + b) / n; let c0 = 0, c1 = 0; for (let i = 0; i < n; i++) { c0 += (r[i]! - m) ** 2; if (i) c1 += (r[i]! - m) * (r[i - 1]! - m); } return c0 ? c1 / c0 : 0; }
function linResiduals(x: number[]) { const n = x.length; let st = 0, sy = 0, stt = 0, sty = 0; for (let i = 0; i < n; i++) { st += i; sy += x[i]!; stt += i * i; sty += i * x[i]!; } const b = (sty - st * sy / n) / (stt - st * st / n); const a = (sy - b * st) / n; return x.map((v, i) => v - a - b * i); }
const W: Record<string, Seg> = {
  lin_lrv_glob: (x) => { const n = x.length; const r = linResiduals(x); const phi = Math.max(0, Math.min(0.999, lag1(r))); const s = resid(x) * Math.sqrt((1 + phi) / (1 - phi)); const c = linearPrefix(x, med(x), s || 1); return pelt(n, (a, b) => c(a, b) + Math.log(b - a), { penalty: 4 * Math.log(n), minSegmentLength: 2 }).slice(0, -1); },
  lin_lrv_diff: (x) => { const n = x.length; const d1: number[] = [], d2: number[] = []; for (let i = 1; i < n; i++) d1.push(x[i]! - x[i - 1]!); for (let i = 2; i < n; i++) d2.push(x[i]! - x[i - 2]!); const v1 = mad(d1) ** 2 / 2, v2 = mad(d2) ** 2 / 2; const phi = Math.max(0, Math.min(0.999, v1 > 0 ? v2 / v1 - 1 : 0)); const sm2 = v1 / (1 - phi); const s = Math.sqrt(sm2 * (1 + phi) / (1 - phi)); const c = linearPrefix(x, med(x), s || 1); return pelt(n, (a, b) => c(a, b) + Math.log(b - a), { penalty: 4 * Math.log(n), minSegmentLength: 2 }).slice(0, -1); },
  lin_max: (x) => { const n = x.length; const d1: number[] = [], d2: number[] = []; for (let i = 1; i < n; i++) d1.push(x[i]! - x[i - 1]!); for (let i = 2; i < n; i++) d2.push(x[i]! - x[i - 2]!); const v1 = mad(d1) ** 2 / 2, v2 = mad(d2) ** 2 / 2; const phi = Math.max(0, Math.min(0.999, v1 > 0 ? v2 / v1 - 1 : 0)); const sm2 = v1 / (1 - phi); const s = Math.max(resid(x), Math.sqrt(sm2 * (1 + phi) / (1 - phi))); const c = linearPrefix(x, med(x), s || 1); return pelt(n, (a, b) => c(a, b) + Math.log(b - a), { penalty: 4 * Math.log(n), minSegmentLength: 2 }).slice(0, -1); },
};
for (const [name, seg] of Object.entries(W)) {
  let f = 0, c = 0; const per: string[] = [];
  for (const s of TCPD_REAL) { const d = loadTcpd(s); const cps = seg(d.values); f += fMeasure(d.annotations, cps); c += covering(d.annotations, cps, d.values.length); per.push(`${s.slice(0,8)}:${cps.length}`); }
  console.log(name.padEnd(22), (f / TCPD_REAL.length).toFixed(3), (c / TCPD_REAL.length).toFixed(3), per.join(' '));
}
