/**
 * Subflow links (migration 0014): one row per child instance a `subflow` node started, keyed by
 * the engine's call id. Inserting a call id twice is `FC_CONFLICT` (checked by row count, so a
 * PostgreSQL transaction is not poisoned by the constraint).
 */
import type { Selectable } from 'kysely';
import { FlowcaseError } from '../../engine/index.js';
import type { SubflowLinksTable } from './schema.js';
import { touchedNone } from './sql-helpers.js';
import type { Executor } from './store-context.js';
import type { SubflowLink } from './types.js';

function toLink(r: Selectable<SubflowLinksTable>): SubflowLink {
  return {
    callId: r.call_id,
    parentInstanceId: r.parent_instance_id,
    parentRecordId: r.parent_record_id,
    parentNode: r.parent_node,
    childInstanceId: r.child_instance_id,
    childRecordId: r.child_record_id,
    depth: Number(r.depth),
    createdAt: r.created_at,
  };
}

export async function insertSubflowLink(db: Executor, link: SubflowLink): Promise<void> {
  const result = await db
    .insertInto('subflow_links')
    .values({
      call_id: link.callId,
      parent_instance_id: link.parentInstanceId,
      parent_record_id: link.parentRecordId,
      parent_node: link.parentNode,
      child_instance_id: link.childInstanceId,
      child_record_id: link.childRecordId,
      depth: link.depth,
      created_at: link.createdAt,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (touchedNone(result)) {
    throw new FlowcaseError('FC_CONFLICT', `The subflow call ${link.callId} has already started a child.`, {
      path: '/callId',
    });
  }
}

export async function getSubflowLink(db: Executor, callId: string): Promise<SubflowLink | undefined> {
  const row = await db
    .selectFrom('subflow_links')
    .selectAll()
    .where('call_id', '=', callId)
    .executeTakeFirst();
  return row ? toLink(row) : undefined;
}

export async function subflowLinkOfChild(
  db: Executor,
  childInstanceId: string,
): Promise<SubflowLink | undefined> {
  const row = await db
    .selectFrom('subflow_links')
    .selectAll()
    .where('child_instance_id', '=', childInstanceId)
    .executeTakeFirst();
  return row ? toLink(row) : undefined;
}

export async function listSubflowLinks(db: Executor, parentInstanceId: string): Promise<SubflowLink[]> {
  const rows = await db
    .selectFrom('subflow_links')
    .selectAll()
    .where('parent_instance_id', '=', parentInstanceId)
    .orderBy('created_at')
    .orderBy('call_id')
    .execute();
  return rows.map(toLink);
}
