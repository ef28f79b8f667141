/**
 * Timers and the outbox: due-at rows claimed under a lease. A claim is one UPDATE … RETURNING
 * whose row choice is `FOR UPDATE SKIP LOCKED` on PostgreSQL (concurrent claimers skip each
 * other's rows) and runs inside the caller's `BEGIN IMMEDIATE` on SQLite (claims are serialized).
 * Either way a row is leased to one owner at a time; firing is then marked exactly once.
 */
import type { Selectable } from 'kysely';
import { FlowcaseError } from '../../engine/index.js';
import type { OutboxTable, TimersTable } from './schema.js';
import { affectedRows, runShaped } from './shaped-query.js';
import { addMs, parseJson } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { NewOutbox, NewTimer, OutboxRow, TimerRow } from './types.js';

function toTimer(r: Selectable<TimersTable>): TimerRow {
  return {
    id: r.id,
    instanceId: r.instance_id,
    kind: r.kind as TimerRow['kind'],
    node: r.node,
    taskId: r.task_id,
    dueAt: r.due_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    firedAt: r.fired_at,
    cancelledAt: r.cancelled_at,
  };
}

function toOutbox(r: Selectable<OutboxTable>): OutboxRow {
  return {
    id: r.id,
    kind: r.kind as OutboxRow['kind'],
    payload: parseJson(r.payload),
    status: r.status as OutboxRow['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    instanceId: r.instance_id,
    createdAt: r.created_at,
  };
}

export async function scheduleTimer(
  db: Executor,
  ctx: Pick<StoreContext, 'dialect'>,
  t: NewTimer,
): Promise<void> {
  await runShaped(
    db,
    ctx.dialect,
    'timer.schedule',
    [t.id, t.instanceId, t.kind, t.node, t.taskId ?? null, t.dueAt],
    ([id, instance, kind, node, task, due]) =>
      db.insertInto('timers').values({
        id: id as string,
        instance_id: instance as string,
        kind: kind as string,
        node: node as string,
        task_id: task as string | null,
        due_at: due as string,
        lease_owner: null,
        lease_until: null,
        fired_at: null,
        cancelled_at: null,
      }),
  );
}

const TIMER_COLUMNS = ['id', 'instance_id', 'kind', 'node', 'task_id', 'due_at'] as const;

/** Inserts pending timers with one multi-row INSERT. */
export async function scheduleTimers(
  db: Executor,
  ctx: Pick<StoreContext, 'dialect'>,
  timers: readonly NewTimer[],
): Promise<void> {
  const n = timers.length;
  if (n === 0) return;
  const args: unknown[] = [];
  for (const t of timers) args.push(t.id, t.instanceId, t.kind, t.node, t.taskId ?? null, t.dueAt);
  const width = TIMER_COLUMNS.length;
  await runShaped(db, ctx.dialect, `timer.schedule:${n}`, args, (a) =>
    db.insertInto('timers').values(
      Array.from({ length: n }, (_, r) => ({
        ...(Object.fromEntries(TIMER_COLUMNS.map((c, i) => [c, a[r * width + i]])) as {
          id: string;
          instance_id: string;
          kind: string;
          node: string;
          task_id: string | null;
          due_at: string;
        }),
        lease_owner: null,
        lease_until: null,
        fired_at: null,
        cancelled_at: null,
      })),
    ),
  );
}

/** Cancels the pending timers among `ids` with one UPDATE (fired or cancelled ones stay as they are). */
export async function cancelTimers(
  db: Executor,
  ctx: StoreContext,
  ids: readonly string[],
  at?: string,
): Promise<void> {
  const n = ids.length;
  if (n === 0) return;
  await runShaped(db, ctx.dialect, `timer.cancel:${n}`, [at ?? ctx.now(), ...ids], ([at, ...ids]) =>
    db
      .updateTable('timers')
      .set({ cancelled_at: at as string })
      .where('id', 'in', ids as string[])
      .where('fired_at', 'is', null)
      .where('cancelled_at', 'is', null),
  );
}

export async function cancelTimer(db: Executor, ctx: StoreContext, id: string, at?: string): Promise<void> {
  await runShaped(db, ctx.dialect, 'timer.cancel', [at ?? ctx.now(), id], ([at, id]) =>
    db
      .updateTable('timers')
      .set({ cancelled_at: at as string })
      .where('id', '=', id as string)
      .where('fired_at', 'is', null)
      .where('cancelled_at', 'is', null),
  );
}

export async function markTimerFired(
  db: Executor,
  ctx: StoreContext,
  id: string,
  at?: string,
): Promise<void> {
  const result = await runShaped(db, ctx.dialect, 'timer.fired', [at ?? ctx.now(), id], ([at, id]) =>
    db
      .updateTable('timers')
      .set({ fired_at: at as string, lease_owner: null, lease_until: null })
      .where('id', '=', id as string)
      .where('fired_at', 'is', null)
      .where('cancelled_at', 'is', null),
  );
  if (affectedRows(result) === 0)
    throw new FlowcaseError('FC_CONFLICT', `Timer ${id} already fired or was cancelled`, {
      path: `/timers/${id}`,
    });
}

export async function getTimer(db: Executor, id: string): Promise<TimerRow | undefined> {
  const r = await db.selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTimer(r) : undefined;
}

export async function claimDueTimers(
  db: Executor,
  ctx: StoreContext,
  now: string,
  owner: string,
  leaseMs: number,
  limit: number,
): Promise<TimerRow[]> {
  const rows = await db
    .updateTable('timers')
    .set({ lease_owner: owner, lease_until: addMs(now, leaseMs) })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('timers')
        .select('id')
        .where('fired_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .where('due_at', '<=', now)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', now)]))
        .orderBy('due_at')
        .limit(limit)
        .$if(ctx.dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  return rows.map(toTimer).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
}

export async function enqueueOutbox(db: Executor, ctx: StoreContext, o: NewOutbox): Promise<void> {
  const at = ctx.now();
  const args = [o.id, o.kind, JSON.stringify(o.payload), o.nextAttemptAt ?? at, o.instanceId ?? null, at];
  await runShaped(db, ctx.dialect, 'outbox.enqueue', args, ([id, kind, payload, next, instance, created]) =>
    db.insertInto('outbox').values({
      id: id as string,
      kind: kind as string,
      payload: payload as string,
      status: 'pending',
      attempts: 0,
      next_attempt_at: next as string,
      last_error: null,
      lease_owner: null,
      lease_until: null,
      instance_id: instance as string | null,
      created_at: created as string,
    }),
  );
}

export async function claimOutbox(
  db: Executor,
  ctx: StoreContext,
  now: string,
  owner: string,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({ lease_owner: owner, lease_until: addMs(now, leaseMs), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .$if(ctx.dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  return rows
    .map(toOutbox)
    .sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : 0));
}

export async function completeOutbox(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'done', lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .execute();
}

export async function failOutbox(
  db: Executor,
  id: string,
  nextAttemptAt: string | null,
  error: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: nextAttemptAt === null ? 'failed' : 'pending',
      next_attempt_at: nextAttemptAt ?? eb.ref('next_attempt_at'),
      last_error: error.slice(0, 2000),
      lease_owner: null,
      lease_until: null,
    }))
    .where('id', '=', id)
    .execute();
}

/** Puts a failed row back in the queue with a fresh attempt budget (an admin's incident retry). */
export async function retryOutbox(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function getOutbox(db: Executor, id: string): Promise<OutboxRow | undefined> {
  const r = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toOutbox(r) : undefined;
}
