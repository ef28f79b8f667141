/**
 * The scan thread of `scanRecords` on a SQLite file (record-scan.ts), bundled by `workerScript`.
 * It steps the one statement on its own read-only connection (one snapshot) and sends raw rows a
 * chunk at a time, only as many chunks ahead as it has credit for (`postMessage(n)` from the
 * parent grants n), so a slow reader holds back the scan instead of filling memory. Before a
 * chunk leaves, its label key columns become labels read on the same connection
 * (`ScanLabelCache`), so labels and records come from the same snapshot.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SqliteDriver } from './record-scan-part.js';
import { ScanLabelCache } from './scan-label-cache.js';
import type { ScanStatement } from './types.js';

export interface ScanWorkerData {
  file: string;
  sql: string;
  parameters: readonly unknown[];
  lookups: ScanStatement['lookups'];
  chunk: number;
  driver: string;
}

export type ScanWorkerMessage = { rows: unknown[][]; done: boolean } | { error: string };

const data = workerData as ScanWorkerData;
const port = parentPort!;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a native addon, loaded by path (see worker-script.ts)
const Database = require(data.driver) as SqliteDriver;
const db = new Database(data.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const rows = db
  .prepare(data.sql)
  .raw(true)
  .iterate(...data.parameters) as IterableIterator<unknown[]>;
const labels = new ScanLabelCache((q) => db.prepare(q).raw(true) as never, data.lookups);

let credit = 0;
let done = false;
port.on('message', (m: number) => {
  credit += m;
  try {
    while (credit > 0 && !done) {
      const chunk: unknown[][] = [];
      while (chunk.length < data.chunk) {
        const r = rows.next();
        if (r.done) {
          done = true;
          break;
        }
        chunk.push(r.value);
      }
      credit--;
      labels.label(chunk);
      port.postMessage({ rows: chunk, done } satisfies ScanWorkerMessage);
    }
  } catch (e) {
    done = true;
    port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies ScanWorkerMessage);
  }
  if (done) db.close();
});
