/**
 * Data-size figures on one SQLite file: bulk import of repair requests, the service desk's inbox
 * with `tasks` open tasks, record list pages (first and deep, keyset cursors) and filters over
 * `records` records, the server's RSS after serving them, and the durable step speed once the
 * instances table holds them.
 *
 * The rows are written straight through the store and bypass the flow, for speed only: records
 * with `store.insertRecords` (the bulk import, 1,000 per transaction), tasks and instances with
 * `store.write` (1,000 per transaction). These figures are about reads and the bulk import. Every record is a copy of a real
 * flagship record (status, fee and serial varied); every task sits on its own instance whose
 * snapshot is a real one taken just after `start`.
 */
import path from 'node:path';
import type { FlowSnapshot } from '../engine/index.js';
import { IMPORT_MAX_ROWS } from '../runtime/cases/record-import.js';
import type { NewRecord } from '../runtime/store/store.js';
import { APP, createInput, FORM } from './lib/flagship.js';
import { rawBulkInsert } from './lib/raw-bulk.js';
import { runtimeFlagship } from './lib/runtime-flagship.js';
import { median, nowMs } from './lib/stats.js';

export interface DataSizeFigures {
  /** The product's import (`cases.importRecords`, what `POST …/records/import` runs): validated rows into the grown table. */
  importRowsPerSec: number;
  importRows: number;
  /** The store's write path alone (`store.insertRecords`, 1,000 rows a transaction, no validation). */
  bulkRowsPerSec: number;
  /** The same rows by prepared multi-row INSERTs into a copy of the form table with its indexes (bench/lib/raw-bulk.ts). */
  rawBulkRowsPerSec: number;
  /** The same without the table's secondary indexes. */
  rawBulkNoIndexRowsPerSec: number;
  inboxStoreMs: number;
  inboxDeepStoreMs: number;
  inboxServiceMs: number;
  listFirstPageMs: number;
  listDeepPageMs: number;
  filterSelectMs: number;
  filterRangeMs: number;
}

const STATUSES = [
  'submitted',
  'quoting',
  'awaiting_customer',
  'awaiting_payment',
  'repairing',
  'shipping',
  'awaiting_survey',
  'closed',
];
const BATCH = 1000;

async function timeMedian(times: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = nowMs();
    await fn();
    samples.push(nowMs() - t);
  }
  return median(samples);
}

/**
 * Loads `records` repair requests into the store in `dataDir`, each with its own instance: the
 * first `tasks` of them just started, with an open intake task, the others finished. Then
 * imports a tenth as many more (at most 100,000) the way users import, to time that.
 */
export async function loadAndMeasure(
  dataDir: string,
  counts: { records: number; tasks: number },
): Promise<DataSizeFigures> {
  const rt = await runtimeFlagship({ dataDir });
  const { store, cases, actors } = rt;
  try {
    // A real record and a real just-started snapshot to copy.
    const sampleInstance = await rt.runInstance(0);
    const finished = await store.getInstance(sampleInstance);
    const template = (await store.getRecordWithInstance(finished!.recordId))!.record;
    const started = await cases.createRecord(APP, FORM, createInput(rt.ids, 0), actors.customer!);
    const snapshot: FlowSnapshot = (await store.getInstance(started.instance!.id))!.snapshot;
    const version = template.version;
    const base = Date.parse('2025-01-01T00:00:00.000Z');
    const tag = `b${process.pid}`;

    const t0 = nowMs();
    for (let from = 0; from < counts.records; from += BATCH) {
      const batch: NewRecord[] = [];
      for (let i = from; i < Math.min(from + BATCH, counts.records); i++) {
        const at = new Date(base + i * 1000).toISOString();
        const data = {
          ...template.data,
          status: STATUSES[i % STATUSES.length],
          quote_fee: i % 1000,
          serial_number: `SN-${i}`,
          rma_no: `RMA-${tag}-${i}`,
        };
        batch.push({
          id: `${tag}-r${i}`,
          app: APP,
          form: FORM,
          version,
          data,
          createdBy: actors.customer!.id,
          createdAt: at,
        });
      }
      // The store's bulk import: one transaction per batch, multi-row INSERTs.
      await store.insertRecords(batch);
    }
    const bulkRowsPerSec = (counts.records * 1000) / (nowMs() - t0);
    // The same rows straight into SQLite, with the form table's indexes and without them.
    const storeFile = path.join(dataDir, 'flowcase.db');
    const rawBulkRowsPerSec = rawBulkInsert(storeFile, APP, FORM, path.join(dataDir, 'raw-bulk.db'), true);
    const rawBulkNoIndexRowsPerSec = rawBulkInsert(
      storeFile,
      APP,
      FORM,
      path.join(dataDir, 'raw-bulk.db'),
      false,
    );

    // The import users run, into the table just grown: requests of IMPORT_MAX_ROWS new repair
    // requests, each row validated as a creation (relations, autonumber, formulas).
    const importRows = Math.max(IMPORT_MAX_ROWS, Math.min(100_000, Math.round(counts.records / 10)));
    const supervisor = actors.supervisor!;
    const t1 = nowMs();
    for (let from = 0; from < importRows; from += IMPORT_MAX_ROWS) {
      const rows = Array.from({ length: Math.min(IMPORT_MAX_ROWS, importRows - from) }, (_, i) =>
        createInput(rt.ids, counts.records + from + i),
      );
      await cases.importRecords(APP, FORM, rows, supervisor);
    }
    const importRowsPerSec = (importRows * 1000) / (nowMs() - t1);

    for (let from = 0; from < counts.records; from += BATCH) {
      await store.write(async (tx) => {
        for (let i = from; i < Math.min(from + BATCH, counts.records); i++) {
          const at = new Date(base + i * 1000).toISOString();
          const instanceId = `${tag}-i${i}`;
          const recordId = `${tag}-r${i}`;
          const open = i < counts.tasks;
          await tx.insertInstance({
            id: instanceId,
            app: APP,
            flow: 'repair',
            version,
            recordId,
            snapshot: open ? snapshot : finished!.snapshot,
            createdAt: at,
          });
          if (open)
            await tx.insertTask({
              id: `${tag}-t${i}`,
              instanceId,
              recordId,
              app: APP,
              form: FORM,
              node: 'intake',
              nodeName: 'Intake',
              assignees: [{ role: 'service_desk' }],
              createdAt: at,
              priority: i % 10 === 0 ? 1 : 0,
            });
        }
      });
    }
    await store.optimize();

    const desk = actors.desk!;
    const inboxStoreMs = await timeMedian(20, () => store.inbox(desk.id, desk.roles, { limit: 50 }));
    // A deep inbox page: follow the cursor 100 pages of 500 in.
    let cursor: string | undefined;
    for (let p = 0; p < Math.min(100, Math.floor(counts.tasks / 1000)); p++)
      cursor = (await store.inbox(desk.id, desk.roles, { limit: 500, ...(cursor ? { cursor } : {}) }))
        .nextCursor;
    const inboxDeepStoreMs = await timeMedian(20, () =>
      store.inbox(desk.id, desk.roles, { limit: 50, ...(cursor ? { cursor } : {}) }),
    );
    const inboxServiceMs = await timeMedian(10, () => cases.inbox(desk, 'open', { limit: 50 }));

    const listFirstPageMs = await timeMedian(20, () => store.listRecords(APP, FORM, { limit: 50 }));
    let listCursor: string | undefined;
    for (let p = 0; p < Math.floor(counts.records / 2 / 500); p++)
      listCursor = (
        await store.listRecords(APP, FORM, { limit: 500, ...(listCursor ? { cursor: listCursor } : {}) })
      ).nextCursor;
    const listDeepPageMs = await timeMedian(20, () =>
      store.listRecords(APP, FORM, { limit: 50, ...(listCursor ? { cursor: listCursor } : {}) }),
    );
    const filterSelectMs = await timeMedian(20, () =>
      store.listRecords(APP, FORM, { limit: 50, filter: { '==': [{ var: 'status' }, 'repairing'] } }),
    );
    const filterRangeMs = await timeMedian(10, () =>
      store.listRecords(APP, FORM, {
        limit: 50,
        filter: { and: [{ '>=': [{ var: 'quote_fee' }, 990] }, { '==': [{ var: 'status' }, 'closed'] }] },
      }),
    );
    return {
      importRowsPerSec,
      importRows,
      bulkRowsPerSec,
      rawBulkRowsPerSec,
      rawBulkNoIndexRowsPerSec,
      inboxStoreMs,
      inboxDeepStoreMs,
      inboxServiceMs,
      listFirstPageMs,
      listDeepPageMs,
      filterSelectMs,
      filterRangeMs,
    };
  } finally {
    await rt.close();
  }
}
