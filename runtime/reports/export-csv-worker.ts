/**
 * One formatting thread of a parallel CSV export (export-csv-parallel.ts). Raw rows arrive from
 * the scan thread on `workerData.rows`, a chunk `{ c, rows }` at a time; each chunk is parsed,
 * labelled and formatted by the same `ExportRows` the single-threaded export uses, and its bytes
 * go to the parent as `{ c, bytes, count }` (the buffer moved, not copied). Most labels come with
 * the rows (the scan reads them); the few others are read through the parent's store: `{ call, method, args }` out, `{ call, result }` or `{ call, error }` back.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { FormDef } from '../../engine/index.js';
import { exportColumns } from './export-columns.js';
import { ExportRows } from './export-rows.js';
import { Labeler, type Lang, type LabelSource } from './labels.js';

export interface FormatWorkerData {
  app: string;
  form: string;
  forms: FormDef[];
  lang: Lang;
  /** Which of the export's labels the scan reads (`exportColumns`). */
  joined: boolean[];
  rows: MessagePort;
}

export type LabelMethod = keyof LabelSource;

export type FormatWorkerMessage =
  | { c: number; bytes: Uint8Array; count: number }
  | { call: number; method: LabelMethod; args: unknown[] }
  | { error: string };

export type FormatWorkerReply = { call: number; result: unknown } | { call: number; error: string };

/** `id, created_by, created_at, data`, then one value per label (`Store.scanStatement`). */
type RawRow = [string, string, string, string, ...(string | number | null)[]];

const port = parentPort!;
const data = workerData as FormatWorkerData;
const calls = new Map<number, { resolve: (value: never) => void; reject: (e: Error) => void }>();
let nextCall = 0;

function call<M extends LabelMethod>(method: M, args: Parameters<LabelSource[M]>): ReturnType<LabelSource[M]> {
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
const labeler = new Labeler(source, data.app, forms, data.lang);
const rows = new ExportRows(exportColumns(forms.get(data.form)!, labeler, data.joined), labeler);
const encoder = new TextEncoder();

port.on('message', (m: FormatWorkerReply) => {
  const waiting = calls.get(m.call);
  if (!waiting) return;
  calls.delete(m.call);
  if ('error' in m) waiting.reject(new Error(m.error));
  else waiting.resolve(m.result as never);
});

async function format(c: number, raw: readonly RawRow[]): Promise<void> {
  const chunk = raw.map(([id, createdBy, createdAt, json, ...labels]) => ({ id, createdBy, createdAt, data: JSON.parse(json) as Record<string, unknown>, labels }));
  await rows.prepare(chunk);
  let text = '';
  for (const r of chunk) text += rows.csv(r) + '\r\n';
  const bytes = encoder.encode(text);
  port.postMessage({ c, bytes, count: chunk.length } satisfies FormatWorkerMessage, [bytes.buffer]);
}

// Chunks are formatted one after another: `prepare` may wait on the parent for labels.
let work = Promise.resolve();
data.rows.on('message', (m: { c: number; rows: RawRow[] }) => {
  work = work
    .then(() => format(m.c, m.rows))
    .catch((e: unknown) => {
      port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies FormatWorkerMessage);
    });
});
