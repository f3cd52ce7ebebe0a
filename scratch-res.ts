import { analyze } from './src/pipeline.js';
import { readdirSync } from 'node:fs';
for (const sc of process.argv.slice(2)) {
  const files = readdirSync(`samples/${sc}`).map(f => `samples/${sc}/${f}`);
  const r = await analyze(files, { now: () => new Date(0) });
  console.log('==', sc, r.verdict.kind, r.verdict.confidence, 'forecast', r.forecast?.exhaustionAt);
  for (const s of r.series) console.log('  series', s.metric, s.points, 'cps', s.changePoints.length, s.changePoints.slice(0, 8).map(x => x.slice(5, 16)).join(' '));
  for (const f of r.findings) console.log('  ', JSON.stringify({ ...f, peaks: undefined, troughs: undefined }).slice(0, 260));
}
