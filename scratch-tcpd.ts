import { fMeasure, covering, reference, loadTcpd, TCPD_ALL, TCPD_REAL } from './test/detect/tcpd.js';
import { tcpdDefaultPelt } from './src/detect/stats/pelt.js';
console.log(fMeasure({ 1: [], 2: [10], 3: [50] }, [10]), fMeasure({ 1: [], 2: [10], 3: [50] }, []), covering({ 1: [10, 20], 2: [10], 3: [0, 5] }, [10, 20], 45));
let bad = 0;
for (const name of TCPD_ALL) {
  const s = loadTcpd(name); const r = reference.rows[name]!;
  const cps = tcpdDefaultPelt(s.values);
  const f = fMeasure(s.annotations, cps), c = covering(s.annotations, cps, s.values.length);
  const zf = fMeasure(s.annotations, []), zc = covering(s.annotations, [], s.values.length);
  const ok = JSON.stringify(cps) === JSON.stringify(r.pelt_default_cps_0based) && Math.abs(f - r.pelt_default_f1) < 1e-9 && Math.abs(c - r.pelt_default_cover) < 1e-9 && Math.abs(zf - r.zero_f1) < 1e-9 && Math.abs(zc - r.zero_cover) < 1e-9;
  if (!ok) { bad++; console.log(name, cps, r.pelt_default_cps_0based, f, r.pelt_default_f1, c, r.pelt_default_cover, zf, r.zero_f1, zc, r.zero_cover); }
}
console.log('mismatches', bad);
const avg = (k: 'pelt_default_f1'|'pelt_default_cover'|'zero_f1'|'zero_cover') => TCPD_REAL.reduce((a, n) => a + reference.rows[n]![k], 0) / TCPD_REAL.length;
console.log(avg('pelt_default_f1'), avg('pelt_default_cover'), avg('zero_f1'), avg('zero_cover'));
