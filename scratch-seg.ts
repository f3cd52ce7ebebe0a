import { fMeasure, covering, reference, loadTcpd, TCPD_REAL } from './test/detect/tcpd.js';
import { pelt, PrefixSums } from './src/detect/stats/pelt.js';

const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2; };
const mad = (a: number[]) => { const m = med(a); return 1.4826 * med(a.map(x => Math.abs(x - m))); };
function lagDiffs(x: number[], k: number) { const d: number[] = []; for (let i = k; i < x.length; i++) d.push(x[i]! - x[i - k]!); return d; }

type Seg = (x: number[]) => number[];
function linearPrefix(x: number[], scale: number) {
  const n = x.length; const c = x[0]!;
  const S = { t: new Float64Array(n + 1), t2: new Float64Array(n + 1), y: new Float64Array(n + 1), y2: new Float64Array(n + 1), ty: new Float64Array(n + 1) };
  for (let i = 0; i < n; i++) { const y = (x[i]! - c) / scale; const t = i; S.t[i + 1] = S.t[i]! + t; S.t2[i + 1] = S.t2[i]! + t * t; S.y[i + 1] = S.y[i]! + y; S.y2[i + 1] = S.y2[i]! + y * y; S.ty[i + 1] = S.ty[i]! + t * y; }
  return (a: number, b: number) => { const m = b - a; const st = S.t[b]! - S.t[a]!, st2 = S.t2[b]! - S.t2[a]!, sy = S.y[b]! - S.y[a]!, sy2 = S.y2[b]! - S.y2[a]!, sty = S.ty[b]! - S.ty[a]!;
    const vt = st2 - st * st / m, vy = sy2 - sy * sy / m, cty = sty - st * sy / m; return vt > 1e-12 ? Math.max(0, vy - cty * cty / vt) : Math.max(0, vy); };
}
const variants: Record<string, Seg> = {
  zscoreMean: (x) => { const n = x.length; const m = x.reduce((a, b) => a + b) / n; const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1)); const p = new PrefixSums(x, m, sd || 1);
    return pelt(n, (a, b) => p.squaredDeviation(a, b) + Math.log(b - a), { penalty: 3 * Math.log(n) }).slice(0, -1); },
};
for (const minSeg of [1, 2, 3, 5]) {
  variants[`diffMADmean_m${minSeg}`] = (x) => { const n = x.length; const sd = mad(lagDiffs(x, 1)) / Math.SQRT2 || 1; const p = new PrefixSums(x, med(x), sd);
    return pelt(n, (a, b) => p.squaredDeviation(a, b) + Math.log(b - a), { penalty: 3 * Math.log(n), minSegmentLength: minSeg }).slice(0, -1); };
  variants[`lrvMean_m${minSeg}`] = (x) => { const n = x.length; const v1 = mad(lagDiffs(x, 1)) ** 2 / 2, v2 = mad(lagDiffs(x, 2)) ** 2 / 2; let phi = v1 > 0 ? v2 / v1 - 1 : 0; phi = Math.min(0.95, Math.max(0, phi)); const s2 = v1 / (1 - phi); const lrv = s2 * (1 + phi) / (1 - phi); const p = new PrefixSums(x, med(x), Math.sqrt(lrv) || 1);
    return pelt(n, (a, b) => p.squaredDeviation(a, b) + Math.log(b - a), { penalty: 3 * Math.log(n), minSegmentLength: minSeg }).slice(0, -1); };
  variants[`diffMADlin_m${minSeg}`] = (x) => { const n = x.length; const d2 = []; for (let i = 2; i < n; i++) d2.push(x[i]! - 2 * x[i - 1]! + x[i - 2]!); const sd = (mad(d2) / Math.sqrt(6)) || 1; const c = linearPrefix(x, sd);
    return pelt(n, (a, b) => c(a, b) + Math.log(b - a), { penalty: 4 * Math.log(n), minSegmentLength: Math.max(minSeg, 2) }).slice(0, -1); };
  variants[`diff1lin_m${minSeg}`] = (x) => { const n = x.length; const sd = mad(lagDiffs(x, 1)) / Math.SQRT2 || 1; const c = linearPrefix(x, sd);
    return pelt(n, (a, b) => c(a, b) + Math.log(b - a), { penalty: 4 * Math.log(n), minSegmentLength: Math.max(minSeg, 2) }).slice(0, -1); };
  variants[`meanvar_m${Math.max(2,minSeg)}`] = (x) => { const n = x.length; const p = new PrefixSums(x, med(x), 1); const tot = p.squaredDeviation(0, n) / n; const floor = 1e-6 * tot || 1e-300;
    return pelt(n, (a, b) => { const m = b - a; return m * Math.log(Math.max(floor, p.squaredDeviation(a, b) / m)) + Math.log(m); }, { penalty: 4 * Math.log(n), minSegmentLength: Math.max(minSeg, 2) }).slice(0, -1); };
}
const only = process.argv[2];
for (const [name, seg] of Object.entries(variants)) {
  if (only && !name.includes(only)) continue;
  let f = 0, c = 0; const per: string[] = [];
  for (const s of TCPD_REAL) { const d = loadTcpd(s); const cps = seg(d.values); const ff = fMeasure(d.annotations, cps), cc = covering(d.annotations, cps, d.values.length); f += ff; c += cc; per.push(`${s}:${cps.length}`); }
  console.log(name.padEnd(22), (f / TCPD_REAL.length).toFixed(3), (c / TCPD_REAL.length).toFixed(3), only ? per.join(' ') : '');
}
if (process.argv[3] === 'detail') {
  for (const s of TCPD_REAL) { const d = loadTcpd(s); const ann = Object.values(d.annotations).map(a => a.length).join(','); const z = variants.zscoreMean!(d.values); const l = variants[process.argv[2]!]!(d.values);
    console.log(s.padEnd(20), String(d.values.length).padStart(4), 'ann', ann.padEnd(12), 'z', String(z.length).padStart(3), fMeasure(d.annotations, z).toFixed(2), 'v', String(l.length).padStart(3), fMeasure(d.annotations, l).toFixed(2), covering(d.annotations, l, d.values.length).toFixed(2)); }
}
