/**
 * Instances with optimistic concurrency, and their append-only history. There is deliberately no
 * function here (or anywhere in the store) that updates or deletes history rows.
 */
import type { Selectable } from 'kysely';
import { FlowcaseError, type FlowSnapshot, type HistoryEvent } from '../../engine/index.js';
import { countInsertedInstances, countInstanceEnd } from './flow-stats-write.js';
import type { HistoryTable, InstancesTable } from './schema.js';
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

export async function getInstance(
  db: Executor,
  ctx: Pick<StoreContext, 'dialect'>,
  id: string,
): Promise<InstanceRow | undefined> {
  const { rows } = await runShaped(db, ctx.dialect, 'instance.get', [id], ([id]) =>
    db
      .selectFrom('instances')
      .selectAll()
      .where('id', '=', id as string),
  );
  return rows[0] ? toInstance(rows[0]) : undefined;
}

export async function getInstanceByRecord(db: Executor, recordId: string): Promise<InstanceRow | undefined> {
  const r = await db
    .selectFrom('instances')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
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
  await countInsertedInstances(db, ctx, [
    {
      app: i.app,
      flow: i.flow,
      createdAt: at,
      status: i.snapshot.status,
      outcome: i.snapshot.outcome,
      endedAt: at,
    },
  ]);
  return toInstance(row);
}

const INSTANCE_COLUMNS = [
  'id',
  'app_key',
  'flow_key',
  'version',
  'record_id',
  'status',
  'snapshot',
  'rev',
  'created_at',
  'updated_at',
] as const;

/**
 * Bulk loaders (the seeder): instances with their final snapshot, revision and update time, in
 * multi-row INSERTs.
 */
export async function insertInstances(
  db: Executor,
  ctx: StoreContext,
  list: readonly (NewInstance & { rev: number; updatedAt: string })[],
): Promise<void> {
  const width = INSTANCE_COLUMNS.length;
  for (let from = 0; from < list.length; from += BULK_ROWS) {
    const chunk = list.slice(from, from + BULK_ROWS);
    const n = chunk.length;
    const args = chunk.flatMap((i) => {
      const at = i.createdAt ?? ctx.now();
      return [
        i.id,
        i.app,
        i.flow,
        i.version,
        i.recordId,
        i.snapshot.status,
        JSON.stringify(i.snapshot),
        i.rev,
        at,
        i.updatedAt,
      ];
    });
    await runShaped(db, ctx.dialect, `instance.insert:${n}`, args, (a) =>
      db
        .insertInto('instances')
        .values(
          Array.from(
            { length: n },
            (_, r) => Object.fromEntries(INSTANCE_COLUMNS.map((c, k) => [c, a[r * width + k]])) as never,
          ),
        ),
    );
  }
  await countInsertedInstances(
    db,
    ctx,
    list.map((i) => ({
      app: i.app,
      flow: i.flow,
      createdAt: i.createdAt ?? ctx.now(),
      status: i.snapshot.status,
      outcome: i.snapshot.outcome,
      endedAt: i.updatedAt,
    })),
  );
}

/** Rows per bulk multi-row INSERT: few distinct statement shapes, far under the bind limits. */
const BULK_ROWS = 64;

export async function saveInstance(
  db: Executor,
  ctx: StoreContext,
  id: string,
  snapshot: FlowSnapshot,
  expectedRev: number,
  updatedAt?: string,
  statusAtRev?: string,
): Promise<number> {
  const at = updatedAt ?? ctx.now();
  await countInstanceEnd(db, ctx, id, expectedRev, snapshot, at);
  // A column in the SET list rewrites its index entries even when its value stays: most steps
  // leave the status as it was, and then leave `instances_status` alone too. The revision check
  // makes `statusAtRev` the row's status.
  const set: [string, unknown][] = [
    ['snapshot', JSON.stringify(snapshot)],
    ...(statusAtRev === snapshot.status ? [] : [['status', snapshot.status] as [string, unknown]]),
    ['rev', expectedRev + 1],
    ['updated_at', at],
  ];
  const result = await runShaped(
    db,
    ctx.dialect,
    `instance.save:${set.map(([c]) => c).join(',')}`,
    [...set.map(([, v]) => v), id, expectedRev],
    (a) =>
      db
        .updateTable('instances')
        .set(Object.fromEntries(set.map(([c], i) => [c, a[i]])))
        .where('id', '=', a[set.length] as string)
        .where('rev', '=', a[set.length + 1] as number),
  );
  if (affectedRows(result) === 0) {
    throw new FlowcaseError(
      'FC_CONFLICT',
      `Instance ${id} was changed by someone else (expected revision ${expectedRev})`,
      { path: `/instances/${id}` },
    );
  }
  return expectedRev + 1;
}

const HISTORY_COLUMNS = [
  'instance_id',
  'seq',
  'at',
  'actor',
  'type',
  'node',
  'action',
  'comment',
  'changes',
  'detail',
] as const;

/** A history row as stored, minus its instance id. */
type HistoryRow = Omit<HistoryTable, 'instance_id'>;

function toHistoryRow(e: HistoryEvent): HistoryRow {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    type: e.type,
    node: e.node ?? null,
    action: e.action ?? null,
    comment: e.comment ?? null,
    changes: e.changes ? JSON.stringify(e.changes) : null,
    detail: e.detail ? JSON.stringify(e.detail) : null,
  };
}

function toHistoryEvent(r: HistoryRow): HistoryEvent {
  const e: HistoryEvent = { seq: Number(r.seq), at: r.at, actor: r.actor, type: r.type };
  if (r.node !== null) e.node = r.node;
  if (r.action !== null) e.action = r.action;
  if (r.comment !== null) e.comment = r.comment;
  if (r.changes !== null) e.changes = parseJson(r.changes);
  if (r.detail !== null) e.detail = parseJson(r.detail);
  return e;
}

/**
 * Events exactly as `listHistory` will return them once `appendHistory` stored them (fields the
 * table does not keep dropped, JSON columns round-tripped), for callers that keep what they wrote.
 */
export function asStoredHistory(events: readonly HistoryEvent[]): HistoryEvent[] {
  return events.map((e) => toHistoryEvent(toHistoryRow(e)));
}

/** Bulk loaders: the histories of many instances, in multi-row INSERTs; a used `seq` throws `FC_CONFLICT`. */
export async function appendHistories(
  db: Executor,
  ctx: Pick<StoreContext, 'dialect'>,
  items: readonly { instanceId: string; events: readonly HistoryEvent[] }[],
): Promise<void> {
  const rows = items.flatMap(({ instanceId, events }) => events.map((event) => ({ instanceId, event })));
  for (let from = 0; from < rows.length; from += BULK_ROWS) {
    const chunk = rows.slice(from, from + BULK_ROWS);
    await insertHistoryRows(db, ctx, chunk, chunk[0]!.instanceId);
  }
}

export async function appendHistory(
  db: Executor,
  ctx: Pick<StoreContext, 'dialect'>,
  instanceId: string,
  events: readonly HistoryEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await insertHistoryRows(
    db,
    ctx,
    events.map((event) => ({ instanceId, event })),
    instanceId,
  );
}

async function insertHistoryRows(
  db: Executor,
  ctx: Pick<StoreContext, 'dialect'>,
  rows: readonly { instanceId: string; event: HistoryEvent }[],
  instanceId: string,
): Promise<void> {
  const events = rows.map((r) => r.event);
  const args: unknown[] = [];
  for (const { instanceId: id, event } of rows) {
    const r = toHistoryRow(event);
    args.push(id, r.seq, r.at, r.actor, r.type, r.node, r.action, r.comment, r.changes, r.detail);
  }
  const width = HISTORY_COLUMNS.length;
  // DO NOTHING instead of a constraint error keeps a PostgreSQL transaction usable until we throw.
  const result = await runShaped(db, ctx.dialect, `history.append:${events.length}`, args, (a) =>
    db
      .insertInto('history')
      .values(
        events.map(
          (_, r) => Object.fromEntries(HISTORY_COLUMNS.map((c, i) => [c, a[r * width + i]])) as never,
        ),
      )
      .onConflict((oc) => oc.doNothing()),
  );
  if (affectedRows(result) !== events.length) {
    throw new FlowcaseError('FC_CONFLICT', `History seq already used for instance ${instanceId}`, {
      path: `/instances/${instanceId}/history`,
    });
  }
}

/** An instance's events in `seq` order; with `afterSeq`, only the later ones. */
export async function listHistory(
  db: Executor,
  ctx: Pick<StoreContext, 'dialect'>,
  instanceId: string,
  afterSeq?: number,
): Promise<HistoryEvent[]> {
  const { rows } =
    afterSeq === undefined
      ? await runShaped(db, ctx.dialect, 'history.list', [instanceId], ([id]) =>
          db
            .selectFrom('history')
            .selectAll()
            .where('instance_id', '=', id as string)
            .orderBy('seq'),
        )
      : await runShaped(db, ctx.dialect, 'history.listAfter', [instanceId, afterSeq], ([id, after]) =>
          db
            .selectFrom('history')
            .selectAll()
            .where('instance_id', '=', id as string)
            .where('seq', '>', after as number)
            .orderBy('seq'),
        );
  return rows.map(toHistoryEvent);
}

/** How many instances of each version of an app are still open (`active`), by version. */
export async function countOpenInstancesByVersion(db: Executor, app: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('instances')
    .select(['version', db.fn.countAll<number>().as('n')])
    .where('app_key', '=', app)
    .where('status', '=', 'active')
    .groupBy('version')
    .execute();
  return new Map(rows.map((r) => [Number(r.version), Number(r.n)]));
}

/** Where each open instance of one version of an app stands: its flow, record and token nodes. */
export async function listOpenInstancePositions(
  db: Executor,
  app: string,
  version: number,
): Promise<{ id: string; flow: string; recordId: string; nodes: string[] }[]> {
  const rows = await db
    .selectFrom('instances')
    .select(['id', 'flow_key', 'record_id', 'snapshot'])
    .where('app_key', '=', app)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    flow: r.flow_key,
    recordId: r.record_id,
    nodes: parseJson<FlowSnapshot>(r.snapshot).tokens.map((t) => t.node),
  }));
}
