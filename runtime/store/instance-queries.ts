/**
 * Instances with optimistic concurrency, and their append-only history. There is deliberately no
 * function here (or anywhere in the store) that updates or deletes history rows.
 */
import type { Selectable } from 'kysely';
import { FlowcaseError, type FlowSnapshot, type HistoryEvent } from '../../engine/index.js';
import type { InstancesTable } from './schema.js';
import { affectedRows, runShaped } from './shaped-query.js';
import { parseJson } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { InstanceRow, NewInstance } from './types.js';

function toInstance(r: Selectable<InstancesTable>): InstanceRow {
  return {
    id: r.id,
    app: r.app_key,
    flow: r.flow_key,
    version: Number(r.version),
    recordId: r.record_id,
    status: r.status as InstanceRow['status'],
    snapshot: parseJson<FlowSnapshot>(r.snapshot),
    rev: Number(r.rev),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getInstance(db: Executor, ctx: Pick<StoreContext, 'dialect'>, id: string): Promise<InstanceRow | undefined> {
  const { rows } = await runShaped(db, ctx.dialect, 'instance.get', [id], ([id]) => db.selectFrom('instances').selectAll().where('id', '=', id as string));
  return rows[0] ? toInstance(rows[0]) : undefined;
}

export async function getInstanceByRecord(db: Executor, recordId: string): Promise<InstanceRow | undefined> {
  const r = await db.selectFrom('instances').selectAll().where('record_id', '=', recordId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return r ? toInstance(r) : undefined;
}

export async function insertInstance(db: Executor, ctx: StoreContext, i: NewInstance): Promise<InstanceRow> {
  const at = i.createdAt ?? ctx.now();
  const row = {
    id: i.id,
    app_key: i.app,
    flow_key: i.flow,
    version: i.version,
    record_id: i.recordId,
    status: i.snapshot.status,
    snapshot: JSON.stringify(i.snapshot),
    rev: 1,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('instances').values(row).execute();
  return toInstance(row);
}

export async function saveInstance(db: Executor, ctx: StoreContext, id: string, snapshot: FlowSnapshot, expectedRev: number, updatedAt?: string): Promise<number> {
  const args = [JSON.stringify(snapshot), snapshot.status, expectedRev + 1, updatedAt ?? ctx.now(), id, expectedRev];
  const result = await runShaped(db, ctx.dialect, 'instance.save', args, ([snapshot, status, rev, at, id, expected]) =>
    db
      .updateTable('instances')
      .set({ snapshot: snapshot as string, status: status as string, rev: rev as number, updated_at: at as string })
      .where('id', '=', id as string)
      .where('rev', '=', expected as number),
  );
  if (affectedRows(result) === 0) {
    throw new FlowcaseError('FC_CONFLICT', `Instance ${id} was changed by someone else (expected revision ${expectedRev})`, { path: `/instances/${id}` });
  }
  return expectedRev + 1;
}

const HISTORY_COLUMNS = ['instance_id', 'seq', 'at', 'actor', 'type', 'node', 'action', 'comment', 'changes', 'detail'] as const;

export async function appendHistory(db: Executor, ctx: Pick<StoreContext, 'dialect'>, instanceId: string, events: readonly HistoryEvent[]): Promise<void> {
  if (events.length === 0) return;
  const args: unknown[] = [];
  for (const e of events) {
    args.push(instanceId, e.seq, e.at, e.actor, e.type, e.node ?? null, e.action ?? null, e.comment ?? null, e.changes ? JSON.stringify(e.changes) : null, e.detail ? JSON.stringify(e.detail) : null);
  }
  const width = HISTORY_COLUMNS.length;
  // DO NOTHING instead of a constraint error keeps a PostgreSQL transaction usable until we throw.
  const result = await runShaped(db, ctx.dialect, `history.append:${events.length}`, args, (a) =>
    db
      .insertInto('history')
      .values(events.map((_, r) => Object.fromEntries(HISTORY_COLUMNS.map((c, i) => [c, a[r * width + i]])) as never))
      .onConflict((oc) => oc.doNothing()),
  );
  if (affectedRows(result) !== events.length) {
    throw new FlowcaseError('FC_CONFLICT', `History seq already used for instance ${instanceId}`, { path: `/instances/${instanceId}/history` });
  }
}

/** An instance's events in `seq` order; with `afterSeq`, only the later ones. */
export async function listHistory(db: Executor, ctx: Pick<StoreContext, 'dialect'>, instanceId: string, afterSeq?: number): Promise<HistoryEvent[]> {
  const { rows } =
    afterSeq === undefined
      ? await runShaped(db, ctx.dialect, 'history.list', [instanceId], ([id]) => db.selectFrom('history').selectAll().where('instance_id', '=', id as string).orderBy('seq'))
      : await runShaped(db, ctx.dialect, 'history.listAfter', [instanceId, afterSeq], ([id, after]) =>
          db.selectFrom('history').selectAll().where('instance_id', '=', id as string).where('seq', '>', after as number).orderBy('seq'),
        );
  return rows.map((r) => {
    const e: HistoryEvent = { seq: Number(r.seq), at: r.at, actor: r.actor, type: r.type };
    if (r.node !== null) e.node = r.node;
    if (r.action !== null) e.action = r.action;
    if (r.comment !== null) e.comment = r.comment;
    if (r.changes !== null) e.changes = parseJson(r.changes);
    if (r.detail !== null) e.detail = parseJson(r.detail);
    return e;
  });
}
