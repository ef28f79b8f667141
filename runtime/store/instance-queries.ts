/**
 * Instances with optimistic concurrency, and their append-only history. There is deliberately no
 * function here (or anywhere in the store) that updates or deletes history rows.
 */
import type { Selectable } from 'kysely';
import { FlowcaseError, type FlowSnapshot, type HistoryEvent } from '../../engine/index.js';
import type { InstancesTable } from './schema.js';
import { parseJson, touchedNone } from './sql-helpers.js';
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

export async function getInstance(db: Executor, id: string): Promise<InstanceRow | undefined> {
  const r = await db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toInstance(r) : undefined;
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
  const result = await db
    .updateTable('instances')
    .set({ snapshot: JSON.stringify(snapshot), status: snapshot.status, rev: expectedRev + 1, updated_at: updatedAt ?? ctx.now() })
    .where('id', '=', id)
    .where('rev', '=', expectedRev)
    .executeTakeFirst();
  if (touchedNone(result)) {
    throw new FlowcaseError('FC_CONFLICT', `Instance ${id} was changed by someone else (expected revision ${expectedRev})`, { path: `/instances/${id}` });
  }
  return expectedRev + 1;
}

export async function appendHistory(db: Executor, instanceId: string, events: readonly HistoryEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    instance_id: instanceId,
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    type: e.type,
    node: e.node ?? null,
    action: e.action ?? null,
    comment: e.comment ?? null,
    changes: e.changes ? JSON.stringify(e.changes) : null,
    detail: e.detail ? JSON.stringify(e.detail) : null,
  }));
  // DO NOTHING instead of a constraint error keeps a PostgreSQL transaction usable until we throw.
  const result = await db.insertInto('history').values(rows).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== rows.length) {
    throw new FlowcaseError('FC_CONFLICT', `History seq already used for instance ${instanceId}`, { path: `/instances/${instanceId}/history` });
  }
}

export async function listHistory(db: Executor, instanceId: string): Promise<HistoryEvent[]> {
  const rows = await db.selectFrom('history').selectAll().where('instance_id', '=', instanceId).orderBy('seq').execute();
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
