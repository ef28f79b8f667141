/**
 * Every record a list's filter selects, in the list's order, in chunks: what exports stream. On a
 * SQLite file it is one statement on a read-only connection of its own, stepped with `.iterate()`
 * on a worker thread (one consistent snapshot, no page queries, a few chunks in memory at most,
 * and the store's connection stays free for requests); elsewhere keyset pages of the record list.
 */
import { createRequire } from 'node:module';
import { Worker, type MessagePort } from 'node:worker_threads';
import { sql } from 'kysely';
import { parseJson } from './sql-helpers.js';
import { listOrder, listRecords, recordConditions, requireTable } from './record-list.js';
import type { Executor, StoreContext } from './store-context.js';
import { labelReads } from './record-scan-labels.js';
import type { ListRecordsOptions, ScanLabel, ScannedRecord, ScanStatement } from './types.js';

// Small chunks: parsed records die young (a scavenge, not a mark-compact); at 1,000 rows a chunk
// the 100k export spent a fifth of its time in GC and peaked 100 MB higher.
const CHUNK = 200;

export async function* scanRecords(db: Executor, ctx: StoreContext, sqliteFile: string | undefined, app: string, form: string, options: ListRecordsOptions, labels: readonly ScanLabel[] = []): AsyncGenerator<ScannedRecord[]> {
  if (ctx.dialect !== 'sqlite' || !sqliteFile) {
    // Keyset pages read no labels: the caller looks them all up.
    let cursor: string | undefined;
    do {
      const page = await listRecords(db, ctx, app, form, { ...options, limit: 500, ...(cursor ? { cursor } : {}) });
      yield page.items;
      cursor = page.nextCursor;
    } while (cursor);
    return;
  }
  yield* scanOnWorker(await compileScan(db, ctx, sqliteFile, app, form, options, labels), labels.length > 0);
}

/** Which of `labels` the scan reads in SQL: on a SQLite file, those whose columns exist. */
export async function scanLabels(db: Executor, ctx: StoreContext, sqliteFile: string | undefined, app: string, form: string, labels: readonly ScanLabel[]): Promise<boolean[]> {
  if (ctx.dialect !== 'sqlite' || !sqliteFile) return labels.map(() => false);
  return (await labelReads(db, ctx, app, await requireTable(db, ctx, app, form), labels)).map((r) => r.lookup !== undefined);
}

/**
 * The one statement an export of a SQLite file steps (`id, created_by, created_at, data`, then
 * the labels, in the list's order), with the table's highest rowid as an estimate of its size; undefined elsewhere.
 */
export async function scanStatement(db: Executor, ctx: StoreContext, sqliteFile: string | undefined, app: string, form: string, options: ListRecordsOptions, labels: readonly ScanLabel[] = []): Promise<ScanStatement | undefined> {
  if (ctx.dialect !== 'sqlite' || !sqliteFile) return undefined;
  const scan = await compileScan(db, ctx, sqliteFile, app, form, options, labels);
  const top = await sql<{ n: number | null }>`select max(rowid) as n from ${sql.id(scan.table)}`.execute(db);
  return { file: scan.file, sql: scan.sql, parameters: scan.parameters, lookups: scan.lookups, estimatedRows: Number(top.rows[0]?.n ?? 0) };
}

type CompiledScan = Omit<ScanStatement, 'estimatedRows'> & { table: string };

async function compileScan(db: Executor, ctx: StoreContext, file: string, app: string, form: string, options: ListRecordsOptions, labels: readonly ScanLabel[]): Promise<CompiledScan> {
  const ft = await requireTable(db, ctx, app, form);
  const { orderBy } = listOrder(ft, ctx.dialect, options.sort);
  const where = recordConditions(ft, options.filter, options.createdBy);
  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const reads = await labelReads(db, ctx, app, ft, labels);
  const keys = reads.length ? sql`, ${sql.join(reads.map((r) => r.key))}` : sql``;
  const query = sql`select "id", "created_by", "created_at", "data"${keys} from ${sql.id(ft.table)} ${whereSql} order by ${sql.join(orderBy)}`.compile(db);
  return { file, sql: query.sql, parameters: query.parameters, lookups: reads.map((r) => r.lookup ?? null), table: ft.table };
}

// Plain JavaScript so the worker needs no TypeScript loader. It steps the one statement on its own
// read-only connection (one snapshot) and sends raw rows a chunk at a time, only as many chunks
// ahead as it has credit for, so a slow reader holds back the scan instead of filling memory.
// With \`ports\` (transferred in \`workerData\`), chunk c goes to port c % ports.length as
// { c, rows } instead, and the parent hears only { total } (the number of chunks) at the end.
// Before a chunk leaves, its label key columns become labels (record-scan-labels.ts), read on the
// same connection, so labels and records come from the same snapshot.
const SCAN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const rows = db.prepare(workerData.sql).raw(true).iterate(...workerData.parameters);
const ports = workerData.ports;
// Column 4 + i holds label i's key; it leaves holding the label, or null when there is none.
const lookups = (workerData.lookups || []).map((q) => (q === null ? null : { read: db.prepare(q).raw(true), known: new Map() }));
function label(chunk) {
  for (let i = 0; i < lookups.length; i++) {
    const l = lookups[i];
    const col = 4 + i;
    const waiting = [];
    const missing = new Set();
    for (let r = 0; r < chunk.length; r++) {
      const key = chunk[r][col];
      // One Map read a key: a key read before and not found is cached as null.
      const known = l === null || typeof key !== 'string' ? null : l.known.get(key);
      if (known !== undefined) chunk[r][col] = known;
      else { waiting.push(r); missing.add(key); }
    }
    if (waiting.length === 0) continue;
    if (l.known.size + missing.size > workerData.labelCache) l.known.clear();
    for (const [id, value] of l.read.all(JSON.stringify([...missing]))) l.known.set(id, value);
    for (const id of missing) if (!l.known.has(id)) l.known.set(id, null);
    for (const r of waiting) chunk[r][col] = l.known.get(chunk[r][col]);
  }
}
let credit = 0;
let done = false;
let sent = 0;
parentPort.on('message', (m) => {
  credit += m;
  try {
    while (credit > 0 && !done) {
      const chunk = [];
      while (chunk.length < workerData.chunk) {
        const r = rows.next();
        if (r.done) { done = true; break; }
        chunk.push(r.value);
      }
      credit--;
      label(chunk);
      if (!ports) parentPort.postMessage({ rows: chunk, done });
      else if (chunk.length) ports[sent++ % ports.length].postMessage({ c: sent - 1, rows: chunk });
    }
    if (done && ports) parentPort.postMessage({ total: sent });
  } catch (e) {
    done = true;
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
  if (done) db.close();
});
`;
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');
/**
 * Labels the scan thread keeps per label before it starts over: the seeded million requests name
 * 60,000 users and 100,000 customers, about 20 MB in all, each read once.
 */
const LABEL_CACHE = 200_000;

/**
 * Steps `statement` on a worker thread that sends chunk c of `chunk` raw rows
 * (\`[id, created_by, created_at, data]\`) to \`ports[c % ports.length]\` as \`{ c, rows }\`, each after a
 * credit (\`worker.postMessage(n)\` grants n chunks), then tells the parent \`{ total }\` or \`{ error }\`.
 * One statement on one connection: one snapshot, however many threads format its rows.
 */
export function startScanWorker(statement: Pick<ScanStatement, 'file' | 'sql' | 'parameters' | 'lookups'>, ports: readonly MessagePort[], chunk: number): Worker {
  if (ports.length === 0) throw new Error('startScanWorker needs at least one port');
  return scanWorker(statement, ports, chunk);
}

/** Without \`ports\`, the worker sends \`{ rows, done }\` to the parent instead. */
function scanWorker(statement: Pick<ScanStatement, 'file' | 'sql' | 'parameters' | 'lookups'>, ports: readonly MessagePort[] | undefined, chunk: number): Worker {
  return new Worker(SCAN_WORKER, {
    eval: true,
    workerData: { file: statement.file, sql: statement.sql, parameters: statement.parameters, lookups: statement.lookups, labelCache: LABEL_CACHE, chunk, driver: DRIVER, ...(ports ? { ports } : {}) },
    transferList: ports ? [...ports] : [],
  });
}
/** Chunks the worker may send before the reader has taken the first. */
const AHEAD = 4;

/**
 * The scan's SQLite work (stepping the statement, copying each row out of the page cache) on a
 * worker thread, beside the export's parsing and formatting here: two cores instead of one.
 */
async function* scanOnWorker(scan: CompiledScan, withLabels: boolean): AsyncGenerator<ScannedRecord[]> {
  const worker = scanWorker(scan, undefined, CHUNK);
  const inbox: { rows?: [string, string, string, string, ...(string | number | null)[]][]; done?: boolean; error?: string }[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let finished = false;
  worker.on('message', (m: (typeof inbox)[number]) => {
    inbox.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', () => {
    if (!finished && !failure) failure = new Error('the export scan stopped');
    wake?.();
  });
  worker.postMessage(AHEAD);
  try {
    for (;;) {
      while (inbox.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      const m = inbox.shift()!;
      if (m.error !== undefined) throw new Error(m.error);
      if (m.done) finished = true;
      else worker.postMessage(1);
      const chunk = m.rows!.map(([id, createdBy, createdAt, data, ...labels]): ScannedRecord => ({ id, createdBy, createdAt, data: parseJson<Record<string, unknown>>(data), ...(withLabels ? { labels } : {}) }));
      if (chunk.length) yield chunk;
      if (m.done) return;
    }
  } finally {
    // Also when the reader stops early (a client that went away): the thread and its connection go.
    finished = true;
    await worker.terminate().catch(() => undefined);
  }
}
