/**
 * One formatting thread of a parallel CSV export (export-csv-parallel.ts). It reads its own part
 * of the export's rows (`PartScan`: chunk c of the list's order when c % parts is its part) on a
 * read-only connection of its own, then parses, labels and formats each chunk with the same
 * `ExportRows` the single-threaded export uses, and sends its bytes to the parent as
 * `{ c, bytes, count }` (the buffer moved, not copied), one chunk per credit. Most labels are read
 * with the rows; the few others through the parent's store: `{ call, method, args }` out,
 * `{ call, result }` or `{ call, error }` back.
 *
 * Its part of the snapshot handshake (record-scan-part.ts): `{ ready }` once its connection is
 * open; part 0 answers `{ scan: 'lock' }` with `{ begun }` once it holds the write lock and has
 * begun its read (or `{ unlocked }` when a writer held the lock too long: the export then runs
 * on the request's thread); every other part answers `{ scan: 'begin' }` with `{ begun }`; part
 * 0 lets the lock go on `{ scan: 'release' }`. When it has counted every chunk it says `{ total }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FormDef } from '../../engine/index.js';
import { PartScan, type PartChunk, type SqliteDriver } from '../store/record-scan-part.js';
import type { ScanStatement } from '../store/types.js';
import { exportColumns } from './export-columns.js';
import { ExportRows } from './export-rows.js';
import { LineBytes } from './csv-line-bytes.js';
import { Labeler, type Lang, type LabelSource } from './labels.js';

export interface FormatWorkerData {
  app: string;
  form: string;
  forms: FormDef[];
  lang: Lang;
  /** The zone datetimes are written in. */
  timeZone: string;
  /** Which of the export's labels the scan reads (`exportColumns`). */
  joined: boolean[];
  statement: ScanStatement;
  part: number;
  parts: number;
  /** Rows per chunk. */
  chunk: number;
  /** Where better-sqlite3 is required from (a bundle cannot carry its native addon). */
  driver: string;
  /** A list view's columns (`exportColumns`); absent: every field. */
  columns?: string[];
}

export type LabelMethod = keyof LabelSource;

export type FormatWorkerMessage =
  | { c: number; bytes: Uint8Array; count: number }
  | { ready: true }
  | { begun: true }
  | { unlocked: true }
  | { total: number }
  | { call: number; method: LabelMethod; args: unknown[] }
  | { error: string };

export type FormatWorkerReply = { call: number; result: unknown } | { call: number; error: string };

/** What the parent tells a formatting thread besides replies: the handshake, and chunks it may send. */
export type FormatWorkerOrder = { scan: 'lock' | 'begin' | 'release' } | { credit: number };

/** `id, created_by, created_at, data`, then one value per label (`Store.scanStatement`). */
type RawRow = [string, string, string, string, ...(string | number | null)[]];

const port = parentPort!;
const data = workerData as FormatWorkerData;
const calls = new Map<number, { resolve: (value: never) => void; reject: (e: Error) => void }>();
let nextCall = 0;

function call<M extends LabelMethod>(
  method: M,
  args: Parameters<LabelSource[M]>,
): ReturnType<LabelSource[M]> {
  return new Promise((resolve, reject) => {
    const id = nextCall++;
    calls.set(id, { resolve, reject });
    port.postMessage({ call: id, method, args } satisfies FormatWorkerMessage);
  }) as ReturnType<LabelSource[M]>;
}

const source: LabelSource = {
  getUsers: (...args) => call('getUsers', args),
  listUserNames: (...args) => call('listUserNames', args),
  fieldValues: (...args) => call('fieldValues', args),
  listRecords: (...args) => call('listRecords', args),
};

const forms = new Map(data.forms.map((f) => [f.key, f]));
const labeler = new Labeler(source, data.app, forms, data.lang, data.timeZone);
const rows = new ExportRows(
  exportColumns(forms.get(data.form)!, labeler, data.joined, data.columns),
  labeler,
);
const lines = new LineBytes();

const scan = new PartScan(
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a native addon, loaded by path (see worker-script.ts)
  require(data.driver) as SqliteDriver,
  data.statement,
  data.part,
  data.parts,
  data.chunk,
);

function fail(e: unknown): void {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies FormatWorkerMessage);
}

async function format({ c, rows: raw }: PartChunk): Promise<void> {
  const chunk = (raw as RawRow[]).map(([id, createdBy, createdAt, json, ...labels]) => ({
    id,
    createdBy,
    createdAt,
    data: JSON.parse(json) as Record<string, unknown>,
    labels,
  }));
  await rows.prepare(chunk);
  for (const r of chunk) lines.add(rows.csv(r));
  const bytes = lines.take();
  port.postMessage({ c, bytes, count: chunk.length } satisfies FormatWorkerMessage, [bytes.buffer]);
}

let credit = 0;
let pumping = false;
let finished = false;
/** Formats chunks one after another while there is credit: `prepare` may wait on the parent. */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    while (credit > 0 && !finished) {
      const next = scan.next();
      if (!next) {
        finished = true;
        scan.close();
        port.postMessage({ total: scan.total! } satisfies FormatWorkerMessage);
        break;
      }
      credit--;
      await format(next);
    }
  } finally {
    pumping = false;
  }
}

function order(m: FormatWorkerOrder): void {
  if ('credit' in m) {
    credit += m.credit;
    void pump().catch(fail);
    return;
  }
  if (m.scan === 'lock' && !scan.lock()) {
    scan.close();
    port.postMessage({ unlocked: true } satisfies FormatWorkerMessage);
    return;
  }
  if (m.scan === 'lock' || m.scan === 'begin') {
    scan.begin();
    port.postMessage({ begun: true } satisfies FormatWorkerMessage);
  }
  if (m.scan === 'release') scan.release();
}

port.on('message', (m: FormatWorkerReply | FormatWorkerOrder) => {
  if (!('call' in m)) {
    try {
      order(m);
    } catch (e) {
      // A part that could not lock or begin lets the lock go: writers must not wait on a failed export.
      scan.close();
      fail(e);
    }
    return;
  }
  const waiting = calls.get(m.call);
  if (!waiting) return;
  calls.delete(m.call);
  if ('error' in m) waiting.reject(new Error(m.error));
  else waiting.resolve(m.result as never);
});
port.postMessage({ ready: true } satisfies FormatWorkerMessage);
