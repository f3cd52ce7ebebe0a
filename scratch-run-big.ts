import { analyze } from './src/pipeline.js';
const t0 = performance.now();
try { const r = await analyze([process.argv[2]!], { now: () => new Date(0) }); console.log(r.verdict.kind, r.findings.map(f => f.kind), (performance.now() - t0).toFixed(0)); } catch (e) { console.log((e as Error).stack?.split('\n').slice(0, 8).join('\n')); }
