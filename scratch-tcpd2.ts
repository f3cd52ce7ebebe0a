import { fMeasure, covering, loadTcpd, TCPD_REAL } from './test/detect/tcpd.js';
import { segmentSeries } from './src/detect/segmentation.js';
const maxPoints = process.argv[2] ? Number(process.argv[2]) : undefined;
let f = 0, c = 0;
for (const name of TCPD_REAL) {
  const d = loadTcpd(name);
  const t = Float64Array.from(d.values, (_, i) => i * 86400000);
  const cps = segmentSeries({ t, v: Float64Array.from(d.values) }, maxPoints ? { maxPoints } : {}).changeIndices;
  const ff = fMeasure(d.annotations, cps), cc = covering(d.annotations, cps, d.values.length); f += ff; c += cc;
  if (process.argv[3]) console.log(name.padEnd(20), cps.join(','), ff.toFixed(2), cc.toFixed(2));
}
console.log((f / TCPD_REAL.length).toFixed(3), (c / TCPD_REAL.length).toFixed(3));
