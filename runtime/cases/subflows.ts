/**
 * Subflows at run time (the engine's `subflow` node, engine/flow/kinds/subflow.kind.ts). Each of
 * the node's effects becomes an outbox row in the step's own transaction (apply-effects.ts), and
 * the outbox worker hands the row here. Each row is applied in one transaction that also marks it
 * delivered, so a row delivered twice (a crash after the commit, an expired lease) changes
 * nothing the second time:
 * - `subflow.start`: the child's record is created (validated as a creation by the system, its
 *   creator the parent's submitter, so a customer sees and works their child case as their own)
 *   or the linked record is taken; the flow's instance starts on it and the link is stored
 *   (`subflow_links`, keyed by the call id). Nothing happens when that call started a child
 *   already, or the parent no longer waits for it. A start that cannot be made (the record is
 *   invalid for its form, the linked record is of another form or its flow still runs, the chain
 *   of parents is deeper than {@link MAX_SUBFLOW_DEPTH}) is reported to the parent as
 *   `not_started`, so it takes its `onError` way or fails with the reason.
 * - `subflow.done` (written when a child ends): steps the parent with the child's status and
 *   outcome; a parent that no longer waits for that call (released already, ended) takes nothing.
 * - `subflow.cancel` (the parent ended while the child ran): cancels the child if it still runs.
 */
import type { FlowEvent, InstanceStatus } from '../../engine/index.js';
import { FlowcaseError, isFlowcaseError } from '../../engine/index.js';
import { initialSnapshot } from '../../engine/flow/index.js';
import type { OutboxRow, RecordRow, StoreTx } from '../store/store.js';
import { formOf, type AppVersion } from './definitions.js';
import { loadRelations } from './relation-lookups.js';
import { roleDirectory, runEvent, stepInTx, type StepDeps } from './step-runner.js';
import type { Actor } from './types.js';

/** Children of children of … at most this deep; a start below is refused (a guard against loops the validator cannot see). */
export const MAX_SUBFLOW_DEPTH = 5;

const SYSTEM: Actor = { id: 'system', username: 'system', roles: [] };

/** What a `subflow.start` row carries (the engine's effect); the row's `instanceId` is the parent. */
export interface SubflowStartPayload {
  node: string;
  flow: string;
  callId: string;
  recordId: string;
  create: boolean;
  data?: Record<string, unknown>;
}

/** What a `subflow.done` row carries; the row's `instanceId` is the parent. */
export interface SubflowDonePayload {
  node: string;
  callId: string;
  status: Exclude<InstanceStatus, 'active'> | 'not_started';
  outcome?: string;
  detail?: string;
  childRecordId: string;
  childInstanceId?: string;
}

/** What a `subflow.cancel` row carries. */
export interface SubflowCancelPayload {
  node: string;
  callId: string;
  recordId: string;
}

export type SubflowRow = Pick<OutboxRow, 'id' | 'kind' | 'payload' | 'instanceId'>;

/** A start that will never work, whatever the retries: reported to the parent as `not_started`. */
class StartRefused extends Error {}

const CONFLICT_RETRIES = 3;

async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(isFlowcaseError(e) && e.code === 'FC_CONFLICT' && attempt < CONFLICT_RETRIES)) throw e;
    }
  }
}

interface StartContext {
  tx: StoreTx;
  version: AppVersion;
  form: string;
  submitter: string;
  now: string;
  today: string;
}

/** The child's record and the start event that records its submitted fields. */
interface ChildRecord {
  record: RecordRow;
  start: Extract<FlowEvent, { type: 'start' }>;
}

/** The child's new record, validated as a creation by the system (every input field writable). */
async function createChildRecord(ctx: StartContext, p: SubflowStartPayload): Promise<ChildRecord> {
  const { tx, version, form, now, today } = ctx;
  const { def, compiled } = formOf(version, form);
  const data = p.data ?? {};
  const lookup = await loadRelations(tx, version.app, def.fields, [data]);
  const sequences = new Map<string, number>();
  for (const field of def.fields) {
    if (field.type === 'autonumber')
      sequences.set(field.key, await tx.nextSequence(version.app, form, field.key, today.replace(/-/g, '')));
  }
  const submitted = compiled.submit(data, {
    mode: 'create',
    now,
    today,
    user: ctx.submitter,
    lookup,
    nextSequence: (key) => sequences.get(key) ?? 1,
  });
  if (!submitted.ok) {
    const problems = submitted.errors.map((e) => `${e.path} ${e.code}`).join(', ');
    throw new StartRefused(`the new "${form}" record is invalid (${problems})`);
  }
  const record = await tx.insertRecord({
    id: p.recordId,
    app: version.app,
    form,
    version: version.version,
    data: submitted.data,
    createdBy: ctx.submitter,
    createdAt: now,
  });
  return { record, start: { type: 'start', changes: submitted.changes } };
}

/** The linked record: of the child flow's form, in this app, and not in a running flow. */
async function linkedRecord(ctx: StartContext, p: SubflowStartPayload): Promise<ChildRecord> {
  const record = await ctx.tx.getRecord(p.recordId, { forUpdate: true });
  if (!record || record.app !== ctx.version.app || record.form !== ctx.form)
    throw new StartRefused(`record ${p.recordId} is not a "${ctx.form}" record of this app`);
  const current = record.instanceId ? await ctx.tx.getInstance(record.instanceId) : undefined;
  if (current?.status === 'active') throw new StartRefused(`record ${p.recordId} is still in a running flow`);
  return { record, start: { type: 'start' } };
}

async function startChild(deps: StepDeps, row: SubflowRow): Promise<void> {
  const p = row.payload as unknown as SubflowStartPayload;
  const parentId = row.instanceId ?? '';
  const head = await deps.store.getInstance(parentId);
  if (!head) return deps.store.completeOutbox(row.id);
  const version = await deps.definitions.get(head.app, head.version);
  const flow = version.flows.get(p.flow);
  const usersInRole = flow ? await roleDirectory(deps.store, version, flow.key) : () => [];
  try {
    await withRetry(() =>
      deps.store.write(async (tx) => {
        if (await tx.getSubflowLink(p.callId)) return tx.completeOutbox(row.id);
        const parent = await tx.getInstance(parentId);
        if (
          parent?.status !== 'active' ||
          !parent.snapshot.tokens.some((t) => t.subflow?.callId === p.callId)
        )
          return tx.completeOutbox(row.id);
        const at = deps.now();
        const now = at.toISOString();
        // Saving the parent unchanged moves its revision: a step of the parent racing with this
        // start (a cancel on another server) makes one of the two retry, so no child is orphaned.
        await tx.saveInstance(parent.id, parent.snapshot, parent.rev, now, parent.status);
        if (!flow) throw new StartRefused(`the app has no flow "${p.flow}"`);
        const depth = ((await tx.subflowLinkOfChild(parent.id))?.depth ?? 0) + 1;
        if (depth > MAX_SUBFLOW_DEPTH)
          throw new StartRefused(`cases may start subflows only ${MAX_SUBFLOW_DEPTH} levels deep`);
        const parentRecord = await tx.getRecord(parent.recordId);
        const ctx: StartContext = {
          tx,
          version,
          form: flow.form,
          submitter: parentRecord?.createdBy ?? 'system',
          now,
          today: deps.today(at),
        };
        const { record, start } = p.create ? await createChildRecord(ctx, p) : await linkedRecord(ctx, p);
        const instanceId = deps.newId();
        const snapshot = initialSnapshot(flow, version.version);
        const instance = await tx.insertInstance({
          id: instanceId,
          app: version.app,
          flow: flow.key,
          version: version.version,
          recordId: record.id,
          snapshot,
          createdAt: now,
        });
        const updated = await tx.updateRecord(record.id, { instanceId, updatedAt: now });
        await tx.insertSubflowLink({
          callId: p.callId,
          parentInstanceId: parent.id,
          parentRecordId: parent.recordId,
          parentNode: p.node,
          childInstanceId: instanceId,
          childRecordId: record.id,
          depth,
          createdAt: now,
        });
        const event: FlowEvent = {
          ...start,
          parent: { recordId: parent.recordId, instanceId: parent.id, node: p.node, flow: parent.flow },
        };
        const result = await stepInTx(
          deps,
          { tx, instance, record: { ...record, ...updated }, version },
          snapshot,
          event,
          SYSTEM,
          usersInRole,
          at,
        );
        await tx.saveInstance(instanceId, result.snapshot, instance.rev, now, instance.status);
        await tx.completeOutbox(row.id);
      }),
    );
  } catch (e) {
    if (!(e instanceof StartRefused)) throw e;
    const done: SubflowDonePayload = {
      node: p.node,
      callId: p.callId,
      status: 'not_started',
      detail: e.message,
      childRecordId: p.recordId,
    };
    await deps.store.write(async (tx) => {
      await tx.enqueueOutbox({
        id: deps.newId(),
        kind: 'subflow.done',
        instanceId: parentId,
        payload: { ...done },
      });
      await tx.completeOutbox(row.id);
    });
  }
}

/** Codes that mean nobody waits for this report any more: delivered, with nothing to do. */
const NOT_WAITING = new Set(['FC_EVENT_NOT_EXPECTED', 'FC_INSTANCE_NOT_ACTIVE', 'FC_NOT_FOUND']);

async function done(deps: StepDeps, row: SubflowRow): Promise<void> {
  const p = row.payload as unknown as SubflowDonePayload;
  const event: FlowEvent = {
    type: 'subflow.done',
    node: p.node,
    callId: p.callId,
    status: p.status,
    ...(p.outcome !== undefined ? { outcome: p.outcome } : {}),
    ...(p.detail !== undefined ? { detail: p.detail } : {}),
  };
  try {
    await withRetry(() =>
      runEvent(deps, row.instanceId ?? '', event, SYSTEM, { after: ({ tx }) => tx.completeOutbox(row.id) }),
    );
  } catch (e) {
    if (!(isFlowcaseError(e) && NOT_WAITING.has(e.code))) throw e;
    await deps.store.completeOutbox(row.id);
  }
}

/** The comment in a cancelled child's history. */
const CANCEL_REASON = '发起本流程的案件已结束 / The case that started this one has ended.';

async function cancel(deps: StepDeps, row: SubflowRow): Promise<void> {
  const p = row.payload as unknown as SubflowCancelPayload;
  const link = await deps.store.getSubflowLink(p.callId);
  if (link) {
    try {
      await withRetry(() =>
        runEvent(deps, link.childInstanceId, { type: 'cancel', reason: CANCEL_REASON }, SYSTEM, {
          after: ({ tx }) => tx.completeOutbox(row.id),
        }),
      );
      return;
    } catch (e) {
      if (!(isFlowcaseError(e) && NOT_WAITING.has(e.code))) throw e;
    }
  }
  // Not started (and never will be: the parent no longer waits) or ended already.
  await deps.store.completeOutbox(row.id);
}

/** Applies one `subflow.*` outbox row exactly once (see the file's comment). */
export async function applySubflowRow(deps: StepDeps, row: SubflowRow): Promise<void> {
  if (row.kind === 'subflow.start') return startChild(deps, row);
  if (row.kind === 'subflow.done') return done(deps, row);
  if (row.kind === 'subflow.cancel') return cancel(deps, row);
  throw new FlowcaseError('FC_BAD_REQUEST', `"${row.kind}" is not a subflow row.`, { path: '/kind' });
}
