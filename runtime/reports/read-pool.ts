/**
 * Where report queries run. On SQLite, a small pool of worker threads, each with its own read-only
 * better-sqlite3 connection to the WAL database, so a dashboard's widgets are answered in
 * parallel (better-sqlite3 is synchronous: connections on the main thread would take turns) and
 * never wait behind, or hold up, the store's one read/write connection. On PostgreSQL, the
 * store's own pool already runs queries side by side.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CompiledRead, Store } from '../store/store.js';

/** Runs compiled reads; `close` releases its connections. */
export interface Reader {
  run<T>(read: CompiledRead<T>): Promise<T>;
  /** Opens its connections now (resolved when each has answered), instead of on the first reads. */
  warm?(): Promise<void>;
  close(): Promise<void>;
}

/** The cheapest read: it proves a connection open without touching a table. */
const PING: CompiledRead<void> = { sql: 'select 1', parameters: [], decode: () => undefined };

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

// Plain JavaScript so the worker needs no TypeScript loader (tsx, vitest and node alike).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -32000');
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size > 500) statements.clear();
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    parentPort.postMessage({ id, rows: stmt.all(...parameters) });
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
`;

interface Job {
  id: number;
  sql: string;
  parameters: readonly unknown[];
  resolve(rows: Record<string, unknown>[]): void;
  reject(e: Error): void;
}

/** A fixed set of read-only SQLite connections on worker threads; jobs go to the first idle one. */
export class SqliteReadPool implements Reader {
  readonly #workers: { worker: Worker; job?: Job }[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(
    private readonly file: string,
    private readonly size = Math.max(2, Math.min(4, availableParallelism())),
  ) {}

  async run<T>(read: CompiledRead<T>): Promise<T> {
    const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      if (this.#closed) return reject(new Error('the report read pool is closed'));
      this.#queue.push({ id: this.#nextId++, sql: read.sql, parameters: read.parameters, resolve, reject });
      this.#dispatch();
    });
    return read.decode(rows);
  }

  /**
   * Starts the workers now instead of on the first query, each opening its connection: a thread
   * and its driver take tens of milliseconds to start, which a first dashboard would wait for.
   */
  async warm(): Promise<void> {
    while (!this.#closed && this.#workers.length < this.size) this.#spawn();
    // Every worker is idle, so each takes one of these.
    await Promise.all(this.#workers.map(() => this.run(PING)));
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error('the report read pool is closed'));
    await Promise.all(this.#workers.splice(0).map((w) => w.worker.terminate()));
  }

  #spawn(): { worker: Worker; job?: Job } {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver: DRIVER } });
    worker.unref();
    const slot: { worker: Worker; job?: Job } = { worker };
    worker.on('message', (msg: { id: number; rows?: Record<string, unknown>[]; error?: string }) => {
      const job = slot.job;
      delete slot.job;
      if (job && job.id === msg.id) {
        if (msg.error !== undefined) job.reject(new Error(msg.error));
        else job.resolve(msg.rows ?? []);
      }
      this.#dispatch();
    });
    worker.on('error', (e) => {
      slot.job?.reject(e);
      delete slot.job;
      const i = this.#workers.indexOf(slot);
      if (i >= 0) this.#workers.splice(i, 1);
      this.#dispatch();
    });
    this.#workers.push(slot);
    return slot;
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = this.#workers.find((w) => !w.job);
      if (!slot && this.#workers.length < this.size) slot = this.#spawn();
      if (!slot) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, sql: job.sql, parameters: job.parameters });
    }
  }
}

/** The store's own connection (PostgreSQL pool, or SQLite when there is no file to share). */
export function storeReader(store: Store): Reader {
  return {
    run: (read) => store.runRead(read),
    warm: () => store.runRead(PING),
    close: () => Promise.resolve(),
  };
}

/** The reader reports use for `store`: worker connections on a SQLite file, the store otherwise. */
export function createReader(store: Store, options: { sqliteReaders?: number } = {}): Reader {
  if (store.dialect === 'sqlite' && store.sqliteFile && options.sqliteReaders !== 0)
    return new SqliteReadPool(store.sqliteFile, options.sqliteReaders);
  return storeReader(store);
}
