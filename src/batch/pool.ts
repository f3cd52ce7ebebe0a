/**
 * A fixed-size pool of worker threads that analyze hosts in parallel (one host per worker at a time).
 *
 * The worker module is found next to this one (src/module-worker.ts): `worker.js` in a build,
 * `worker.ts` through tsx.
 *
 * A worker that dies (an uncaught error, a V8 out-of-memory) fails only the job it was running; the
 * next job gets a fresh worker.
 */

import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.js';
import type { HostJob, HostJobOutput } from './host-job.js';
import type { WorkerRequest } from './worker.js';

interface Pending {
  id: number;
  job: HostJob;
  resolve: (output: HostJobOutput) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  current: Pending | null;
}

function startWorker(): Worker {
  return startModuleWorker(import.meta.url, 'worker');
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`pool size must be ≥ 1, got ${size}`);
    this.slots = Array.from({ length: size }, () => ({ worker: null, current: null }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Analyze one host in a worker; resolves with its output (a host's own failure is an `ok: false`). */
  run(job: HostJob): Promise<HostJobOutput> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.current !== null) continue;
      const pending = this.queue.shift() as Pending;
      slot.current = pending;
      const worker = slot.worker ?? this.attach(slot);
      const request: WorkerRequest = { id: pending.id, job: pending.job };
      worker.postMessage(request);
    }
  }

  private attach(slot: Slot): Worker {
    const worker = startWorker();
    slot.worker = worker;
    worker.on('message', (message: { id: number; output: HostJobOutput }) => {
      const pending = slot.current;
      if (pending === null || pending.id !== message.id) return;
      slot.current = null;
      pending.resolve(message.output);
      this.dispatch();
    });
    const fail = (error: Error): void => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const pending = slot.current;
      slot.current = null;
      void worker.terminate();
      if (pending !== null) pending.reject(error);
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`analysis worker exited (code ${code})`));
    });
    return worker;
  }

  /** Stop every worker; jobs still queued or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const abandoned = [...this.queue, ...this.slots.flatMap((s) => (s.current === null ? [] : [s.current]))];
    this.queue.length = 0;
    const workers = this.slots.flatMap((slot) => (slot.worker === null ? [] : [slot.worker]));
    for (const slot of this.slots) {
      slot.worker = null;
      slot.current = null;
    }
    for (const pending of abandoned) pending.reject(new Error('worker pool closed'));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
