/**
 * A CSV export of a SQLite file on three threads besides the request's own: one steps the list's
 * statement (one connection, one snapshot: `startScanWorker`) and deals its chunks out in turn to
 * two formatting threads (export-csv-worker.ts), which parse, label and format them exactly as the
 * single-threaded export does; this thread only writes their bytes in chunk order. On one thread a
 * row cost about 25 µs of parsing and formatting, so a million rows held the event loop for half a
 * minute and ran below 40,000 rows/s; spread out, the server keeps answering requests meanwhile.
 *
 * Memory stays bounded: the scan thread runs only `AHEAD` chunks ahead of what was written (a
 * credit comes back for each chunk written and drained), and each thread collects its own garbage.
 */
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { FormDef } from '../../engine/index.js';
import { startScanWorker, type ScanStatement } from '../store/store.js';
import type { FormatWorkerData, FormatWorkerMessage, FormatWorkerReply, LabelMethod } from './export-csv-worker.js';
import type { Lang, LabelSource } from './labels.js';

/** Rows per chunk: about 100 KB of CSV for a repair request. */
const CHUNK = 256;
/** Chunks in flight (scanned, being formatted, or formatted and waiting their turn). */
const AHEAD = 8;
export const FORMATTERS = 2;
/**
 * A small young generation: a formatting thread's garbage is parsed records and lines that die
 * within a chunk, and V8's default (up to 16 MB a semi-space, per thread) added ~30 MB to the
 * export's peak RSS for no speed (measured at 100k rows). The old generation only bounds the label
 * caches (users, related records' display values: a few tens of MB at a million rows).
 */
const FORMATTER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/**
 * The formatting threads run export-csv-worker.ts and what it imports bundled into one CommonJS
 * script by esbuild (once per process, ~50 ms): a worker does not inherit this thread's module
 * hooks, and loading tsx in each worker instead took ~600 ms before the first row.
 */
let formatterScript: Promise<string> | undefined;
// `../reports/`, not `./`: this module also runs bundled into runtime/dist/flowcase.mjs.
const FORMATTER_ENTRY = fileURLToPath(new URL('../reports/export-csv-worker.ts', import.meta.url));
export function formatterSource(): Promise<string> {
  formatterScript ??= build({
    entryPoints: [FORMATTER_ENTRY],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return formatterScript;
}
const METHODS: ReadonlySet<LabelMethod> = new Set(['getUsers', 'listUserNames', 'fieldValues', 'listRecords']);

export interface ParallelCsvExport {
  /** Its rows carry one column per label after the record's four (`Store.scanStatement`). */
  statement: ScanStatement;
  /** Which labels the statement reads (the rest are null), as `exportColumns` takes them. */
  joined: readonly boolean[];
  app: string;
  form: string;
  forms: FormDef[];
  lang: Lang;
  /** Where the formatting threads' labels are read (the store). */
  source: LabelSource;
  /** The first line, BOM and headers included. */
  head: string;
}

/** Users go to the formatting threads as names only (never their other columns). */
async function answer(source: LabelSource, method: LabelMethod, args: unknown[]): Promise<unknown> {
  if (method === 'getUsers') return (await source.getUsers(args[0] as string[])).map((u) => ({ id: u.id, displayName: u.displayName }));
  return (source[method] as (...a: unknown[]) => Promise<unknown>)(...args);
}

/** Writes the export to `out` and ends it (unless the reader went away); returns the rows written. */
export async function writeCsvInParallel(job: ParallelCsvExport, out: Writable, drained: (out: Writable) => Promise<boolean>): Promise<number> {
  const script = await formatterSource();
  const channels = Array.from({ length: FORMATTERS }, () => new MessageChannel());
  const formatters: Worker[] = [];
  const ready = new Map<number, { bytes: Uint8Array; count: number }>();
  let total: number | undefined;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const poke = (): void => wake?.();
  const fail = (e: Error): void => {
    failure ??= e;
    poke();
  };
  let finished = false;
  const onExit = (): void => {
    if (!finished) fail(new Error('the export stopped'));
  };

  // Every formatting thread asks for all users' names and, per related form, its whole display
  // column: read once and handed to each (at a million requests, 100,000 of each), then forgotten.
  const whole = new Map<string, { answer: Promise<unknown>; left: number }>();
  const shared = (method: LabelMethod, args: unknown[]): Promise<unknown> => {
    if (method !== 'listUserNames' && !(method === 'fieldValues' && args[3] === undefined)) return answer(job.source, method, args);
    const key = JSON.stringify([method, args]);
    const entry = whole.get(key) ?? { answer: answer(job.source, method, args), left: FORMATTERS };
    if (--entry.left === 0) whole.delete(key);
    else whole.set(key, entry);
    return entry.answer;
  };
  for (const channel of channels) {
    const data: FormatWorkerData = { app: job.app, form: job.form, forms: job.forms, lang: job.lang, joined: [...job.joined], rows: channel.port2 };
    const worker = new Worker(script, { eval: true, workerData: data, transferList: [channel.port2], resourceLimits: FORMATTER_LIMITS });
    worker.on('message', (m: FormatWorkerMessage) => {
      if ('error' in m) return fail(new Error(m.error));
      if ('call' in m) {
        if (!METHODS.has(m.method)) return fail(new Error(`unknown label source method ${String(m.method)}`));
        shared(m.method, m.args).then(
          (result) => worker.postMessage({ call: m.call, result } satisfies FormatWorkerReply),
          (e: unknown) => worker.postMessage({ call: m.call, error: e instanceof Error ? e.message : String(e) } satisfies FormatWorkerReply),
        );
        return;
      }
      ready.set(m.c, m);
      poke();
    });
    worker.on('error', fail);
    worker.on('exit', onExit);
    formatters.push(worker);
  }
  const scan = startScanWorker(
    job.statement,
    channels.map((c) => c.port1),
    CHUNK,
  );
  scan.on('message', (m: { total?: number; error?: string }) => {
    if (m.error !== undefined) fail(new Error(m.error));
    else if (m.total !== undefined) total = m.total;
    poke();
  });
  scan.on('error', fail);
  scan.on('exit', () => {
    if (total === undefined) onExit();
  });

  let count = 0;
  let next = 0;
  try {
    out.write(job.head);
    scan.postMessage(AHEAD);
    for (;;) {
      let piece = ready.get(next);
      while (piece) {
        ready.delete(next++);
        out.write(piece.bytes);
        count += piece.count;
        if (!(await drained(out))) return count;
        scan.postMessage(1);
        piece = ready.get(next);
      }
      if (next === total) break;
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    out.end();
    return count;
  } finally {
    // Also when the reader went away: every thread and the scan's connection go.
    finished = true;
    await Promise.all([scan, ...formatters].map((w) => w.terminate().catch(() => undefined)));
  }
}
