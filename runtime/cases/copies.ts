/**
 * 抄送 (copies) as people read them. A copy lets its recipient open the case read-only with the
 * copy's fields, also when they could not open the record otherwise (a supervisor of another app,
 * a customer copied on someone else's case); what they read is the copy's fields intersected with
 * what `readableFields` allows them, so a copy never shows a customer more than their own steps
 * would. Holders of a copy may also read the app's definition (to lay the case out).
 */
import { FlowcaseError } from '../../engine/index.js';
import type { CopyRow, RecordRow, Store } from '../store/store.js';
import { readableFields } from './access.js';
import type { VersionCache } from '../apps/version-cache.js';
import type { AppVersion } from './definitions.js';
import { nodeLabel } from './task-view.js';
import type { Actor } from './types.js';

/** A copy in the 抄送我的 list: the case, the step, when and why, and a preview of its fields. */
export interface CopyView {
  id: string;
  recordId: string;
  instanceId: string;
  app: string;
  form: string;
  node: string;
  nodeName: string;
  reason: CopyRow['reason'];
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
  /** The fields the copy shows, as far as the reader may read them. */
  fields: string[];
  /** The record's values of `fields`. */
  data: Record<string, unknown>;
}

/** The copy's fields the actor may read: all of them for staff, only their readable set for a customer. */
function shownFields(actor: Actor, version: AppVersion, form: string, copied: readonly string[]): string[] {
  const readable = readableFields(actor, version, form);
  return readable ? copied.filter((f) => readable.includes(f)) : [...copied];
}

/**
 * The fields `actor` reads of `record` through the copies they hold of its case, or undefined when
 * they hold none (then the record stays hidden from them, as before).
 */
export async function fieldsThroughCopies(
  store: Store,
  actor: Actor,
  version: AppVersion,
  record: RecordRow,
  instanceId: string | undefined,
): Promise<string[] | undefined> {
  if (!instanceId) return undefined;
  const copies = await store.copiesOnInstance(instanceId, actor.id, actor.roles);
  if (copies.length === 0) return undefined;
  const union = new Set(copies.flatMap((c) => c.fields));
  // In the form's order, so every reader gets the same shape.
  const ordered = (version.forms.get(record.form)?.def.fields ?? [])
    .map((f) => f.key)
    .filter((k) => union.has(k));
  return shownFields(actor, version, record.form, ordered);
}

/** The actor's copies, newest first, each with a preview of the record as the copy shows it. */
export async function listCopyViews(
  store: Store,
  definitions: VersionCache,
  actor: Actor,
  status: 'unread' | 'all',
  options: { limit?: number; cursor?: string } = {},
): Promise<{ items: CopyView[]; nextCursor?: string }> {
  const page = await store.listCopies(actor.id, actor.roles, { status, ...options });
  const records = new Map((await store.getRecords(page.items.map((c) => c.recordId))).map((r) => [r.id, r]));
  const items: CopyView[] = [];
  for (const copy of page.items) {
    const record = records.get(copy.recordId);
    if (!record) continue;
    const version = await definitions.get(record.app, record.version);
    const compiled = version.forms.get(record.form)?.compiled;
    const fields = shownFields(actor, version, record.form, copy.fields);
    const node = [...version.flows.values()].find(
      (f) => f.form === record.form && Object.hasOwn(f.nodes, copy.node),
    )?.nodes[copy.node];
    items.push({
      id: copy.id,
      recordId: copy.recordId,
      instanceId: copy.instanceId,
      app: copy.app,
      form: copy.form,
      node: copy.node,
      nodeName: nodeLabel(node?.name, actor.language, copy.nodeName),
      reason: copy.reason,
      taskId: copy.taskId,
      createdAt: copy.createdAt,
      readAt: copy.readAt,
      fields,
      data: compiled ? compiled.redact(record.data, fields) : {},
    });
  }
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** Marks one of the actor's copies read; 404 for anyone else's (ids do not leak). */
export async function markCopyRead(store: Store, actor: Actor, id: string): Promise<void> {
  if (id.length > 100) throw new FlowcaseError('FC_NOT_FOUND', `No copy ${id}.`, { path: '/id' });
  await store.markCopyRead(id, actor.id, actor.roles);
}
