/**
 * Runs one engine step against a stored instance inside one store transaction: read the instance
 * (and its record and related records), step, apply every effect, save the snapshot with an
 * optimistic check on its revision. A lost race surfaces as `FC_CONFLICT` (409), never as a
 * half-applied state.
 */
import type { FlowEvent, FlowSnapshot, StepEnv, StepResult } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import { restoreSnapshot, step } from '../../engine/flow/index.js';
import type { InstanceRow, RecordRow, Store, StoreTx } from '../store/store.js';
import { asStoredHistory } from '../store/store.js';
import { applyEffects, type AppliedEffects } from './apply-effects.js';
import { TaskLedger, type CaseState, type CaseStates } from './case-states.js';
import type { VersionCache } from '../apps/version-cache.js';
import { formOf, type AppVersion } from './definitions.js';
import { loadRelationsChecked } from './relation-lookups.js';
import type { Actor } from './types.js';
import { rejectWrite, type Rejection } from './write-problems.js';

export interface StepDeps {
  store: Store;
  definitions: VersionCache;
  now: () => Date;
  today: (at: Date) => string;
  /** An ISO instant as notices show it (the server's time zone). */
  formatTime?: (iso: string) => string;
  newId: () => string;
  /** Remembers what never changes about an instance (see `InstanceHeads`); optional. */
  heads?: InstanceHeads;
  /** Remembers instances' tasks and history as of their last step (case-states.ts); optional. */
  states?: CaseStates;
}

/** What never changes about an instance: its app, flow, version and record. */
export type InstanceHead = Pick<InstanceRow, 'app' | 'flow' | 'version' | 'recordId'>;

/**
 * A bounded memory of instance heads, so an event does not read the instance once outside its
 * transaction (to pick the compiled version) and again inside it. Only rows read from the store
 * are remembered, and the transaction still reads the instance itself.
 */
export class InstanceHeads {
  readonly #heads = new Map<string, InstanceHead>();
  constructor(private readonly capacity = 10_000) {}

  get(id: string): InstanceHead | undefined {
    return this.#heads.get(id);
  }

  /** Forgets an instance whose version changed (a migration moved it). */
  forget(id: string): void {
    this.#heads.delete(id);
  }

  remember(id: string, head: InstanceHead): void {
    if (this.#heads.has(id)) return;
    this.#heads.set(id, { app: head.app, flow: head.flow, version: head.version, recordId: head.recordId });
    if (this.#heads.size > this.capacity) this.#heads.delete(this.#heads.keys().next().value!);
  }
}

export interface StepOutcome {
  instance: InstanceRow;
  record: RecordRow;
  result: StepResult;
  version: AppVersion;
  /** The instance's tasks and history after the step, when known (see `runEvent`'s `withState`). */
  state?: CaseState;
}

/** Users per role, loaded before the transaction (the engine expands roles for `mode: all`). */
export async function roleDirectory(
  store: Store,
  version: AppVersion,
  flowKey: string,
): Promise<(role: string) => string[]> {
  const flow = version.flows.get(flowKey);
  const roles = new Set<string>();
  for (const node of Object.values(flow?.nodes ?? {})) {
    if (node.type !== 'task' || node.mode !== 'all') continue;
    for (const rule of Array.isArray(node.assignee) ? node.assignee : [node.assignee])
      if ('role' in rule) roles.add(rule.role);
  }
  const map = new Map<string, string[]>();
  for (const role of roles)
    map.set(
      role,
      (await store.listUsersByRole(role)).filter((u) => !u.disabled).map((u) => u.id),
    );
  return (role) => map.get(role) ?? [];
}

export interface RunInTx {
  tx: StoreTx;
  instance: InstanceRow;
  record: RecordRow;
  version: AppVersion;
  /** The instance's tasks and history as of `instance.rev`, when remembered from an earlier step. */
  state?: CaseState;
  /** Follows the step's task writes, when the caller keeps the instance's tasks. */
  tasks?: TaskLedger;
  /**
   * What the caller found wrong with the event's data before the transaction (users and files
   * that do not exist): the step still runs, so the form's own problems are reported with these.
   */
  problems?: Rejection;
}

/**
 * Steps an instance (created or loaded by the caller inside `tx`) and applies the result.
 * `before` lets the caller check permissions or idempotency with the loaded rows first.
 */
export async function stepInTx(
  deps: StepDeps,
  ctx: RunInTx,
  snapshot: FlowSnapshot,
  event: FlowEvent,
  actor: Actor,
  usersInRole: (role: string) => string[],
  at: Date,
): Promise<StepResult & AppliedEffects> {
  const { tx, instance, record, version } = ctx;
  const flow = version.flows.get(instance.flow);
  if (!flow)
    throw new FlowcaseError(
      'FC_SNAPSHOT_INVALID',
      `App version ${version.version} has no flow "${instance.flow}".`,
    );
  const form = formOf(version, flow.form);
  const eventData =
    event.type === 'task.complete' ? event.data : event.type === 'event.receive' ? event.payload : undefined;
  const written = eventData ?? (event.type === 'backfill' ? event.data : undefined);
  const guard = written === undefined ? undefined : { actor, version, written, previous: record.data };
  const { lookup, refused } = await loadRelationsChecked(
    tx,
    instance.app,
    form.def.fields,
    [record.data, eventData],
    guard,
  );
  // Every problem of the written data at once: the server's (users, files, links) and the form's.
  const found = [ctx.problems, refused];
  const now = at.toISOString();
  const today = deps.today(at);
  const env: StepEnv = {
    now,
    today,
    newId: deps.newId,
    actor: actor.id,
    actorRoles: [...actor.roles],
    record: record.data,
    submitter: record.createdBy,
    lookup,
    form: form.compiled,
    usersInRole,
    ...(deps.formatTime ? { formatTime: deps.formatTime } : {}),
  };
  let result: StepResult;
  try {
    result = step(flow, snapshot, event, env);
  } catch (e) {
    throw rejectWrite(form.def.fields, found, e) ?? e;
  }
  // Nothing of this step is kept when the server refused part of its data (the transaction rolls back).
  const refusal = rejectWrite(form.def.fields, found);
  if (refusal) throw refusal;
  const applied = await applyEffects(
    {
      tx,
      version,
      instance,
      form: flow.form,
      now,
      today,
      newId: deps.newId,
      lookup,
      ...(ctx.tasks ? { tasks: ctx.tasks } : {}),
    },
    result,
    record.data,
  );
  return { ...result, ...applied };
}

/**
 * Loads the instance, steps it with `event` and saves it, in one transaction. `check` runs inside
 * the transaction before the step (permission checks, idempotency look-ups) and may throw;
 * `problems` (the event data's users and files that do not exist) are reported after it, with the
 * step's own problems. With
 * `withState`, the outcome carries the instance's tasks and history after the step: from what the
 * step wrote on top of the state remembered for the revision it read (no read at all), or else
 * read inside the transaction first.
 */
export async function runEvent(
  deps: StepDeps,
  instanceId: string,
  event: FlowEvent,
  actor: Actor,
  options: RunEventOptions = {},
): Promise<StepOutcome> {
  try {
    return await runEventOnHead(deps, instanceId, event, actor, options);
  } catch (e) {
    // A migration moved the instance to another version since its head was remembered: once
    // more with the head read afresh, so the step runs on the version the instance is on.
    if (!(e instanceof StaleHead)) throw e;
    deps.heads?.forget(instanceId);
    return runEventOnHead(deps, instanceId, event, actor, options);
  }
}

interface RunEventOptions {
  check?: (ctx: RunInTx) => Promise<void>;
  after?: (ctx: RunInTx, result: StepResult) => Promise<void>;
  withState?: boolean;
  problems?: Rejection;
}

class StaleHead extends Error {}

async function runEventOnHead(
  deps: StepDeps,
  instanceId: string,
  event: FlowEvent,
  actor: Actor,
  options: RunEventOptions,
): Promise<StepOutcome> {
  const head = deps.heads?.get(instanceId) ?? (await deps.store.getInstance(instanceId));
  if (!head) throw new FlowcaseError('FC_NOT_FOUND', `No instance ${instanceId}.`, { path: '/id' });
  const version = await deps.definitions.get(head.app, head.version);
  const usersInRole = await roleDirectory(deps.store, version, head.flow);
  const outcome = await deps.store.write(async (tx): Promise<StepOutcome> => {
    const instance = await tx.getInstance(instanceId);
    const record = instance && (await tx.getRecord(instance.recordId, { forUpdate: true }));
    if (!instance || !record)
      throw new FlowcaseError('FC_NOT_FOUND', `No instance ${instanceId}.`, { path: '/id' });
    if (instance.version !== version.version) {
      if (deps.heads?.get(instanceId)) throw new StaleHead();
      throw new FlowcaseError('FC_CONFLICT', `Instance ${instanceId} moved to another version; try again.`, {
        path: '/version',
      });
    }
    deps.heads?.remember(instanceId, instance);
    const known = deps.states?.at(instanceId, instance.rev);
    const ctx: RunInTx = {
      tx,
      instance,
      record,
      version,
      ...(known ? { state: known } : {}),
      ...(options.problems ? { problems: options.problems } : {}),
    };
    await options.check?.(ctx);
    const at = deps.now();
    const now = at.toISOString();
    const before =
      known ??
      (options.withState
        ? { tasks: await tx.listTasks(instanceId), history: await tx.listHistory(instanceId) }
        : undefined);
    if (before) ctx.tasks = new TaskLedger(before.tasks, now);
    const { recordWritten, appended, ...result } = await stepInTx(
      deps,
      ctx,
      restoreSnapshot(instance.snapshot),
      event,
      actor,
      usersInRole,
      at,
    );
    const rev = await tx.saveInstance(instance.id, result.snapshot, instance.rev, now, instance.status);
    await options.after?.(ctx, result);
    return {
      instance: {
        ...instance,
        snapshot: result.snapshot,
        status: result.snapshot.status,
        rev,
        updatedAt: now,
      },
      record: { ...record, data: result.record, ...(recordWritten ? { updatedAt: now } : {}) },
      result,
      version,
      ...(before && ctx.tasks
        ? {
            state: {
              rev,
              tasks: ctx.tasks.rows(),
              history: [...before.history, ...asStoredHistory(appended)],
            },
          }
        : {}),
    };
  });
  // Only now is the step committed: its state may be remembered.
  if (outcome.state) deps.states?.remember(instanceId, outcome.state);
  return outcome;
}
