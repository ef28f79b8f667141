/**
 * Every record a list's filter selects, in the list's order, in chunks: what exports stream. On a
 * SQLite file it is one statement on a read-only connection of its own, stepped with `.iterate()`
 * on a worker thread (one consistent snapshot, no page queries, a few chunks in memory at most,
 * and the store's connection stays free for requests); elsewhere keyset pages of the record list.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { parseJson } from './sql-helpers.js';
import { listOrder, listRecords, recordConditions, requireTable } from './record-list.js';
import type { Executor, StoreContext } from './store-context.js';
import { labelReads } from './record-scan-labels.js';
import type { ScanWorkerData, ScanWorkerMessage } from './record-scan-worker.js';
import { SQLITE_DRIVER, workerScript } from '../worker-script.js';
import type { ListRecordsOptions, ScanLabel, ScannedRecord, ScanStatement } from './types.js';

// Small chunks: parsed records die young (a scavenge, not a mark-compact); at 1,000 rows a chunk
// the 100k export spent a fifth of its time in GC and peaked 100 MB higher.
const CHUNK = 200;

export async function* scanRecords(
  db: Executor,
  ctx: StoreContext,
  sqliteFile: string | undefined,
  app: string,
  form: string,
  options: ListRecordsOptions,
  labels: readonly ScanLabel[] = [],
): AsyncGenerator<ScannedRecord[]> {
  if (ctx.dialect !== 'sqlite' || !sqliteFile) {
    // Keyset pages read no labels: the caller looks them all up.
    let cursor: string | undefined;
    do {
      const page = await listRecords(db, ctx, app, form, {
        ...options,
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      yield page.items;
      cursor = page.nextCursor;
    } while (cursor);
    return;
  }
  yield* scanOnWorker(await compileScan(db, ctx, sqliteFile, app, form, options, labels), labels.length > 0);
}

/** Which of `labels` the scan reads in SQL: on a SQLite file, those whose columns exist. */
export async function scanLabels(
  db: Executor,
  ctx: StoreContext,
  sqliteFile: string | undefined,
  app: string,
  form: string,
  labels: readonly ScanLabel[],
): Promise<boolean[]> {
  if (ctx.dialect !== 'sqlite' || !sqliteFile) return labels.map(() => false);
  return (await labelReads(db, ctx, app, await requireTable(db, ctx, app, form), labels)).map(
    (r) => r.lookup !== undefined,
  );
}

/**
 * The statements an export of a SQLite file steps: one for the rows (`id, created_by, created_at,
 * data`, then the labels, in the list's order), or one for their keys in that order and one for
 * rows by key (several threads, `PartScan`); with the table's highest rowid as an estimate of
 * its size. Undefined elsewhere.
 */
export async function scanStatement(
  db: Executor,
  ctx: StoreContext,
  sqliteFile: string | undefined,
  app: string,
  form: string,
  options: ListRecordsOptions,
  labels: readonly ScanLabel[] = [],
): Promise<ScanStatement | undefined> {
  if (ctx.dialect !== 'sqlite' || !sqliteFile) return undefined;
  const scan = await compileScan(db, ctx, sqliteFile, app, form, options, labels);
  const top = await sql<{ n: number | null }>`select max(rowid) as n from ${sql.id(scan.table)}`.execute(db);
  const { table: _table, ...statement } = scan;
  return { ...statement, estimatedRows: Number(top.rows[0]?.n ?? 0) };
}

type CompiledScan = Omit<ScanStatement, 'estimatedRows'> & { table: string };
/** `id, created_by, created_at, data`, then one value per label. */
type RawScanRow = [string, string, string, string, ...(string | number | null)[]];

async function compileScan(
  db: Executor,
  ctx: StoreContext,
  file: string,
  app: string,
  form: string,
  options: ListRecordsOptions,
  labels: readonly ScanLabel[],
): Promise<CompiledScan> {
  const ft = await requireTable(db, ctx, app, form);
  const { orderBy } = listOrder(ft, ctx.dialect, options.sort);
  const where = recordConditions(ft, options.filter, options.createdBy);
  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const reads = await labelReads(db, ctx, app, ft, labels);
  const keys = reads.length ? sql`, ${sql.join(reads.map((r) => r.key))}` : sql``;
  const table = sql.id(ft.table);
  const query =
    sql`select "id", "created_by", "created_at", "data"${keys} from ${table} ${whereSql} order by ${sql.join(orderBy)}`.compile(
      db,
    );
  // The same rows and order as `query`, as keys first and rows by key after (record-scan-part.ts).
  const keyQuery = sql`select "seq" from ${table} ${whereSql} order by ${sql.join(orderBy)}`.compile(db);
  if (keyQuery.parameters.length !== query.parameters.length)
    throw new Error("the export scan's key statement lost its parameters");
  const rowQuery =
    sql`select "id", "created_by", "created_at", "data"${keys}, "seq" from ${table} where "seq" in (select value from json_each(${'[]'}))`.compile(
      db,
    );
  const rangeQuery =
    sql`select "id", "created_by", "created_at", "data"${keys}, "seq" from ${table} where "seq" between ${0} and ${0}`.compile(
      db,
    );
  return {
    file,
    sql: query.sql,
    parameters: query.parameters,
    keys: keyQuery.sql,
    rows: rowQuery.sql,
    range: rangeQuery.sql,
    lookups: reads.map((r) => r.lookup ?? null),
    table: ft.table,
  };
}

// `../store/`, not `./`: this module also runs bundled into runtime/dist/flowcase.mjs.
const SCAN_WORKER = fileURLToPath(new URL('../store/record-scan-worker.ts', import.meta.url));

async function scanWorker(
  statement: Pick<ScanStatement, 'file' | 'sql' | 'parameters' | 'lookups'>,
  chunk: number,
): Promise<Worker> {
  const data: ScanWorkerData = {
    file: statement.file,
    sql: statement.sql,
    parameters: statement.parameters,
    lookups: statement.lookups,
    chunk,
    driver: SQLITE_DRIVER,
  };
  return new Worker(await workerScript(SCAN_WORKER), { eval: true, workerData: data });
}
/** Chunks the worker may send before the reader has taken the first. */
const AHEAD = 4;

/**
 * The scan's SQLite work (stepping the statement, copying each row out of the page cache) on a
 * worker thread, beside the export's parsing and formatting here: two cores instead of one.
 */
async function* scanOnWorker(scan: CompiledScan, withLabels: boolean): AsyncGenerator<ScannedRecord[]> {
  const worker = await scanWorker(scan, CHUNK);
  const inbox: ScanWorkerMessage[] = [];
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
      if ('error' in m) throw new Error(m.error);
      if (m.done) finished = true;
      else worker.postMessage(1);
      const chunk = (m.rows as RawScanRow[]).map(
        ([id, createdBy, createdAt, data, ...labels]): ScannedRecord => ({
          id,
          createdBy,
          createdAt,
          data: parseJson<Record<string, unknown>>(data),
          ...(withLabels ? { labels } : {}),
        }),
      );
      if (chunk.length) yield chunk;
      if (m.done) return;
    }
  } finally {
    // Also when the reader stops early (a client that went away): the thread and its connection go.
    finished = true;
    await worker.terminate().catch(() => undefined);
  }
}
