/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses `wal_autocheckpoint` pages: that one request copies ~1,000 pages into the database and
 * fsyncs it (tens of ms, the p99 of a busy server). A worker thread with its own connection runs
 * `PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs` instead; a passive checkpoint never blocks
 * the writer, and the writer restarts the WAL from its start once a checkpoint has caught up.
 * The main connection keeps a higher `wal_autocheckpoint` as a safety net (a worker that fell
 * behind, or died, still leaves the WAL bounded).
 *
 * `stop` is synchronous: it waits (briefly) until the worker has closed its connection, so the
 * main connection's own close is the last one and checkpoints the WAL away as usual.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker's script (CommonJS, evaluated): loop on a shared flag, checkpoint between waits. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.shared);
let db;
try {
  const Database = require(workerData.module);
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  db.pragma('synchronous = ' + workerData.synchronous);
  Atomics.store(flag, 2, 1);
  while (Atomics.load(flag, 0) === 0) {
    Atomics.wait(flag, 0, 0, workerData.intervalMs);
    if (Atomics.load(flag, 0) !== 0) break;
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { /* busy: next round */ }
  }
} finally {
  try { if (db) db.close(); } catch (e) { /* closing anyway */ }
  Atomics.store(flag, 1, 1);
  Atomics.notify(flag, 1);
}
`;

export interface Checkpointer {
  stop(): void;
}

/** Starts checkpointing `file` (a WAL-mode database) from a worker thread. */
export function startCheckpointer(
  file: string,
  synchronous: 'NORMAL' | 'FULL',
  intervalMs = 100,
): Checkpointer {
  // [0] stop requested, [1] worker closed its connection, [2] worker opened its connection.
  const shared = new SharedArrayBuffer(12);
  const flag = new Int32Array(shared);
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, synchronous, intervalMs, shared, module },
  });
  worker.unref();
  // A failed worker only means SQLite's own autocheckpoint does the work again.
  worker.on('error', () => undefined);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      // Only wait for a worker that has its connection open (a starting one is simply ended).
      if (Atomics.load(flag, 2) === 1) Atomics.wait(flag, 1, 0, 2000);
      void worker.terminate();
    },
  };
}
