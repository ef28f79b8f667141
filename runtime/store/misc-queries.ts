/**
 * The small tables: notifications, idempotency keys, files, autonumber sequences, incidents.
 */
import type { Selectable } from 'kysely';
import { FlowcaseError } from '../../engine/index.js';
import type { FilesTable, IncidentsTable, NotificationsTable } from './schema.js';
import { pageLimit, parseJson, touchedNone } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { FileRow, IncidentRow, NewIncident, NewNotification, NotificationRow } from './types.js';

function toNotification(r: Selectable<NotificationsTable>): NotificationRow {
  return {
    id: r.id,
    userId: r.user_id,
    title: r.title,
    body: r.body,
    recordId: r.record_id,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

function toFile(r: Selectable<FilesTable>): FileRow {
  return {
    id: r.id,
    blob: r.blob,
    name: r.name,
    type: r.type,
    size: Number(r.size),
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at,
  };
}

function toIncident(r: Selectable<IncidentsTable>): IncidentRow {
  return {
    id: r.id,
    instanceId: r.instance_id,
    node: r.node,
    reason: r.reason,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
  };
}

export async function insertNotification(db: Executor, ctx: StoreContext, n: NewNotification): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      id: n.id,
      user_id: n.userId,
      title: n.title,
      body: n.body,
      record_id: n.recordId ?? null,
      read_at: null,
      created_at: n.createdAt ?? ctx.now(),
    })
    // Its id is one per outbox row and user: a redelivery after a crash is already there. (No
    // error either, which on PostgreSQL would end the transaction around it.)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function listNotifications(
  db: Executor,
  userId: string,
  options: { unreadOnly?: boolean; limit?: number } = {},
): Promise<NotificationRow[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .$if(options.unreadOnly === true, (q) => q.where('read_at', 'is', null))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageLimit(options.limit, 100))
    .execute();
  return rows.map(toNotification);
}

export async function markNotificationRead(
  db: Executor,
  ctx: StoreContext,
  id: string,
  userId: string,
  at?: string,
): Promise<void> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at ?? ctx.now() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (touchedNone(result)) throw new FlowcaseError('FC_NOT_FOUND', `Notification ${id} not found`);
}

export async function getIdempotency(db: Executor, scope: string, key: string): Promise<unknown> {
  const r = await db
    .selectFrom('idempotency_keys')
    .select('response')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return r ? parseJson<unknown>(r.response) : undefined;
}

export async function putIdempotency(
  db: Executor,
  ctx: StoreContext,
  scope: string,
  key: string,
  response: unknown,
): Promise<void> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, response: JSON.stringify(response ?? null), created_at: ctx.now() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (touchedNone(result))
    throw new FlowcaseError('FC_CONFLICT', `Idempotency key already used`, { path: '/idempotency-key' });
}

export async function putFile(
  db: Executor,
  ctx: StoreContext,
  f: Omit<FileRow, 'createdAt'> & { createdAt?: string },
): Promise<FileRow> {
  // One row per upload, even of bytes already stored: the name and uploader are this upload's.
  const row = {
    id: f.id,
    blob: f.blob,
    name: f.name,
    type: f.type,
    size: f.size,
    uploaded_by: f.uploadedBy,
    created_at: f.createdAt ?? ctx.now(),
  };
  await db.insertInto('files').values(row).execute();
  return toFile(row);
}

export async function getFile(db: Executor, id: string): Promise<FileRow | undefined> {
  const r = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toFile(r) : undefined;
}

/** Takes `count` consecutive numbers of a sequence and returns the first. */
export async function nextSequence(
  db: Executor,
  app: string,
  form: string,
  field: string,
  day: string,
  count = 1,
): Promise<number> {
  const scope = `${app}/${form}/${field}/${day}`;
  const r = await db
    .insertInto('sequences')
    .values({ scope, value: count })
    .onConflict((oc) =>
      oc.column('scope').doUpdateSet((eb) => ({ value: eb('sequences.value', '+', count) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(r.value) - count + 1;
}

export async function openIncident(db: Executor, ctx: StoreContext, i: NewIncident): Promise<void> {
  await db
    .insertInto('incidents')
    .values({
      id: i.id,
      instance_id: i.instanceId,
      node: i.node,
      reason: i.reason,
      created_at: i.createdAt ?? ctx.now(),
      resolved_at: null,
      resolved_by: null,
    })
    .execute();
}

export async function listIncidents(
  db: Executor,
  options: { instanceId?: string; open?: boolean } = {},
): Promise<IncidentRow[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .$if(options.instanceId !== undefined, (q) => q.where('instance_id', '=', options.instanceId!))
    .$if(options.open === true, (q) => q.where('resolved_at', 'is', null))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toIncident);
}

export async function resolveIncident(
  db: Executor,
  ctx: StoreContext,
  id: string,
  by: string,
  at?: string,
): Promise<void> {
  const result = await db
    .updateTable('incidents')
    .set({ resolved_at: at ?? ctx.now(), resolved_by: by })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  if (touchedNone(result)) throw new FlowcaseError('FC_NOT_FOUND', `No open incident ${id}`);
}
