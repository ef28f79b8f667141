/**
 * Bulk loading of whole cases (the sample-data seeder): each table's rows for many cases go in
 * multi-row INSERTs instead of one statement per row, inside the caller's transaction. The rows
 * are the ones the runtime's own writes would have left (see `LoadedCase`).
 */
import * as instances from './instance-queries.js';
import * as jobs from './job-queries.js';
import * as misc from './misc-queries.js';
import { insertCopies } from './copy-queries.js';
import * as records from './record-queries.js';
import type { Executor, StoreContext } from './store-context.js';
import * as tasks from './task-queries.js';
import type { LoadedCase } from './types.js';

/** Timers per INSERT (the timers query binds six values a row). */
const TIMERS_PER_INSERT = 64;
/** Copies per INSERT (13 values a row, a row per recipient). */
const COPIES_PER_INSERT = 64;

export async function loadCases(
  db: Executor,
  ctx: StoreContext,
  cases: readonly LoadedCase[],
): Promise<void> {
  await records.insertRecords(
    db,
    ctx,
    cases.flatMap((c) => c.records),
  );
  await instances.insertInstances(
    db,
    ctx,
    cases.flatMap((c) => (c.instance ? [c.instance] : [])),
  );
  for (const c of cases)
    for (const r of c.recordUpdates)
      await records.updateRecord(db, ctx, r.id, { data: r.data, updatedAt: r.updatedAt });
  await tasks.insertTasks(
    db,
    ctx,
    cases.flatMap((c) => c.tasks),
  );
  const timers = cases.flatMap((c) => c.timers);
  for (let from = 0; from < timers.length; from += TIMERS_PER_INSERT)
    await jobs.scheduleTimers(db, ctx, timers.slice(from, from + TIMERS_PER_INSERT));
  await instances.appendHistories(
    db,
    ctx,
    cases.flatMap((c) =>
      c.instance && c.history.length > 0 ? [{ instanceId: c.instance.id, events: c.history }] : [],
    ),
  );
  const copies = cases.flatMap((c) => c.copies ?? []);
  for (let from = 0; from < copies.length; from += COPIES_PER_INSERT)
    await insertCopies(db, copies.slice(from, from + COPIES_PER_INSERT));
  for (const c of cases) {
    for (const o of c.outbox) await jobs.enqueueOutbox(db, ctx, o);
    for (const n of c.notifications) await misc.insertNotification(db, ctx, n);
    for (const i of c.incidents) await misc.openIncident(db, ctx, i);
  }
}
