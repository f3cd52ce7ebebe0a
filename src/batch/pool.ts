/**
 * A fixed-size pool of worker threads that analyze hosts in parallel (one host per worker at a time).
 *
 * The worker module is found next to this one: `worker.js` in the build, `worker.ts` in a checkout run
 * through tsx (bin/memautopsy without a fresh build, or the tests). Worker threads do not inherit the
 * main thread's tsx hooks, so the `.ts` entry is started through a two-line bootstrap that registers
 * tsx in the worker first.
 *
 * A worker that dies (an uncaught error, a V8 out-of-memory) fails only the job it was running; the
 * next job gets a fresh worker.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./worker.js', self));
  const entry = new URL('./worker.ts', self).href;
  const bootstrap =
    `import(${JSON.stringify(tsxEsmApiUrl(self))}).then((api) => { api.register(); ` +
    `return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * URL of tsx's ESM API module (its `import` export of `tsx/esm/api`), read from tsx's package.json:
 * require.resolve would give the CommonJS build, whose register() cannot find its ESM half from a worker.
 */
function tsxEsmApiUrl(from: string): string {
  const packageJsonPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } }>;
  };
  const relativePath = manifest.exports?.['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(packageJsonPath), relativePath)).href;
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
