/**
 * Seeding workers: `size` threads running `seed-worker.ts`, each loading TypeScript through tsx
 * (a dependency of the project; the seeder runs from source). Requests go to the least busy
 * worker; replies resolve in whatever order workers finish, the caller restores the order.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerReply, WorkerRequest } from './seed-worker.js';

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

// A worker thread does not inherit the parent's module hooks: register tsx, then load the entry.
const BOOT = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api')
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((e) => { console.error(e); process.exit(1); });
`;

interface Slot {
  worker: Worker;
  busy: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (r: WorkerReply) => void; reject: (e: Error) => void; slot: Slot }
  >();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(size: number, init: WorkerInit) {
    const entry = new URL('./seed-worker.ts', import.meta.url).href;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(BOOT, { eval: true, workerData: { ...init, entry } });
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (reply: WorkerReply) => {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        slot.busy -= 1;
        if (reply.kind === 'error') waiting.reject(new Error(reply.message));
        else waiting.resolve(reply);
      });
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`A seeding worker stopped with exit code ${code}.`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Work waiting or running in the workers (to bound how much is in flight). */
  get inFlight(): number {
    return this.pending.size;
  }

  send<K extends Request['kind']>(
    request: Extract<Request, { kind: K }>,
  ): Promise<Extract<WorkerReply, { kind: K }>> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: WorkerReply) => void, reject, slot });
      slot.worker.postMessage({ ...request, id });
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.reject(e);
    }
  }

  async close(): Promise<void> {
    this.failure ??= new Error('The seeding workers were closed.');
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
