/**
 * Worker-thread entry of the batch pool: runs one HostJob per message and posts its output back.
 * Loaded as `worker.js` from dist, or as `worker.ts` through tsx in a checkout (see pool.ts).
 */

import { parentPort } from 'node:worker_threads';
import { runHostJob, type HostJob } from './host-job.js';

export interface WorkerRequest {
  id: number;
  job: HostJob;
}

const port = parentPort;
if (port === null) throw new Error('memautopsy: batch worker loaded outside a worker thread');

port.on('message', (request: WorkerRequest) => {
  // runHostJob never rejects: a host's failure comes back as { ok: false } so the pool keeps going.
  void runHostJob(request.job).then((output) => port.postMessage({ id: request.id, output }));
});
