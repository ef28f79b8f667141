/**
 * A CSV export of a SQLite file on two threads besides the request's own. Each reads its part of
 * the rows on a connection of its own (chunk c of the list's order goes to thread c % 2; the
 * threads read one snapshot: record-scan-part.ts), then parses, labels and formats its chunks
 * exactly as the single-threaded export does (export-csv-worker.ts); this thread only writes their
 * bytes in chunk order. On one thread a row cost about 25 µs of reading, parsing and formatting,
 * so a million rows held the event loop for half a minute; spread out, the server keeps answering
 * requests meanwhile. Rows no longer pass through a scan thread of their own: two busy threads
 * on two cores instead of three, and a chunk of consecutive records is read as one range.
 *
 * Memory stays bounded: a thread formats a chunk only on a credit, and a credit comes back for
 * each chunk written and drained (`AHEAD` in flight in all); each thread collects its own garbage.
 */
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FormDef } from '../../engine/index.js';
import type { ScanStatement } from '../store/store.js';
import { SQLITE_DRIVER, workerScript } from '../worker-script.js';
import type {
  FormatWorkerData,
  FormatWorkerMessage,
  FormatWorkerOrder,
  FormatWorkerReply,
  LabelMethod,
} from './export-csv-worker.js';
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

// `../reports/`, not `./`: this module also runs bundled into runtime/dist/flowcase.mjs.
const FORMATTER_ENTRY = fileURLToPath(new URL('../reports/export-csv-worker.ts', import.meta.url));
/** The formatting threads' script (`workerScript`); it fails when esbuild cannot build it. */
export function formatterSource(): Promise<string> {
  return workerScript(FORMATTER_ENTRY);
}
const METHODS: ReadonlySet<LabelMethod> = new Set([
  'getUsers',
  'listUserNames',
  'fieldValues',
  'listRecords',
]);

export interface ParallelCsvExport {
  /** Its rows carry one column per label after the record's four (`Store.scanStatement`). */
  statement: ScanStatement;
  /** Which labels the statement reads (the rest are null), as `exportColumns` takes them. */
  joined: readonly boolean[];
  app: string;
  form: string;
  forms: FormDef[];
  lang: Lang;
  /** The zone datetimes are written in. */
  timeZone: string;
  /** Where the formatting threads' labels are read (the store). */
  source: LabelSource;
  /** The first line, BOM and headers included. */
  head: string;
  /** A list view's columns (`exportColumns`); absent: every field. */
  columns?: string[];
}

/** Users go to the formatting threads as names only (never their other columns). */
async function answer(source: LabelSource, method: LabelMethod, args: unknown[]): Promise<unknown> {
  if (method === 'getUsers')
    return (await source.getUsers(args[0] as string[])).map((u) => ({
      id: u.id,
      displayName: u.displayName,
    }));
  return (source[method] as (...a: unknown[]) => Promise<unknown>)(...args);
}

/**
 * Writes the export to `out` and ends it (unless the reader went away); returns the rows written,
 * or undefined, having written nothing, when the threads could not begin their snapshot (part 0
 * waited `LOCK_WAIT_MS` (record-scan-part.ts) for the write lock: a long write such as a bulk
 * import held it).
 */
export async function writeCsvInParallel(
  job: ParallelCsvExport,
  out: Writable,
  drained: (out: Writable) => Promise<boolean>,
): Promise<number | undefined> {
  const script = await formatterSource();
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
  const tell = (part: number, order: FormatWorkerOrder): void => formatters[part]!.postMessage(order);

  // Every formatting thread asks for all users' names and, per related form, its whole display
  // column: read once and handed to each (at a million requests, 100,000 of each), then forgotten.
  const whole = new Map<string, { answer: Promise<unknown>; left: number }>();
  const shared = (method: LabelMethod, args: unknown[]): Promise<unknown> => {
    if (method !== 'listUserNames' && !(method === 'fieldValues' && args[3] === undefined))
      return answer(job.source, method, args);
    const key = JSON.stringify([method, args]);
    const entry = whole.get(key) ?? { answer: answer(job.source, method, args), left: FORMATTERS };
    if (--entry.left === 0) whole.delete(key);
    else whole.set(key, entry);
    return entry.answer;
  };

  // The snapshot handshake (export-csv-worker.ts): all connections open, part 0 locks and
  // begins, the others begin, the lock goes, and each thread gets its first credits.
  let opened = 0;
  let begun = 0;
  let locked: boolean | undefined;
  const handshake = (m: { ready?: true; begun?: true; unlocked?: true }): void => {
    if (m.ready && ++opened === FORMATTERS) tell(0, { scan: 'lock' });
    if (m.unlocked) locked = false;
    if (!m.begun) return;
    if (++begun === 1) for (let part = 1; part < FORMATTERS; part++) tell(part, { scan: 'begin' });
    if (begun < FORMATTERS) return;
    tell(0, { scan: 'release' });
    locked = true;
    for (let part = 0; part < FORMATTERS; part++) tell(part, { credit: AHEAD / FORMATTERS });
  };
  for (let part = 0; part < FORMATTERS; part++) {
    const data: FormatWorkerData = {
      app: job.app,
      form: job.form,
      forms: job.forms,
      lang: job.lang,
      timeZone: job.timeZone,
      joined: [...job.joined],
      statement: job.statement,
      part,
      parts: FORMATTERS,
      chunk: CHUNK,
      driver: SQLITE_DRIVER,
      ...(job.columns ? { columns: job.columns } : {}),
    };
    const worker = new Worker(script, { eval: true, workerData: data, resourceLimits: FORMATTER_LIMITS });
    worker.on('message', (m: FormatWorkerMessage) => {
      if ('error' in m) return fail(new Error(m.error));
      if ('call' in m) {
        if (!METHODS.has(m.method)) return fail(new Error(`unknown label source method ${String(m.method)}`));
        shared(m.method, m.args).then(
          (result) => worker.postMessage({ call: m.call, result } satisfies FormatWorkerReply),
          (e: unknown) =>
            worker.postMessage({
              call: m.call,
              error: e instanceof Error ? e.message : String(e),
            } satisfies FormatWorkerReply),
        );
        return;
      }
      if ('total' in m) total ??= m.total;
      else if ('c' in m) ready.set(m.c, m);
      else handshake(m);
      poke();
    });
    worker.on('error', fail);
    worker.on('exit', onExit);
    formatters.push(worker);
  }

  let count = 0;
  let next = 0;
  try {
    while (locked === undefined) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    if (!locked) return undefined;
    out.write(job.head);
    for (;;) {
      let piece = ready.get(next);
      while (piece) {
        ready.delete(next);
        out.write(piece.bytes);
        count += piece.count;
        if (!(await drained(out))) return count;
        tell(next++ % FORMATTERS, { credit: 1 });
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
    // Also when the reader went away: every thread and its connection (and a lock still held) go.
    finished = true;
    await Promise.all(formatters.map((w) => w.terminate().catch(() => undefined)));
  }
}
